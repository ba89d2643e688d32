#include "shelf/positions.h"

#include <cmath>

#include "shelf/error.h"
#include "shelf/kernels.h"
#include "shelf/tokenizer.h"

namespace shelf {

Matrix positional_encoding(std::size_t positions, std::size_t dim, double base) {
  if (dim == 0) throw Error("positional encodings need at least 1 dimension");
  if (!(base > 0.0) || !std::isfinite(base)) {
    throw Error("the positional encoding base must be a positive number (got " + std::to_string(base) + ")");
  }
  std::vector<double> frequencies(dim);
  for (std::size_t c = 0; c < dim; ++c) {
    frequencies[c] = std::pow(base, -static_cast<double>(c - c % 2) / static_cast<double>(dim));
  }
  Matrix encoding(positions, dim);
  for (std::size_t p = 0; p < positions; ++p) {
    for (std::size_t c = 0; c < dim; ++c) {
      const double angle = static_cast<double>(p) * frequencies[c];
      encoding.at(p, c) = static_cast<float>(c % 2 == 0 ? std::sin(angle) : std::cos(angle));
    }
  }
  return encoding;
}

SentenceInput sentence_input(const Embeddings& words, std::string_view sentence, double position_scale) {
  return sentence_input(words, WordLookup(words.words), sentence, position_scale);
}

SentenceInput sentence_input(const Embeddings& words, const WordLookup& lookup, std::string_view sentence,
                             double position_scale) {
  if (!std::isfinite(position_scale)) throw Error("the position scale must be a finite number");
  if (lookup.size() != words.size()) throw Error("the word lookup was built for other embeddings");
  SentenceInput input;
  input.tokens = tokenize(sentence);
  if (input.tokens.empty()) throw Error("the sentence has no words to encode");
  if (input.tokens.size() > kMaxSentenceTokens) {
    throw Error("the sentence has " + std::to_string(input.tokens.size()) + " words; at most " +
                std::to_string(kMaxSentenceTokens) + " are encoded with positions");
  }
  const std::size_t n = input.tokens.size(), d = words.dim();
  if (d == 0) throw Error("the embeddings have no dimensions");

  input.token_vectors = Matrix(n, d);
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t id = lookup.find(input.tokens[i]);
    input.ids.push_back(id);
    if (id >= 0) {
      const float* vector = words.vectors.row(static_cast<std::size_t>(id));
      std::copy(vector, vector + d, input.token_vectors.row(i));
    }
  }
  input.position_vectors = positional_encoding(n, d);
  kernels::scale(static_cast<float>(position_scale), input.position_vectors.data(), input.position_vectors.size());
  input.inputs = input.token_vectors;
  kernels::axpy(1.0f, input.position_vectors.data(), input.inputs.data(), input.inputs.size());
  return input;
}

std::vector<float> mean_pool(const Matrix& rows) {
  if (rows.rows() == 0) throw Error("cannot average zero vectors (the sequence is empty)");
  std::vector<float> mean(rows.cols(), 0.0f);
  for (std::size_t r = 0; r < rows.rows(); ++r) kernels::axpy(1.0f, rows.row(r), mean.data(), rows.cols());
  kernels::scale(1.0f / static_cast<float>(rows.rows()), mean.data(), mean.size());
  return mean;
}

std::vector<float> concat_pool(const Matrix& rows) { return std::vector<float>(rows.data(), rows.data() + rows.size()); }

SentencePositions sentence_positions(const VectorStore& store, std::string_view sentence, double scale) {
  const SentenceInput input = sentence_input(store.embeddings(), sentence, scale);
  const auto flatten = [](const Matrix& m) { return std::vector<float>(m.data(), m.data() + m.size()); };
  SentencePositions result;
  result.tokens = input.tokens;
  for (const auto id : input.ids) result.known.push_back(id >= 0);
  result.dim = store.dim();
  result.token_vectors = flatten(input.token_vectors);
  result.position_vectors = flatten(input.position_vectors);
  result.inputs = flatten(input.inputs);
  return result;
}

}  // namespace shelf
