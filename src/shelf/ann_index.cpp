#include "shelf/ann_index.h"

#include <chrono>
#include <optional>
#include <string>

#include "shelf/error.h"
#include "shelf/exact_search.h"

namespace shelf {

struct AnnIndex::Built {
  IndexKind kind = IndexKind::Hnsw;
  std::optional<HnswIndex> hnsw;       // over the store's unit vectors
  std::size_t total = 0;
  std::size_t float32_bytes = 0;
  double seconds = 0;

  IndexStatus status() const {
    IndexStatus s;
    s.kind = kind;
    s.total = total;
    s.float32_bytes = float32_bytes;
    s.seconds = seconds;
    if (hnsw) {
      s.quantization = hnsw->params().quantization;
      s.done = hnsw->size();
      s.complete = hnsw->complete();
      s.bytes = hnsw->memory_bytes();
    } else {
      s.done = total;
      s.complete = true;
    }
    return s;
  }
};

AnnIndex::AnnIndex() = default;
AnnIndex::~AnnIndex() = default;

IndexStatus AnnIndex::begin(const VectorStore& store, const IndexOptions& options) {
  auto built = std::make_unique<Built>();
  built->kind = options.kind;
  built->total = store.size();
  built->float32_bytes = store.size() * store.dim() * sizeof(float);
  if (options.kind == IndexKind::Hnsw) {
    HnswParams params = options.hnsw;
    // An int8 index asks for the smallest form: once built, the graph is compacted too (same
    // answers, a fraction of the link bytes); the index is rebuilt, never extended, anyway.
    params.compact = params.compact || params.quantization == Quantization::Int8;
    built->hnsw.emplace(store.unit_vectors(), params);
  }
  built_ = std::move(built);
  return built_->status();
}

IndexStatus AnnIndex::step(std::size_t items) {
  // NotReadyError crosses as `no-model`: there is nothing to step.
  if (!built_) throw NotReadyError("no index being built: the vectors changed, or index was never asked for");
  require_positive(items, "items");
  if (built_->hnsw && !built_->hnsw->complete()) {
    const auto start = std::chrono::steady_clock::now();
    built_->hnsw->build_step(items);
    built_->seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return built_->status();
}

void AnnIndex::reset() noexcept { built_.reset(); }

std::uint64_t AnnIndex::memory_bytes() const noexcept {
  return built_ && built_->hnsw ? built_->hnsw->memory_bytes() : 0;
}

Neighbors AnnIndex::search(const VectorStore& store, const float* unit_query, std::size_t k, std::size_t ef,
                           const std::vector<std::int32_t>& exclude) const {
  if (!built_) throw NotReadyError("no index for the current vectors: index them first");
  if (built_->hnsw && !built_->hnsw->complete()) {
    throw NotReadyError("the index is still being built (" + std::to_string(built_->hnsw->size()) + " of " +
                        std::to_string(built_->total) + " vectors)");
  }
  const std::vector<std::int32_t> excluded = store.excluding_hidden(exclude);
  if (!built_->hnsw) return to_neighbors(store, top_k_inner_product(store.unit_vectors(), unit_query, k, excluded));
  return to_neighbors(store, built_->hnsw->search(unit_query, k, ef, excluded));
}

}  // namespace shelf
