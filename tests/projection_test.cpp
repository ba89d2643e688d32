#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <vector>

#include "shelf/eigen.h"
#include "shelf/error.h"
#include "shelf/kernels.h"
#include "shelf/projection.h"
#include "shelf/random.h"

namespace {

shelf::Matrix random_matrix(std::size_t rows, std::size_t cols, std::uint64_t seed) {
  shelf::Random random(seed);
  shelf::Matrix m(rows, cols);
  for (std::size_t i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(random.gaussian());
  return m;
}

// The exact population covariance, in double, straight from the definition.
std::vector<double> covariance(const shelf::Matrix& x) {
  const std::size_t n = x.rows(), d = x.cols();
  std::vector<double> mean(d, 0.0), c(d * d, 0.0);
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t i = 0; i < d; ++i) mean[i] += x.at(r, i) / double(n);
  }
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t i = 0; i < d; ++i) {
      for (std::size_t j = 0; j < d; ++j) c[i * d + j] += (x.at(r, i) - mean[i]) * (x.at(r, j) - mean[j]) / double(n);
    }
  }
  return c;
}

double abs_cosine(const float* a, const double* b, std::size_t d) {
  double ab = 0, aa = 0, bb = 0;
  for (std::size_t i = 0; i < d; ++i) ab += a[i] * b[i], aa += double(a[i]) * a[i], bb += b[i] * b[i];
  return std::fabs(ab) / std::sqrt(aa * bb);
}

void check_orthonormal(const shelf::Matrix& rows) {
  for (std::size_t i = 0; i < rows.rows(); ++i) {
    for (std::size_t j = 0; j < rows.rows(); ++j) {
      const float expected = i == j ? 1.0f : 0.0f;
      CHECK(shelf::kernels::dot(rows.row(i), rows.row(j), rows.cols()) == doctest::Approx(expected).epsilon(1e-5));
    }
  }
}

// A rotation (det +1) or reflection (det -1) of the points, then a shift.
shelf::Matrix transform(const shelf::Matrix& a, const std::vector<double>& r, const std::vector<double>& shift) {
  const std::size_t k = a.cols();
  shelf::Matrix b(a.rows(), k);
  for (std::size_t p = 0; p < a.rows(); ++p) {
    for (std::size_t j = 0; j < k; ++j) {
      double value = shift[j];
      for (std::size_t i = 0; i < k; ++i) value += a.at(p, i) * r[i * k + j];
      b.at(p, j) = static_cast<float>(value);
    }
  }
  return b;
}

void check_equal(const shelf::Matrix& a, const shelf::Matrix& b, float tolerance) {
  REQUIRE(a.rows() == b.rows());
  REQUIRE(a.cols() == b.cols());
  for (std::size_t i = 0; i < a.size(); ++i) CHECK(std::fabs(a.data()[i] - b.data()[i]) <= tolerance);
}

}  // namespace

TEST_CASE("symmetric_eigen solves a 2 x 2 by hand and random matrices to rounding") {
  const auto two = shelf::symmetric_eigen({2, 1, 1, 2}, 2);
  CHECK(two.values[0] == doctest::Approx(3.0));
  CHECK(two.values[1] == doctest::Approx(1.0));
  CHECK(std::fabs(two.vectors[0]) == doctest::Approx(std::sqrt(0.5)));
  CHECK(two.vectors[0] * two.vectors[1] > 0);  // (1, 1) / sqrt(2), up to sign

  const std::size_t n = 9;
  const auto x = random_matrix(20, n, 4);
  const auto a = covariance(x);
  const auto eigen = shelf::symmetric_eigen(a, n);
  for (std::size_t i = 0; i + 1 < n; ++i) CHECK(eigen.values[i] >= eigen.values[i + 1]);
  for (std::size_t e = 0; e < n; ++e) {
    for (std::size_t i = 0; i < n; ++i) {  // A v = lambda v
      double av = 0;
      for (std::size_t j = 0; j < n; ++j) av += a[i * n + j] * eigen.vectors[e * n + j];
      CHECK(av == doctest::Approx(eigen.values[e] * eigen.vectors[e * n + i]).epsilon(1e-9).scale(1.0));
    }
  }
  CHECK_THROWS_AS(shelf::symmetric_eigen({1, 2, 3}, 2), shelf::Error);
  CHECK_THROWS_AS(shelf::symmetric_eigen({1, std::nan(""), 0, 1}, 2), shelf::Error);
}

