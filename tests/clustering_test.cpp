#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "shelf/clustering.h"
#include "shelf/error.h"
#include "shelf/kernels.h"
#include "shelf/random.h"

namespace {

// `per_blob` points around each centre, spread `spread`; truth receives the blob of each point.
shelf::Matrix blobs(const std::vector<std::vector<float>>& centres, std::size_t per_blob, double spread,
                    std::uint64_t seed, std::vector<std::int32_t>& truth) {
  shelf::Random random(seed);
  shelf::Matrix points;
  truth.clear();
  std::vector<float> p(centres[0].size());
  for (std::size_t i = 0; i < per_blob; ++i) {
    for (std::size_t b = 0; b < centres.size(); ++b) {  // interleaved, so no blob is a block of ids
      for (std::size_t c = 0; c < p.size(); ++c) p[c] = centres[b][c] + static_cast<float>(spread * random.gaussian());
      points.push_row(p.data(), p.size());
      truth.push_back(static_cast<std::int32_t>(b));
    }
  }
  return points;
}

shelf::Matrix uniform_points(std::size_t n, std::size_t dim, std::uint64_t seed) {
  shelf::Random random(seed);
  shelf::Matrix m(n, dim);
  for (std::size_t i = 0; i < m.size(); ++i) m.data()[i] = random.uniform();
  return m;
}

}  // namespace

TEST_CASE("k-means recovers well-separated blobs exactly") {
  std::vector<std::int32_t> truth;
  const auto points = blobs({{10, 10}, {-10, 10}, {10, -10}, {-10, -10}, {0, 0}}, 40, 0.5, 3, truth);
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    CAPTURE(seed);
    const auto result = shelf::kmeans(points, 5, seed, 100, false);
    CHECK(shelf::adjusted_rand_index(result.labels, truth) == 1.0);
    CHECK(shelf::purity(result.labels, truth) == 1.0);
    CHECK(result.converged);
    CHECK(result.centroids.rows() == 5);
  }
}

TEST_CASE("cosine k-means groups by direction whatever the length") {
  // Three directions in 6-D; each point's length is anything from 0.5 to 20.
  std::vector<std::int32_t> truth;
  auto points = blobs({{1, 0, 0, 0, 0, 0}, {0, 0, 1, 1, 0, 0}, {0, 0, 0, 0, 0, 1}}, 30, 0.05, 8, truth);
  shelf::Random random(4);
  for (std::size_t r = 0; r < points.rows(); ++r) {
    shelf::kernels::scale(0.5f + 19.5f * random.uniform(), points.row(r), points.cols());
  }
  const auto result = shelf::kmeans(points, 3, 1, 100, true);
  CHECK(shelf::adjusted_rand_index(result.labels, truth) == 1.0);
  for (std::size_t c = 0; c < 3; ++c) CHECK(shelf::kernels::norm(result.centroids.row(c), 6) == doctest::Approx(1.0f));
}

TEST_CASE("the same seed gives the same clustering") {
  const auto points = uniform_points(400, 5, 6);
  for (bool cosine : {false, true}) {
    const auto a = shelf::kmeans(points, 7, 11, 100, cosine);
    const auto b = shelf::kmeans(points, 7, 11, 100, cosine);
    CHECK(a.labels == b.labels);
    CHECK(a.inertia == b.inertia);
    CHECK(a.iterations == b.iterations);
  }
}

TEST_CASE("inertia never increases, step by step or by iteration cap") {
  const auto points = uniform_points(500, 4, 9);
  for (bool cosine : {false, true}) {
    CAPTURE(cosine);
    shelf::KMeans clustering(points, 8, 5, cosine);
    CHECK(clustering.iterations() == 0);
    double previous = clustering.inertia();
    std::vector<double> history{previous};
    while (clustering.step()) {
      CHECK(clustering.inertia() <= previous * (1 + 1e-6));
      previous = clustering.inertia();
      history.push_back(previous);
    }
    CHECK(clustering.converged());
    CHECK_FALSE(clustering.step());  // nothing more to do
    // kmeans() with a cap stops at the same place the steps went through.
    for (int cap = 0; cap < static_cast<int>(history.size()); ++cap) {
      CHECK(shelf::kmeans(points, 8, 5, cap, cosine).inertia == history[static_cast<std::size_t>(cap)]);
    }
  }
}

