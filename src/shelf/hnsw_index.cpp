#include "shelf/hnsw_index.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "shelf/error.h"
#include "shelf/int8_codes.h"
#include "shelf/kernels.h"

namespace shelf {

namespace {

constexpr float kNegativeInfinity = -std::numeric_limits<float>::infinity();
// The paper caps layers at 16 for any practical size; 31 leaves room and fits a byte.
constexpr int kMaxLayer = 31;

// A NaN score would break the heaps' ordering: it ranks below everything instead.
inline float clean(float score) noexcept { return score == score ? score : kNegativeInfinity; }

inline void prefetch(const void* address) noexcept {
#if defined(__GNUC__)
  __builtin_prefetch(address);
#endif
}

}  // namespace

// Float32 scores: what the graph is built with, and walked with when not quantised.
class HnswIndex::FloatScorer {
 public:
  // `row_of` maps node numbers to rows once the index is compacted (else null).
  FloatScorer(const Matrix& rows, const float* query, const PackedInts* row_of = nullptr)
      : rows_(rows), query_(query), row_of_(row_of) {}
  float operator()(std::int32_t id) const { return clean(kernels::dot(row(id), query_, rows_.cols())); }
  void operator()(const std::int32_t* ids, std::size_t count, float* out) const {
    for (std::size_t t = 0; t < count; ++t) out[t] = (*this)(ids[t]);
  }
  void prefetch_row(std::int32_t id) const { prefetch(row(id)); }

 private:
  const float* row(std::int32_t id) const {
    return rows_.row(row_of_ ? (*row_of_)[static_cast<std::size_t>(id)] : static_cast<std::size_t>(id));
  }
  const Matrix& rows_;
  const float* query_;
  const PackedInts* row_of_;
};

// Int8 scores: the query quantised like the rows; only their order matters (the query's own
// scale is left out), as the candidates are re-scored with floats at the end.
class HnswIndex::Int8Scorer {
 public:
  Int8Scorer(const std::int8_t* codes, const float* scales, std::size_t dim, const std::int8_t* query)
      : codes_(codes), scales_(scales), dim_(dim), query_(query) {}
  float operator()(std::int32_t id) const {
    const auto row = static_cast<std::size_t>(id);
    return scales_[row] * static_cast<float>(kernels::dot_i8(codes_ + row * dim_, query_, dim_));
  }
  void operator()(const std::int32_t* ids, std::size_t count, float* out) const {
    for (std::size_t t = 0; t < count; ++t) out[t] = (*this)(ids[t]);
  }
  void prefetch_row(std::int32_t id) const { prefetch(codes_ + static_cast<std::size_t>(id) * dim_); }