TEST_CASE("PCA finds a known principal axis and its share of the variance") {
  const std::size_t n = 4000, d = 40;  // wider than the iteration's block, so it must iterate
  // Variance 9 along u, 1 along w (orthogonal to u), 0.01 in every direction as noise.
  std::vector<double> u(d), w(d, 0.0);
  for (std::size_t i = 0; i < d; ++i) u[i] = (i % 2 ? -1.0 : 1.0) / std::sqrt(double(d));
  w[0] = std::sqrt(0.5), w[1] = std::sqrt(0.5);  // u[0] = -u[1], so w . u = 0
  shelf::Random random(9);
  shelf::Matrix x(n, d);
  for (std::size_t r = 0; r < n; ++r) {
    const double a = 3 * random.gaussian(), b = random.gaussian();
    for (std::size_t i = 0; i < d; ++i) x.at(r, i) = static_cast<float>(5.0 + a * u[i] + b * w[i] + 0.1 * random.gaussian());
  }
  const auto projection = shelf::pca(x, 2);
  REQUIRE(projection.components.rows() == 2);
  CHECK(abs_cosine(projection.components.row(0), u.data(), d) > 0.99);
  CHECK(abs_cosine(projection.components.row(1), w.data(), d) > 0.99);
  const double total = 9 + 1 + 0.01 * d;
  CHECK(projection.explained_variance_ratio[0] == doctest::Approx(9 / total).epsilon(0.05));
  CHECK(projection.explained_variance_ratio[1] == doctest::Approx(1 / total).epsilon(0.05));
  CHECK(projection.mean[3] == doctest::Approx(5.0f).epsilon(0.02));
  check_orthonormal(projection.components);

  // The exact decomposition of the same data agrees closely.
  const auto exact = shelf::symmetric_eigen(covariance(x), d);
  double trace = 0;
  for (double value : exact.values) trace += value;
  for (std::size_t j = 0; j < 2; ++j) {
    CHECK(projection.explained_variance[j] == doctest::Approx(exact.values[j]).epsilon(1e-4));
    CHECK(projection.explained_variance_ratio[j] == doctest::Approx(exact.values[j] / trace).epsilon(1e-4));
    CHECK(abs_cosine(projection.components.row(j), exact.vectors.data() + j * d, d) > 0.9999);
  }
}

TEST_CASE("PCA agrees with the brute-force eigen decomposition of a random 50 x 10 matrix") {
  const auto x = random_matrix(50, 10, 21);
  const auto projection = shelf::pca(x, 3, 7);
  const auto exact = shelf::symmetric_eigen(covariance(x), 10);
  for (std::size_t j = 0; j < 3; ++j) {
    CHECK(projection.explained_variance[j] == doctest::Approx(exact.values[j]).epsilon(1e-5));
    CHECK(abs_cosine(projection.components.row(j), exact.vectors.data() + j * 10, 10) > 0.9999);
  }
  // Points are the centred rows in component coordinates.
  for (std::size_t r = 0; r < 50; r += 7) {
    for (std::size_t j = 0; j < 3; ++j) {
      double expected = 0;
      for (std::size_t i = 0; i < 10; ++i) expected += (x.at(r, i) - projection.mean[i]) * projection.components.at(j, i);
      CHECK(projection.points.at(r, j) == doctest::Approx(expected).epsilon(1e-4).scale(1.0));
    }
  }
}

