// Two steps of keeping shelves readable from one checkpoint to the next: numbering new clusters
// after old ones (so a shelf keeps its colour and name), and a 1-D order of clusters in which
// neighbours are similar (so neighbouring shelves of a bookcase hold neighbouring topics).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "shelf/matrix.h"

namespace shelf {

// Numbers new clusters after old ones: the permutation p (new cluster c becomes p[c], a
// permutation of [0, k)) maximising the words that keep their number, by the Hungarian method
// on the overlap table. `previous` holds each word's earlier number (-1 or >= k: none).
std::vector<std::int32_t> match_clusters(const std::vector<std::int32_t>& labels,
                                         const std::vector<std::int32_t>& previous, std::size_t k);

// An order of the k items maximising the summed similarity of neighbours in the order (a
// maximum-weight Hamiltonian path): exact by dynamic programming over subsets up to
// kExactOrderLimit items, above that nearest-neighbour chains from every start improved by 2-opt.
// Oriented so that the first item has the smaller number than the last.
std::vector<std::int32_t> order_by_similarity(const Matrix& similarity);
inline constexpr std::size_t kExactOrderLimit = 12;
// The heuristic alone (for tests against the exact order).
std::vector<std::int32_t> order_by_similarity_heuristic(const Matrix& similarity);
// Summed similarity of neighbours along an order.
double path_similarity(const Matrix& similarity, const std::vector<std::int32_t>& order);

}  // namespace shelf
