#include "shelf/session.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <unordered_map>
#include <utility>

#include "shelf/clustering.h"
#include "shelf/kernels.h"
#include "shelf/positions.h"
#include "shelf/projection.h"
#include "shelf/tokenizer.h"

namespace shelf {

namespace {

constexpr const char* kNoVectors = "no vectors yet: load a corpus and train, or load vectors";
constexpr const char* kNoTrainer = "no training configured: load a corpus and configure training first";

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// Converts ascending UTF-8 byte offsets of one text into UTF-16 code-unit offsets (what a JS
// string counts) in a single pass: a lead byte starts one unit, a 4-byte sequence two.
class Utf16Offsets {
 public:
  explicit Utf16Offsets(std::string_view text) : text_(text) {}
  std::size_t operator()(std::size_t byte_offset) {
    if (byte_offset < bytes_) bytes_ = units_ = 0;
    byte_offset = std::min(byte_offset, text_.size());
    for (; bytes_ < byte_offset; ++bytes_) {
      const auto byte = static_cast<unsigned char>(text_[bytes_]);
      if ((byte & 0xC0) != 0x80) units_ += byte >= 0xF0 ? 2 : 1;
    }
    return units_;
  }

 private:
  std::string_view text_;
  std::size_t bytes_ = 0;
  std::size_t units_ = 0;
};

std::vector<float> flatten(const Matrix& matrix) { return {matrix.data(), matrix.data() + matrix.size()}; }

Neighbors to_neighbors(const VectorStore& store, const std::vector<Neighbor>& found) {
  Neighbors result;
  for (const auto& n : found) {
    result.ids.push_back(n.id);
    result.words.push_back(store.word(n.id));
    result.scores.push_back(n.score);
  }
  return result;
}

void require_positive(std::size_t value, const char* what) {
  if (value == 0) throw Error(std::string(what) + " must be at least 1");
}

}  // namespace

struct Session::Documents {
  std::string text;
  std::size_t max_tokens = 0;
  Pooling pooling = Pooling::Mean;
  std::vector<DocumentChunk> chunks;
  // Built from the current store on the first search after the vectors change; the embedder
  // reads the store's embeddings, so both are dropped before the store is replaced.
  std::unique_ptr<DocumentEmbedder> embedder;
  std::unique_ptr<DocumentIndex> index;
  std::unique_ptr<KeywordIndex> keywords;  // the words do not change with the vectors
};

struct Session::AnnIndex {
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

// The last map drawn, so the next one can be turned to match it.
struct Session::PreviousMap {
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

Session::Session() = default;
Session::~Session() = default;

const char* Session::version() noexcept { return "0.1.0"; }

CorpusSummary Session::load_corpus(std::string_view text, std::int64_t min_count, std::size_t max_vocab) {
  if (min_count < 1) throw Error("min count must be at least 1");
  VocabOptions options;
  options.min_count = min_count;
  options.max_vocab = max_vocab;
  auto corpus = std::make_unique<Corpus>(build_corpus(text, options));
  trainer_.reset();
  vectors_changed();
  store_.reset();
  progress_ = {};
  corpus_ = std::move(corpus);
  return {corpus_->raw_words, corpus_->vocab.size(), corpus_->sentence_count()};
}

TrainingProgress Session::configure(const TrainingParams& params) {
  require_corpus();
  validate(params);
  // The old run goes before the new one is allocated: holding both could need twice the memory,
  // and the memory check counts on it (bytes_freed_by_configure).
  trainer_.reset();
  vectors_changed();
  store_.reset();
  progress_ = {};
  trainer_ = std::make_unique<Trainer>(*corpus_, params);
  progress_ = trainer_->progress();
  return progress_;
}

std::uint64_t Session::bytes_freed_by_configure() const noexcept {
  std::uint64_t bytes = 0;
  if (trainer_) bytes += trainer_->matrix_bytes();
  if (store_) bytes += (store_->embeddings().vectors.size() + store_->unit_vectors().size()) * sizeof(float);
  if (index_ && index_->hnsw) bytes += index_->hnsw->memory_bytes();
  return bytes;
}

TrainingProgress Session::step(std::uint64_t words) {
  if (!trainer_) throw NotReadyError(kNoTrainer);
  const std::uint64_t before = progress_.words_done;
  progress_ = trainer_->step(words);
  if (progress_.words_done != before) vectors_changed();
  return progress_;
}

TrainingProgress Session::progress() const {
  if (!trainer_) throw NotReadyError(kNoTrainer);
  return progress_;
}

void Session::cancel_training() {
  if (trainer_) {
    trainer_.reset();
    vectors_changed();
    store_.reset();
    previous_map_.reset();
  }
  progress_ = {};
  corpus_.reset();
}

bool Session::training_finished() const { return trainer_ && trainer_->finished(); }

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
  trainer_.reset();
  vectors_changed();
  store_.reset();
  store_.emplace(std::move(loaded));
  store_->hide(word_filter_.hidden_ids(store_->embeddings().words));
  store_version_ = version_;
  return {store_->size(), store_->dim()};
}

Vocabulary Session::vocabulary(std::size_t limit) const {
  Vocabulary result;
  // The most frequent words the word filter does not hide.
  const auto take = [&](const std::vector<std::string>& words, const auto* counts) {
    for (std::size_t i = 0; i < words.size() && (!limit || result.words.size() < limit); ++i) {
      if (word_filter_.hides(words[i])) continue;
      result.words.push_back(words[i]);
      result.counts.push_back(counts ? static_cast<double>((*counts)[i]) : 0.0);
    }
  };
  if (trainer_ || (!store_ && corpus_)) {
    const Vocab& vocab = corpus_->vocab;
    take(vocab.words(), &vocab.counts());
  } else if (store_) {
    take(store_->embeddings().words, static_cast<const std::vector<double>*>(nullptr));
  } else {
    throw NotReadyError("no vocabulary yet: load a corpus or load vectors");
  }
  return result;
}

WordVector Session::vector(std::string_view word) {
  const VectorStore& s = store();
  const std::int32_t id = resolve(s, word);
  const float* row = s.embeddings().vectors.row(static_cast<std::size_t>(id));
  return {s.word(id), id, std::vector<float>(row, row + s.dim())};
}

Similarity Session::similarity(std::string_view a, std::string_view b) {
  const VectorStore& s = store();
  const float cosine = s.similarity(s.word(resolve(s, a)), s.word(resolve(s, b)));
  return {cosine, 1.0f - cosine};
}

Neighbors Session::neighbors(std::string_view word, std::size_t k, SearchMode mode) {
  require_positive(k, "k");
  const VectorStore& s = store();
  const std::int32_t id = resolve(s, word);
  if (!mode.approximate) return to_neighbors(s, s.nearest(s.word(id), k));
  return search_index(s, s.unit_vector(id), k, mode.ef, {id});
}

Neighbors Session::neighbors_of_vector(const float* vector, std::size_t size, std::size_t k, SearchMode mode) {
  require_positive(k, "k");
  const VectorStore& s = store();
  if (size != s.dim()) {
    throw Error("the vector has " + std::to_string(size) + " values, the model " + std::to_string(s.dim()));
  }
  for (std::size_t i = 0; i < size; ++i) {
    if (!std::isfinite(vector[i])) {
      throw Error("the vector's value " + std::to_string(i + 1) + " is not a finite number");
    }
  }
  if (!mode.approximate) return to_neighbors(s, s.nearest(vector, k));
  std::vector<float> unit(vector, vector + size);
  kernels::normalize(unit.data(), unit.size());
  return search_index(s, unit.data(), k, mode.ef, {});
}

IndexStatus Session::begin_index(const IndexOptions& options) {
  const VectorStore& s = store();
  auto index = std::make_unique<AnnIndex>();
  index->kind = options.kind;
  index->total = s.size();
  index->float32_bytes = s.size() * s.dim() * sizeof(float);
  if (options.kind == IndexKind::Hnsw) index->hnsw.emplace(s.unit_vectors(), options.hnsw);
  index_ = std::move(index);
  return index_->status();
}

IndexStatus Session::index_step(std::size_t items) {
  if (!index_) throw NotReadyError("no index being built: the vectors changed, or index was never asked for");
  require_positive(items, "items");
  if (index_->hnsw && !index_->hnsw->complete()) {
    const auto start = std::chrono::steady_clock::now();
    index_->hnsw->build_step(items);
    index_->seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return index_->status();
}

IndexStatus Session::build_index(const IndexOptions& options) {
  begin_index(options);
  return index_step(std::max<std::size_t>(index_->total, 1));
}

const Session::AnnIndex& Session::ready_index() {
  if (!index_) throw NotReadyError("no index for the current vectors: index them first");
  if (index_->hnsw && !index_->hnsw->complete()) {
    throw NotReadyError("the index is still being built (" + std::to_string(index_->hnsw->size()) + " of " +
                        std::to_string(index_->total) + " vectors)");
  }
  return *index_;
}

Neighbors Session::search_index(const VectorStore& s, const float* unit_query, std::size_t k, std::size_t ef,
                                const std::vector<std::int32_t>& exclude) {
  const AnnIndex& index = ready_index();
  const std::vector<std::int32_t> excluded = s.excluding_hidden(exclude);
  if (!index.hnsw) return to_neighbors(s, top_k_inner_product(s.unit_vectors(), unit_query, k, excluded));
  return to_neighbors(s, index.hnsw->search(unit_query, k, ef, excluded));
}

AnalogyAnswer Session::analogy(std::string_view a, std::string_view b, std::string_view c, std::size_t k,
                               VectorStore::AnalogyMethod method, std::optional<std::string_view> answer) {
  require_positive(k, "k");
  const VectorStore& s = store();
  const std::string& wa = s.word(resolve(s, a));
  const std::string& wb = s.word(resolve(s, b));
  const std::string& wc = s.word(resolve(s, c));
  AnalogyAnswer result;
  static_cast<Neighbors&>(result) = to_neighbors(s, s.analogy(wa, wb, wc, k, method));
  if (answer) {
    const std::string& expected = s.word(resolve(s, *answer));
    result.rank = s.analogy_rank(wa, wb, wc, expected, method, true);
    result.rank_with_inputs = s.analogy_rank(wa, wb, wc, expected, method, false);
  }
  return result;
}

WordMap Session::project(std::size_t limit, std::size_t components, bool align) {
  require_positive(limit, "limit");
  require_positive(components, "components");
  const VectorStore& s = store();
  const std::vector<std::int32_t> ids = s.visible_ids(limit);
  Projection projection = pca(s.unit_vectors(), ids, components);

  WordMap map;
  map.components = components;
  map.ids = ids;
  for (const auto id : ids) map.words.push_back(s.word(id));
  map.explained = projection.explained_variance_ratio;
  if (align && previous_map_ && previous_map_->components == components) {
    if (auto reference = previous_map_->rows_for(map.words)) {
      projection.points = align_to(projection.points, *reference);
      map.aligned = true;
    }
  }
  map.points = flatten(projection.points);
  previous_map_ = std::make_unique<PreviousMap>(map.words, projection.points);
  return map;
}

NeighborGraph Session::neighbor_graph(std::size_t limit, std::size_t k) {
  require_positive(limit, "limit");
  require_positive(k, "k");
  const VectorStore& s = store();
  const std::vector<std::int32_t> ids = s.visible_ids(limit);
  const std::size_t n = ids.size();
  if (k >= n) {
    throw Error("k is " + std::to_string(k) + " but there are only " + std::to_string(n) +
                " words: each can have at most " + std::to_string(n - 1) + " neighbours among them");
  }
  const Matrix& unit = s.unit_vectors();
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
    graph.words.push_back(s.word(ids[i]));
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

WordLayout Session::begin_umap(std::size_t limit, std::size_t k, const UmapOptions& options) {
  NeighborGraph graph = neighbor_graph(limit, k);
  UmapLayout layout(graph.neighbors, graph.scores, graph.k, options);
  return {std::move(graph.words), std::move(graph.ids), graph.k, std::move(layout)};
}

WordClusters Session::cluster(std::size_t k, std::size_t limit, std::uint64_t seed) {
  require_positive(k, "k");
  require_positive(limit, "limit");
  const VectorStore& s = store();
  const std::vector<std::int32_t> ids = s.visible_ids(limit);
  if (k > ids.size()) {
    throw Error("k is " + std::to_string(k) + " but there are only " + std::to_string(ids.size()) + " words to cluster");
  }
  const Clustering clustering = kmeans(s.embeddings().vectors, ids, k, seed);
  return {ids, clustering.labels, clustering.inertia};
}

SentencePositions Session::positions(std::string_view sentence, double scale) {
  const VectorStore& s = store();
  const SentenceInput input = sentence_input(s.embeddings(), sentence, scale);
  SentencePositions result;
  result.tokens = input.tokens;
  for (const auto id : input.ids) result.known.push_back(id >= 0);
  result.dim = s.dim();
  result.token_vectors = flatten(input.token_vectors);
  result.position_vectors = flatten(input.position_vectors);
  result.inputs = flatten(input.inputs);
  return result;
}

std::vector<DocumentChunk> Session::index_documents(std::string_view text, std::size_t max_tokens, Pooling pooling) {
  const std::vector<Chunk> chunks = split_into_chunks(text, max_tokens);
  if (chunks.empty()) throw Error("the text has no words to index");
  auto documents = std::make_unique<Documents>();
  documents->text = std::string(text);
  documents->max_tokens = max_tokens;
  documents->pooling = pooling;
  Utf16Offsets utf16(documents->text);
  for (const auto& chunk : chunks) {
    const std::size_t begin = utf16(chunk.begin);
    documents->chunks.push_back({chunk.text, begin, utf16(chunk.end)});
  }
  documents_ = std::move(documents);
  return documents_->chunks;
}

SearchResult Session::search(std::string_view query, std::size_t k) {
  require_positive(k, "k");
  const DocumentIndex& index = document_index();
  SearchResult result;
  std::vector<std::string> retrieved;
  for (auto& hit : index.search(query, k)) {
    const DocumentChunk& chunk = documents_->chunks.at(hit.chunk);
    result.hits.push_back({hit.chunk, hit.score, chunk.text, chunk.begin, chunk.end, std::move(hit.matched_words)});
    retrieved.push_back(chunk.text);
  }
  result.prompt = build_prompt(retrieved, query);
  return result;
}

Session::DocumentsView Session::documents() {
  const DocumentIndex& meaning = document_index();
  Documents& docs = *documents_;
  if (!docs.keywords) {
    std::vector<std::string> texts;
    for (const Chunk& chunk : meaning.chunks()) texts.push_back(chunk.text);
    docs.keywords = std::make_unique<KeywordIndex>(texts);
  }
  return {*docs.embedder, meaning, *docs.keywords, docs.chunks, docs.text, docs.max_tokens};
}

std::string Session::export_vectors(Format format) {
  if (format == Format::ProjectorTsv || format == Format::Auto) {
    throw Error("export needs word2vec, word2vec-binary or glove (the Projector's two files: export_projector)");
  }
  return write_vectors_to_bytes(store().embeddings(), format);
}

ProjectorFiles Session::export_projector() {
  const Embeddings& embeddings = store().embeddings();
  return {projector_vectors_tsv(embeddings), projector_metadata_tsv(embeddings)};
}

WordFilterStatus Session::set_word_filter(WordFilter filter) {
  word_filter_ = std::move(filter);
  // Questions that were answered with the old filter: the index excluded nothing by itself, so
  // it stays; the store's hidden rows change.
  if (store_) store_->hide(word_filter_.hidden_ids(store_->embeddings().words));
  return word_filter_status();
}

WordFilterStatus Session::word_filter_status() {
  WordFilterStatus status;
  status.listed = word_filter_.listed();
  if (trainer_ || store_) {
    const VectorStore& s = store();
    status.vocab = s.size();
    status.hidden = s.hidden_ids().size();
  } else if (corpus_) {
    status.vocab = corpus_->vocab.size();
    status.hidden = word_filter_.hidden_ids(corpus_->vocab.words()).size();
  }
  return status;
}

const VectorStore& Session::store() {
  if (trainer_ && store_version_ != version_) {
    if (documents_) {
      documents_->index.reset();
      documents_->embedder.reset();
    }
    index_.reset();
    store_.reset();
    store_.emplace(trainer_->embeddings());
    store_->hide(word_filter_.hidden_ids(store_->embeddings().words));
    store_version_ = version_;
  }
  if (!store_) throw NotReadyError(kNoVectors);
  return *store_;
}

std::int32_t Session::resolve(const VectorStore& store, std::string_view word) const {
  const std::string_view typed = trim(word);
  if (typed.empty()) throw Error("empty word: type a word");
  std::int32_t id = store.find(typed);
  if (id < 0) id = store.find(lowercase(typed));
  if (id < 0) throw Error("unknown word '" + std::string(typed) + "'");
  if (store.is_hidden(id)) throw Error("'" + std::string(typed) + "' is hidden by the classroom word filter");
  return id;
}

void Session::vectors_changed() {
  ++version_;
  index_.reset();
  if (documents_) {
    documents_->index.reset();
    documents_->embedder.reset();
  }
}

void Session::require_corpus() const {
  if (!corpus_) throw NotReadyError("no corpus yet: load a corpus first");
}

const DocumentIndex& Session::document_index() {
  const VectorStore& s = store();
  if (!documents_) throw NotReadyError("no documents yet: index a text first");
  Documents& docs = *documents_;
  if (!docs.index) {
    std::vector<double> probabilities;
    if (trainer_) {
      const Vocab& vocab = corpus_->vocab;
      const double total = static_cast<double>(std::max<std::int64_t>(vocab.total_count(), 1));
      for (const auto count : vocab.counts()) probabilities.push_back(static_cast<double>(count) / total);
    }
    docs.embedder = std::make_unique<DocumentEmbedder>(s.embeddings(), std::move(probabilities));
    // SIF as Arora et al. define it: frequency weights, then the common direction removed.
    docs.index = std::make_unique<DocumentIndex>(*docs.embedder, docs.text, docs.pooling, docs.max_tokens,
                                                 docs.pooling == Pooling::Sif);
  }
  return *docs.index;
}

Model model_from_name(std::string_view name) {
  if (name == "skipgram") return Model::SkipGram;
  if (name == "cbow") return Model::Cbow;
  throw Error("unknown model '" + std::string(name) + "' (expected skipgram or cbow)");
}

Format vectors_format_from_name(std::string_view name) {
  if (name == "auto") return Format::Auto;
  if (name == "word2vec") return Format::Word2VecText;
  if (name == "word2vec-binary") return Format::Word2VecBinary;
  if (name == "glove") return Format::GloveText;
  if (name == "projector") return Format::ProjectorTsv;
  if (name == "shelf-int8") return Format::Int8Compact;
  throw Error("unknown format '" + std::string(name) +
              "' (expected auto, word2vec, word2vec-binary, glove, projector or shelf-int8)");
}

IndexKind index_kind_from_name(std::string_view name) {
  if (name == "hnsw") return IndexKind::Hnsw;
  if (name == "exact") return IndexKind::Exact;
  throw Error("unknown index kind '" + std::string(name) + "' (expected hnsw or exact)");
}

Quantization quantization_from_name(std::string_view name) {
  if (name == "none") return Quantization::None;
  if (name == "int8") return Quantization::Int8;
  throw Error("unknown quantisation '" + std::string(name) + "' (expected none or int8)");
}

const char* index_kind_name(IndexKind kind) noexcept { return kind == IndexKind::Hnsw ? "hnsw" : "exact"; }

const char* quantization_name(Quantization quantization) noexcept {
  return quantization == Quantization::Int8 ? "int8" : "none";
}

Pooling pooling_from_name(std::string_view name) {
  if (name == "mean") return Pooling::Mean;
  if (name == "sif") return Pooling::Sif;
  throw Error("unknown pooling '" + std::string(name) + "' (expected mean or sif)");
}

VectorStore::AnalogyMethod analogy_method_from_name(std::string_view name) {
  if (name == "add") return VectorStore::AnalogyMethod::Add;
  if (name == "mul") return VectorStore::AnalogyMethod::Mul;
  throw Error("unknown analogy method '" + std::string(name) + "' (expected add or mul)");
}

}  // namespace shelf
