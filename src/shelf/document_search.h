// Document search over the current vectors: a text split into chunks, each embedded from its
// words' vectors (documents.h), searched by meaning, with the prompt a language model would be
// handed (retrieval.h). The text stays when the vectors change; its embedding is rebuilt from
// the new vectors on the next search. Offsets count UTF-16 code units of the indexed text, so a
// page can slice its own JS string.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "shelf/documents.h"
#include "shelf/keyword_index.h"
#include "shelf/vector_store.h"
#include "shelf/vocab.h"

namespace shelf {

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

// The indexed documents as src/shelf/retrieval.h asks them (for the bindings): the embedder and
// the index by meaning over the current vectors, the index by words (built once per text), the
// chunks (UTF-16 offsets) and the text as indexed. The references live until the vectors or the
// documents change.
struct DocumentsView {
  const DocumentEmbedder& embedder;
  const DocumentIndex& meaning;
  const KeywordIndex& words;
  const std::vector<DocumentChunk>& chunks;
  std::string_view text;
  std::size_t max_tokens;
};

class DocumentSearch {
 public:
  DocumentSearch();
  ~DocumentSearch();

  // Replaces the documents; throws shelf::Error for a text without words.
  std::vector<DocumentChunk> index(std::string_view text, std::size_t max_tokens, Pooling pooling);
  // `corpus` gives the word frequencies SIF pooling weighs by (nullptr for loaded vectors, whose
  // files have none). NotReadyError without documents.
  SearchResult search(const VectorStore& store, const Vocab* corpus, std::string_view query, std::size_t k);
  DocumentsView view(const VectorStore& store, const Vocab* corpus);
  // The vectors changed: the embedding goes (it reads the old store), the text stays.
  void vectors_changed() noexcept;

 private:
  const DocumentIndex& meaning(const VectorStore& store, const Vocab* corpus);
  struct Documents;
  std::unique_ptr<Documents> documents_;
};

}  // namespace shelf
