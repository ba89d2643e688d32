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
