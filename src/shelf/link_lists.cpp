#include "shelf/link_lists.h"

#include <algorithm>
#include <array>
#include <functional>
#include <queue>
#include <utility>

#include "shelf/error.h"

namespace shelf {

namespace {

// Values are 1 to 2^32: 1 to 33 bits long, the symbol being the bits below the leading one.
constexpr unsigned kLengths = 33;

unsigned bits_below_top(std::uint64_t v) noexcept {
  unsigned n = 0;
  while (v >> (n + 1)) ++n;
  return n;
}

std::uint32_t zigzag(std::int64_t v) noexcept {
  return static_cast<std::uint32_t>(v < 0 ? ((-v) << 1) - 1 : v << 1);
}

// Huffman code lengths of the symbols with a non-zero count (at least 1 bit each, even alone).
std::array<unsigned, kLengths> huffman_bits(const std::array<std::uint64_t, kLengths>& counts) {
  std::array<unsigned, kLengths> bits{};
  using Node = std::pair<std::uint64_t, std::vector<unsigned>>;  // weight, symbols below it
  std::priority_queue<Node, std::vector<Node>, std::greater<Node>> queue;
  for (unsigned s = 0; s < kLengths; ++s) {
    if (counts[s]) queue.push({counts[s], {s}});
  }
  if (queue.size() == 1) bits[queue.top().second[0]] = 1;
  while (queue.size() > 1) {
    Node a = queue.top();
    queue.pop();
    Node b = queue.top();
    queue.pop();
    for (const unsigned s : a.second) ++bits[s];
    for (const unsigned s : b.second) ++bits[s];
    a.second.insert(a.second.end(), b.second.begin(), b.second.end());
    queue.push({a.first + b.first, std::move(a.second)});
  }
  return bits;
}

// Appends bits, first bit in each byte's top bit.
class BitWriter {
 public:
  explicit BitWriter(std::vector<std::uint8_t>& out) : out_(out) {}
  void put(std::uint64_t value, unsigned bits) {  // the low `bits` (<= 32) of value
    if (bits == 0) return;
    pending_ = (pending_ << bits) | (value & ((std::uint64_t{1} << bits) - 1));
    pending_bits_ += bits;
    written_ += bits;
    while (pending_bits_ >= 8) {
      pending_bits_ -= 8;
      out_.push_back(static_cast<std::uint8_t>(pending_ >> pending_bits_));
    }
  }
  void flush() {
    if (pending_bits_) out_.push_back(static_cast<std::uint8_t>(pending_ << (8 - pending_bits_)));
    pending_bits_ = 0;
  }
  std::size_t written() const noexcept { return written_; }

 private:
  std::vector<std::uint8_t>& out_;
  std::uint64_t pending_ = 0;
  unsigned pending_bits_ = 0;
  std::size_t written_ = 0;
};

}  // namespace

LinkLists::LinkLists(const std::vector<std::int32_t>& ids, const std::vector<std::size_t>& ends,
                     const std::vector<std::int32_t>& bases) {
  const std::size_t n = ends.size();
  if (bases.size() != n || (n > 0 && ends.back() != ids.size())) throw Error("LinkLists: lists and bases disagree");

  // The values, in the order they are written.
  std::vector<std::uint64_t> values;
  values.reserve(ids.size());
  std::size_t from = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = from; j < ends[i]; ++j) {
      if (ids[j] < 0 || (j > from && ids[j] <= ids[j - 1])) throw Error("LinkLists: a list is not ascending");
      values.push_back(j == from ? std::uint64_t{1} + zigzag(static_cast<std::int64_t>(ids[j]) - bases[i])
                                 : static_cast<std::uint64_t>(ids[j] - ids[j - 1]));
    }
    longest_ = std::max(longest_, ends[i] - from);
    from = ends[i];
  }

  // The code: Huffman over value lengths, flattened until no code word is longer than allowed.
  std::array<std::uint64_t, kLengths> counts{};
  for (const std::uint64_t v : values) ++counts[bits_below_top(v)];
  std::array<unsigned, kLengths> code_bits = huffman_bits(counts);
  while (*std::max_element(code_bits.begin(), code_bits.end()) > kMaxCodeBits) {
    for (auto& c : counts) c = c ? (c >> 1) | 1 : 0;
    code_bits = huffman_bits(counts);
  }
  // Canonical code words: by code length, then value length.
  table_bits_ = std::max(1u, *std::max_element(code_bits.begin(), code_bits.end()));
  std::array<std::uint32_t, kLengths> code{};
  std::uint32_t next_code = 0;
  unsigned previous_bits = 0;
  bool any = false;
  for (unsigned bits = 1; bits <= table_bits_; ++bits) {
    for (unsigned s = 0; s < kLengths; ++s) {
      if (code_bits[s] != bits) continue;
      if (any) next_code = (next_code + 1) << (bits - previous_bits);
      any = true;
      previous_bits = bits;
      code[s] = next_code;
    }
  }
  if (any) {
    table_.assign(std::size_t{1} << table_bits_, 0);
    for (unsigned s = 0; s < kLengths; ++s) {
      if (!code_bits[s]) continue;
      const unsigned spare = table_bits_ - code_bits[s];
      const std::size_t first = static_cast<std::size_t>(code[s]) << spare;
      std::fill_n(table_.begin() + static_cast<std::ptrdiff_t>(first), std::size_t{1} << spare,
                  static_cast<std::uint16_t>((code_bits[s] + s) << 8 | s));
      longest_value_bits_ = std::max(longest_value_bits_, code_bits[s] + s);
    }
  }

  // The lists, recording where each starts.
  std::vector<std::size_t> starts;
  starts.reserve(n + 1);
  BitWriter writer(bits_);
  std::size_t v = 0;
  from = 0;
  for (std::size_t i = 0; i < n; ++i) {
    starts.push_back(writer.written());
    for (std::size_t j = from; j < ends[i]; ++j, ++v) {
      const unsigned below = bits_below_top(values[v]);
      writer.put(code[below], code_bits[below]);
      writer.put(values[v], below);
    }
    from = ends[i];
  }
  starts.push_back(writer.written());
  writer.flush();
  bits_.resize(bits_.size() + sizeof(std::uint64_t), 0);  // peek() reads 8 bytes from the last one
  bits_.shrink_to_fit();

  // The widest blocks whose lists all start within 2^16 bits of their block's first.
  const auto fits = [&](unsigned shift) {
    for (std::size_t i = 0; i <= n; ++i) {
      if (starts[i] - starts[(i >> shift) << shift] > 0xffff) return false;
    }
    return true;
  };
  block_shift_ = 6;
  while (block_shift_ > 0 && !fits(block_shift_)) --block_shift_;
  block_start_.resize((n >> block_shift_) + 1);
  local_start_.resize(n + 1);
  for (std::size_t i = 0; i <= n; ++i) {
    if ((i & ((std::size_t{1} << block_shift_) - 1)) == 0) block_start_[i >> block_shift_] = starts[i];
    local_start_[i] = static_cast<std::uint16_t>(starts[i] - block_start_[i >> block_shift_]);
  }
}

}  // namespace shelf
