// The only SIMD surface of Shelf: every hot loop over floats goes through these functions.
// `kernels::` picks the SIMD implementation where the build has one (xsimd) and the scalar one
// otherwise; `kernels::scalar::` is always the plain reference the SIMD path is tested against.
#pragma once
#include <cstddef>
#include <cstdint>

namespace shelf::kernels {

float dot(const float* a, const float* b, std::size_t n) noexcept;
// y += alpha * x
void axpy(float alpha, const float* x, float* y, std::size_t n) noexcept;
// x *= alpha
void scale(float alpha, float* x, std::size_t n) noexcept;
float squared_distance(const float* a, const float* b, std::size_t n) noexcept;
// out[r] = dot(rows + r * dim, query) for r in [0, n_rows), bit for bit: a row scores the same
// whichever block it is scored in, so rankings never depend on how the rows were split.
void dot_rows(const float* rows, std::size_t n_rows, std::size_t dim, const float* query,
              float* out) noexcept;

// The two halves of a negative-sampling update, for `count` target rows (count <= kMaxTargets).
// out[t] = dot(x, rows[t]).
void dot_many(const float* x, const float* const* rows, std::size_t count, std::size_t n,
              float* out) noexcept;
// In one pass over memory: grad += sum_t g[t] * rows[t] (the rows as they were), then
// rows[t] += g[t] * x. `grad` may be `x` itself (skip-gram adds the error straight back).
void update_targets(const float* g, float* const* rows, std::size_t count, const float* x,
                    float* grad, std::size_t n) noexcept;
constexpr std::size_t kMaxTargets = 128;

// Integer dot product of int8 vectors (scalar-quantised embeddings), exact: the sum fits an
// int32 for n <= kMaxInt8Dim (127 * 127 * n < 2^31).
std::int32_t dot_i8(const std::int8_t* a, const std::int8_t* b, std::size_t n) noexcept;
constexpr std::size_t kMaxInt8Dim = 131072;
// out[r] = dot_i8(rows + r * dim, query, dim) for r in [0, n_rows): the first pass of an exact
// scan over int8 approximations (ExactIndex). Four rows share each widening of the query.
void dot_rows_i8(const std::int8_t* rows, std::size_t n_rows, std::size_t dim, const std::int8_t* query,
                 std::int32_t* out) noexcept;

// Euclidean norm; built on dot.
float norm(const float* x, std::size_t n) noexcept;
// Scales x to unit length; a zero vector stays zero. Returns the original norm.
float normalize(float* x, std::size_t n) noexcept;

// True when the functions above run on SIMD registers in this build.
bool simd_enabled() noexcept;
// The instruction set the kernels were compiled for ("sse4.1", "avx2", "wasm-simd128", "scalar").
const char* instruction_set() noexcept;

namespace scalar {
float dot(const float* a, const float* b, std::size_t n) noexcept;
void axpy(float alpha, const float* x, float* y, std::size_t n) noexcept;
void scale(float alpha, float* x, std::size_t n) noexcept;
float squared_distance(const float* a, const float* b, std::size_t n) noexcept;
void dot_rows(const float* rows, std::size_t n_rows, std::size_t dim, const float* query,
              float* out) noexcept;
void dot_many(const float* x, const float* const* rows, std::size_t count, std::size_t n,
              float* out) noexcept;
void update_targets(const float* g, float* const* rows, std::size_t count, const float* x,
                    float* grad, std::size_t n) noexcept;
std::int32_t dot_i8(const std::int8_t* a, const std::int8_t* b, std::size_t n) noexcept;
void dot_rows_i8(const std::int8_t* rows, std::size_t n_rows, std::size_t dim, const std::int8_t* query,
                 std::int32_t* out) noexcept;
}  // namespace scalar

}  // namespace shelf::kernels