TEST_CASE("a converged clustering is a fixed point of Lloyd's algorithm") {
  const auto points = uniform_points(300, 3, 10);
  const auto result = shelf::kmeans(points, 6, 2, 1000, false);
  REQUIRE(result.converged);
  double inertia = 0;
  for (std::size_t i = 0; i < points.rows(); ++i) {  // every point is with its nearest centroid
    float best = 1e30f;
    for (std::size_t c = 0; c < 6; ++c) best = std::min(best, shelf::kernels::squared_distance(points.row(i), result.centroids.row(c), 3));
    const auto own = static_cast<std::size_t>(result.labels[i]);
    CHECK(shelf::kernels::squared_distance(points.row(i), result.centroids.row(own), 3) == doctest::Approx(best));
    inertia += best;
  }
  CHECK(result.inertia == doctest::Approx(inertia));
  for (std::size_t c = 0; c < 6; ++c) {  // every centroid is the mean of its points
    std::vector<double> mean(3, 0.0);
    int count = 0;
    for (std::size_t i = 0; i < points.rows(); ++i) {
      if (result.labels[i] != static_cast<std::int32_t>(c)) continue;
      ++count;
      for (std::size_t d = 0; d < 3; ++d) mean[d] += points.at(i, d);
    }
    REQUIRE(count > 0);
    for (std::size_t d = 0; d < 3; ++d) CHECK(result.centroids.at(c, d) == doctest::Approx(mean[d] / count).epsilon(1e-4));
  }
}

TEST_CASE("an empty cluster is re-seeded from the point farthest from its centroid") {
  shelf::Matrix points(5, 1);
  const float xs[5] = {0, 1, 10, 11, 12};
  for (std::size_t i = 0; i < 5; ++i) points.at(i, 0) = xs[i];
  shelf::Matrix start(3, 1);
  start.at(0, 0) = -100, start.at(1, 0) = 0.5f, start.at(2, 0) = 11;  // the first one wins no point
  shelf::KMeans clustering(points, {0, 1, 2, 3, 4}, start, false);
  CHECK(clustering.labels() == std::vector<std::int32_t>{1, 1, 2, 2, 2});
  const double before = clustering.inertia();
  CHECK(clustering.step());
  CHECK(clustering.reseeds() == 1);
  // Farthest from its centroid after the move: 10 and 12 (both 1 from 11); the first is taken.
  CHECK(clustering.centroids().at(0, 0) == 10.0f);
  CHECK(clustering.labels() == std::vector<std::int32_t>{1, 1, 0, 2, 2});
  CHECK(clustering.inertia() < before);
  while (clustering.step()) {
  }
  CHECK(clustering.converged());
  CHECK(clustering.reseeds() == 1);
}

TEST_CASE("small random clusterings keep valid labels and falling inertia") {
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    const auto points = uniform_points(12, 2, seed);
    shelf::KMeans clustering(points, 6, seed, false);
    double previous = clustering.inertia();
    while (clustering.iterations() < 50 && clustering.step()) {
      CHECK(clustering.inertia() <= previous * (1 + 1e-6));
      previous = clustering.inertia();
    }
    for (auto label : clustering.labels()) CHECK((label >= 0 && label < 6));
  }
}

TEST_CASE("given initial centroids must match the vectors") {
  const auto points = uniform_points(5, 3, 1);
  CHECK_THROWS_AS(shelf::KMeans(points, {0, 1, 2}, shelf::Matrix(2, 4), false), shelf::Error);
  CHECK_THROWS_AS(shelf::KMeans(points, {0, 1}, shelf::Matrix(3, 3), false), shelf::Error);
  CHECK_THROWS_AS(shelf::KMeans(points, {0, 1}, shelf::Matrix(0, 3), false), shelf::Error);
  shelf::Matrix start(2, 3, 2.0f);
  const shelf::KMeans spherical(points, {0, 1, 2, 3, 4}, start, true);
  CHECK(shelf::kernels::norm(spherical.centroids().row(0), 3) == doctest::Approx(1.0f));
}

TEST_CASE("duplicate points and k equal to the number of points are fine") {
  shelf::Matrix points(4, 2, 1.0f);  // three copies of one point and one other
  points.at(3, 0) = 5.0f;
  const auto result = shelf::kmeans(points, 3, 1, 20, false);
  for (auto label : result.labels) CHECK((label >= 0 && label < 3));
  CHECK(result.labels[0] == result.labels[1]);
  CHECK(result.labels[3] != result.labels[0]);
  CHECK(result.inertia == doctest::Approx(0.0));

  const auto each_alone = shelf::kmeans(uniform_points(5, 3, 2), 5, 1, 20, false);
  CHECK(shelf::adjusted_rand_index(each_alone.labels, {0, 1, 2, 3, 4}) == 1.0);
}

