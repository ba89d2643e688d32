// Shelves of a library map: the words on the floor grouped by k-means of their vectors, each
// group (shelf) named by its most representative words, numbered so that a shelf keeps its
// number (hence colour and label) from one training checkpoint to the next, and put in a 1-D
// order where neighbouring shelves hold neighbouring topics. With known topics (a reading list's
// hidden labels), how well shelves and topics agree: purity and the adjusted Rand index.
//
// Everything is computed from one call per checkpoint (the `clusterWords` request). The previous
// call's result comes back as input, so nothing is kept between calls.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shelf/cluster_order.h"
#include "shelf/matrix.h"
#include "shelf/vector_store.h"

namespace shelf {

// A result of an earlier call, for matching: its words, the shelf of each (-1: none) and, for
// the map, the 2-D points of each (row-major; may be empty).
struct PreviousShelves {
  std::vector<std::string> words;
  std::vector<std::int32_t> labels;
  std::vector<float> points;
};

struct ShelfRequest {
  // The words to shelve as typed (unknown ones are skipped and reported); when empty, the
  // `limit` most frequent words.
  std::vector<std::string> words;
  std::size_t limit = 500;
  std::size_t k = 8;
  std::uint64_t seed = 1;
  int max_iterations = 100;
  // Subtract the mean of every word's unit vector before clustering and projecting (see
  // centered_unit_rows). Early in training all vectors share one direction; centring removes it.
  bool center = false;
  std::size_t representatives = 3;  // words per shelf name
  // 0: no map; 2 (or 3): also the PCA of the words' (centred) unit vectors, turned onto the
  // previous points by Procrustes when every word has one.
  std::size_t components = 0;
  std::optional<PreviousShelves> previous;
  // One topic per entry of `words` (-1: none): then purity and adjusted Rand index are computed
  // over the known words that have a topic. Empty: no agreement figures.
  std::vector<std::int32_t> topics;
  // Words whose `neighbor_count` nearest neighbours (by cosine over the whole vocabulary, centred
  // when `center`) to return, e.g. a probe word. With `add_neighbors`, each of them and its
  // neighbours are shelved too (after `words`, once each, with no topic).
  std::vector<std::string> neighbors_of;
  std::size_t neighbor_count = 8;
  bool add_neighbors = false;
};

struct WordNeighbors {
  std::string word;                   // as found in the vocabulary, or as typed when unknown
  bool known = false;
  std::vector<std::string> words;     // best first
  std::vector<float> scores;          // cosines (centred ones with `center`)
};

struct WordShelves {
  std::vector<std::string> words;     // the known words, in the order asked
  std::vector<std::int32_t> ids;      // their rows in the vocabulary
  std::vector<std::string> missing;   // words asked for but not in the vocabulary, as typed
  std::size_t k = 0;
  std::vector<std::int32_t> labels;   // the shelf of each word, in [0, k)
  std::vector<float> fit;             // cosine of each word to its shelf's centroid
  std::vector<std::int32_t> sizes;    // books per shelf
  // Per shelf, its `representatives` words closest to its centroid, closest first.
  std::vector<std::vector<std::string>> representatives;
  std::vector<std::string> names;     // representatives joined by " · "
  std::vector<std::int32_t> order;    // the shelves in a 1-D order of centroid similarity
  Matrix centroid_similarity;         // k x k cosines between the shelves' centroids
  double inertia = 0;                 // sum over words of 1 - cosine to their centroid
  int iterations = 0;
  bool converged = false;
  bool warm_started = false;          // started from the previous shelves (it fitted better)
  std::size_t compared = 0;           // words that had a shelf in the previous result
  std::size_t moved = 0;              // ...of which now stand on another shelf
  std::optional<double> purity;       // with topics
  std::optional<double> adjusted_rand;
  std::size_t topic_words = 0;        // words the two figures are computed over
  std::size_t components = 0;
  std::vector<float> points;          // words.size() x components, row-major (components > 0)
  std::vector<double> explained;      // variance share of each component
  bool aligned = false;               // turned onto the previous points
  std::vector<WordNeighbors> neighbors;  // one per entry of `neighbors_of`
};

// Clusters, names, matches and orders as described at the top. Throws shelf::Error for k = 0,
// fewer known words than k, topics of another length than `words`, previous labels or points of
// the wrong length, or no known words at all.
WordShelves shelve_words(const VectorStore& store, const ShelfRequest& request);

// Unit vectors of the rows `ids`, with `center` first minus the mean unit vector of every row of
// the store and normalised again (a row equal to the mean stays zero).
Matrix centered_unit_rows(const VectorStore& store, const std::vector<std::int32_t>& ids, bool center);

// The k nearest words to row `id` by cosine over every row but itself; with `center`, cosines
// of the vectors minus the mean unit vector (as centered_unit_rows, without copying the rows).
std::vector<Neighbor> nearest_words(const VectorStore& store, std::int32_t id, std::size_t k, bool center);

// The mean of every row's unit vector (dim values).
std::vector<float> mean_unit_vector(const VectorStore& store);

}  // namespace shelf