 private:
  const std::int8_t* codes_;
  const float* scales_;
  std::size_t dim_;
  const std::int8_t* query_;
};


HnswIndex::HnswIndex(const Matrix& rows, HnswParams params)
    : rows_(&rows), params_(params), dim_(rows.cols()), random_(params.seed) {
  if (params_.m < 2 || params_.m > 1000) {
    throw Error("HNSW m must be between 2 and 1000, not " + std::to_string(params_.m));
  }
  if (params_.ef_construction < 1) throw Error("HNSW ef_construction must be at least 1");
  if (rows.rows() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    throw Error("too many rows to index: " + std::to_string(rows.rows()));
  }
  if (params_.quantization == Quantization::Int8 && dim_ > kernels::kMaxInt8Dim) {
    throw Error("int8 quantisation supports at most " + std::to_string(kernels::kMaxInt8Dim) + " dimensions, not " +
                std::to_string(dim_));
  }
  layer_scale_ = 1.0 / std::log(static_cast<double>(params_.m));
}

HnswIndex build_hnsw(const Matrix& rows, const HnswParams& params) {
  HnswIndex index(rows, params);
  index.build();
  return index;
}

std::int32_t* HnswIndex::links(std::int32_t id, int layer) noexcept {
  const auto node = static_cast<std::size_t>(id);
  if (layer == 0) return links0_.data() + node * (1 + 2 * params_.m);
  return upper_.data() + upper_start_[node] + static_cast<std::size_t>(layer - 1) * (1 + params_.m);
}

const std::int32_t* HnswIndex::links(std::int32_t id, int layer) const noexcept {
  return const_cast<HnswIndex*>(this)->links(id, layer);
}

std::size_t HnswIndex::build_step(std::size_t count) {
  if (compacted_) throw Error("this HNSW index is compacted (read-only): no rows can be inserted");
  const std::size_t end = count >= capacity() - count_ ? capacity() : count_ + count;
  if (end == count_) {
    if (params_.compact && complete()) compact();
    return count_;
  }
  links0_.resize(end * (1 + 2 * params_.m), 0);
  layers_.resize(end, 0);
  upper_start_.resize(end, 0);
  visited_.resize((end + 63) / 64, 0);
  visited_words_.reserve(visited_.size());
  if (params_.quantization == Quantization::Int8) {
    codes_.resize(end * dim_);
    scales_.resize(end);
    for (std::size_t row = count_; row < end; ++row) quantize_row(row);
  }
  while (count_ < end) {
    insert(static_cast<std::int32_t>(count_));
    ++count_;
  }
  if (params_.compact && complete()) compact();
  return count_;
}

void HnswIndex::quantize_row(std::size_t row) {
  scales_[row] = quantize_int8(rows_->row(row), dim_, codes_.data() + row * dim_);
}

int HnswIndex::draw_layer() {
  // 1 - uniform() lies in (0, 1], so the logarithm is finite.
  const double layer = std::floor(-std::log(1.0 - static_cast<double>(random_.uniform())) * layer_scale_);
  return static_cast<int>(std::min(layer, static_cast<double>(kMaxLayer)));
}

void HnswIndex::next_visit() const {
  for (const std::uint32_t word : visited_words_) visited_[word] = 0;
  visited_words_.clear();
}

namespace {
// Best first: higher score, then lower id.
inline bool ranks_before(float score_a, std::int32_t id_a, float score_b, std::int32_t id_b) noexcept {
  return score_a > score_b || (score_a == score_b && id_a < id_b);
}

}  // namespace

void HnswIndex::insert(std::int32_t id) {
  const int layer_of_node = draw_layer();
  const auto node = static_cast<std::size_t>(id);
  layers_[node] = static_cast<std::uint8_t>(layer_of_node);
  upper_start_[node] = static_cast<std::uint32_t>(upper_.size());
  upper_.resize(upper_.size() + static_cast<std::size_t>(layer_of_node) * (1 + params_.m), 0);
  if (entry_ < 0) {
    entry_ = id;
    top_layer_ = layer_of_node;
    return;
  }

  const FloatScorer score(*rows_, rows_->row(node));
  std::vector<Candidate> nearest{descend(score, {score(entry_), entry_}, layer_of_node)};
  const auto best_first = [](const Candidate& a, const Candidate& b) { return ranks_before(a.score, a.id, b.score, b.id); };
  const auto worst_on_top = best_first;
  const auto best_on_top = [](const Candidate& a, const Candidate& b) { return ranks_before(b.score, b.id, a.score, a.id); };
  for (int layer = std::min(layer_of_node, top_layer_); layer >= 0; --layer) {
    next_visit();
    candidates_ = nearest;
    found_ = nearest;
    for (const auto& c : nearest) visit(c.id);
    std::make_heap(candidates_.begin(), candidates_.end(), best_on_top);
    std::make_heap(found_.begin(), found_.end(), worst_on_top);
    search_layer(score, params_.ef_construction, layer, nullptr);

    nearest = found_;
    std::sort(nearest.begin(), nearest.end(), best_first);
    std::vector<Candidate> chosen = nearest;
    sort_for_linking(chosen, id);
    select_neighbors(chosen, params_.m);
    std::int32_t* own = links(id, layer);
    own[0] = static_cast<std::int32_t>(chosen.size());
    for (std::size_t i = 0; i < chosen.size(); ++i) own[1 + i] = chosen[i].id;
    for (const auto& c : chosen) link_back(c.id, id, layer);
  }
  if (layer_of_node > top_layer_) {
    top_layer_ = layer_of_node;
    entry_ = id;
  }
}

// Link candidates of `base` best first, equal scores by nearness in id: of a group of exact
// copies each keeps the copy inserted next to it, which chains the copies together (the
// heuristic keeps one link per group).
void HnswIndex::sort_for_linking(std::vector<Candidate>& pool, std::int32_t base) {
  const auto gap = [base](std::int32_t id) { return id > base ? id - base : base - id; };
  std::sort(pool.begin(), pool.end(), [&](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    if (gap(a.id) != gap(b.id)) return gap(a.id) < gap(b.id);
    return a.id < b.id;
  });
}
void HnswIndex::select_neighbors(std::vector<Candidate>& candidates, std::size_t limit) const {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < candidates.size() && kept < limit; ++i) {
    const Candidate c = candidates[i];
    const float* row = rows_->row(static_cast<std::size_t>(c.id));
    bool diverse = true;
    for (std::size_t j = 0; j < kept && diverse; ++j) {
      const float* other = rows_->row(static_cast<std::size_t>(candidates[j].id));
      const float between = kernels::dot(row, other, dim_);
      // An exact copy of a kept node ties instead of losing: it adds no direction either.
      diverse = between < c.score || (between == c.score && !std::equal(row, row + dim_, other));
    }
    if (diverse) candidates[kept++] = c;
  }
  candidates.resize(kept);
}

