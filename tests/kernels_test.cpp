#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

#include "shelf/kernels.h"

namespace {

std::vector<float> random_vector(std::size_t n, std::mt19937& rng) {
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (float& x : v) x = uniform(rng);
  return v;
}

// SIMD reorders the additions, so sums agree to a relative tolerance, not bit for bit.
void check_close(float actual, float expected, std::size_t n) {
  CHECK(std::fabs(actual - expected) <= 1e-5f * (1.0f + std::fabs(expected)) * (1.0f + n / 64.0f));
}

}  // namespace

TEST_CASE("SIMD kernels agree with the scalar reference on awkward lengths") {
  namespace k = shelf::kernels;
  std::mt19937 rng(7);
  for (std::size_t n : {0u, 1u, 3u, 17u, 100u, 128u, 300u}) {
    CAPTURE(n);
    const auto a = random_vector(n, rng);
    const auto b = random_vector(n, rng);

    check_close(k::dot(a.data(), b.data(), n), k::scalar::dot(a.data(), b.data(), n), n);
    check_close(k::squared_distance(a.data(), b.data(), n),
                k::scalar::squared_distance(a.data(), b.data(), n), n);

    auto y_simd = b, y_scalar = b;
    k::axpy(0.37f, a.data(), y_simd.data(), n);
    k::scalar::axpy(0.37f, a.data(), y_scalar.data(), n);
    for (std::size_t i = 0; i < n; ++i) check_close(y_simd[i], y_scalar[i], 1);

    auto s_simd = a, s_scalar = a;
    k::scale(-2.5f, s_simd.data(), n);
    k::scalar::scale(-2.5f, s_scalar.data(), n);
    for (std::size_t i = 0; i < n; ++i) CHECK(s_simd[i] == s_scalar[i]);
  }
}

TEST_CASE("dot_rows scores every row like dot does") {
  namespace k = shelf::kernels;
  std::mt19937 rng(11);
  for (std::size_t dim : {1u, 3u, 17u, 100u, 300u}) {
    CAPTURE(dim);
    const std::size_t rows = 13;
    const auto matrix = random_vector(rows * dim, rng);
    const auto query = random_vector(dim, rng);
    std::vector<float> simd(rows), reference(rows);
    k::dot_rows(matrix.data(), rows, dim, query.data(), simd.data());
    k::scalar::dot_rows(matrix.data(), rows, dim, query.data(), reference.data());
    for (std::size_t r = 0; r < rows; ++r) check_close(simd[r], reference[r], dim);
  }
}

TEST_CASE("normalize gives unit length and leaves zero vectors alone") {
  namespace k = shelf::kernels;
  std::vector<float> v{3.0f, 4.0f};
  CHECK(k::normalize(v.data(), 2) == doctest::Approx(5.0f));
  CHECK(k::norm(v.data(), 2) == doctest::Approx(1.0f));
  std::vector<float> zero(5, 0.0f);
  CHECK(k::normalize(zero.data(), 5) == 0.0f);
  for (float x : zero) CHECK(x == 0.0f);
}

TEST_CASE("the build reports its instruction set") {
  const std::string isa = shelf::kernels::instruction_set();
  CHECK_FALSE(isa.empty());
  CHECK(shelf::kernels::simd_enabled() == (isa != "scalar"));
}

TEST_CASE("the negative-sampling kernels agree with the scalar reference") {
  namespace k = shelf::kernels;
  std::mt19937 rng(5);
  for (std::size_t n : {0u, 1u, 3u, 17u, 100u, 128u, 300u}) {
    for (std::size_t count : {1u, 3u, 4u, 6u, 9u}) {
      CAPTURE(n);
      CAPTURE(count);
      const auto x = random_vector(n, rng);
      auto rows_simd = random_vector(n * count, rng);
      auto rows_scalar = rows_simd;
      const auto g = random_vector(count, rng);
      std::vector<const float*> const_rows;
      std::vector<float*> simd_rows, scalar_rows;
      for (std::size_t t = 0; t < count; ++t) {
        const_rows.push_back(rows_simd.data() + t * n);
        simd_rows.push_back(rows_simd.data() + t * n);
        scalar_rows.push_back(rows_scalar.data() + t * n);
      }
      std::vector<float> dots(count), dots_ref(count);
      k::dot_many(x.data(), const_rows.data(), count, n, dots.data());
      k::scalar::dot_many(x.data(), const_rows.data(), count, n, dots_ref.data());
      for (std::size_t t = 0; t < count; ++t) check_close(dots[t], dots_ref[t], n);

      auto grad = random_vector(n, rng);
      auto grad_ref = grad;
      k::update_targets(g.data(), simd_rows.data(), count, x.data(), grad.data(), n);
      k::scalar::update_targets(g.data(), scalar_rows.data(), count, x.data(), grad_ref.data(), n);
      for (std::size_t i = 0; i < n; ++i) check_close(grad[i], grad_ref[i], count);
      for (std::size_t i = 0; i < n * count; ++i) check_close(rows_simd[i], rows_scalar[i], 1);
    }
  }
}

TEST_CASE("update_targets may add the error into x itself, using x as it was for the rows") {
  namespace k = shelf::kernels;
  const std::size_t n = 37;
  std::vector<float> x(n), row(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = 1.0f + i, row[i] = 2.0f;
  float* rows[1] = {row.data()};
  const float g[1] = {0.5f};
  k::update_targets(g, rows, 1, x.data(), x.data(), n);
  for (std::size_t i = 0; i < n; ++i) {
    CHECK(row[i] == doctest::Approx(2.0f + 0.5f * (1.0f + i)));   // the old x
    CHECK(x[i] == doctest::Approx(1.0f + i + 0.5f * 2.0f));       // the old row
  }
}
