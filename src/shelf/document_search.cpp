#include "shelf/document_search.h"

#include <algorithm>
#include <utility>

#include "shelf/error.h"
#include "shelf/retrieval.h"

namespace shelf {

namespace {

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

}  // namespace

struct DocumentSearch::Documents {
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

DocumentSearch::DocumentSearch() = default;
DocumentSearch::~DocumentSearch() = default;

std::vector<DocumentChunk> DocumentSearch::index(std::string_view text, std::size_t max_tokens, Pooling pooling) {
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

SearchResult DocumentSearch::search(const VectorStore& store, const Vocab* corpus, std::string_view query,
                                    std::size_t k) {
  require_positive(k, "k");
  const DocumentIndex& index = meaning(store, corpus);
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

DocumentsView DocumentSearch::view(const VectorStore& store, const Vocab* corpus) {
  const DocumentIndex& index = meaning(store, corpus);
  Documents& docs = *documents_;
  if (!docs.keywords) {
    std::vector<std::string> texts;
    for (const Chunk& chunk : index.chunks()) texts.push_back(chunk.text);
    docs.keywords = std::make_unique<KeywordIndex>(texts);
  }
  return {*docs.embedder, index, *docs.keywords, docs.chunks, docs.text, docs.max_tokens};
}

void DocumentSearch::vectors_changed() noexcept {
  if (!documents_) return;
  documents_->index.reset();
  documents_->embedder.reset();
}

const DocumentIndex& DocumentSearch::meaning(const VectorStore& store, const Vocab* corpus) {
  if (!documents_) throw NotReadyError("no documents yet: index a text first");
  Documents& docs = *documents_;
  if (!docs.index) {
    std::vector<double> probabilities;
    if (corpus) {
      const double total = static_cast<double>(std::max<std::int64_t>(corpus->total_count(), 1));
      for (const auto count : corpus->counts()) probabilities.push_back(static_cast<double>(count) / total);
    }
    docs.embedder = std::make_unique<DocumentEmbedder>(store.embeddings(), std::move(probabilities));
    // SIF as Arora et al. define it: frequency weights, then the common direction removed.
    docs.index = std::make_unique<DocumentIndex>(*docs.embedder, docs.text, docs.pooling, docs.max_tokens,
                                                 docs.pooling == Pooling::Sif);
  }
  return *docs.index;
}

}  // namespace shelf
