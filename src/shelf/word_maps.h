// Word maps and layouts of the current vectors: a PCA map of the most frequent words that keeps
// still between training steps (each map is turned onto the last one by orthogonal Procrustes),
// the neighbour graph a UMAP layout is drawn from, the layout itself, and k-means clusters.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "shelf/umap.h"
#include "shelf/vector_store.h"

namespace shelf {

struct WordMap {
  std::vector<std::string> words;
  std::vector<std::int32_t> ids;
  std::size_t components = 0;
  std::vector<float> points;        // row-major, words.size() x components
  std::vector<double> explained;    // fraction of the variance each component explains
  bool aligned = false;             // rotated onto the previous map
};

// Each of the `limit` most frequent words with its k nearest neighbours (cosine) among those same
// words, itself left out: the graph a layout such as UMAP is drawn from. `neighbors` are rows of
// `words` (its row on the map); `ids` are the words' ids, the first ids unless the word filter
// hides some of them.
struct NeighborGraph {
  std::vector<std::string> words;
  std::vector<std::int32_t> ids;
  std::size_t k = 0;
  std::vector<std::int32_t> neighbors;  // words.size() x k, row-major, best first
  std::vector<float> scores;            // the cosine of each, same shape
};

// UMAP of the most frequent words over their neighbour graph, ready to step (see UmapLayout):
// point i of the layout is words[i]. It owns its graph: training or loading vectors meanwhile
// does not change a layout under way.
struct WordLayout {
  std::vector<std::string> words;
  std::vector<std::int32_t> ids;
  std::size_t neighbors = 0;  // k of the graph
  UmapLayout layout;
};

struct WordClusters {
  std::vector<std::int32_t> ids;
  std::vector<std::int32_t> labels; // labels[i] in [0, k) is the cluster of ids[i]
  double inertia = 0;               // sum over the words of 1 - cosine to their cluster's centroid
};

class WordMaps {
 public:
  WordMaps();
  ~WordMaps();

  // PCA of the unit vectors of the `limit` most frequent words (cosine geometry, as the
  // neighbours). With `align`, and when every word of the new map was on the previous one (the
  // same model trained further, or a smaller limit), the map is turned onto the previous one, so
  // that it does not flip or spin between training steps.
  WordMap project(const VectorStore& store, std::size_t limit, std::size_t components, bool align);
  // The next map is not turned onto the last one.
  void forget() noexcept;

 private:
  struct PreviousMap;
  std::unique_ptr<PreviousMap> previous_;
};

// The k nearest neighbours of each of the `limit` most frequent words among themselves (exact,
// by cosine). Throws shelf::Error unless 1 <= k < the number of words.
NeighborGraph neighbor_graph(const VectorStore& store, std::size_t limit, std::size_t k);
// UMAP of that graph, not yet stepped. Throws shelf::Error as neighbor_graph and UmapLayout do.
WordLayout begin_umap(const VectorStore& store, std::size_t limit, std::size_t k, const UmapOptions& options);
// Spherical k-means (cosine) of the `limit` most frequent words.
WordClusters cluster_words(const VectorStore& store, std::size_t k, std::size_t limit, std::uint64_t seed);

}  // namespace shelf
