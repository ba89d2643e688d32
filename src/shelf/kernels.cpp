#include "shelf/kernels.h"

#include <cmath>

#if !defined(SHELF_SCALAR_ONLY)
#include <xsimd/xsimd.hpp>
#endif

namespace shelf::kernels {

namespace scalar {

float dot(const float* a, const float* b, std::size_t n) noexcept {
  float sum = 0.0f;
  for (std::size_t i = 0; i < n; ++i) sum += a[i] * b[i];
  return sum;
}

void axpy(float alpha, const float* x, float* y, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) y[i] += alpha * x[i];
}

void scale(float alpha, float* x, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) x[i] *= alpha;
}

float squared_distance(const float* a, const float* b, std::size_t n) noexcept {
  float sum = 0.0f;
  for (std::size_t i = 0; i < n; ++i) {
    const float d = a[i] - b[i];
    sum += d * d;
  }
  return sum;
}

void dot_rows(const float* rows, std::size_t n_rows, std::size_t dim, const float* query,
              float* out) noexcept {
  for (std::size_t r = 0; r < n_rows; ++r) out[r] = dot(rows + r * dim, query, dim);
}

}  // namespace scalar

#if defined(SHELF_SCALAR_ONLY)

float dot(const float* a, const float* b, std::size_t n) noexcept { return scalar::dot(a, b, n); }
void axpy(float alpha, const float* x, float* y, std::size_t n) noexcept { scalar::axpy(alpha, x, y, n); }
void scale(float alpha, float* x, std::size_t n) noexcept { scalar::scale(alpha, x, n); }
float squared_distance(const float* a, const float* b, std::size_t n) noexcept {
  return scalar::squared_distance(a, b, n);
}
void dot_rows(const float* rows, std::size_t n_rows, std::size_t dim, const float* query,
              float* out) noexcept {
  scalar::dot_rows(rows, n_rows, dim, query, out);
}
bool simd_enabled() noexcept { return false; }
const char* instruction_set() noexcept { return "scalar"; }

#else

namespace {
using Batch = xsimd::batch<float>;
constexpr std::size_t kLanes = Batch::size;

// Two accumulators hide the add latency; the tail is scalar.
inline float dot_simd(const float* a, const float* b, std::size_t n) noexcept {
  Batch acc0(0.0f), acc1(0.0f);
  std::size_t i = 0;
  for (; i + 2 * kLanes <= n; i += 2 * kLanes) {
    acc0 = xsimd::fma(Batch::load_unaligned(a + i), Batch::load_unaligned(b + i), acc0);
    acc1 = xsimd::fma(Batch::load_unaligned(a + i + kLanes), Batch::load_unaligned(b + i + kLanes), acc1);
  }
  for (; i + kLanes <= n; i += kLanes) {
    acc0 = xsimd::fma(Batch::load_unaligned(a + i), Batch::load_unaligned(b + i), acc0);
  }
  float sum = xsimd::hadd(acc0 + acc1);
  for (; i < n; ++i) sum += a[i] * b[i];
  return sum;
}
}  // namespace

float dot(const float* a, const float* b, std::size_t n) noexcept { return dot_simd(a, b, n); }

void axpy(float alpha, const float* x, float* y, std::size_t n) noexcept {
  const Batch va(alpha);
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    xsimd::fma(va, Batch::load_unaligned(x + i), Batch::load_unaligned(y + i)).store_unaligned(y + i);
  }
  for (; i < n; ++i) y[i] += alpha * x[i];
}

void scale(float alpha, float* x, std::size_t n) noexcept {
  const Batch va(alpha);
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) (va * Batch::load_unaligned(x + i)).store_unaligned(x + i);
  for (; i < n; ++i) x[i] *= alpha;
}

float squared_distance(const float* a, const float* b, std::size_t n) noexcept {
  Batch acc(0.0f);
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    const Batch d = Batch::load_unaligned(a + i) - Batch::load_unaligned(b + i);
    acc = xsimd::fma(d, d, acc);
  }
  float sum = xsimd::hadd(acc);
  for (; i < n; ++i) {
    const float d = a[i] - b[i];
    sum += d * d;
  }
  return sum;
}

void dot_rows(const float* rows, std::size_t n_rows, std::size_t dim, const float* query,
              float* out) noexcept {
  for (std::size_t r = 0; r < n_rows; ++r) out[r] = dot_simd(rows + r * dim, query, dim);
}

bool simd_enabled() noexcept { return true; }

const char* instruction_set() noexcept {
#if defined(__wasm_simd128__)
  return "wasm-simd128";
#else
  return xsimd::default_arch::name();
#endif
}

#endif

float norm(const float* x, std::size_t n) noexcept { return std::sqrt(dot(x, x, n)); }

float normalize(float* x, std::size_t n) noexcept {
  const float length = norm(x, n);
  if (length > 0.0f) scale(1.0f / length, x, n);
  return length;
}

}  // namespace shelf::kernels
