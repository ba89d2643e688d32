#include "shelf/current_vectors.h"

#include <cmath>
#include <utility>

#include "shelf/error.h"
#include "shelf/tokenizer.h"

namespace shelf {

namespace {

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

Neighbors to_neighbors(const VectorStore& store, const std::vector<Neighbor>& found) {
  Neighbors result;
  for (const auto& n : found) {
    result.ids.push_back(n.id);
    result.words.push_back(store.word(n.id));
    result.scores.push_back(n.score);
  }
  return result;
}

void CurrentVectors::set(VectorStore store) {
  store_.reset();
  store_.emplace(std::move(store));
  store_->hide(word_filter_.hidden_ids(store_->embeddings().words));
  store_version_ = version_;
}

const VectorStore& CurrentVectors::store() const {
  if (!store_) throw NotReadyError("no vectors yet: load a corpus and train, or load vectors");
  return *store_;
}

std::uint64_t CurrentVectors::bytes() const noexcept {
  if (!store_) return 0;
  return (store_->embeddings().vectors.size() + store_->unit_vectors().size()) * sizeof(float);
}

std::int32_t CurrentVectors::resolve(std::string_view word) const {
  const VectorStore& s = store();
  const std::string_view typed = trim(word);
  if (typed.empty()) throw Error("empty word: type a word");
  std::int32_t id = s.find(typed);
  if (id < 0) id = s.find(lowercase(typed));
  if (id < 0) throw Error("unknown word '" + std::string(typed) + "'");
  if (s.is_hidden(id)) throw Error("'" + std::string(typed) + "' is hidden by the classroom word filter");
  return id;
}

WordList CurrentVectors::vocabulary(const Vocab* corpus, std::size_t limit) const {
  WordList result;
  // The most frequent words the word filter does not hide.
  const auto take = [&](const std::vector<std::string>& words, const auto* counts) {
    for (std::size_t i = 0; i < words.size() && (!limit || result.words.size() < limit); ++i) {
      if (word_filter_.hides(words[i])) continue;
      result.words.push_back(words[i]);
      result.counts.push_back(counts ? static_cast<double>((*counts)[i]) : 0.0);
    }
  };
  if (corpus) {
    take(corpus->words(), &corpus->counts());
  } else if (store_) {
    take(store_->embeddings().words, static_cast<const std::vector<double>*>(nullptr));
  } else {
    throw NotReadyError("no vocabulary yet: load a corpus or load vectors");
  }
  return result;
}

WordVector CurrentVectors::vector(std::string_view word) const {
  const VectorStore& s = store();
  const std::int32_t id = resolve(word);
  const float* row = s.embeddings().vectors.row(static_cast<std::size_t>(id));
  return {s.word(id), id, std::vector<float>(row, row + s.dim())};
}

Similarity CurrentVectors::similarity(std::string_view a, std::string_view b) const {
  const VectorStore& s = store();
  const float cosine = s.similarity(s.word(resolve(a)), s.word(resolve(b)));
  return {cosine, 1.0f - cosine};
}

Neighbors CurrentVectors::neighbors(std::string_view word, std::size_t k) const {
  require_positive(k, "k");
  const VectorStore& s = store();
  return to_neighbors(s, s.nearest(s.word(resolve(word)), k));
}

void CurrentVectors::check_query(const float* vector, std::size_t size) const {
  const VectorStore& s = store();
  if (size != s.dim()) {
    throw Error("the vector has " + std::to_string(size) + " values, the model " + std::to_string(s.dim()));
  }
  for (std::size_t i = 0; i < size; ++i) {
    if (!std::isfinite(vector[i])) {
      throw Error("the vector's value " + std::to_string(i + 1) + " is not a finite number");
    }
  }
}

Neighbors CurrentVectors::neighbors_of_vector(const float* vector, std::size_t size, std::size_t k) const {
  require_positive(k, "k");
  check_query(vector, size);
  return to_neighbors(store(), store().nearest(vector, k));
}

AnalogyAnswer CurrentVectors::analogy(std::string_view a, std::string_view b, std::string_view c, std::size_t k,
                                      VectorStore::AnalogyMethod method,
                                      std::optional<std::string_view> answer) const {
  require_positive(k, "k");
  const VectorStore& s = store();
  const std::string& wa = s.word(resolve(a));
  const std::string& wb = s.word(resolve(b));
  const std::string& wc = s.word(resolve(c));
  AnalogyAnswer result;
  static_cast<Neighbors&>(result) = to_neighbors(s, s.analogy(wa, wb, wc, k, method));
  if (answer) {
    const std::string& expected = s.word(resolve(*answer));
    result.rank = s.analogy_rank(wa, wb, wc, expected, method, true);
    result.rank_with_inputs = s.analogy_rank(wa, wb, wc, expected, method, false);
  }
  return result;
}

void CurrentVectors::set_word_filter(WordFilter filter) {
  word_filter_ = std::move(filter);
  if (store_) store_->hide(word_filter_.hidden_ids(store_->embeddings().words));
}

}  // namespace shelf
