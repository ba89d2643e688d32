// Unsigned integers in as few bits each as the largest needs: a compacted HNSW index's map from
// node numbers to rows takes 15 bits a node at 20,000 rows instead of 32.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "PackedInts reads its words little-endian"
#endif

namespace shelf {

class PackedInts {
 public:
  PackedInts() = default;
  explicit PackedInts(const std::vector<std::uint32_t>& values);

  std::size_t size() const noexcept { return size_; }
  unsigned width() const noexcept { return width_; }  // bits a value
  std::uint32_t operator[](std::size_t i) const noexcept {
    const std::size_t bit = i * width_;
    std::uint64_t word;
    std::memcpy(&word, bytes_.data() + (bit >> 3), sizeof word);  // the 8-byte tail pads the last
    return static_cast<std::uint32_t>((word >> (bit & 7)) & mask_);
  }
  std::size_t bytes() const noexcept { return bytes_.size(); }

 private:
  std::vector<std::uint8_t> bytes_;
  std::size_t size_ = 0;
  unsigned width_ = 0;
  std::uint64_t mask_ = 0;
};

}  // namespace shelf
