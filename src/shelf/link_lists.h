// Sorted lists of node ids in few bits, read one list at a time: a compacted HNSW index's links.
//
// A list stores its first id as one plus the zigzag difference from a base (its own node, so
// that the small differences a good numbering leaves stay small) and every next id as its gap.
// Each of these values (all >= 1) is written as its bit length, in a canonical Huffman code
// fitted to all the lists' values, then its bits below the leading one, as an Elias gamma code
// with its length part fitted to the data. On trained word vectors the gaps are bimodal (near
// links a few dozen apart, far ones thousands): this code takes fewer bits a link than byte
// varints or Exp-Golomb codes (the bits a link are in docs/benchmarks.md).
// Lists start at bit offsets: one 64-bit offset per block of lists, one 16-bit one per list.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "LinkLists reads its words little-endian"
#endif

namespace shelf {

class LinkLists {
 public:
  LinkLists() = default;
  // List i is ids[ends[i - 1] .. ends[i]) (from 0 for i = 0), ascending, distinct, each >= 0;
  // bases[i] is what its first id is stored relative to.
  LinkLists(const std::vector<std::int32_t>& ids, const std::vector<std::size_t>& ends,
            const std::vector<std::int32_t>& bases);

  std::size_t size() const noexcept { return local_start_.empty() ? 0 : local_start_.size() - 1; }
  std::size_t longest() const noexcept { return longest_; }  // ids in the longest list

  // Writes list i, whose base is `base`, to `out` (room for longest() ids); returns its length.
  std::size_t decode(std::size_t i, std::int32_t base, std::int32_t* out) const noexcept {
    std::size_t bit = start(i);
    const std::size_t end = start(i + 1);
    std::size_t count = 0;
    std::int64_t id = base;
    // `window` holds the next bits, `held` of them valid; values are read off its top, and it
    // is refilled from memory only when the longest value might not fit.
    std::uint64_t window = 0;
    unsigned held = 0;
    while (bit < end) {
      if (held < longest_value_bits_) {
        window = peek(bit);
        held = 64 - static_cast<unsigned>(bit & 7);
      }
      const std::uint16_t entry = table_[static_cast<std::size_t>(window >> (64 - table_bits_))];
      const unsigned bits = entry >> 8, below = entry & 0xff;
      const std::uint64_t top = std::uint64_t{1} << below;
      const std::uint64_t value = top | ((window >> (64 - bits)) & (top - 1));
      window <<= bits;
      held -= bits;
      bit += bits;
      id = count == 0 ? id + unzigzag(value - 1) : id + static_cast<std::int64_t>(value);
      out[count++] = static_cast<std::int32_t>(id);
    }
    return count;
  }

  // Everything decode() reads: the code bits, the starts and the decoding table.
  std::size_t bytes() const noexcept {
    return bits_.size() + block_start_.size() * sizeof(std::uint64_t) + local_start_.size() * sizeof(std::uint16_t) +
           table_.size() * sizeof(std::uint16_t);
  }

  // Limits a code word, so that the decoding table has at most 2^12 entries and a code word
  // plus the 32 bits below a 33-bit value's leading one fit the 57 bits one read sees.
  static constexpr unsigned kMaxCodeBits = 12;

 private:
  std::size_t start(std::size_t i) const noexcept {
    return static_cast<std::size_t>(block_start_[i >> block_shift_]) + local_start_[i];
  }
  // The 64 bits from `bit` on, the first in the top bit; at least 57 of them are the stream's.
  std::uint64_t peek(std::size_t bit) const noexcept {
    std::uint64_t word;
    std::memcpy(&word, bits_.data() + (bit >> 3), sizeof word);  // the 8-byte tail pads the last
    return __builtin_bswap64(word) << (bit & 7);
  }
  static std::int64_t unzigzag(std::uint64_t v) noexcept {
    return (v & 1) ? -static_cast<std::int64_t>((v >> 1) + 1) : static_cast<std::int64_t>(v >> 1);
  }

  std::vector<std::uint8_t> bits_;          // the code, first bit in each byte's top bit
  std::vector<std::uint64_t> block_start_;  // per 2^block_shift_ lists (+1): bit where they start
  std::vector<std::uint16_t> local_start_;  // per list (+1): its start, from its block's
  // The next table_bits_ bits -> (code word + bits below the value's leading one) << 8 | the latter.
  std::vector<std::uint16_t> table_;
  unsigned table_bits_ = 1;
  unsigned longest_value_bits_ = 0;         // the longest code word plus bits below, of any value
  unsigned block_shift_ = 6;
  std::size_t longest_ = 0;
};

}  // namespace shelf
