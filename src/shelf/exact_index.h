// Exact top-k by inner product that reads about a quarter of the bytes of a float scan.
//
// A single-query scan of float rows streams the whole matrix from memory for every query, so
// past the caches it runs at the memory's speed, not the arithmetic's. This index keeps an int8
// approximation of every row (one scale per row) together with a bound on how far the
// approximate score can be from the true one, scans those, and computes the float score only of
// the rows whose upper bound still reaches the k-th best float score found so far: the
// vector-approximation file of Weber, Schek & Blott ("A Quantitative Analysis and Performance
// Study for Similarity-Search Methods in High-Dimensional Spaces", VLDB 1998), for inner
// products. No row that can enter the top k is skipped, and every returned score is
// kernels::dot's, so the answers equal top_k_inner_product's bit for bit.
//
// The bound, for a row x = s_x c_x + e_x and a query q = s_q c_q + e_q (codes c, residuals e):
//   |q.x - s_q s_x (c_q.c_x)| = |s_q c_q . e_x + e_q . x| <= |s_q c_q| |e_x| + |e_q| |x|
// plus a margin for float rounding, both in that product and in the float score itself.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "shelf/exact_search.h"
#include "shelf/matrix.h"

namespace shelf {

class ExactIndex {
 public:
  // Borrows `rows`: they must outlive the index and stay unchanged. One pass over them.
  // Throws shelf::Error for more rows than 32-bit ids or more than kernels::kMaxInt8Dim columns.
  explicit ExactIndex(const Matrix& rows);

  // How much of the float work a search did: the rows whose float score it computed.
  struct Stats {
    std::size_t refined = 0;
  };

  // top_k_inner_product(rows, query, k, exclude), the same answers bit for bit.
  std::vector<Neighbor> search(const float* query, std::size_t k,
                               const std::vector<std::int32_t>& exclude = {}, Stats* stats = nullptr) const;

  std::size_t size() const noexcept { return scales_.size(); }
  std::size_t dim() const noexcept { return dim_; }
  // What the first pass reads per query (codes and per-row bounds); the float rows, read only
  // for the rows refined, are the caller's and not counted.
  std::size_t memory_bytes() const noexcept;

 private:
  const Matrix* rows_;
  std::size_t dim_;
  // Codes per row: dim_ padded with zeros to a multiple of 16, so that the kernel never runs a
  // scalar tail (the zeros add nothing to the integer sums).
  std::size_t stride_;
  std::vector<std::int8_t> codes_;
  std::vector<float> scales_;        // s_x
  std::vector<float> error_norms_;   // |e_x|, rounded up; +inf for a row with non-finite values
  std::vector<float> norms_;         // |x|, rounded up
};

}  // namespace shelf