void HnswIndex::link_back(std::int32_t from, std::int32_t to, int layer) {
  std::int32_t* list = links(from, layer);
  const auto limit = max_links(layer);
  const auto count = static_cast<std::size_t>(list[0]);
  if (count < limit) {
    list[1 + count] = to;
    list[0] = static_cast<std::int32_t>(count + 1);
    return;
  }
  // Full: the node keeps the most diverse of its links and the newcomer, as if chosen anew.
  const FloatScorer score(*rows_, rows_->row(static_cast<std::size_t>(from)));
  std::vector<Candidate> pool;
  pool.reserve(count + 1);
  for (std::size_t i = 0; i < count; ++i) pool.push_back({score(list[1 + i]), list[1 + i]});
  pool.push_back({score(to), to});
  sort_for_linking(pool, from);
  select_neighbors(pool, limit);
  list[0] = static_cast<std::int32_t>(pool.size());
  for (std::size_t i = 0; i < pool.size(); ++i) list[1 + i] = pool[i].id;
}

template <class Scorer>
HnswIndex::Candidate HnswIndex::descend(const Scorer& score, Candidate from, int down_to_layer) const {
  for (int layer = top_layer_; layer > down_to_layer; --layer) {
    for (bool moved = true; moved;) {
      moved = false;
      const std::int32_t* list = read_links(from.id, layer, decoded_);
      for (std::int32_t i = 1; i <= list[0]; ++i) {
        const Candidate c{score(list[i]), list[i]};
        if (better(c, from)) {
          from = c;
          moved = true;
        }
      }
    }
  }
  return from;
}

template <class Scorer>
void HnswIndex::search_layer(const Scorer& score, std::size_t ef, int layer,
                             const std::vector<std::int32_t>* exclude) const {
  const auto worst_on_top = [this](const Candidate& a, const Candidate& b) { return better(a, b); };
  const auto best_on_top = [this](const Candidate& a, const Candidate& b) { return better(b, a); };
  const auto excluded = [this, exclude](std::int32_t id) {
    return exclude && !exclude->empty() && std::binary_search(exclude->begin(), exclude->end(), row_id(id));
  };
  while (!candidates_.empty()) {
    const Candidate nearest = candidates_.front();
    // Stops at the first candidate ranking below the worst kept one (ties by row id too), so
    // that the order of a node's links changes nothing: compaction sorts them.
    if (found_.size() >= ef && better(found_.front(), nearest)) break;
    std::pop_heap(candidates_.begin(), candidates_.end(), best_on_top);
    candidates_.pop_back();

    // Gather the unvisited neighbours first, so their vectors are fetched while the first
    // ones are scored.
    const std::int32_t* list = read_links(nearest.id, layer, decoded_);
    batch_.clear();
    for (std::int32_t i = 1; i <= list[0]; ++i) {
      const std::int32_t id = list[i];
      if (!visit(id)) continue;
      score.prefetch_row(id);
      batch_.push_back(id);
    }
    batch_scores_.resize(batch_.size());
    score(batch_.data(), batch_.size(), batch_scores_.data());

    for (std::size_t i = 0; i < batch_.size(); ++i) {
      const Candidate c{batch_scores_[i], batch_[i]};
      if (found_.size() >= ef && !better(c, found_.front())) continue;
      candidates_.push_back(c);
      std::push_heap(candidates_.begin(), candidates_.end(), best_on_top);
      if (excluded(c.id)) continue;
      found_.push_back(c);
      std::push_heap(found_.begin(), found_.end(), worst_on_top);
      if (found_.size() > ef) {
        std::pop_heap(found_.begin(), found_.end(), worst_on_top);
        found_.pop_back();
      }
    }
  }
}

