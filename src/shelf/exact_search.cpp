#include "shelf/exact_search.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "shelf/error.h"
#include "shelf/kernels.h"

namespace shelf {

namespace {

// Strict "a ranks before b": higher score, then lower id. Scores reaching here are never NaN.
bool ranks_before(const Neighbor& a, const Neighbor& b) noexcept {
  return a.score > b.score || (a.score == b.score && a.id < b.id);
}

void check_id_range(std::size_t n) {
  if (n > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    throw Error("too many rows to search: " + std::to_string(n));
  }
}

}  // namespace

TopK::TopK(std::size_t k, const std::vector<std::int32_t>& exclude) : k_(k), exclude_(exclude) {
  std::sort(exclude_.begin(), exclude_.end());
}

bool TopK::excluded(std::int32_t id) const {
  return !exclude_.empty() && std::binary_search(exclude_.begin(), exclude_.end(), id);
}

void TopK::push(const float* scores, std::size_t n, std::int32_t first_id) {
  if (k_ == 0) return;
  std::size_t i = 0;
  // Filling: every candidate goes in; NaN becomes -inf so the ordering stays strict.
  for (; i < n && heap_.size() < k_; ++i) {
    const std::int32_t id = first_id + static_cast<std::int32_t>(i);
    if (excluded(id)) continue;
    const float score = std::isnan(scores[i]) ? -std::numeric_limits<float>::infinity() : scores[i];
    heap_.push_back({id, score});
    if (heap_.size() == k_) std::make_heap(heap_.begin(), heap_.end(), ranks_before);
  }
  if (i == n) return;
  // Full: ids only grow, so a tie with the worst kept never wins; NaN fails the comparison.
  float threshold = heap_.front().score;
  for (; i < n; ++i) {
    if (!(scores[i] > threshold)) continue;
    const std::int32_t id = first_id + static_cast<std::int32_t>(i);
    if (excluded(id)) continue;
    std::pop_heap(heap_.begin(), heap_.end(), ranks_before);
    heap_.back() = {id, scores[i]};
    std::push_heap(heap_.begin(), heap_.end(), ranks_before);
    threshold = heap_.front().score;
  }
}

float TopK::threshold() const noexcept {
  return heap_.size() < k_ || k_ == 0 ? -std::numeric_limits<float>::infinity() : heap_.front().score;
}

std::vector<Neighbor> TopK::take() {
  std::sort(heap_.begin(), heap_.end(), ranks_before);
  return std::move(heap_);
}

std::vector<Neighbor> top_k_inner_product(const Matrix& rows, const float* query, std::size_t k,
                                          const std::vector<std::int32_t>& exclude) {
  const std::size_t n = rows.rows();
  check_id_range(n);
  TopK top(k, exclude);
  if (k == 0 || n == 0) return top.take();
  float scores[kScoreBlockRows];
  for (std::size_t start = 0; start < n; start += kScoreBlockRows) {
    const std::size_t count = std::min(kScoreBlockRows, n - start);
    kernels::dot_rows(rows.row(start), count, rows.cols(), query, scores);
    top.push(scores, count, static_cast<std::int32_t>(start));
  }
  return top.take();
}

std::vector<std::vector<Neighbor>> top_k_inner_product_batch(const Matrix& rows, const Matrix& queries,
                                                             std::size_t k) {
  const std::size_t n = rows.rows();
  check_id_range(n);
  if (queries.rows() > 0 && queries.cols() != rows.cols()) {
    throw Error("queries have " + std::to_string(queries.cols()) + " values, rows " + std::to_string(rows.cols()));
  }
  std::vector<TopK> tops(queries.rows(), TopK(k, {}));
  // A group of queries (32 KB at dim 256) and a block of rows both stay in L2 while the group
  // scores the block.
  constexpr std::size_t kGroup = 32;
  float scores[kScoreBlockRows];
  for (std::size_t first = 0; k > 0 && first < queries.rows(); first += kGroup) {
    const std::size_t last = std::min(first + kGroup, queries.rows());
    for (std::size_t start = 0; start < n; start += kScoreBlockRows) {
      const std::size_t count = std::min(kScoreBlockRows, n - start);
      for (std::size_t q = first; q < last; ++q) {
        kernels::dot_rows(rows.row(start), count, rows.cols(), queries.row(q), scores);
        tops[q].push(scores, count, static_cast<std::int32_t>(start));
      }
    }
  }
  std::vector<std::vector<Neighbor>> result;
  result.reserve(tops.size());
  for (auto& top : tops) result.push_back(top.take());
  return result;
}

std::vector<Neighbor> top_k_of_scores(const float* scores, std::size_t n, std::size_t k,
                                      const std::vector<std::int32_t>& exclude) {
  check_id_range(n);
  TopK top(k, exclude);
  top.push(scores, n, 0);
  return top.take();
}

}  // namespace shelf
