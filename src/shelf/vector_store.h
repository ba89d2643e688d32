// Words and their vectors, ready for questions: lookup by word, cosine similarity, nearest
// neighbours and analogies. Ids are row numbers; readers keep the file's (frequency) order, so
// low ids are frequent words, which is what `restrict_to` relies on.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "shelf/embeddings.h"
#include "shelf/exact_search.h"
#include "shelf/matrix.h"

namespace shelf {

class VectorStore {
 public:
  // Throws shelf::Error when the words and rows disagree in number or a word repeats.
  explicit VectorStore(Embeddings embeddings);

  // Move-only: the word index points into the stored words.
  VectorStore(VectorStore&&) = default;
  VectorStore& operator=(VectorStore&&) = default;
  VectorStore(const VectorStore&) = delete;
  VectorStore& operator=(const VectorStore&) = delete;

  std::size_t size() const noexcept { return embeddings_.size(); }
  std::size_t dim() const noexcept { return embeddings_.dim(); }

  const std::string& word(std::int32_t id) const;  // throws shelf::Error for a bad id
  // Exact lookup (the caller lowercases): -1 when unknown.
  std::int32_t find(std::string_view word) const;
  // Throws shelf::Error "unknown word 'xyz'" when unknown.
  std::int32_t id_of(std::string_view word) const;

  const Embeddings& embeddings() const noexcept { return embeddings_; }
  const Matrix& unit_vectors() const noexcept { return unit_; }
  const float* unit_vector(std::int32_t id) const { return unit_.row(static_cast<std::size_t>(id)); }

  // Cosine; 0 when either vector is zero.
  float similarity(std::string_view a, std::string_view b) const;

  // The k words closest by cosine, excluding the word itself.
  std::vector<Neighbor> nearest(std::string_view word, std::size_t k) const;
  // The k words closest by cosine to `vector` (dim() values, any length; zero scores all 0).
  std::vector<Neighbor> nearest(const float* vector, std::size_t k,
                                const std::vector<std::int32_t>& exclude = {}) const;

  enum class AnalogyMethod { Add, Mul };
  // a is to b as c is to ?  Add (3CosAdd): cosine to normalise(b^ + c^ - a^) over unit vectors,
  // as gensim's most_similar(positive=[b, c], negative=[a]). Mul (3CosMul, Levy & Goldberg
  // 2014): cos'(d,b) * cos'(d,c) / (cos'(d,a) + 0.001) with cos' = (1 + cos) / 2.
  // The three inputs are never answers. restrict_to = 0 searches every word, N only ids < N.
  std::vector<Neighbor> analogy(std::string_view a, std::string_view b, std::string_view c,
                                std::size_t k, AnalogyMethod method = AnalogyMethod::Add,
                                std::size_t restrict_to = 0) const;

  // 1-based rank of `answer` among all words for the analogy (ties to the lower id), with the
  // three inputs taken out of the competition or left in; 0 when `answer` is unknown.
  std::size_t analogy_rank(std::string_view a, std::string_view b, std::string_view c,
                           std::string_view answer, AnalogyMethod method,
                           bool exclude_inputs) const;

  // Building blocks for callers that score many analogies (ids must be valid):
  // the analogy score of every id in [0, count) into out[0, count).
  void analogy_scores(std::int32_t a, std::int32_t b, std::int32_t c, AnalogyMethod method,
                      std::size_t count, float* out) const;
  // The unit-length 3CosAdd query normalise(b^ + c^ - a^) into out (dim() values).
  void analogy_query(std::int32_t a, std::int32_t b, std::int32_t c, float* out) const;

  static constexpr float kCosMulEpsilon = 0.001f;

  // Hidden rows (the classroom word filter, word_filter.h): never an answer of nearest() or
  // analogy(), never counted ahead in analogy_rank(), left out of visible_ids(). Ids ascending.
  void hide(std::vector<std::int32_t> ids);
  const std::vector<std::int32_t>& hidden_ids() const noexcept { return hidden_; }
  bool is_hidden(std::int32_t id) const;
  // The first `limit` ids that are not hidden (low ids are frequent words): the words of a map.
  std::vector<std::int32_t> visible_ids(std::size_t limit) const;
  // `ids` plus the hidden ids, sorted and unique: an exclusion list for a search.
  std::vector<std::int32_t> excluding_hidden(std::vector<std::int32_t> ids) const;

 private:
  Embeddings embeddings_;
  Matrix unit_;
  std::unordered_map<std::string_view, std::int32_t> index_;
  std::vector<std::int32_t> hidden_;
};

}  // namespace shelf