TEST_CASE("PCA stays accurate on steep and on flat spectra") {
  for (double decay : {0.5, 0.97, 1.0}) {  // variance falls 4x per axis / slowly / not at all
    CAPTURE(decay);
    auto x = random_matrix(3000, 40, 17);
    for (std::size_t r = 0; r < x.rows(); ++r) {
      for (std::size_t i = 0; i < 40; ++i) x.at(r, i) *= static_cast<float>(std::pow(decay, double(i)));
    }
    const auto projection = shelf::pca(x, 3);
    const auto exact = shelf::symmetric_eigen(covariance(x), 40);
    check_orthonormal(projection.components);
    for (std::size_t j = 0; j < 3; ++j) {
      CHECK(projection.explained_variance[j] == doctest::Approx(exact.values[j]).epsilon(1e-5));
      if (decay < 1.0) CHECK(abs_cosine(projection.components.row(j), exact.vectors.data() + j * 40, 40) > 0.999);
    }
  }
}

TEST_CASE("PCA is deterministic and follows its sign rule") {
  auto x = random_matrix(300, 30, 5);
  for (std::size_t r = 0; r < 300; ++r) {  // a decaying spectrum, as word vectors have
    for (std::size_t i = 0; i < 30; ++i) x.at(r, i) *= 3.0f / (1.0f + i);
  }
  const auto first = shelf::pca(x, 3, 42);
  const auto second = shelf::pca(x, 3, 42);
  for (std::size_t i = 0; i < first.components.size(); ++i) CHECK(first.components.data()[i] == second.components.data()[i]);
  for (std::size_t i = 0; i < first.points.size(); ++i) CHECK(first.points.data()[i] == second.points.data()[i]);
  // Another seed converges to the same components, and the sign rule fixes their direction.
  const auto other_seed = shelf::pca(x, 3, 43);
  check_equal(first.components, other_seed.components, 1e-4f);
  for (std::size_t j = 0; j < 3; ++j) {
    const float* c = first.components.row(j);
    std::size_t largest = 0;
    for (std::size_t i = 1; i < 30; ++i) {
      if (std::fabs(c[i]) > std::fabs(c[largest])) largest = i;
    }
    CHECK(c[largest] > 0);
  }
}

TEST_CASE("PCA of a subset equals PCA of those rows alone") {
  const auto x = random_matrix(200, 6, 8);
  std::vector<std::int32_t> subset{5, 17, 3, 150, 99, 42, 7, 8, 120, 60, 61, 62};
  shelf::Matrix gathered;
  for (auto id : subset) gathered.push_row(x.row(static_cast<std::size_t>(id)), 6);
  const auto from_subset = shelf::pca(x, subset, 2);
  const auto from_rows = shelf::pca(gathered, 2);
  check_equal(from_subset.components, from_rows.components, 1e-6f);
  check_equal(from_subset.points, from_rows.points, 1e-5f);
  CHECK(from_subset.points.rows() == subset.size());
}

TEST_CASE("PCA of degenerate data still gives orthonormal components") {
  shelf::Matrix same(5, 4, 2.5f);
  const auto flat = shelf::pca(same, 3);
  check_orthonormal(flat.components);
  for (double ratio : flat.explained_variance_ratio) CHECK(ratio == 0.0);
  for (std::size_t i = 0; i < flat.points.size(); ++i) CHECK(flat.points.data()[i] == 0.0f);

  shelf::Matrix line(10, 3);  // all variance along one axis
  for (std::size_t r = 0; r < 10; ++r) line.at(r, 1) = static_cast<float>(r);
  const auto projection = shelf::pca(line, 3);
  check_orthonormal(projection.components);
  CHECK(projection.components.at(0, 1) == doctest::Approx(1.0f));
  CHECK(projection.explained_variance_ratio[0] == doctest::Approx(1.0));
  CHECK(projection.explained_variance_ratio[1] == doctest::Approx(0.0));

  const auto one_row = shelf::pca(random_matrix(1, 5, 1), 2);
  check_orthonormal(one_row.components);
}

TEST_CASE("PCA reports bad input") {
  const auto x = random_matrix(10, 4, 2);
  CHECK_THROWS_AS(shelf::pca(shelf::Matrix(), 2), shelf::Error);
  CHECK_THROWS_AS(shelf::pca(x, 0), shelf::Error);
  CHECK_THROWS_WITH_AS(shelf::pca(x, 5), doctest::Contains("4-dimensional"), shelf::Error);
  CHECK_THROWS_AS(shelf::pca(x, std::vector<std::int32_t>{}, 2), shelf::Error);
  CHECK_THROWS_AS(shelf::pca(x, std::vector<std::int32_t>{1, 10}, 2), shelf::Error);
  CHECK_THROWS_AS(shelf::pca(x, std::vector<std::int32_t>{-1}, 2), shelf::Error);
  auto bad = x;
  bad.at(3, 2) = std::numeric_limits<float>::infinity();
  CHECK_THROWS_AS(shelf::pca(bad, 2), shelf::Error);
}

