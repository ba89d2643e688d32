// The current vectors and the word questions asked of them. The vectors are the trainer's latest
// (copied into a VectorStore on the first question after a training step: steps only bump a
// version number) or vectors loaded from a file. Every answer goes through the classroom word
// filter (word_filter.h): hidden words are left out of answers, and a typed hidden word is refused.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shelf/exact_search.h"
#include "shelf/vector_store.h"
#include "shelf/vocab.h"
#include "shelf/word_filter.h"

namespace shelf {

struct VectorsSummary {
  std::size_t vocab = 0;
  std::size_t dim = 0;
};

// The words a page lists, most frequent first (not the Vocab class, which is the corpus's).
struct WordList {
  std::vector<std::string> words;
  std::vector<double> counts;       // corpus counts; 0 for loaded vectors, whose files have none
};

struct WordVector {
  std::string word;                 // as found in the vocabulary
  std::int32_t id = -1;
  std::vector<float> vector;
};

struct Similarity {
  float cosine = 0;
  float distance = 0;               // 1 - cosine
};

struct Neighbors {
  std::vector<std::int32_t> ids;    // best first
  std::vector<std::string> words;
  std::vector<float> scores;        // cosine (or the 3CosMul score for analogies)
};

struct AnalogyAnswer : Neighbors {
  // 1-based rank of the expected answer with the three inputs excluded / included; set only
  // when an answer was asked about.
  std::optional<std::size_t> rank;
  std::optional<std::size_t> rank_with_inputs;
};

Neighbors to_neighbors(const VectorStore& store, const std::vector<Neighbor>& found);

class CurrentVectors {
 public:
  // The vectors moved (a training step, a new run): the store is out of date until set() again.
  void changed() noexcept { ++version_; }
  bool out_of_date() const noexcept { return store_version_ != version_; }
  // Answers from these vectors from now on (the word filter applied).
  void set(VectorStore store);
  void drop() noexcept { store_.reset(); }
  bool has_store() const noexcept { return store_.has_value(); }
  // Throws NotReadyError without vectors.
  const VectorStore& store() const;
  // The store's two matrices (vectors and unit vectors); 0 without a store.
  std::uint64_t bytes() const noexcept;

  // The row of a word as typed: exact first, then lowercased; throws "unknown word 'x'".
  std::int32_t resolve(std::string_view word) const;
  // The first `limit` words (0 = all), hidden words left out: of `corpus` when given (it has
  // counts), else of the store.
  WordList vocabulary(const Vocab* corpus, std::size_t limit) const;
  WordVector vector(std::string_view word) const;
  Similarity similarity(std::string_view a, std::string_view b) const;
  Neighbors neighbors(std::string_view word, std::size_t k) const;
  // Throws shelf::Error for a vector that is not of the model's size or not finite.
  void check_query(const float* vector, std::size_t size) const;
  Neighbors neighbors_of_vector(const float* vector, std::size_t size, std::size_t k) const;
  // a is to b as c is to ?
  AnalogyAnswer analogy(std::string_view a, std::string_view b, std::string_view c, std::size_t k,
                        VectorStore::AnalogyMethod method, std::optional<std::string_view> answer) const;

  // Kept across vectors: the store's hidden rows change with it. The index excludes nothing by
  // itself, so it stays valid.
  void set_word_filter(WordFilter filter);
  const WordFilter& word_filter() const noexcept { return word_filter_; }

 private:
  std::optional<VectorStore> store_;
  std::uint64_t version_ = 1;          // bumped whenever the vectors change
  std::uint64_t store_version_ = 0;    // the version store_ holds
  WordFilter word_filter_;
};

}  // namespace shelf
