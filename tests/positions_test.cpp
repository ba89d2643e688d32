#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "shelf/error.h"
#include "shelf/kernels.h"
#include "shelf/positions.h"
#include "shelf/random.h"

namespace {

double cosine(const std::vector<float>& a, const std::vector<float>& b) {
  REQUIRE(a.size() == b.size());
  double ab = 0, aa = 0, bb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) ab += double(a[i]) * b[i], aa += double(a[i]) * a[i], bb += double(b[i]) * b[i];
  return ab / std::sqrt(aa * bb);
}

shelf::Embeddings random_words(const std::vector<std::string>& words, std::size_t dim, std::uint64_t seed) {
  shelf::Random random(seed);
  shelf::Embeddings e;
  std::vector<float> v(dim);
  for (const auto& word : words) {
    for (float& x : v) x = random.uniform() - 0.5f;
    e.words.push_back(word);
    e.vectors.push_row(v.data(), dim);
  }
  return e;
}

}  // namespace

TEST_CASE("positional encodings match sin and cos by hand") {
  const auto pe = shelf::positional_encoding(6, 4);
  REQUIRE(pe.rows() == 6);
  REQUIRE(pe.cols() == 4);
  for (std::size_t p = 0; p < 6; ++p) {
    const double x = static_cast<double>(p);
    CHECK(pe.at(p, 0) == doctest::Approx(std::sin(x)));          // 10000^(0/4) = 1
    CHECK(pe.at(p, 1) == doctest::Approx(std::cos(x)));
    CHECK(pe.at(p, 2) == doctest::Approx(std::sin(x / 100.0)));  // 10000^(2/4) = 100
    CHECK(pe.at(p, 3) == doctest::Approx(std::cos(x / 100.0)));
  }
  // Odd width: the last column is a sin of its own frequency.
  const auto odd = shelf::positional_encoding(3, 5, 100.0);
  CHECK(odd.at(2, 4) == doctest::Approx(std::sin(2.0 / std::pow(100.0, 4.0 / 5.0))));
  CHECK(odd.at(2, 3) == doctest::Approx(std::cos(2.0 / std::pow(100.0, 2.0 / 5.0))));
  const auto one = shelf::positional_encoding(2, 1);
  CHECK(one.at(1, 0) == doctest::Approx(std::sin(1.0)));
  // Position 0 is (0, 1, 0, 1, ...).
  for (std::size_t c = 0; c < 4; ++c) CHECK(pe.at(0, c) == (c % 2 ? 1.0f : 0.0f));
  CHECK(shelf::positional_encoding(0, 8).rows() == 0);
}

TEST_CASE("the dot product of two positions depends only on their distance") {
  const std::size_t dim = 16;
  const auto pe = shelf::positional_encoding(64, dim);
  for (std::size_t k : {1u, 3u, 7u}) {
    // sum over pairs of sin(a)sin(b) + cos(a)cos(b) = sum of cos(k * frequency)
    double expected = 0;
    for (std::size_t i = 0; i < dim / 2; ++i) expected += std::cos(k / std::pow(10000.0, 2.0 * i / dim));
    for (std::size_t p : {0u, 5u, 20u, 40u}) {
      CAPTURE(k);
      CAPTURE(p);
      CHECK(shelf::kernels::dot(pe.row(p), pe.row(p + k), dim) == doctest::Approx(expected).epsilon(1e-5));
    }
  }
}

TEST_CASE("positional encodings reject a width of 0 and a bad base") {
  CHECK_THROWS_AS(shelf::positional_encoding(4, 0), shelf::Error);
  CHECK_THROWS_AS(shelf::positional_encoding(4, 8, 0.0), shelf::Error);
  CHECK_THROWS_AS(shelf::positional_encoding(4, 8, -2.0), shelf::Error);
  CHECK_THROWS_AS(shelf::positional_encoding(4, 8, std::numeric_limits<double>::infinity()), shelf::Error);
}

