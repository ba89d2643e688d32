// Approximate nearest neighbours by inner product: a hierarchical navigable small world graph
// (Malkov & Yashunin, "Efficient and robust approximate nearest neighbor search using
// Hierarchical Navigable Small World graphs", IEEE TPAMI 2018). Every row is a node; each node
// draws a top layer from an exponentially decaying distribution and links to a few diverse near
// nodes on each of its layers. A search descends greedily through the sparse upper layers and
// then explores layer 0 best first, keeping the `ef` best nodes seen.
//
// On unit vectors inner product is cosine, so this answers what VectorStore::nearest answers,
// approximately; exact_search.h is the reference it is tested and benchmarked against.
//
// Int8 storage: each row is scalar-quantised with one scale per row (round(x / s), s = max|x| /
// 127), so that the dot product of two codes is one exact integer sum times two scales
// (per-dimension scales would need a float multiply per dimension). The graph is walked on the
// codes, a quarter of the float size; the best candidates are then re-scored with the float rows.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "shelf/exact_search.h"
#include "shelf/link_lists.h"
#include "shelf/matrix.h"
#include "shelf/packed_ints.h"
#include "shelf/random.h"

namespace shelf {

enum class Quantization { None, Int8 };

struct HnswParams {
  // Links per node on the upper layers; layer 0 keeps up to twice as many (the paper's Mmax0).
  std::size_t m = 16;
  // Candidates kept while inserting a node: a better graph for a slower build.
  std::size_t ef_construction = 100;
  // Candidates kept while searching when search() is given ef = 0: recall for speed.
  std::size_t ef_search = 64;
  // Draws the node layers: the same rows, parameters and seed build the same graph.
  std::uint64_t seed = 1;
  Quantization quantization = Quantization::None;
  // Int8 only: a search keeps at least rerank_factor * k candidates for float re-scoring.
  std::size_t rerank_factor = 4;
  // Calls compact() when the last row is inserted.
  bool compact = false;
};

class HnswIndex {
 public:
  // Borrows `rows` (unit vectors, for cosine): they must outlive the index and stay unchanged,
  // as the characters behind a std::string_view. Inserts nothing yet: see build_step() and
  // build(). The graph is built on the float rows in both storage modes. Throws shelf::Error for
  // m < 2, ef_construction < 1, more rows than 32-bit ids, or (int8) more than
  // kernels::kMaxInt8Dim dimensions.
  explicit HnswIndex(const Matrix& rows, HnswParams params = {});

  // Inserts the next `count` rows, in row order, and returns how many rows are in: the browser
  // builds in slices and shows progress. A partly built index searches the rows inserted so far.
  // Throws shelf::Error once the index is compacted.
  std::size_t build_step(std::size_t count);
  void build() { build_step(capacity()); }

  // Freezes a complete graph into a smaller read-only form: the nodes are renumbered so that
  // linked nodes get near numbers (a greedy graph ordering from the entry point), every link
  // list is stored sorted, as gaps in a bit code (link_lists.h), and the map back to rows in
  // as many bits a node as the row count needs. Searches answer exactly as before, in the
  // rows' own ids. Inserting afterwards throws; compacting twice does nothing. Throws
  // shelf::Error when the index is not complete.
  void compact();
  bool compacted() const noexcept { return compacted_; }

  std::size_t size() const noexcept { return count_; }              // rows inserted
  std::size_t capacity() const noexcept { return rows_->rows(); }   // rows to insert
  bool complete() const noexcept { return count_ == capacity(); }
  std::size_t dim() const noexcept { return dim_; }
  const HnswParams& params() const noexcept { return params_; }
  int top_layer() const noexcept { return top_layer_; }             // -1 when empty

  // The k rows with the highest inner product with `query` (dim() values), best first, ties to
  // the lower id, as top_k_inner_product would answer but approximately. Scores are float dot
  // products in both storage modes. `ef` (0 = params().ef_search) is raised to k; when it
  // reaches the number of rows, the rows are scanned exactly instead. `exclude` ids are walked
  // through but never returned.
  // Not safe for two threads at once on one index: searches share the visited marks.
  std::vector<Neighbor> search(const float* query, std::size_t k, std::size_t ef = 0,
                               const std::vector<std::int32_t>& exclude = {}) const;

  // What a search reads, in bytes, part by part; memory_bytes() is their sum.
  struct Footprint {
    std::size_t layer0 = 0;    // layer-0 links and their starts (compacted: and decoding table)
    std::size_t upper = 0;     // links on layers >= 1 and the bookkeeping to find them
    std::size_t row_map = 0;   // compacted: node -> row
    std::size_t vectors = 0;   // vector_bytes()
    std::size_t visited = 0;   // the visited marks a search sets
    std::size_t total() const noexcept { return layer0 + upper + row_map + vectors + visited; }
  };
  Footprint footprint() const noexcept;
  // What a search reads, in bytes: graph_bytes() + vector_bytes() + the visited marks.
  std::size_t memory_bytes() const noexcept { return footprint().total(); }
  // Links and layer bookkeeping (compacted: with the renumbering).
  std::size_t graph_bytes() const noexcept;
  // The vectors the graph is walked on: float32, the borrowed rows (counted, since the search
  // reads them all); int8, the codes and their scales. The float rows an int8 search re-scores
  // its candidates with are the caller's (a VectorStore's unit vectors) and are not counted.
  std::size_t vector_bytes() const noexcept;

