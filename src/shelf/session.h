// One person's playground: a corpus, the trainer working on it, or vectors loaded from a file,
// and every question the browser asks of them. The WebAssembly bindings wrap this class one call
// per request (docs/protocol.md), so all the logic of the protocol lives here, platform-free and
// tested natively: resolving the words people type, choosing the most frequent words for maps,
// keeping maps steady between training steps, rebuilding indexes when the vectors move.
//
// The current vectors are the trainer's input vectors when there is a trainer, otherwise the
// loaded ones. Questions are answered from a VectorStore built lazily from them: training steps
// only bump a version number, and the store (and the document index) are rebuilt on the next
// question, so a query between two slices of training sees the latest vectors.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shelf/corpus.h"
#include "shelf/documents.h"
#include "shelf/error.h"
#include "shelf/hnsw_index.h"
#include "shelf/io.h"
#include "shelf/keyword_index.h"
#include "shelf/trainer.h"
#include "shelf/umap.h"
#include "shelf/vector_store.h"

namespace shelf {

// A question that needs something not there yet: vectors, a corpus, a trainer, an index.
class NotReadyError : public Error {
 public:
  using Error::Error;
};

struct CorpusSummary {
  std::uint64_t raw_words = 0;   // every token of the text
  std::size_t vocab = 0;         // words kept (count >= min_count, capped at max_vocab)
  std::size_t sentences = 0;     // as the trainer sees them (long lines are cut)
};

struct VectorsSummary {
  std::size_t vocab = 0;
  std::size_t dim = 0;
};

struct Vocabulary {
  std::vector<std::string> words;   // most frequent first
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

struct WordMap {
  std::vector<std::string> words;
  std::vector<std::int32_t> ids;
  std::size_t components = 0;
  std::vector<float> points;        // row-major, words.size() x components
  std::vector<double> explained;    // fraction of the variance each component explains
  bool aligned = false;             // rotated onto the previous map
};

// Each of the `limit` most frequent words with its k nearest neighbours (cosine) among those same
// words, itself left out: the graph a layout such as UMAP is drawn from. The words are the first
// ids, so a neighbour's id is also its row on the map.
struct NeighborGraph {
  std::vector<std::string> words;
  std::vector<std::int32_t> ids;
  std::size_t k = 0;
  std::vector<std::int32_t> neighbors;  // words.size() x k, row-major, best first
  std::vector<float> scores;            // the cosine of each, same shape
};

// UMAP of the most frequent words over their neighbour graph, ready to step (see UmapLayout):
// point i of the layout is words[i].
struct WordLayout {
  std::vector<std::string> words;
  std::vector<std::int32_t> ids;
  std::size_t neighbors = 0;  // k of the graph
  UmapLayout layout;
};

struct WordClusters {
  std::vector<std::int32_t> ids;
  std::vector<std::int32_t> labels; // labels[i] in [0, k) is the cluster of ids[i]
  double inertia = 0;               // sum of squared distances to the centroids
};

struct SentencePositions {
  std::vector<std::string> tokens;
  std::vector<bool> known;
  std::size_t dim = 0;
  std::vector<float> token_vectors;     // each tokens.size() x dim, row-major
  std::vector<float> position_vectors;
  std::vector<float> inputs;            // token_vectors + position_vectors
};

// Offsets count UTF-16 code units of the indexed text, so a page can slice its own JS string.
struct DocumentChunk {
  std::string text;
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct SearchHit {
  std::size_t chunk = 0;
  float score = 0;
  std::string text;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::vector<std::string> matched;
};

struct SearchResult {
  std::vector<SearchHit> hits;
  std::string prompt;               // what a language model would be handed (build_prompt)
};

// What `approximate` neighbour questions are answered with: an HNSW graph over the current unit
// vectors, or the exact scan (a page can switch back and compare).
enum class IndexKind { Exact, Hnsw };

struct IndexOptions {
  IndexKind kind = IndexKind::Hnsw;
  HnswParams hnsw;                  // m, ef_construction, seed, quantization
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

struct ProjectorFiles {
  std::string vectors_tsv;
  std::string metadata_tsv;
};

class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  static const char* version() noexcept;

