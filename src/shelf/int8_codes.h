// Symmetric scalar quantisation of a vector to int8 with one scale: values ~ scale * codes, codes
// in [-127, 127]. One scale per vector (not per dimension) keeps the dot product of two codes
// one exact integer sum times two scales. Used by the HNSW index and the exact index.
#pragma once
#include <cstddef>
#include <cstdint>

namespace shelf {

// Writes n codes and returns the scale: max |value| / 127, or 0 for a zero or non-finite vector
// (whose codes are then all 0).
float quantize_int8(const float* values, std::size_t n, std::int8_t* codes) noexcept;

}  // namespace shelf
