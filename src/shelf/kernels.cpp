#include "shelf/kernels.h"

#include <cmath>

#if !defined(SHELF_SCALAR_ONLY)
#include <xsimd/xsimd.hpp>
#if defined(__SSE4_1__)
#include <smmintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif
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

void dot_many(const float* x, const float* const* rows, std::size_t count, std::size_t n,
              float* out) noexcept {
  for (std::size_t t = 0; t < count; ++t) out[t] = dot(x, rows[t], n);
}

void update_targets(const float* g, float* const* rows, std::size_t count, const float* x,
                    float* grad, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) {
    const float xi = x[i];
    float sum = 0.0f;
    for (std::size_t t = 0; t < count; ++t) {
      const float old = rows[t][i];
      sum += g[t] * old;
      rows[t][i] = old + g[t] * xi;
    }
    grad[i] += sum;
  }
}

std::int32_t dot_i8(const std::int8_t* a, const std::int8_t* b, std::size_t n) noexcept {
  std::int32_t sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += std::int32_t{a[i]} * std::int32_t{b[i]};
  return sum;
}

void dot_rows_i8(const std::int8_t* rows, std::size_t n_rows, std::size_t dim, const std::int8_t* query,
                 std::int32_t* out) noexcept {
  for (std::size_t r = 0; r < n_rows; ++r) out[r] = dot_i8(rows + r * dim, query, dim);
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
void dot_many(const float* x, const float* const* rows, std::size_t count, std::size_t n,
              float* out) noexcept {
  scalar::dot_many(x, rows, count, n, out);
}
void update_targets(const float* g, float* const* rows, std::size_t count, const float* x,
                    float* grad, std::size_t n) noexcept {
  scalar::update_targets(g, rows, count, x, grad, n);
}
std::int32_t dot_i8(const std::int8_t* a, const std::int8_t* b, std::size_t n) noexcept {
  return scalar::dot_i8(a, b, n);
}
void dot_rows_i8(const std::int8_t* rows, std::size_t n_rows, std::size_t dim, const std::int8_t* query,
                 std::int32_t* out) noexcept {
  scalar::dot_rows_i8(rows, n_rows, dim, query, out);
}
bool simd_enabled() noexcept { return false; }
const char* instruction_set() noexcept { return "scalar"; }

#else

namespace {
using Batch = xsimd::batch<float>;
constexpr std::size_t kLanes = Batch::size;

// Every scalar tail of a dot product runs through this one out-of-line copy, so dot and
// dot_rows round identically even where the compiler would fuse a * b + c in one inlined context
// and not in another (GCC does, with FMA hardware).
[[gnu::noinline]] float finish_dot(float sum, const float* a, const float* b, std::size_t i,
                                   std::size_t n) noexcept {
  for (; i < n; ++i) sum += a[i] * b[i];
  return sum;
}

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
  const float sum = xsimd::hadd(acc0 + acc1);
  return i < n ? finish_dot(sum, a, b, i, n) : sum;
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

namespace {
// Four rows at once: eight independent accumulator chains instead of dot_simd's two (a single
// dot of a short vector waits on FMA latency), and each query load serves four rows. Per row
// the arithmetic is exactly dot_simd's, so dot_rows and dot agree bit for bit.
inline void dot_four_rows(const float* row, std::size_t dim, const float* query,
                          float* out) noexcept {
  const float* r0 = row;
  const float* r1 = row + dim;
  const float* r2 = row + 2 * dim;
  const float* r3 = row + 3 * dim;
  Batch a0(0.0f), a1(0.0f), a2(0.0f), a3(0.0f);
  Batch b0(0.0f), b1(0.0f), b2(0.0f), b3(0.0f);
  std::size_t i = 0;
  for (; i + 2 * kLanes <= dim; i += 2 * kLanes) {
    const Batch qa = Batch::load_unaligned(query + i);
    const Batch qb = Batch::load_unaligned(query + i + kLanes);
    a0 = xsimd::fma(Batch::load_unaligned(r0 + i), qa, a0);
    b0 = xsimd::fma(Batch::load_unaligned(r0 + i + kLanes), qb, b0);
    a1 = xsimd::fma(Batch::load_unaligned(r1 + i), qa, a1);
    b1 = xsimd::fma(Batch::load_unaligned(r1 + i + kLanes), qb, b1);
    a2 = xsimd::fma(Batch::load_unaligned(r2 + i), qa, a2);
    b2 = xsimd::fma(Batch::load_unaligned(r2 + i + kLanes), qb, b2);
    a3 = xsimd::fma(Batch::load_unaligned(r3 + i), qa, a3);
    b3 = xsimd::fma(Batch::load_unaligned(r3 + i + kLanes), qb, b3);
  }
  for (; i + kLanes <= dim; i += kLanes) {
    const Batch qa = Batch::load_unaligned(query + i);
    a0 = xsimd::fma(Batch::load_unaligned(r0 + i), qa, a0);
    a1 = xsimd::fma(Batch::load_unaligned(r1 + i), qa, a1);
    a2 = xsimd::fma(Batch::load_unaligned(r2 + i), qa, a2);
    a3 = xsimd::fma(Batch::load_unaligned(r3 + i), qa, a3);
  }
  out[0] = xsimd::hadd(a0 + b0);
  out[1] = xsimd::hadd(a1 + b1);
  out[2] = xsimd::hadd(a2 + b2);
  out[3] = xsimd::hadd(a3 + b3);
  if (i < dim) {
    out[0] = finish_dot(out[0], r0, query, i, dim);
    out[1] = finish_dot(out[1], r1, query, i, dim);
    out[2] = finish_dot(out[2], r2, query, i, dim);
    out[3] = finish_dot(out[3], r3, query, i, dim);
  }
}
}  // namespace

void dot_rows(const float* rows, std::size_t n_rows, std::size_t dim, const float* query,
              float* out) noexcept {
  std::size_t r = 0;
  for (; r + 4 <= n_rows; r += 4) dot_four_rows(rows + r * dim, dim, query, out + r);
  for (; r < n_rows; ++r) out[r] = dot_simd(rows + r * dim, query, dim);
}

void dot_many(const float* x, const float* const* rows, std::size_t count, std::size_t n,
              float* out) noexcept {
  std::size_t t = 0;
  // Four rows share each load of x and keep four independent FMA chains in flight.
  for (; t + 4 <= count; t += 4) {
    Batch acc0(0.0f), acc1(0.0f), acc2(0.0f), acc3(0.0f);
    const float *r0 = rows[t], *r1 = rows[t + 1], *r2 = rows[t + 2], *r3 = rows[t + 3];
    std::size_t i = 0;
    for (; i + kLanes <= n; i += kLanes) {
      const Batch vx = Batch::load_unaligned(x + i);
      acc0 = xsimd::fma(vx, Batch::load_unaligned(r0 + i), acc0);
      acc1 = xsimd::fma(vx, Batch::load_unaligned(r1 + i), acc1);
      acc2 = xsimd::fma(vx, Batch::load_unaligned(r2 + i), acc2);
      acc3 = xsimd::fma(vx, Batch::load_unaligned(r3 + i), acc3);
    }
    float s0 = xsimd::hadd(acc0), s1 = xsimd::hadd(acc1), s2 = xsimd::hadd(acc2), s3 = xsimd::hadd(acc3);
    for (; i < n; ++i) s0 += x[i] * r0[i], s1 += x[i] * r1[i], s2 += x[i] * r2[i], s3 += x[i] * r3[i];
    out[t] = s0, out[t + 1] = s1, out[t + 2] = s2, out[t + 3] = s3;
  }
  for (; t < count; ++t) out[t] = dot_simd(x, rows[t], n);
}

void update_targets(const float* g, float* const* rows, std::size_t count, const float* x,
                    float* grad, std::size_t n) noexcept {
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    const Batch vx = Batch::load_unaligned(x + i);
    Batch sum(0.0f);
    for (std::size_t t = 0; t < count; ++t) {
      const Batch gt(g[t]);
      const Batch old = Batch::load_unaligned(rows[t] + i);
      sum = xsimd::fma(gt, old, sum);
      xsimd::fma(gt, vx, old).store_unaligned(rows[t] + i);
    }
    (Batch::load_unaligned(grad + i) + sum).store_unaligned(grad + i);
  }
  if (i < n) {
    float* tails[kMaxTargets];
    for (std::size_t t = 0; t < count; ++t) tails[t] = rows[t] + i;
    scalar::update_targets(g, tails, count, x + i, grad + i, n - i);
  }
}

// xsimd 8.1 has no widening integer multiply-add, so the int8 kernels speak SSE2 directly:
// pmaddwd multiplies eight int16 pairs and adds neighbours into four int32 lanes, and every
// target Shelf builds for has it (x86-64's baseline; Emscripten lowers it to wasm's
// i32x4.dot_i16x8_s). Integer sums are exact, so the results equal the scalar ones bit for bit.
#if defined(__SSE2__)
namespace {
inline __m128i widen_low(__m128i v) noexcept {
#if defined(__SSE4_1__)
  return _mm_cvtepi8_epi16(v);
#else
  return _mm_srai_epi16(_mm_unpacklo_epi8(v, v), 8);  // sign-extend: the byte in both halves
#endif
}
inline __m128i widen_high(__m128i v) noexcept { return widen_low(_mm_unpackhi_epi64(v, v)); }
inline __m128i load16(const std::int8_t* p) noexcept { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
inline std::int32_t lane_sum(__m128i v) noexcept {
  alignas(16) std::int32_t lanes[4];
  _mm_store_si128(reinterpret_cast<__m128i*>(lanes), v);
  return lanes[0] + lanes[1] + lanes[2] + lanes[3];
}
inline std::int32_t tail_i8(std::int32_t sum, const std::int8_t* a, const std::int8_t* b, std::size_t i,
                            std::size_t n) noexcept {
  for (; i < n; ++i) sum += std::int32_t{a[i]} * std::int32_t{b[i]};
  return sum;
}
}  // namespace
#endif

std::int32_t dot_i8(const std::int8_t* a, const std::int8_t* b, std::size_t n) noexcept {
#if !defined(__SSE2__)
  return scalar::dot_i8(a, b, n);
#else
  __m128i acc0 = _mm_setzero_si128(), acc1 = _mm_setzero_si128();
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m128i va = load16(a + i);
    const __m128i vb = load16(b + i);
    acc0 = _mm_add_epi32(acc0, _mm_madd_epi16(widen_low(va), widen_low(vb)));
    acc1 = _mm_add_epi32(acc1, _mm_madd_epi16(widen_high(va), widen_high(vb)));
  }
  return tail_i8(lane_sum(_mm_add_epi32(acc0, acc1)), a, b, i, n);
#endif
}

void dot_rows_i8(const std::int8_t* rows, std::size_t n_rows, std::size_t dim, const std::int8_t* query,
                 std::int32_t* out) noexcept {
#if !defined(__SSE2__)
  scalar::dot_rows_i8(rows, n_rows, dim, query, out);
#else
  std::size_t r = 0;
  for (; r + 4 <= n_rows; r += 4) {
    const std::int8_t* r0 = rows + r * dim;
    const std::int8_t* r1 = r0 + dim;
    const std::int8_t* r2 = r1 + dim;
    const std::int8_t* r3 = r2 + dim;
    __m128i a0 = _mm_setzero_si128(), a1 = _mm_setzero_si128(), a2 = _mm_setzero_si128(), a3 = _mm_setzero_si128();
    std::size_t i = 0;
    for (; i + 16 <= dim; i += 16) {
      const __m128i q = load16(query + i);
      const __m128i ql = widen_low(q), qh = widen_high(q);
      __m128i v = load16(r0 + i);
      a0 = _mm_add_epi32(a0, _mm_add_epi32(_mm_madd_epi16(widen_low(v), ql), _mm_madd_epi16(widen_high(v), qh)));
      v = load16(r1 + i);
      a1 = _mm_add_epi32(a1, _mm_add_epi32(_mm_madd_epi16(widen_low(v), ql), _mm_madd_epi16(widen_high(v), qh)));
      v = load16(r2 + i);
      a2 = _mm_add_epi32(a2, _mm_add_epi32(_mm_madd_epi16(widen_low(v), ql), _mm_madd_epi16(widen_high(v), qh)));
      v = load16(r3 + i);
      a3 = _mm_add_epi32(a3, _mm_add_epi32(_mm_madd_epi16(widen_low(v), ql), _mm_madd_epi16(widen_high(v), qh)));
    }
    out[r] = tail_i8(lane_sum(a0), r0, query, i, dim);
    out[r + 1] = tail_i8(lane_sum(a1), r1, query, i, dim);
    out[r + 2] = tail_i8(lane_sum(a2), r2, query, i, dim);
    out[r + 3] = tail_i8(lane_sum(a3), r3, query, i, dim);
  }
  for (; r < n_rows; ++r) out[r] = dot_i8(rows + r * dim, query, dim);
#endif
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
