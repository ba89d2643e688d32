// Documents as vectors: cut a text into chunks, embed each chunk from its word vectors, and find
// the chunks closest to a question. This is the retrieval half of retrieval-augmented
// generation (RAG); build_prompt shows what would then be handed to a language model.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shelf/embeddings.h"
#include "shelf/matrix.h"
#include "shelf/word_lookup.h"

namespace shelf {

struct Chunk {
  std::string text;                  // the original bytes of [begin, end)
  std::size_t begin = 0, end = 0;    // byte offsets into the source text, for highlighting
  std::size_t paragraph = 0;         // 0-based, counting the text's non-blank paragraphs
};

// Paragraphs (separated by blank lines) become chunks whole when they have at most max_tokens
// tokens. A longer paragraph is cut into sentences (after . ! ? followed by whitespace, allowing
// closing quotes or brackets in between, and at line breaks) and consecutive sentences are packed
// together up to max_tokens. A sentence longer than max_tokens is cut at whitespace into pieces
// of at most max_tokens tokens; only a single run of more than max_tokens tokens without any
// whitespace ("a,b,c,...") stays whole, since it has no place to cut. Chunks are trimmed of
// whitespace, and chunks without any token (blank lines, "* * *") are not produced.
// Throws shelf::Error when max_tokens is 0.
std::vector<Chunk> split_into_chunks(std::string_view text, std::size_t max_tokens = 120);

// Mean: every known token counts the same. Sif: smooth inverse frequency (Arora, Liang and Ma,
// 2017), token weight a / (a + p(w)), so frequent words ("the", "of") count for little.
enum class Pooling { Mean, Sif };

// Embeds texts as a weighted mean of their word vectors. Keeps a reference to `words`, which must
// outlive the embedder.
class DocumentEmbedder {
 public:
  // `word_probabilities[row]` is p(w) for each row of `words`; when empty it is estimated by
  // Zipf's law from the row (rows are frequency-ordered): p ∝ 1 / (row + 1), normalised.
  // Throws shelf::Error for a size mismatch, negative or non-finite probabilities, or sif_a <= 0.
  explicit DocumentEmbedder(const Embeddings& words, std::vector<double> word_probabilities = {},
                            double sif_a = 1e-3);

  // The pooled vector of the text's known tokens (unknown ones are skipped); a zero vector of
  // dim() when no token is known. `known_tokens`, if given, receives how many tokens were known.
  std::vector<float> embed(std::string_view text, Pooling pooling,
                           std::size_t* known_tokens = nullptr) const;
  // The same for text already tokenized (lowercased tokens, as shelf::tokenize gives them).
  std::vector<float> embed_tokens(const std::vector<std::string>& tokens, Pooling pooling,
                                  std::size_t* known_tokens = nullptr) const;

  std::size_t dim() const noexcept { return words_->dim(); }
  // Row of a (lowercased) token, or -1.
  std::int32_t find(const std::string& token) const { return lookup_.find(token); }
  double probability(std::size_t row) const { return probabilities_.at(row); }
  double sif_weight(std::size_t row) const { return sif_a_ / (sif_a_ + probabilities_.at(row)); }

 private:
  const Embeddings* words_;
  WordLookup lookup_;
  std::vector<double> probabilities_;
  double sif_a_;
};

// A text's chunks and their embeddings, searchable by cosine similarity to a question. Keeps a
// reference to the embedder, which must outlive the index.
class DocumentIndex {
 public:
  // remove_common_component is SIF's second step: subtract from every chunk vector (and later from
  // every query) its projection on the first singular vector of the chunk vectors, the direction
  // all texts share. It is uncentred, as in Arora et al.: that shared direction is mostly the
  // mean, which centring would discard. Applied only when there are at least 2 chunks.
  DocumentIndex(const DocumentEmbedder& embedder, std::string_view text,
                Pooling pooling = Pooling::Mean, std::size_t max_tokens = 120,
                bool remove_common_component = false);

  struct Hit {
    std::size_t chunk;
    float score;                              // cosine; 0 for a chunk with a zero vector
    std::vector<std::string> matched_words;   // known query tokens that occur in the chunk
  };
  // The k best chunks, best first (ties: earlier chunk first). Throws shelf::Error when the
  // question has no words or none of them is known to the embedder.
  std::vector<Hit> search(std::string_view query, std::size_t k) const;

  const std::vector<Chunk>& chunks() const noexcept { return chunks_; }
  // One row per chunk: the pooled vector, after common-component removal when it was asked for.
  const Matrix& chunk_vectors() const noexcept { return vectors_; }
  // The removed direction (unit length), empty when none was removed.
  const std::vector<float>& common_component() const noexcept { return common_component_; }
  Pooling pooling() const noexcept { return pooling_; }

 private:
  const DocumentEmbedder* embedder_;
  Pooling pooling_;
  std::vector<Chunk> chunks_;
  std::vector<std::vector<std::string>> chunk_tokens_;  // sorted, unique
  Matrix vectors_;
  Matrix unit_vectors_;
  std::vector<float> common_component_;
};

// The prompt a language model would receive: an instruction, the retrieved chunks numbered in
// rank order ("[1] ...", line breaks inside a chunk folded to spaces), then the question.
std::string build_prompt(const std::vector<std::string>& retrieved_chunks, std::string_view question);

}  // namespace shelf