std::vector<Neighbor> HnswIndex::exact_scan(const float* query, std::size_t k,
                                            const std::vector<std::int32_t>& exclude) const {
  TopK top(k, exclude);
  float scores[kScoreBlockRows];
  for (std::size_t start = 0; start < count_; start += kScoreBlockRows) {
    const std::size_t n = std::min(kScoreBlockRows, count_ - start);
    kernels::dot_rows(rows_->row(start), n, dim_, query, scores);
    top.push(scores, n, static_cast<std::int32_t>(start));
  }
  return top.take();
}

std::vector<Neighbor> HnswIndex::search(const float* query, std::size_t k, std::size_t ef,
                                        const std::vector<std::int32_t>& exclude) const {
  if (k == 0 || count_ == 0) return {};
  std::size_t width = std::max(ef ? ef : params_.ef_search, k);
  const bool int8 = params_.quantization == Quantization::Int8;
  if (int8 && params_.rerank_factor > 0 && k <= std::numeric_limits<std::size_t>::max() / params_.rerank_factor) {
    width = std::max(width, params_.rerank_factor * k);
  }
  // The graph search would visit about every row anyway; a scan is exact and never misses a
  // row the graph cannot reach.
  if (width >= count_) return exact_scan(query, k, exclude);

  std::vector<std::int32_t> sorted_exclude(exclude);
  std::sort(sorted_exclude.begin(), sorted_exclude.end());
  const auto run = [&](const auto& score) {
    const Candidate start = descend(score, {score(entry_), entry_}, 0);
    next_visit();
    visit(start.id);
    candidates_.assign(1, start);
    found_.clear();
    if (!std::binary_search(sorted_exclude.begin(), sorted_exclude.end(), row_id(start.id))) found_.push_back(start);
    search_layer(score, width, 0, &sorted_exclude);
  };
  if (int8) {
    query_codes_.resize(dim_);
    quantize_int8(query, dim_, query_codes_.data());
    run(Int8Scorer(codes_.data(), scales_.data(), dim_, query_codes_.data()));
  } else {
    run(FloatScorer(*rows_, query, compacted_ ? &row_of_ : nullptr));
  }

  // Every candidate is re-scored with kernels::dot, which is what exact search computes (bit
  // for bit), so that both rank and score alike; for int8 this is the re-ranking step.
  std::vector<Neighbor> result;
  result.reserve(found_.size());
  for (const auto& c : found_) {
    const std::int32_t row = row_id(c.id);
    result.push_back({row, clean(kernels::dot(rows_->row(static_cast<std::size_t>(row)), query, dim_))});
  }
  std::sort(result.begin(), result.end(),
            [](const Neighbor& a, const Neighbor& b) { return ranks_before(a.score, a.id, b.score, b.id); });
  if (result.size() > k) result.resize(k);
  return result;
}

HnswIndex::Footprint HnswIndex::footprint() const noexcept {
  Footprint bytes;
  if (compacted_) {
    bytes.layer0 = lists0_.bytes();
    bytes.upper = upper_lists_.bytes() + upper_nodes_.size() * sizeof(std::int32_t) +
                  upper_first_.size() * sizeof(std::uint32_t);
    bytes.row_map = row_of_.bytes();
  } else {
    bytes.layer0 = links0_.size() * sizeof(std::int32_t);
    bytes.upper = upper_.size() * sizeof(std::int32_t) + upper_start_.size() * sizeof(std::uint32_t) +
                  layers_.size() * sizeof(std::uint8_t);
  }
  bytes.vectors = vector_bytes();
  bytes.visited = visited_.size() * sizeof(std::uint64_t) + visited_words_.capacity() * sizeof(std::uint32_t);
  return bytes;
}

std::size_t HnswIndex::graph_bytes() const noexcept {
  const Footprint bytes = footprint();
  return bytes.layer0 + bytes.upper + bytes.row_map;
}

std::size_t HnswIndex::vector_bytes() const noexcept {
  if (params_.quantization == Quantization::Int8) return codes_.size() + scales_.size() * sizeof(float);
  return count_ * dim_ * sizeof(float);
}

}  // namespace shelf
