// One person's playground, as the browser sees it: a corpus and the trainer working on it, or
// vectors loaded from a file, and every question the page asks of them (docs/protocol.md). The
// Session owns one of each part and forwards to it; what it adds is the one rule between them:
// when the vectors change (a training step, a new run, loaded vectors), the store questions are
// answered from, the approximate index and the documents' embedding are rebuilt or dropped.
//
// The parts, one noun each: training_run.h (corpus + trainer), current_vectors.h (the vectors and
// the word questions, through the word filter), ann_index.h (the approximate index), word_maps.h
// (maps, neighbour graphs, UMAP, clusters), positions.h, document_search.h, exports.h; the names
// the wire uses for the choices are in wire_names.h.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shelf/ann_index.h"
#include "shelf/current_vectors.h"
#include "shelf/document_search.h"
#include "shelf/error.h"
#include "shelf/exports.h"
#include "shelf/io.h"
#include "shelf/memory_estimate.h"
#include "shelf/positions.h"
#include "shelf/training_run.h"
#include "shelf/word_filter.h"
#include "shelf/word_maps.h"

namespace shelf {

class Session {
 public:
  static const char* version() noexcept;

  // Replaces the corpus; drops the trainer and any loaded vectors (a document text stays and is
  // re-embedded once there are vectors again).
  CorpusSummary load_corpus(std::string_view text, std::int64_t min_count, std::size_t max_vocab);
  // A fresh trainer from random vectors on the loaded corpus. The previous run (or loaded
  // vectors) is freed first, so a retrain needs room for one trainer, not two. With a `budget`
  // (the browser's), a run that would not fit in it is refused with MemoryLimitError before
  // anything is dropped; what the old run frees counts as free.
  TrainingProgress configure(const TrainingParams& params, const std::optional<MemoryBudget>& budget = std::nullopt);
  // What configure() frees before it allocates: the trainer's matrices, the vectors questions
  // are answered from and their index. A lower bound (tables and words are not counted), so a
  // memory check that counts on it never promises room that is not there.
  std::uint64_t bytes_freed_by_configure() const noexcept;
  TrainingProgress step(std::uint64_t words);
  TrainingProgress progress() const { return run_.progress(); }
  bool has_trainer() const noexcept { return run_.has_trainer(); }
  bool has_corpus() const noexcept { return run_.has_corpus(); }
  // Gives up training: drops the trainer, the vectors it made and the corpus, so their memory is
  // free again. Loaded vectors (when there is no trainer) stay.
  void cancel_training();
  bool training_finished() const { return run_.finished(); }

  // Vectors from a file's bytes; drop the trainer (the corpus stays, for a later configure).
  // `max_words` > 0 reads only the first rows (a file too big for memory, see memory_estimate.h).
  VectorsSummary load_vectors_from_bytes(std::string_view bytes, const std::string& name,
                                         Format format = Format::Auto, std::size_t max_words = 0);
  VectorsSummary load_projector(std::string_view vectors_tsv, std::string_view metadata_tsv,
                                const std::string& name, std::size_t max_words = 0);

  // The first `limit` words of the current vocabulary (0 = all), hidden words left out.
  WordList vocabulary(std::size_t limit) const;
  WordVector vector(std::string_view word) { return fresh().vector(word); }
  Similarity similarity(std::string_view a, std::string_view b) { return fresh().similarity(a, b); }
  Neighbors neighbors(std::string_view word, std::size_t k, SearchMode mode = {});
  Neighbors neighbors_of_vector(const float* vector, std::size_t size, std::size_t k, SearchMode mode = {});
  // a is to b as c is to ?
  AnalogyAnswer analogy(std::string_view a, std::string_view b, std::string_view c, std::size_t k,
                        VectorStore::AnalogyMethod method, std::optional<std::string_view> answer = std::nullopt);

  // Indexing the current vectors for approximate neighbours (ann_index.h), in slices. The index
  // is dropped whenever the vectors change: approximate questions are then refused with
  // NotReadyError until the next index.
  IndexStatus begin_index(const IndexOptions& options) { return index_.begin(store(), options); }
  IndexStatus index_step(std::size_t items) { return index_.step(items); }

  // word_maps.h; project() turns each map onto the previous one when `align` is asked.
  WordMap project(std::size_t limit, std::size_t components, bool align);
  NeighborGraph neighbor_graph(std::size_t limit, std::size_t k) { return shelf::neighbor_graph(store(), limit, k); }
  WordLayout begin_umap(std::size_t limit, std::size_t k, const UmapOptions& options) {
    return shelf::begin_umap(store(), limit, k, options);
  }
  WordClusters cluster(std::size_t k, std::size_t limit, std::uint64_t seed) {
    return cluster_words(store(), k, limit, seed);
  }
  SentencePositions positions(std::string_view sentence, double scale) {
    return sentence_positions(store(), sentence, scale);
  }

  std::vector<DocumentChunk> index_documents(std::string_view text, std::size_t max_tokens, Pooling pooling) {
    return documents_.index(text, max_tokens, pooling);
  }
  SearchResult search(std::string_view query, std::size_t k);
  // For requests computed in their own files (retrieval.h); NotReadyError as search().
  DocumentsView documents();

  // The vectors questions are answered from, for requests computed in their own files (e.g.
  // word_clusters.h, directions.h). Throws NotReadyError without any.
  const VectorStore& current_vectors() { return store(); }

  std::string export_vectors(Format format) { return shelf::export_vectors(store().embeddings(), format); }
  ProjectorFiles export_projector() { return shelf::export_projector(store().embeddings()); }

  // The classroom word filter (word_filter.h), kept across vectors. An empty filter hides nothing.
  WordFilterStatus set_word_filter(WordFilter filter);
  WordFilterStatus word_filter_status();

 private:
  // Replaces whatever the session held with loaded vectors (the trainer is dropped).
  VectorsSummary install_vectors(Embeddings embeddings);
  // The current vectors, rebuilt from the trainer when a step has moved them.
  const VectorStore& store();
  const CurrentVectors& fresh() {
    store();
    return vectors_;
  }
  void vectors_changed();
  // The corpus's vocabulary while training (its counts weigh words), else nothing.
  const Vocab* corpus_vocab() const { return run_.has_trainer() ? &run_.vocab() : nullptr; }

  TrainingRun run_;
  CurrentVectors vectors_;
  AnnIndex index_;        // reads vectors_' unit vectors: dropped before they change
  WordMaps maps_;
  DocumentSearch documents_;
};

}  // namespace shelf
