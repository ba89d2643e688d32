#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "shelf/error.h"
#include "shelf/exact_index.h"
#include "shelf/exact_search.h"
#include "shelf/kernels.h"

namespace {

using shelf::Matrix;

Matrix gaussian_rows(std::size_t rows, std::size_t dim, std::mt19937& rng, bool unit) {
  std::normal_distribution<float> normal(0.0f, 1.0f);
  Matrix m(rows, dim);
  for (std::size_t i = 0; i < m.size(); ++i) m.data()[i] = normal(rng);
  if (unit) {
    for (std::size_t r = 0; r < rows; ++r) shelf::kernels::normalize(m.row(r), dim);
  }
  return m;
}

// The index must answer exactly as the float scan: same ids, same order, same score bits.
void check_equal_to_scan(const Matrix& rows, const float* query, std::size_t k,
                         const std::vector<std::int32_t>& exclude = {}) {
  const shelf::ExactIndex index(rows);
  const auto expected = shelf::top_k_inner_product(rows, query, k, exclude);
  const auto actual = index.search(query, k, exclude);
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    CAPTURE(i);
    CHECK(actual[i].id == expected[i].id);
    const bool both_nan = std::isnan(actual[i].score) && std::isnan(expected[i].score);
    CHECK((both_nan || actual[i].score == expected[i].score));
  }
}

}  // namespace

TEST_CASE("ExactIndex answers as the float scan on unit vectors of awkward sizes") {
  std::mt19937 rng(31);
  for (std::size_t dim : {1u, 3u, 16u, 17u, 100u, 128u}) {
    for (std::size_t n : {0u, 1u, 5u, 255u, 257u, 1000u}) {
      CAPTURE(dim);
      CAPTURE(n);
      const Matrix rows = gaussian_rows(n, dim, rng, true);
      const Matrix queries = gaussian_rows(3, dim, rng, true);
      for (std::size_t q = 0; q < queries.rows(); ++q) {
        for (std::size_t k : {1u, 10u, 2000u}) check_equal_to_scan(rows, queries.row(q), k);
      }
    }
  }
}

TEST_CASE("ExactIndex keeps ties, exclusions and rows of very different lengths exact") {
  std::mt19937 rng(5);
  SUBCASE("exact ties (small integers) break to the lower id") {
    std::uniform_int_distribution<int> small(-1, 1);
    Matrix rows(600, 8);
    for (std::size_t i = 0; i < rows.size(); ++i) rows.data()[i] = static_cast<float>(small(rng));
    for (int q = 0; q < 5; ++q) check_equal_to_scan(rows, rows.row(static_cast<std::size_t>(q * 7)), 10);
  }
  SUBCASE("duplicated rows") {
    Matrix rows = gaussian_rows(300, 20, rng, true);
    for (std::size_t r = 100; r < 200; ++r) std::copy(rows.row(7), rows.row(7) + 20, rows.row(r));
    check_equal_to_scan(rows, rows.row(7), 50);
  }
  SUBCASE("lengths from 1e-3 to 1e3, inner product not cosine") {
    Matrix rows = gaussian_rows(800, 40, rng, false);
    std::uniform_real_distribution<float> exponent(-3.0f, 3.0f);
    for (std::size_t r = 0; r < rows.rows(); ++r) shelf::kernels::scale(std::pow(10.0f, exponent(rng)), rows.row(r), 40);
    const Matrix queries = gaussian_rows(4, 40, rng, false);
    for (std::size_t q = 0; q < 4; ++q) check_equal_to_scan(rows, queries.row(q), 10);
  }
  SUBCASE("excluded ids are never returned") {
    const Matrix rows = gaussian_rows(500, 32, rng, true);
    check_equal_to_scan(rows, rows.row(3), 10, {3, 400, 12, 99});
  }
  SUBCASE("values so small that products underflow") {
    Matrix rows = gaussian_rows(300, 24, rng, true);
    shelf::kernels::scale(1e-21f, rows.data(), rows.size());
    std::vector<float> query(rows.row(4), rows.row(4) + 24);
    check_equal_to_scan(rows, query.data(), 10);
  }
}

TEST_CASE("ExactIndex stays exact with zero and non-finite rows and queries") {
  std::mt19937 rng(9);
  Matrix rows = gaussian_rows(400, 16, rng, true);
  std::fill(rows.row(10), rows.row(10) + 16, 0.0f);
  rows.row(20)[3] = std::numeric_limits<float>::infinity();
  rows.row(30)[5] = std::numeric_limits<float>::quiet_NaN();
  rows.row(40)[0] = -std::numeric_limits<float>::infinity();
  const Matrix queries = gaussian_rows(3, 16, rng, true);
  for (std::size_t q = 0; q < 3; ++q) check_equal_to_scan(rows, queries.row(q), 10);
  std::vector<float> query(16, 0.0f);
  check_equal_to_scan(rows, query.data(), 10);
  query[2] = std::numeric_limits<float>::quiet_NaN();
  check_equal_to_scan(rows, query.data(), 10);
  query[2] = std::numeric_limits<float>::infinity();
  check_equal_to_scan(rows, query.data(), 10);
}

TEST_CASE("ExactIndex computes the float score of few rows") {
  std::mt19937 rng(17);
  const Matrix rows = gaussian_rows(4000, 64, rng, true);
  const Matrix queries = gaussian_rows(5, 64, rng, true);
  const shelf::ExactIndex index(rows);
  CHECK(index.memory_bytes() < rows.size() * sizeof(float) / 3);
  for (std::size_t q = 0; q < queries.rows(); ++q) {
    shelf::ExactIndex::Stats stats;
    index.search(queries.row(q), 10, {}, &stats);
    CAPTURE(stats.refined);
    CHECK(stats.refined >= 10);
    CHECK(stats.refined < rows.rows() / 10);
  }
}

TEST_CASE("dot_rows_i8 equals the scalar reference, extremes included") {
  namespace k = shelf::kernels;
  std::mt19937 rng(23);
  std::uniform_int_distribution<int> byte(-128, 127);
  for (std::size_t dim : {1u, 15u, 16u, 17u, 100u, 128u, 300u}) {
    for (std::size_t n : {0u, 1u, 3u, 4u, 9u}) {
      CAPTURE(dim);
      CAPTURE(n);
      std::vector<std::int8_t> rows(n * dim), query(dim);
      for (auto& v : rows) v = static_cast<std::int8_t>(byte(rng));
      for (auto& v : query) v = static_cast<std::int8_t>(byte(rng));
      if (n > 0) std::fill(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(dim), std::int8_t{-128});
      std::vector<std::int32_t> simd(n), scalar(n);
      k::dot_rows_i8(rows.data(), n, dim, query.data(), simd.data());
      k::scalar::dot_rows_i8(rows.data(), n, dim, query.data(), scalar.data());
      CHECK(simd == scalar);
      for (std::size_t r = 0; r < n; ++r) CHECK(simd[r] == k::scalar::dot_i8(rows.data() + r * dim, query.data(), dim));
    }
  }
}