  // Replaces the corpus; drops the trainer and any loaded vectors (a document text stays and is
  // re-embedded once there are vectors again).
  CorpusSummary load_corpus(std::string_view text, std::int64_t min_count, std::size_t max_vocab);
  // A fresh trainer from random vectors on the loaded corpus. The previous run (or loaded
  // vectors) is freed first, so a retrain needs room for one trainer, not two.
  TrainingProgress configure(const TrainingParams& params);
  // What configure() frees before it allocates: the trainer's matrices, the vectors questions
  // are answered from and their index. A lower bound (tables and words are not counted), so a
  // memory check that counts on it never promises room that is not there.
  std::uint64_t bytes_freed_by_configure() const noexcept;
  // Trains about `words` more corpus words (at least one sentence).
  TrainingProgress step(std::uint64_t words);
  // The progress of the last step (or of configure), loss included.
  TrainingProgress progress() const;
  bool has_trainer() const noexcept { return trainer_ != nullptr; }
  bool has_corpus() const noexcept { return corpus_ != nullptr; }
  // Words in the loaded corpus's vocabulary (0 without one): the rows configure will allocate.
  std::size_t corpus_vocab_size() const noexcept { return corpus_ ? corpus_->vocab.size() : 0; }
  // Gives up training: drops the trainer, the vectors it made and the corpus, so their memory is
  // free again. Loaded vectors (when there is no trainer) stay.
  void cancel_training();
  bool training_finished() const;

  // Vectors from a file's bytes; drop the trainer (the corpus stays, for a later configure).
  // `max_words` > 0 reads only the first rows (a file too big for memory, see memory_estimate.h).
  VectorsSummary load_vectors_from_bytes(std::string_view bytes, const std::string& name,
                                         Format format = Format::Auto, std::size_t max_words = 0);
  VectorsSummary load_projector(std::string_view vectors_tsv, std::string_view metadata_tsv,
                                const std::string& name, std::size_t max_words = 0);

  // The first `limit` words of the current vocabulary (0 = all).
  Vocabulary vocabulary(std::size_t limit) const;
  WordVector vector(std::string_view word);
  Similarity similarity(std::string_view a, std::string_view b);
  Neighbors neighbors(std::string_view word, std::size_t k, SearchMode mode = {});
  Neighbors neighbors_of_vector(const float* vector, std::size_t size, std::size_t k, SearchMode mode = {});

  // Indexing the current vectors for approximate neighbours, in slices so that a page can show
  // progress: begin_index() inserts nothing yet, index_step() inserts about `items` more. The
  // index is dropped whenever the vectors change (training, loading): approximate questions are
  // then `no-model` until the next index. build_index() does it all in one call.
  IndexStatus begin_index(const IndexOptions& options);
  IndexStatus index_step(std::size_t items);
  IndexStatus build_index(const IndexOptions& options);
  // a is to b as c is to ?
  AnalogyAnswer analogy(std::string_view a, std::string_view b, std::string_view c, std::size_t k,
                        VectorStore::AnalogyMethod method,
                        std::optional<std::string_view> answer = std::nullopt);

