#include "shelf/packed_ints.h"

#include <algorithm>

namespace shelf {

PackedInts::PackedInts(const std::vector<std::uint32_t>& values) : size_(values.size()) {
  const std::uint32_t largest = values.empty() ? 0 : *std::max_element(values.begin(), values.end());
  while (width_ < 32 && (largest >> width_) != 0) ++width_;
  mask_ = (std::uint64_t{1} << width_) - 1;
  // A read loads 8 bytes from the value's first byte: the tail keeps the last one in bounds.
  bytes_.assign((size_ * width_ + 7) / 8 + sizeof(std::uint64_t), 0);
  for (std::size_t i = 0; i < size_; ++i) {
    const std::size_t bit = i * width_;
    std::uint64_t word;
    std::memcpy(&word, bytes_.data() + (bit >> 3), sizeof word);
    word |= static_cast<std::uint64_t>(values[i]) << (bit & 7);
    std::memcpy(bytes_.data() + (bit >> 3), &word, sizeof word);
  }
}

}  // namespace shelf
