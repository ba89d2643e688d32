#include "shelf/eigen.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "shelf/error.h"

namespace shelf {

SymmetricEigen symmetric_eigen(std::vector<double> a, std::size_t n) {
  if (a.size() != n * n) throw Error("symmetric_eigen: expected " + std::to_string(n * n) + " values");
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i; j < n; ++j) {
      if (!std::isfinite(a[i * n + j])) throw Error("symmetric_eigen: the matrix holds a NaN or infinity");
      a[j * n + i] = a[i * n + j];
    }
  }
  // v's columns collect the rotations, so that a = v diag v^T at the end.
  std::vector<double> v(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) v[i * n + i] = 1.0;

  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0, diagonal = 0;
    for (std::size_t i = 0; i < n; ++i) {
      diagonal += a[i * n + i] * a[i * n + i];
      for (std::size_t j = i + 1; j < n; ++j) off += a[i * n + j] * a[i * n + j];
    }
    if (off <= 1e-30 * diagonal || off == 0.0) break;
    for (std::size_t p = 0; p < n; ++p) {
      for (std::size_t q = p + 1; q < n; ++q) {
        const double apq = a[p * n + q];
        if (apq == 0.0) continue;
        // The rotation angle that zeroes a[p][q] (the smaller of the two solutions, for stability).
        const double theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
        const double t = (theta >= 0 ? 1.0 : -1.0) / (std::fabs(theta) + std::sqrt(theta * theta + 1.0));
        const double c = 1.0 / std::sqrt(t * t + 1.0), s = t * c;
        for (std::size_t k = 0; k < n; ++k) {  // columns p and q
          const double akp = a[k * n + p], akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (std::size_t k = 0; k < n; ++k) {  // rows p and q
          const double apk = a[p * n + k], aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (std::size_t k = 0; k < n; ++k) {
          const double vkp = v[k * n + p], vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }

  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return a[x * n + x] > a[y * n + y]; });
  SymmetricEigen result;
  result.values.resize(n);
  result.vectors.resize(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    result.values[i] = a[order[i] * n + order[i]];
    for (std::size_t k = 0; k < n; ++k) result.vectors[i * n + k] = v[k * n + order[i]];
  }
  return result;
}

}  // namespace shelf
