// The only SIMD surface of Shelf: every hot loop over floats goes through these functions.
// `kernels::` picks the SIMD implementation where the build has one (xsimd) and the scalar one
// otherwise; `kernels::scalar::` is always the plain reference the SIMD path is tested against.
#pragma once
#include <cstddef>

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
}  // namespace scalar

}  // namespace shelf::kernels
