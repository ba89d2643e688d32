#include "shelf/session.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "shelf/kernels.h"

namespace shelf {

const char* Session::version() noexcept { return "0.1.0"; }

CorpusSummary Session::load_corpus(std::string_view text, std::int64_t min_count, std::size_t max_vocab) {
  CorpusSummary summary = run_.load_corpus(text, min_count, max_vocab);
  vectors_changed();
  vectors_.drop();
  return summary;
}

TrainingProgress Session::configure(const TrainingParams& params, const std::optional<MemoryBudget>& budget) {
  if (budget && run_.has_corpus()) {
    MemoryBudget after_freeing = *budget;
    after_freeing.in_use -= std::min(after_freeing.in_use, bytes_freed_by_configure());
    require_memory(estimate_training_memory(run_.vocab_size(), static_cast<std::size_t>(params.dim)), after_freeing, "");
  }
  run_.check(params);
  // The old run goes before the new one is allocated: holding both could need twice the memory,
  // and the memory check counts on it (bytes_freed_by_configure).
  run_.drop_trainer();
  vectors_changed();
  vectors_.drop();
  return run_.start(params);
}

std::uint64_t Session::bytes_freed_by_configure() const noexcept {
  return run_.matrix_bytes() + vectors_.bytes() + index_.memory_bytes();
}

TrainingProgress Session::step(std::uint64_t words) {
  const std::uint64_t before = run_.has_trainer() ? run_.progress().words_done : 0;
  const TrainingProgress progress = run_.step(words);
  if (progress.words_done != before) vectors_changed();
  return progress;
}

void Session::cancel_training() {
  if (run_.has_trainer()) {
    run_.drop_trainer();
    vectors_changed();
    vectors_.drop();
    maps_.forget();
  }
  run_.cancel();
}

VectorsSummary Session::load_vectors_from_bytes(std::string_view bytes, const std::string& name, Format format,
                                                std::size_t max_words) {
  if (format == Format::ProjectorTsv) throw Error("Projector files come in two parts: load them with load_projector");
  ReadOptions options;
  options.max_words = max_words;
  return install_vectors(read_vectors_from_bytes(bytes, name, format, options));
}

VectorsSummary Session::load_projector(std::string_view vectors_tsv, std::string_view metadata_tsv,
                                       const std::string& name, std::size_t max_words) {
  ReadOptions options;
  options.max_words = max_words;
  return install_vectors(read_projector_from_bytes(vectors_tsv, metadata_tsv, name, options));
}

VectorsSummary Session::install_vectors(Embeddings embeddings) {
  VectorStore loaded(std::move(embeddings));  // validated before anything is dropped
  run_.drop_trainer();
  vectors_changed();
  vectors_.drop();
  vectors_.set(std::move(loaded));
  return {vectors_.store().size(), vectors_.store().dim()};
}

WordList Session::vocabulary(std::size_t limit) const {
  const bool from_corpus = run_.has_trainer() || (!vectors_.has_store() && run_.has_corpus());
  return vectors_.vocabulary(from_corpus ? &run_.vocab() : nullptr, limit);
}

Neighbors Session::neighbors(std::string_view word, std::size_t k, SearchMode mode) {
  const CurrentVectors& vectors = fresh();
  if (!mode.approximate) return vectors.neighbors(word, k);
  require_positive(k, "k");
  const std::int32_t id = vectors.resolve(word);
  return index_.search(vectors.store(), vectors.store().unit_vector(id), k, mode.ef, {id});
}

Neighbors Session::neighbors_of_vector(const float* vector, std::size_t size, std::size_t k, SearchMode mode) {
  const CurrentVectors& vectors = fresh();
  if (!mode.approximate) return vectors.neighbors_of_vector(vector, size, k);
  require_positive(k, "k");
  vectors.check_query(vector, size);
  std::vector<float> unit(vector, vector + size);
  kernels::normalize(unit.data(), unit.size());
  return index_.search(vectors.store(), unit.data(), k, mode.ef, {});
}

AnalogyAnswer Session::analogy(std::string_view a, std::string_view b, std::string_view c, std::size_t k,
                               VectorStore::AnalogyMethod method, std::optional<std::string_view> answer) {
  return fresh().analogy(a, b, c, k, method, answer);
}

WordMap Session::project(std::size_t limit, std::size_t components, bool align) {
  return maps_.project(store(), limit, components, align);
}

SearchResult Session::search(std::string_view query, std::size_t k) {
  const VectorStore& current = store();
  return documents_.search(current, corpus_vocab(), query, k);
}

DocumentsView Session::documents() {
  const VectorStore& current = store();
  return documents_.view(current, corpus_vocab());
}

WordFilterStatus Session::set_word_filter(WordFilter filter) {
  // The index excluded nothing by itself, so it stays; the store's hidden rows change.
  vectors_.set_word_filter(std::move(filter));
  return word_filter_status();
}

WordFilterStatus Session::word_filter_status() {
  WordFilterStatus status;
  status.listed = vectors_.word_filter().listed();
  if (run_.has_trainer() || vectors_.has_store()) {
    const VectorStore& s = store();
    status.vocab = s.size();
    status.hidden = s.hidden_ids().size();
  } else if (run_.has_corpus()) {
    status.vocab = run_.vocab().size();
    status.hidden = vectors_.word_filter().hidden_ids(run_.vocab().words()).size();
  }
  return status;
}

const VectorStore& Session::store() {
  if (run_.has_trainer() && vectors_.out_of_date()) {
    documents_.vectors_changed();
    index_.reset();
    vectors_.drop();
    vectors_.set(VectorStore(run_.embeddings()));
  }
  return vectors_.store();
}

void Session::vectors_changed() {
  vectors_.changed();
  index_.reset();
  documents_.vectors_changed();
}

}  // namespace shelf
