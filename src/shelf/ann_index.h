// The approximate index over the current vectors: what `approximate` neighbour questions are
// answered from. An HNSW graph over the store's unit vectors (hnsw_index.h), built in slices so
// that a page can show progress, or the exact scan (so a page can switch back and compare). It
// reads the store's unit vectors, so the Session drops it whenever the vectors change.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "shelf/current_vectors.h"
#include "shelf/hnsw_index.h"
#include "shelf/vector_store.h"

namespace shelf {

// ExactScan: a scan of every unit vector (exact_search.h), not the ExactIndex class.
enum class IndexKind { ExactScan, Hnsw };

struct IndexOptions {
  IndexKind kind = IndexKind::Hnsw;
  HnswParams hnsw;                  // m, ef_construction, seed, quantization (int8: compacted too)
};

struct IndexStatus {
  IndexKind kind = IndexKind::Hnsw;
  Quantization quantization = Quantization::None;
  std::size_t done = 0;             // vectors inserted
  std::size_t total = 0;            // vectors to insert
  bool complete = false;
  std::size_t bytes = 0;            // HnswIndex::memory_bytes(); 0 for the exact scan
  std::size_t float32_bytes = 0;    // the unit vectors the index is built over
  double seconds = 0;               // building so far
};

// How a neighbour question is answered: exactly (the default), or from the index (`ef`: the
// search width, 0 = the index's default).
struct SearchMode {
  bool approximate = false;
  std::size_t ef = 0;
};

class AnnIndex {
 public:
  AnnIndex();
  ~AnnIndex();

  // A new index over `store`'s unit vectors, nothing inserted yet.
  IndexStatus begin(const VectorStore& store, const IndexOptions& options);
  // Inserts about `items` more; NotReadyError when no index is being built.
  IndexStatus step(std::size_t items);
  void reset() noexcept;
  // The graph's memory (0 for the exact scan or no index).
  std::uint64_t memory_bytes() const noexcept;
  // The k best for a unit query, `exclude` and the store's hidden words left out; NotReadyError
  // unless the index is complete. `store` must be the one the index was begun on.
  Neighbors search(const VectorStore& store, const float* unit_query, std::size_t k, std::size_t ef,
                   const std::vector<std::int32_t>& exclude) const;

 private:
  struct Built;
  std::unique_ptr<Built> built_;
};

}  // namespace shelf