TEST_CASE("PCA of 20,000 x 100 is quick") {
  const auto x = random_matrix(20000, 100, 3);
  const auto start = std::chrono::steady_clock::now();
  const auto projection = shelf::pca(x, 3);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  MESSAGE("PCA of 20,000 x 100 to 3 components: " << ms << " ms");
  check_orthonormal(projection.components);
  CHECK(ms < 10000);  // catches a runaway iteration only: sanitizer and scalar wasm builds are slow
}

TEST_CASE("align_to recovers a rotation or reflection in 2-D and 3-D") {
  const double angle = 0.65, c = std::cos(angle), s = std::sin(angle);
  const auto a2 = random_matrix(30, 2, 11);
  const std::vector<std::vector<double>> planar{{c, s, -s, c}, {c, s, s, -c}};  // rotation, reflection
  for (const auto& r : planar) {
    const auto b = transform(a2, r, {5, -3});
    check_equal(shelf::align_to(a2, b), b, 1e-4f);
  }
  const auto a3 = random_matrix(40, 3, 12);
  // A rotation about (1, 2, 2) / 3 by Rodrigues' formula, and the same composed with a mirror.
  const double k[3] = {1.0 / 3, 2.0 / 3, 2.0 / 3};
  std::vector<double> rotation(9);
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) {
      const double cross = (i == j) ? 0 : ((j == (i + 1) % 3) ? -k[(i + 2) % 3] : k[(i + 1) % 3]);
      rotation[i * 3 + j] = (i == j ? c : 0) + (1 - c) * k[i] * k[j] + s * cross;
    }
  }
  std::vector<double> mirrored = rotation;
  for (int i = 0; i < 3; ++i) mirrored[i * 3 + 2] = -mirrored[i * 3 + 2];
  for (const auto& r : {rotation, mirrored}) {
    const auto b = transform(a3, r, {1, 2, 3});
    check_equal(shelf::align_to(a3, b), b, 1e-4f);
  }
  check_equal(shelf::align_to(a3, a3), a3, 1e-5f);
}

TEST_CASE("align_to brings noisy points closer than any other turn") {
  const auto a = random_matrix(50, 2, 13);
  const double c = std::cos(2.0), s = std::sin(2.0);
  auto b = transform(a, {c, s, -s, c}, {0, 0});
  shelf::Random random(3);
  for (std::size_t i = 0; i < b.size(); ++i) b.data()[i] += 0.05f * static_cast<float>(random.gaussian());
  const auto aligned = shelf::align_to(a, b);
  auto error = [&](const shelf::Matrix& m) {
    double sum = 0;
    for (std::size_t i = 0; i < m.size(); ++i) sum += std::pow(m.data()[i] - b.data()[i], 2);
    return sum;
  };
  const double best = error(aligned);
  for (double delta : {-0.05, -0.01, 0.01, 0.05}) {  // nudging the turn only makes it worse
    const double cd = std::cos(delta), sd = std::sin(delta);
    CHECK(error(shelf::align_to(transform(aligned, {cd, sd, -sd, cd}, {0, 0}), b)) == doctest::Approx(best).epsilon(1e-4));
    CHECK(error(transform(aligned, {cd, sd, -sd, cd}, {0, 0})) > best);
  }
}

TEST_CASE("align_to reports shape mismatches") {
  CHECK_THROWS_AS(shelf::align_to(shelf::Matrix(3, 2), shelf::Matrix(3, 3)), shelf::Error);
  CHECK_THROWS_AS(shelf::align_to(shelf::Matrix(3, 2), shelf::Matrix(4, 2)), shelf::Error);
  CHECK_THROWS_AS(shelf::align_to(shelf::Matrix(), shelf::Matrix()), shelf::Error);
}
