#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "shelf/directions.h"
#include "shelf/error.h"
#include "shelf/random.h"
#include "shelf/vector_store.h"

namespace {

// Gender along e1, royalty along e2, and a part every word shares along e3: the four words sit
// at the corners of a square seen from the e3 axis.
shelf::VectorStore square_store() {
  shelf::Embeddings e;
  e.words = {"man", "woman", "king", "queen", "crown", "void"};
  const std::vector<std::vector<float>> rows{
      {-1, -1, 1}, {1, -1, 1}, {-1, 1, 1}, {1, 1, 1}, {0, 2, 0}, {0, 0, 0}};
  for (const auto& row : rows) e.vectors.push_row(row.data(), row.size());
  return shelf::VectorStore(std::move(e));
}

const std::vector<shelf::WordPair> kGender{{"man", "woman"}, {"king", "queen"}};
const std::vector<shelf::WordPair> kRoyalty{{"man", "king"}, {"woman", "queen"}};

}  // namespace

TEST_CASE("directions: the corners of the square land on the corners") {
  const auto store = square_store();
  const auto plot = shelf::plot_directions(store, kGender, kRoyalty, {"man", "woman", "king", "queen", "crown"});
  REQUIRE(plot.words == std::vector<std::string>{"man", "woman", "king", "queen", "crown"});
  const float third = 1 / std::sqrt(3.0f);
  const std::vector<float> x{-third, third, -third, third, 0};
  const std::vector<float> y{-third, -third, third, third, 1};
  for (std::size_t i = 0; i < x.size(); ++i) {
    CHECK(plot.x[i] == doctest::Approx(x[i]).epsilon(1e-5));
    CHECK(plot.y[i] == doctest::Approx(y[i]).epsilon(1e-5));
  }
  CHECK(plot.axes_cosine == doctest::Approx(0).epsilon(1e-6));
  REQUIRE(plot.x_agreement.size() == 2);
  for (const float a : plot.x_agreement) CHECK(a == doctest::Approx(1).epsilon(1e-5));
  for (const float a : plot.y_agreement) CHECK(a == doctest::Approx(1).epsilon(1e-5));
  CHECK(plot.unknown.empty());
}

TEST_CASE("directions: words as typed, then lowercased; unknown ones listed, repeats once, zero vectors at 0") {
  const auto store = square_store();
  const auto plot = shelf::plot_directions(store, {{" Man ", "WOMAN"}}, kRoyalty, {"Queen", "zebra", "queen", " ", "void"});
  CHECK(plot.words == std::vector<std::string>{"queen", "void"});
  CHECK(plot.unknown == std::vector<std::string>{"zebra"});
  CHECK(plot.x[1] == 0.0f);
  CHECK(plot.y[1] == 0.0f);
}

TEST_CASE("directions: a pair against the others disagrees with the axis they make") {
  const auto store = square_store();
  // Two pairs step from female to male, one the other way: the axis follows the two.
  const auto plot = shelf::plot_directions(store, {{"man", "woman"}, {"queen", "king"}, {"woman", "man"}}, kRoyalty, {"man"});
  REQUIRE(plot.x_agreement.size() == 3);
  CHECK(plot.x_agreement[0] < -0.99f);
  CHECK(plot.x_agreement[1] > 0.99f);
  CHECK(plot.x_agreement[2] > 0.99f);
  CHECK(plot.x[0] > 0.5f);  // man is now on the positive side
}

TEST_CASE("directions: bad axes and too many words are clear errors") {
  const auto store = square_store();
  CHECK_THROWS_WITH_AS(shelf::plot_directions(store, {}, kRoyalty, {"man"}), "the x axis needs at least one word pair",
                       shelf::Error);
  CHECK_THROWS_WITH_AS(shelf::plot_directions(store, kGender, {{"man", "zebra"}}, {"man"}),
                       "unknown word 'zebra' in the pair man → zebra of the y axis", shelf::Error);
  CHECK_THROWS_WITH_AS(shelf::plot_directions(store, {{"man", ""}}, kRoyalty, {"man"}),
                       "a pair of the x axis has an empty word", shelf::Error);
  CHECK_THROWS_WITH_AS(shelf::plot_directions(store, {{"man", "woman"}, {"woman", "man"}}, kRoyalty, {"man"}),
                       "the pairs of the x axis cancel out: they give no direction", shelf::Error);
  CHECK_THROWS_AS(shelf::plot_directions(store, kGender, kRoyalty, std::vector<std::string>(501, "man")), shelf::Error);
  CHECK_THROWS_AS(shelf::plot_directions(store, std::vector<shelf::WordPair>(51, {"man", "woman"}), kRoyalty, {"man"}),
                  shelf::Error);
}

TEST_CASE("directions: random vectors agree with a plain double-precision computation") {
  shelf::Random random(7);
  shelf::Embeddings e;
  const std::size_t dim = 37;
  for (int w = 0; w < 12; ++w) {
    e.words.push_back("w" + std::to_string(w));
    std::vector<float> row(dim);
    for (auto& v : row) v = static_cast<float>(random.uniform() * 2 - 1);
    e.vectors.push_row(row.data(), dim);
  }
  const shelf::Matrix raw = e.vectors;
  const shelf::VectorStore store(std::move(e));
  const std::vector<shelf::WordPair> xs{{"w0", "w1"}, {"w2", "w3"}, {"w4", "w5"}};
  const std::vector<shelf::WordPair> ys{{"w6", "w7"}, {"w8", "w9"}};
  const auto unit = [&](int w) {
    std::vector<double> v(raw.row(static_cast<std::size_t>(w)), raw.row(static_cast<std::size_t>(w)) + dim);
    double n = 0;
    for (double x : v) n += x * x;
    for (double& x : v) x /= std::sqrt(n);
    return v;
  };
  const auto axis = [&](const std::vector<std::pair<int, int>>& pairs) {
    std::vector<double> d(dim, 0.0);
    for (const auto& [from, to] : pairs) {
      const auto a = unit(from);
      const auto b = unit(to);
      for (std::size_t i = 0; i < dim; ++i) d[i] += b[i] - a[i];
    }
    double n = 0;
    for (double x : d) n += x * x;
    for (double& x : d) x /= std::sqrt(n);
    return d;
  };
  const auto dx = axis({{0, 1}, {2, 3}, {4, 5}});
  const auto dy = axis({{6, 7}, {8, 9}});
  const auto plot = shelf::plot_directions(store, xs, ys, {"w10", "w11", "w3"});
  const int ids[] = {10, 11, 3};
  for (int i = 0; i < 3; ++i) {
    const auto u = unit(ids[i]);
    double x = 0, y = 0;
    for (std::size_t j = 0; j < dim; ++j) {
      x += u[j] * dx[j];
      y += u[j] * dy[j];
    }
    CHECK(plot.x[static_cast<std::size_t>(i)] == doctest::Approx(x).epsilon(1e-5));
    CHECK(plot.y[static_cast<std::size_t>(i)] == doctest::Approx(y).epsilon(1e-5));
  }
}
