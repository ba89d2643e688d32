// Word order for models that otherwise see a bag of words: sinusoidal positional encodings
// (Vaswani et al., 2017, "Attention is all you need"), added to the token vectors of a sentence.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shelf/embeddings.h"
#include "shelf/matrix.h"
#include "shelf/vector_store.h"
#include "shelf/word_lookup.h"

namespace shelf {

// Row p, column c: with i = c / 2 (integer division), angle = p / base^(2i / dim);
// even c holds sin(angle), odd c holds cos(angle). Any dim >= 1 (an odd dim ends on a sin).
// Each sin/cos pair is a rotation by p times a fixed angle, so dot(PE(p), PE(p + k)) depends
// only on k when dim is even. Throws shelf::Error for dim 0 or a base that is not > 0.
Matrix positional_encoding(std::size_t positions, std::size_t dim, double base = 10000.0);

struct SentenceInput {
  std::vector<std::string> tokens;    // lowercased, from shelf::tokenize
  std::vector<std::int32_t> ids;      // row in the embeddings, -1 when unknown
  Matrix token_vectors;               // one row per token; zero for unknown tokens
  Matrix position_vectors;            // position_scale * positional_encoding(tokens, dim)
  Matrix inputs;                      // token_vectors + position_vectors
};

// The longest sentence sentence_input encodes: it makes three tokens × dim matrices, so a pasted
// book would take gigabytes; a transformer's context is bounded too.
constexpr std::size_t kMaxSentenceTokens = 1024;

// Throws shelf::Error when the sentence has no tokens or more than kMaxSentenceTokens, or
// position_scale is not finite.
// The first form builds a WordLookup on each call; pass one in when encoding many sentences.
SentenceInput sentence_input(const Embeddings& words, std::string_view sentence, double position_scale = 1.0);
SentenceInput sentence_input(const Embeddings& words, const WordLookup& lookup, std::string_view sentence,
                             double position_scale = 1.0);

// The column means. Blind to order: a permutation of the rows gives the same vector, so
// "dog bites man" and "man bites dog" pool alike. Adding positions does not change that either:
// the permuted sentence has the same set of position vectors, so the mean of token + position
// is again the same. Throws shelf::Error for a matrix without rows.
std::vector<float> mean_pool(const Matrix& rows);

// The rows one after another: a whole sequence as one vector, so two sequences compare slot by
// slot. Of token vectors alone, two orders of the same words already differ here; what the
// positions add is that a token's vector itself carries where it stands, which is what a
// position-aware model (attention) relies on. Empty for a matrix without rows.
std::vector<float> concat_pool(const Matrix& rows);

// The positions lesson's answer: a sentence's token vectors from `store`, their sinusoidal
// position vectors times `scale`, and the sums, each tokens.size() x dim, row-major.
struct SentencePositions {
  std::vector<std::string> tokens;
  std::vector<bool> known;
  std::size_t dim = 0;
  std::vector<float> token_vectors;
  std::vector<float> position_vectors;
  std::vector<float> inputs;            // token_vectors + position_vectors
};
SentencePositions sentence_positions(const VectorStore& store, std::string_view sentence, double scale);

}  // namespace shelf
