#include "shelf/word_maps.h"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <utility>

#include "shelf/clustering.h"
#include "shelf/error.h"
#include "shelf/exact_search.h"
#include "shelf/projection.h"

namespace shelf {

// The last map drawn, so the next one can be turned to match it.
struct WordMaps::PreviousMap {
  PreviousMap(const std::vector<std::string>& words, Matrix points) : points_(std::move(points)) {
    for (std::size_t i = 0; i < words.size(); ++i) rows_.emplace(words[i], i);
    components = points_.cols();
  }
  // The previous positions of `words`, row for row; nothing when one of them was not on the map.
  std::optional<Matrix> rows_for(const std::vector<std::string>& words) const {
    Matrix reference;
    reference.reserve_rows(words.size());
    for (const auto& word : words) {
      const auto found = rows_.find(word);
      if (found == rows_.end()) return std::nullopt;
      reference.push_row(points_.row(found->second), points_.cols());
    }
    return reference;
  }
  std::size_t components = 0;

 private:
  std::unordered_map<std::string, std::size_t> rows_;
  Matrix points_;
};

WordMaps::WordMaps() = default;
WordMaps::~WordMaps() = default;

void WordMaps::forget() noexcept { previous_.reset(); }

WordMap WordMaps::project(const VectorStore& store, std::size_t limit, std::size_t components, bool align) {
  require_positive(limit, "limit");
  require_positive(components, "components");
  const std::vector<std::int32_t> ids = store.visible_ids(limit);
  Projection projection = pca(store.unit_vectors(), ids, components);

  WordMap map;
  map.components = components;
  map.ids = ids;
  for (const auto id : ids) map.words.push_back(store.word(id));
  map.explained = projection.explained_variance_ratio;
  if (align && previous_ && previous_->components == components) {
    if (auto reference = previous_->rows_for(map.words)) {
      projection.points = align_to(projection.points, *reference);
      map.aligned = true;
    }
  }
  map.points.assign(projection.points.data(), projection.points.data() + projection.points.size());
  previous_ = std::make_unique<PreviousMap>(map.words, projection.points);
  return map;
}

NeighborGraph neighbor_graph(const VectorStore& store, std::size_t limit, std::size_t k) {
  require_positive(limit, "limit");
  require_positive(k, "k");
  const std::vector<std::int32_t> ids = store.visible_ids(limit);
  const std::size_t n = ids.size();
  if (k >= n) {
    throw Error("k is " + std::to_string(k) + " but there are only " + std::to_string(n) +
                " words: each can have at most " + std::to_string(n - 1) + " neighbours among them");
  }
  const Matrix& unit = store.unit_vectors();
  Matrix words(n, unit.cols());
  for (std::size_t i = 0; i < n; ++i) std::copy_n(unit.row(static_cast<std::size_t>(ids[i])), unit.cols(), words.row(i));
  // One more than asked: the word itself is (nearly always) its own best match.
  const auto found = top_k_inner_product_batch(words, words, k + 1);

  NeighborGraph graph;
  graph.k = k;
  graph.ids = ids;
  graph.neighbors.reserve(n * k);
  graph.scores.reserve(n * k);
  for (std::size_t i = 0; i < n; ++i) {
    graph.words.push_back(store.word(ids[i]));
    std::size_t kept = 0;
    for (const auto& neighbor : found[i]) {
      if (neighbor.id == static_cast<std::int32_t>(i) || kept == k) continue;
      graph.neighbors.push_back(neighbor.id);
      graph.scores.push_back(neighbor.score);
      ++kept;
    }
  }
  return graph;
}

WordLayout begin_umap(const VectorStore& store, std::size_t limit, std::size_t k, const UmapOptions& options) {
  NeighborGraph graph = neighbor_graph(store, limit, k);
  UmapLayout layout(graph.neighbors, graph.scores, graph.k, options);
  return {std::move(graph.words), std::move(graph.ids), graph.k, std::move(layout)};
}

WordClusters cluster_words(const VectorStore& store, std::size_t k, std::size_t limit, std::uint64_t seed) {
  require_positive(k, "k");
  require_positive(limit, "limit");
  const std::vector<std::int32_t> ids = store.visible_ids(limit);
  if (k > ids.size()) {
    throw Error("k is " + std::to_string(k) + " but there are only " + std::to_string(ids.size()) + " words to cluster");
  }
  const Clustering clustering = kmeans(store.embeddings().vectors, ids, k, seed);
  return {ids, clustering.labels, clustering.inertia};
}

}  // namespace shelf
