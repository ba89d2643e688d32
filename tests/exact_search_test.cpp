#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "shelf/error.h"
#include "shelf/exact_search.h"
#include "shelf/kernels.h"

namespace {

// Small integer components make many exact ties, which is what the id tie-break is about.
shelf::Matrix random_matrix(std::size_t rows, std::size_t dim, std::mt19937& rng, bool coarse) {
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  std::uniform_int_distribution<int> small(-1, 1);
  shelf::Matrix m(rows, dim);
  for (std::size_t i = 0; i < m.size(); ++i) {
    m.data()[i] = coarse ? static_cast<float>(small(rng)) : uniform(rng);
  }
  return m;
}

std::vector<shelf::Neighbor> naive_top_k(const std::vector<float>& scores, std::size_t k,
                                         const std::vector<std::int32_t>& exclude) {
  std::vector<shelf::Neighbor> all;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const auto id = static_cast<std::int32_t>(i);
    if (std::find(exclude.begin(), exclude.end(), id) == exclude.end()) all.push_back({id, scores[i]});
  }
  std::sort(all.begin(), all.end(), [](const shelf::Neighbor& a, const shelf::Neighbor& b) {
    return a.score > b.score || (a.score == b.score && a.id < b.id);
  });
  if (all.size() > k) all.resize(k);
  return all;
}

void check_same(const std::vector<shelf::Neighbor>& actual,
                const std::vector<shelf::Neighbor>& expected) {
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    CAPTURE(i);
    CHECK(actual[i].id == expected[i].id);
    CHECK(actual[i].score == expected[i].score);
  }
}

}  // namespace

TEST_CASE("top_k_inner_product matches a full sort, ties by lower id") {
  std::mt19937 rng(2024);
  for (bool coarse : {false, true}) {
    for (std::size_t rows : {0u, 1u, 7u, 255u, 256u, 257u, 1000u}) {
      const std::size_t dim = coarse ? 4 : 33;
      const shelf::Matrix matrix = random_matrix(rows, dim, rng, coarse);
      const shelf::Matrix queries = random_matrix(1, dim, rng, coarse);
      std::vector<float> scores(rows);
      for (std::size_t r = 0; r < rows; ++r) {
        scores[r] = shelf::kernels::dot(matrix.row(r), queries.row(0), dim);
      }
      std::vector<std::int32_t> exclude;
      if (rows > 3) exclude = {0, static_cast<std::int32_t>(rows / 2), static_cast<std::int32_t>(rows - 1)};
      exclude.push_back(static_cast<std::int32_t>(rows + 10));  // ids that do not exist are harmless
      for (std::size_t k : {0u, 1u, 5u, 100u, 2000u}) {
        CAPTURE(coarse);
        CAPTURE(rows);
        CAPTURE(k);
        check_same(shelf::top_k_inner_product(matrix, queries.row(0), k), naive_top_k(scores, k, {}));
        check_same(shelf::top_k_inner_product(matrix, queries.row(0), k, exclude),
                   naive_top_k(scores, k, exclude));
        check_same(shelf::top_k_of_scores(scores.data(), rows, k, exclude),
                   naive_top_k(scores, k, exclude));
      }
    }
  }
}

TEST_CASE("top_k_of_scores: ties, exclusions, huge k, NaN last") {
  const std::vector<float> scores{0.5f, 0.9f, 0.5f, 0.9f, 0.1f};
  const auto top = shelf::top_k_of_scores(scores.data(), scores.size(), 3);
  REQUIRE(top.size() == 3);
  CHECK(top[0].id == 1);
  CHECK(top[1].id == 3);
  CHECK(top[2].id == 0);

  const auto without = shelf::top_k_of_scores(scores.data(), scores.size(), 2, {1, 0});
  REQUIRE(without.size() == 2);
  CHECK(without[0].id == 3);
  CHECK(without[1].id == 2);

  const auto all = shelf::top_k_of_scores(scores.data(), scores.size(),
                                          std::numeric_limits<std::size_t>::max());
  CHECK(all.size() == scores.size());

  CHECK(shelf::top_k_of_scores(nullptr, 0, 4).empty());

  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> with_nan{nan, 0.2f, nan, -5.0f};
  const auto ranked = shelf::top_k_of_scores(with_nan.data(), with_nan.size(), 4);
  REQUIRE(ranked.size() == 4);
  CHECK(ranked[0].id == 1);
  CHECK(ranked[1].id == 3);
  CHECK(ranked[2].id == 0);
  CHECK(ranked[3].id == 2);
  const auto best = shelf::top_k_of_scores(with_nan.data(), with_nan.size(), 1);
  REQUIRE(best.size() == 1);
  CHECK(best[0].id == 1);
}

TEST_CASE("TopK accepts scores in several blocks") {
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  std::vector<float> scores(1000);
  for (float& s : scores) s = uniform(rng);
  shelf::TopK top(10, {3, 500});
  for (std::size_t start = 0; start < scores.size(); start += 97) {
    const std::size_t n = std::min<std::size_t>(97, scores.size() - start);
    top.push(scores.data() + start, n, static_cast<std::int32_t>(start));
  }
  check_same(top.take(), naive_top_k(scores, 10, {3, 500}));
}

TEST_CASE("dot_rows scores each row bit for bit as dot does, whatever the row grouping") {
  // Exact search, analogies and the evaluation score rows in blocks of different sizes; the
  // same row must get the same score in each of them, or rankings would depend on blocking.
  std::mt19937 rng(17);
  for (std::size_t dim : {1u, 3u, 8u, 17u, 100u, 300u}) {
    const shelf::Matrix matrix = random_matrix(11, dim, rng, false);
    const shelf::Matrix query = random_matrix(1, dim, rng, false);
    std::vector<float> all(11);
    shelf::kernels::dot_rows(matrix.data(), 11, dim, query.row(0), all.data());
    for (std::size_t start = 0; start < 11; ++start) {
      CAPTURE(dim);
      CAPTURE(start);
      float from_offset[11];
      shelf::kernels::dot_rows(matrix.row(start), 11 - start, dim, query.row(0), from_offset);
      CHECK(from_offset[0] == all[start]);
      CHECK(all[start] == shelf::kernels::dot(matrix.row(start), query.row(0), dim));
    }
  }
}

TEST_CASE("a batch of queries gets the single-query answers, bit for bit") {
  std::mt19937 rng(17);
  for (const bool coarse : {false, true}) {
    const shelf::Matrix rows = random_matrix(700, 19, rng, coarse);
    const shelf::Matrix queries = random_matrix(9, 19, rng, coarse);
    for (std::size_t k : {0u, 1u, 10u, 800u}) {
      const auto batch = shelf::top_k_inner_product_batch(rows, queries, k);
      REQUIRE(batch.size() == queries.rows());
      for (std::size_t q = 0; q < queries.rows(); ++q) check_same(batch[q], shelf::top_k_inner_product(rows, queries.row(q), k));
    }
  }
  CHECK(shelf::top_k_inner_product_batch(shelf::Matrix(5, 3), shelf::Matrix(0, 3), 4).empty());
  CHECK_THROWS_AS(shelf::top_k_inner_product_batch(shelf::Matrix(5, 3), shelf::Matrix(2, 4), 4), shelf::Error);
}