TEST_CASE("a sentence's inputs are its token vectors plus scaled positions") {
  const auto e = random_words({"dog", "bites", "man"}, 8, 3);
  const auto input = shelf::sentence_input(e, "Dog bites zebra!", 2.0);
  CHECK(input.tokens == std::vector<std::string>{"dog", "bites", "zebra"});
  CHECK(input.ids == std::vector<std::int32_t>{0, 1, -1});
  const auto pe = shelf::positional_encoding(3, 8);
  for (std::size_t c = 0; c < 8; ++c) {
    CHECK(input.token_vectors.at(0, c) == e.vectors.at(0, c));
    CHECK(input.token_vectors.at(2, c) == 0.0f);  // unknown
    for (std::size_t p = 0; p < 3; ++p) {
      CHECK(input.position_vectors.at(p, c) == doctest::Approx(2.0f * pe.at(p, c)));
      CHECK(input.inputs.at(p, c) == doctest::Approx(input.token_vectors.at(p, c) + input.position_vectors.at(p, c)));
    }
  }
  const auto plain = shelf::sentence_input(e, "dog bites man", 0.0);
  for (std::size_t i = 0; i < plain.inputs.size(); ++i) CHECK(plain.inputs.data()[i] == plain.token_vectors.data()[i]);
}

TEST_CASE("word order: a bag of words cannot tell, positions can") {
  const auto e = random_words({"dog", "bites", "man"}, 16, 5);
  const shelf::WordLookup lookup(e.words);
  const auto a = shelf::sentence_input(e, lookup, "dog bites man");
  const auto b = shelf::sentence_input(e, lookup, "man bites dog");

  // Mean pooling is blind to order, with or without positions (same words, same positions).
  CHECK(cosine(shelf::mean_pool(a.token_vectors), shelf::mean_pool(b.token_vectors)) == doctest::Approx(1.0).epsilon(1e-6));
  CHECK(cosine(shelf::mean_pool(a.inputs), shelf::mean_pool(b.inputs)) == doctest::Approx(1.0).epsilon(1e-6));

  // The sequences differ: compared slot by slot they are not the same.
  CHECK(cosine(shelf::concat_pool(a.inputs), shelf::concat_pool(b.inputs)) < 1.0 - 1e-3);
  // And with positions, "dog" itself is a different input at the start than at the end.
  std::vector<float> dog_first(a.inputs.row(0), a.inputs.row(0) + 16), dog_last(b.inputs.row(2), b.inputs.row(2) + 16);
  std::vector<float> token_first(a.token_vectors.row(0), a.token_vectors.row(0) + 16),
      token_last(b.token_vectors.row(2), b.token_vectors.row(2) + 16);
  CHECK(token_first == token_last);
  CHECK(cosine(dog_first, dog_last) < 1.0 - 1e-3);
}

TEST_CASE("pooling and sentence inputs report bad input") {
  const auto e = random_words({"dog"}, 4, 1);
  CHECK_THROWS_AS(shelf::sentence_input(e, "  ...  "), shelf::Error);
  CHECK_THROWS_AS(shelf::sentence_input(e, "dog", std::nan("")), shelf::Error);
  CHECK_THROWS_AS(shelf::sentence_input(e, shelf::WordLookup({"dog", "cat"}), "dog"), shelf::Error);
  CHECK_THROWS_AS(shelf::mean_pool(shelf::Matrix(0, 4)), shelf::Error);
  std::string longest;
  for (std::size_t i = 0; i < shelf::kMaxSentenceTokens; ++i) longest += "dog ";
  CHECK(shelf::sentence_input(e, longest).inputs.rows() == shelf::kMaxSentenceTokens);
  CHECK_THROWS_WITH_AS(shelf::sentence_input(e, longest + "dog"),
                       doctest::Contains("has 1025 words; at most 1024"), shelf::Error);
  CHECK(shelf::concat_pool(shelf::Matrix(0, 4)).empty());
  shelf::Matrix m(2, 2);
  m.at(0, 0) = 1, m.at(0, 1) = 2, m.at(1, 0) = 3, m.at(1, 1) = 6;
  CHECK(shelf::mean_pool(m) == std::vector<float>{2, 4});
  CHECK(shelf::concat_pool(m) == std::vector<float>{1, 2, 3, 6});
}