TEST_CASE("k-means on a subset labels the subset in its order") {
  std::vector<std::int32_t> truth;
  const auto points = blobs({{5, 0}, {-5, 0}}, 20, 0.3, 1, truth);
  std::vector<std::int32_t> subset, subset_truth;
  for (std::int32_t i = 0; i < static_cast<std::int32_t>(points.rows()); i += 3) {
    subset.push_back(i);
    subset_truth.push_back(truth[static_cast<std::size_t>(i)]);
  }
  const auto result = shelf::kmeans(points, subset, 2, 1, 100, false);
  REQUIRE(result.labels.size() == subset.size());
  CHECK(shelf::adjusted_rand_index(result.labels, subset_truth) == 1.0);
}

TEST_CASE("k-means reports impossible requests") {
  const auto points = uniform_points(3, 2, 1);
  CHECK_THROWS_WITH_AS(shelf::kmeans(points, 0), doctest::Contains("at least 1 cluster"), shelf::Error);
  CHECK_THROWS_WITH_AS(shelf::kmeans(points, 4), doctest::Contains("cannot make 4 clusters from 3"), shelf::Error);
  CHECK_THROWS_AS(shelf::kmeans(shelf::Matrix(), 1), shelf::Error);
  CHECK_THROWS_AS(shelf::kmeans(points, std::vector<std::int32_t>{0, 3}, 1), shelf::Error);
  CHECK_THROWS_AS(shelf::kmeans(points, std::vector<std::int32_t>{-1}, 1), shelf::Error);
  CHECK_THROWS_AS(shelf::kmeans(points, std::vector<std::int32_t>{}, 1), shelf::Error);
  CHECK_THROWS_AS(shelf::kmeans(points, 2, 1, -1), shelf::Error);
  CHECK_THROWS_AS(shelf::kmeans(shelf::Matrix(3, 0), 1), shelf::Error);
}

TEST_CASE("adjusted Rand index: identical, relabelled, and a hand-computed example") {
  const std::vector<std::int32_t> a{0, 0, 0, 1, 1, 1};
  CHECK(shelf::adjusted_rand_index(a, a) == 1.0);
  CHECK(shelf::adjusted_rand_index(a, {7, 7, 7, -2, -2, -2}) == doctest::Approx(1.0));
  // b = {0,0,1,1,2,2}: pairs together in both = C(2,2) + C(1,2) + C(1,2) + C(2,2) = 2;
  // in a: 2 C(3,2) = 6; in b: 3 C(2,2) = 3; all pairs C(6,2) = 15; expected = 6 * 3 / 15 = 1.2;
  // ARI = (2 - 1.2) / ((6 + 3) / 2 - 1.2) = 0.8 / 3.3 = 8 / 33.
  const std::vector<std::int32_t> b{0, 0, 1, 1, 2, 2};
  CHECK(shelf::adjusted_rand_index(a, b) == doctest::Approx(8.0 / 33.0));
  CHECK(shelf::adjusted_rand_index(b, a) == doctest::Approx(8.0 / 33.0));
  // Degenerate partitions: all together in both, each alone in both, a single point.
  CHECK(shelf::adjusted_rand_index({1, 1, 1}, {4, 4, 4}) == 1.0);
  CHECK(shelf::adjusted_rand_index({0, 1, 2}, {2, 0, 1}) == 1.0);
  CHECK(shelf::adjusted_rand_index({3}, {5}) == 1.0);
  CHECK(shelf::adjusted_rand_index({0, 0, 1, 1}, {0, 1, 0, 1}) < 0);  // worse than chance
  CHECK_THROWS_AS(shelf::adjusted_rand_index({0, 1}, {0}), shelf::Error);
  CHECK_THROWS_AS(shelf::adjusted_rand_index({}, {}), shelf::Error);
}

TEST_CASE("purity: hand-computed example") {
  // Cluster 0 holds classes {a, a, b} (majority 2), cluster 1 {b, b, b} (3), cluster 2 {a, c} (1): 6 / 8.
  const std::vector<std::int32_t> clusters{0, 0, 0, 1, 1, 1, 2, 2};
  const std::vector<std::int32_t> classes{10, 10, 11, 11, 11, 11, 10, 12};
  CHECK(shelf::purity(clusters, classes) == doctest::Approx(0.75));
  CHECK(shelf::purity(classes, classes) == 1.0);
  CHECK_THROWS_AS(shelf::purity({0}, {0, 1}), shelf::Error);
  CHECK_THROWS_AS(shelf::purity({}, {}), shelf::Error);
}
