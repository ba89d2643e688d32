// HnswIndex::compact() and the reading of compacted layer-0 links: kept apart from the graph
// building, as the encoding is the only thing they share.
#include <algorithm>
#include <utility>
#include <string>

#include "shelf/error.h"
#include "shelf/hnsw_index.h"

namespace shelf {

namespace {

// Longest varint of a 32-bit value: 7 bits a byte.
constexpr std::size_t kMaxVarintBytes = 5;

void put_varint(std::uint32_t value, std::vector<std::uint8_t>& out) {
  while (value >= 0x80) {
    out.push_back(static_cast<std::uint8_t>(value | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<std::uint8_t>(value));
}

inline std::uint32_t get_varint(const std::uint8_t*& p) noexcept {
  std::uint32_t value = *p & 0x7f;
  for (unsigned shift = 7; *p++ & 0x80; shift += 7) value |= static_cast<std::uint32_t>(*p & 0x7f) << shift;
  return value;
}

// The first link is stored relative to its own node, either side: zigzag keeps small
// differences small.
inline std::uint32_t zigzag(std::int64_t v) noexcept {
  return static_cast<std::uint32_t>(v < 0 ? ((-v) << 1) - 1 : v << 1);
}
inline std::int64_t unzigzag(std::uint32_t v) noexcept {
  return (v & 1) ? -static_cast<std::int64_t>((v + 1) >> 1) : static_cast<std::int64_t>(v >> 1);
}

}  // namespace

const std::int32_t* HnswIndex::read_links(std::int32_t id, int layer, std::vector<std::int32_t>& out) const {
  if (!compacted_ || layer > 0) return links(id, layer);
  const auto node = static_cast<std::size_t>(id);
  const std::uint8_t* p = packed0_.data() + packed_start(node);
  const std::uint8_t* end = packed0_.data() + packed_start(node + 1);
  out.resize(1 + max_links(0));
  std::int32_t count = 0;
  if (p < end) {
    std::int64_t link = static_cast<std::int64_t>(id) + unzigzag(get_varint(p));
    out[static_cast<std::size_t>(++count)] = static_cast<std::int32_t>(link);
    while (p < end) {
      link += get_varint(p);
      out[static_cast<std::size_t>(++count)] = static_cast<std::int32_t>(link);
    }
  }
  out[0] = count;
  return out.data();
}

std::vector<std::int32_t> HnswIndex::locality_order() const {
  // Greedy, after Wei et al.'s Gorder (SIGMOD 2016): the next node is the one with the most
  // links to or from the last kOrderWindow nodes placed, so that sorted links differ by small
  // gaps. On trained word vectors (m 16) this stores 1.38 varint bytes a link, breadth-first
  // order 1.60; windows from 64 to 256 do about as well.
  constexpr std::size_t kOrderWindow = 128;
  const std::size_t n = count_;
  std::vector<std::int32_t> order;
  order.reserve(n);
  if (n == 0) return order;

  // Links both ways, as one array with per-row starts.
  std::vector<std::size_t> start(n + 1, 0);
  for (std::size_t row = 0; row < n; ++row) {
    const std::int32_t* list = links(static_cast<std::int32_t>(row), 0);
    start[row + 1] += static_cast<std::size_t>(list[0]);
    for (std::int32_t i = 1; i <= list[0]; ++i) ++start[static_cast<std::size_t>(list[i]) + 1];
  }
  for (std::size_t row = 0; row < n; ++row) start[row + 1] += start[row];
  std::vector<std::int32_t> near(start[n]);
  std::vector<std::size_t> filled(start.begin(), start.end() - 1);
  for (std::size_t row = 0; row < n; ++row) {
    const std::int32_t* list = links(static_cast<std::int32_t>(row), 0);
    for (std::int32_t i = 1; i <= list[0]; ++i) {
      near[filled[row]++] = list[i];
      near[filled[static_cast<std::size_t>(list[i])]++] = static_cast<std::int32_t>(row);
    }
  }

  // A max-heap of (links into the window, -row); an entry whose count has changed since is
  // stale and skipped, as is a placed row.
  std::vector<bool> placed(n, false);
  std::vector<int> in_window(n, 0);
  std::vector<std::pair<int, std::int32_t>> heap;
  const auto change = [&](std::int32_t row, int by) {
    for (std::size_t i = start[static_cast<std::size_t>(row)]; i < start[static_cast<std::size_t>(row) + 1]; ++i) {
      const auto other = static_cast<std::size_t>(near[i]);
      if (placed[other]) continue;
      in_window[other] += by;
      heap.emplace_back(in_window[other], -near[i]);
      std::push_heap(heap.begin(), heap.end());
    }
  };
  std::size_t next_unplaced = 0;
  std::int32_t pick = entry_;
  while (true) {
    placed[static_cast<std::size_t>(pick)] = true;
    order.push_back(pick);
    if (order.size() == n) break;
    change(pick, +1);
    if (order.size() > kOrderWindow) change(order[order.size() - 1 - kOrderWindow], -1);
    pick = -1;
    while (!heap.empty() && pick < 0) {
      const auto top = heap.front();
      std::pop_heap(heap.begin(), heap.end());
      heap.pop_back();
      const auto row = static_cast<std::size_t>(-top.second);
      if (!placed[row] && top.first > 0 && in_window[row] == top.first) pick = -top.second;
    }
    if (pick < 0) {  // nothing linked to the window: the lowest row not yet placed
      while (placed[next_unplaced]) ++next_unplaced;
      pick = static_cast<std::int32_t>(next_unplaced);
    }
  }
  return order;
}

void HnswIndex::compact() {
  if (compacted_) return;
  if (!complete()) {
    throw Error("an HNSW index can be compacted only once built (" + std::to_string(count_) + " of " +
                std::to_string(capacity()) + " rows in)");
  }
  const std::size_t n = count_;

  std::vector<std::int32_t> order = locality_order();  // node -> row
  std::vector<std::int32_t> node_of(n);                       // row -> node
  for (std::size_t node = 0; node < n; ++node) node_of[static_cast<std::size_t>(order[node])] = static_cast<std::int32_t>(node);

  // Layer 0: sorted links as varint gaps. A block's local starts are 16-bit, so blocks shrink
  // when a node's links could be long (large m).
  const std::size_t most_bytes = max_links(0) * kMaxVarintBytes;
  block_shift_ = 6;
  while (block_shift_ > 0 && ((std::size_t{1} << block_shift_) - 1) * most_bytes > 0xffff) --block_shift_;
  std::vector<std::uint8_t> packed;
  packed.reserve(n * max_links(0));
  std::vector<std::uint32_t> block_start((n >> block_shift_) + 1, 0);
  std::vector<std::uint16_t> local_start(n + 1, 0);
  std::vector<std::int32_t> sorted;
  const auto mark_start = [&](std::size_t node) {
    if ((node & ((std::size_t{1} << block_shift_) - 1)) == 0) {
      if (packed.size() > 0xffffffffu) throw Error("HNSW graph too large to compact");
      block_start[node >> block_shift_] = static_cast<std::uint32_t>(packed.size());
    }
    local_start[node] = static_cast<std::uint16_t>(packed.size() - block_start[node >> block_shift_]);
  };
  for (std::size_t node = 0; node < n; ++node) {
    mark_start(node);
    const std::int32_t* list = links(order[node], 0);
    sorted.clear();
    for (std::int32_t i = 1; i <= list[0]; ++i) sorted.push_back(node_of[static_cast<std::size_t>(list[i])]);
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size(); ++i) {
      if (i == 0) {
        put_varint(zigzag(static_cast<std::int64_t>(sorted[0]) - static_cast<std::int64_t>(node)), packed);
      } else {
        put_varint(static_cast<std::uint32_t>(sorted[i] - sorted[i - 1]), packed);
      }
    }
  }
  mark_start(n);

  // Upper layers: the same lists in the same order, renumbered; only the few nodes that have
  // them keep a start (found by binary search: a search looks up a few dozen).
  std::vector<std::int32_t> upper;
  upper.reserve(upper_.size());
  std::vector<std::int32_t> upper_nodes;
  std::vector<std::uint32_t> upper_start;
  for (std::size_t node = 0; node < n; ++node) {
    const std::int32_t row = order[node];
    const int top = layers_[static_cast<std::size_t>(row)];
    if (top == 0) continue;
    upper_nodes.push_back(static_cast<std::int32_t>(node));
    upper_start.push_back(static_cast<std::uint32_t>(upper.size()));
    for (int layer = 1; layer <= top; ++layer) {
      const std::int32_t* list = links(row, layer);
      upper.push_back(list[0]);
      for (std::size_t i = 1; i <= params_.m; ++i) {
        upper.push_back(static_cast<std::int32_t>(i) <= list[0] ? node_of[static_cast<std::size_t>(list[i])] : 0);
      }
    }
  }

  if (params_.quantization == Quantization::Int8) {
    std::vector<std::int8_t> codes(codes_.size());
    std::vector<float> scales(n);
    for (std::size_t node = 0; node < n; ++node) {
      const auto row = static_cast<std::size_t>(order[node]);
      std::copy_n(codes_.data() + row * dim_, dim_, codes.data() + node * dim_);
      scales[node] = scales_[row];
    }
    codes_ = std::move(codes);
    scales_ = std::move(scales);
  }

  packed.shrink_to_fit();
  packed0_ = std::move(packed);
  block_start_ = std::move(block_start);
  local_start_ = std::move(local_start);
  upper_ = std::move(upper);
  upper_start_ = std::move(upper_start);
  upper_nodes_ = std::move(upper_nodes);
  std::vector<std::uint8_t>().swap(layers_);
  if (n > 0) entry_ = node_of[static_cast<std::size_t>(entry_)];
  row_of_ = std::move(order);
  std::vector<std::int32_t>().swap(links0_);
  compacted_ = true;
}

}  // namespace shelf