  // PCA of the unit vectors of the `limit` most frequent words (cosine geometry, as the
  // neighbours). With `align`, and when every word of the new map was on the previous one (the
  // same model trained further, or a smaller limit), the map is turned onto the previous one by
  // orthogonal Procrustes, so that it does not flip or spin between training steps.
  WordMap project(std::size_t limit, std::size_t components, bool align);
  // The k nearest neighbours of each of the `limit` most frequent words among themselves (exact,
  // by cosine). Throws shelf::Error unless 1 <= k < the number of words.
  NeighborGraph neighbor_graph(std::size_t limit, std::size_t k);
  // UMAP of that graph, not yet stepped. It owns its graph: training or loading vectors meanwhile
  // does not change a layout under way. Throws shelf::Error as neighbor_graph and UmapLayout do.
  WordLayout begin_umap(std::size_t limit, std::size_t k, const UmapOptions& options);
  // Spherical k-means (cosine) of the `limit` most frequent words.
  WordClusters cluster(std::size_t k, std::size_t limit, std::uint64_t seed);
  // The sentence's token vectors, their sinusoidal position vectors times `scale`, and the sums.
  SentencePositions positions(std::string_view sentence, double scale);

  std::vector<DocumentChunk> index_documents(std::string_view text, std::size_t max_tokens,
                                             Pooling pooling);
  SearchResult search(std::string_view query, std::size_t k);

  // The vectors questions are answered from (the trainer's latest, or the loaded ones), for
  // requests computed in their own files (e.g. word_clusters.h, directions.h). Throws NotReadyError without any.
  const VectorStore& current_vectors() { return store(); }

  // The indexed documents as src/shelf/retrieval.h asks them (for the bindings): the embedder and
  // the index by meaning over the current vectors, the index by words (built once per text), the
  // chunks (UTF-16 offsets) and the text as indexed. Throws NotReadyError as search() does. The
  // references live until the vectors or the documents change.
  struct DocumentsView {
    const DocumentEmbedder& embedder;
    const DocumentIndex& meaning;
    const KeywordIndex& words;
    const std::vector<DocumentChunk>& chunks;
    std::string_view text;
    std::size_t max_tokens;
  };
  DocumentsView documents();

  // Word2VecText, Word2VecBinary or GloveText.
  std::string export_vectors(Format format);
  ProjectorFiles export_projector();

 private:
  // Replaces whatever the session held with loaded vectors (the trainer is dropped).
  VectorsSummary install_vectors(Embeddings embeddings);
  struct Documents;
  struct PreviousMap;
  struct AnnIndex;

  // The finished index for an approximate question; throws NotReadyError when there is none.
  const AnnIndex& ready_index();
  Neighbors search_index(const VectorStore& store, const float* unit_query, std::size_t k, std::size_t ef,
                         const std::vector<std::int32_t>& exclude);

  const VectorStore& store();
  // The row of a word as typed: exact first, then lowercased; throws "unknown word 'x'".
  std::int32_t resolve(const VectorStore& store, std::string_view word) const;
  void vectors_changed();
  void require_corpus() const;
  const DocumentIndex& document_index();

  std::unique_ptr<Corpus> corpus_;
  std::unique_ptr<Trainer> trainer_;   // reads *corpus_: declared after it, destroyed before it
  TrainingProgress progress_;
  std::optional<VectorStore> store_;
  std::uint64_t version_ = 1;          // bumped whenever the current vectors change
  std::uint64_t store_version_ = 0;
  std::unique_ptr<Documents> documents_;
  std::unique_ptr<PreviousMap> previous_map_;
  std::unique_ptr<AnnIndex> index_;    // reads store_'s unit vectors: dropped before they change
};

// Names used on the wire; each throws shelf::Error listing the accepted names.
Model model_from_name(std::string_view name);                          // skipgram, cbow
Format vectors_format_from_name(std::string_view name);                // auto, word2vec, word2vec-binary, glove
Pooling pooling_from_name(std::string_view name);                      // mean, sif
VectorStore::AnalogyMethod analogy_method_from_name(std::string_view name);  // add, mul
IndexKind index_kind_from_name(std::string_view name);                 // hnsw, exact
Quantization quantization_from_name(std::string_view name);            // none, int8
const char* index_kind_name(IndexKind kind) noexcept;
const char* quantization_name(Quantization quantization) noexcept;

}  // namespace shelf