 private:
  struct Candidate {
    float score;
    std::int32_t id;
  };
  class FloatScorer;
  class Int8Scorer;

  // [count, id, id, ...] of node `id` on `layer`, while not compacted.
  std::int32_t* links(std::int32_t id, int layer) noexcept;
  const std::int32_t* links(std::int32_t id, int layer) const noexcept;
  // The same for a search: compacted lists are decoded into `out`.
  const std::int32_t* read_links(std::int32_t id, int layer, std::vector<std::int32_t>& out) const;
  // Ties between equal scores go to the lower row id, also after renumbering.
  std::int32_t row_id(std::int32_t node) const noexcept {
    return compacted_ ? static_cast<std::int32_t>(row_of_[static_cast<std::size_t>(node)]) : node;
  }
  bool better(const Candidate& a, const Candidate& b) const noexcept {
    return a.score > b.score || (a.score == b.score && row_id(a.id) < row_id(b.id));
  }
  std::size_t max_links(int layer) const noexcept { return layer == 0 ? 2 * params_.m : params_.m; }

  void insert(std::int32_t id);
  // Compaction's node order (node -> row): linked rows get near numbers.
  std::vector<std::int32_t> locality_order() const;
  int draw_layer();
  void quantize_row(std::size_t row);
  // Keeps up to `limit` of `candidates` (sorted best first by score to the base node) that are
  // nearer the base than to any node already kept: the paper's heuristic (Algorithm 4), which
  // keeps links pointing in different directions so that clusters stay connected.
  void select_neighbors(std::vector<Candidate>& candidates, std::size_t limit) const;
  static void sort_for_linking(std::vector<Candidate>& pool, std::int32_t base);
  void link_back(std::int32_t from, std::int32_t to, int layer);

  template <class Scorer>
  Candidate descend(const Scorer& score, Candidate from, int down_to_layer) const;
  // Best-first search of one layer from the entry points in found_; leaves the best `ef` nodes
  // (not excluded) in found_, as a heap with the worst on top.
  template <class Scorer>
  void search_layer(const Scorer& score, std::size_t ef, int layer,
                    const std::vector<std::int32_t>* exclude) const;
  std::vector<Neighbor> exact_scan(const float* query, std::size_t k,
                                   const std::vector<std::int32_t>& exclude) const;
  // Starts a new walk: nothing visited.
  void next_visit() const;
  // Marks `id` visited; false when it already was in this walk.
  bool visit(std::int32_t id) const noexcept {
    std::uint64_t& word = visited_[static_cast<std::size_t>(id) >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (static_cast<std::uint32_t>(id) & 63);
    if (word & bit) return false;
    if (word == 0) visited_words_.push_back(static_cast<std::uint32_t>(static_cast<std::size_t>(id) >> 6));
    word |= bit;
    return true;
  }

  const Matrix* rows_;
  HnswParams params_;
  std::size_t dim_;
  double layer_scale_;                        // 1 / ln(m), the paper's mL
  Random random_;
  std::size_t count_ = 0;
  std::int32_t entry_ = -1;
  int top_layer_ = -1;
  std::vector<std::int32_t> links0_;          // per node: 1 + 2m values
  std::vector<std::uint8_t> layers_;          // per node: its top layer (dropped when compacted)
  std::vector<std::uint32_t> upper_start_;    // per node: where its layers >= 1 start in upper_
  std::vector<std::int32_t> upper_;           // per layer >= 1 of a node: 1 + m values
  std::vector<std::int8_t> codes_;            // int8: dim_ per node
  std::vector<float> scales_;                 // int8: per node

  // Compacted: nodes are renumbered for locality; row_of_ maps them back to rows.
  bool compacted_ = false;
  PackedInts row_of_;                         // per node: its row
  LinkLists lists0_;                          // per node: its layer-0 links
  std::vector<std::int32_t> upper_nodes_;     // the nodes above layer 0, ascending
  std::vector<std::uint32_t> upper_first_;    // per upper node: its layer-1 list in upper_lists_
  LinkLists upper_lists_;                     // per upper node, layers 1 up: its links there

  // Search scratch, reused between calls.
  // Visited marks, one bit a node; the words set in this walk are listed, so that a new walk
  // clears only those (a walk visits a few hundred nodes, an insert several thousand).
  mutable std::vector<std::uint64_t> visited_;
  mutable std::vector<std::uint32_t> visited_words_;  // capacity: one per word of visited_
  mutable std::vector<Candidate> candidates_; // heap, best on top
  mutable std::vector<Candidate> found_;      // heap, worst on top
  mutable std::vector<std::int32_t> batch_;
  mutable std::vector<std::int32_t> decoded_;
  mutable std::vector<float> batch_scores_;
  mutable std::vector<std::int8_t> query_codes_;
};

// Builds an index over every row in one call.
HnswIndex build_hnsw(const Matrix& rows, const HnswParams& params = {});

}  // namespace shelf
