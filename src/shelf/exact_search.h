// Exact nearest neighbours by inner product: the brute-force reference every approximate index
// is measured against, and fast enough to be the default for vocabularies of a few 100k words.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "shelf/matrix.h"

namespace shelf {

// Higher score = closer (cosine or inner product).
struct Neighbor {
  std::int32_t id;
  float score;
};

// Keeps the k best (id, score) pairs seen so far: best first, ties to the lower id, NaN scores
// ranked below everything. Ids must be pushed in increasing order (that is what makes the
// common case, a score no better than the current k-th, a single comparison).
class TopK {
 public:
  TopK(std::size_t k, const std::vector<std::int32_t>& exclude);

  // scores[i] belongs to id first_id + i.
  void push(const float* scores, std::size_t n, std::int32_t first_id);
  // The score a new id must beat to enter: the k-th best kept, or -infinity until k are kept.
  float threshold() const noexcept;
  // The selection, best first; the TopK is left empty.
  std::vector<Neighbor> take();

 private:
  bool excluded(std::int32_t id) const;

  std::size_t k_;
  std::vector<std::int32_t> exclude_;  // sorted
  std::vector<Neighbor> heap_;         // worst on top once full
};

// Top-k rows of `rows` (n x dim) by inner product with `query` (dim values), best first, ties
// broken by lower id. `exclude` ids are skipped; a k beyond the candidates returns them all.
std::vector<Neighbor> top_k_inner_product(const Matrix& rows, const float* query, std::size_t k,
                                          const std::vector<std::int32_t>& exclude = {});

// top_k_inner_product for every row of `queries` (rows.cols() values each), the same answers bit
// for bit, faster: each block of rows is scored against all the queries while it is in cache,
// so the rows stream from memory once per call instead of once per query.
std::vector<std::vector<Neighbor>> top_k_inner_product_batch(const Matrix& rows, const Matrix& queries,
                                                             std::size_t k);

// The same selection over precomputed scores (scores[i] is the score of id i).
std::vector<Neighbor> top_k_of_scores(const float* scores, std::size_t n, std::size_t k,
                                      const std::vector<std::int32_t>& exclude = {});

// Rows scored per kernels::dot_rows call: small enough that the scores stay in L1.
constexpr std::size_t kScoreBlockRows = 256;

}  // namespace shelf
