#include "shelf/documents.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "shelf/error.h"
#include "shelf/kernels.h"
#include "shelf/random.h"
#include "shelf/tokenizer.h"

namespace shelf {

namespace {

bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// A byte range of the source text and how many tokens it holds.
struct Piece {
  std::size_t begin = 0, end = 0, tokens = 0;
};

struct CountTokens {
  std::size_t count = 0;
  void token(std::string_view) { ++count; }
  void sentence_end() {}
};

std::size_t count_tokens(std::string_view text) {
  Tokenizer tokenizer;
  CountTokens sink;
  tokenizer.feed(text, sink);
  tokenizer.finish(sink);
  return sink.count;
}

// The range without surrounding whitespace, with its token count; empty ranges are skipped.
void add_trimmed(std::string_view text, std::size_t begin, std::size_t end, std::vector<Piece>& out) {
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  if (begin < end) out.push_back({begin, end, count_tokens(text.substr(begin, end - begin))});
}

// Maximal runs of non-blank lines.
std::vector<Piece> paragraphs(std::string_view text) {
  std::vector<Piece> out;
  std::size_t open = std::string_view::npos, last_end = 0;
  for (std::size_t pos = 0; pos <= text.size();) {
    std::size_t line_end = text.find('\n', pos);
    if (line_end == std::string_view::npos) line_end = text.size();
    const bool blank = std::all_of(text.begin() + pos, text.begin() + line_end, is_space);
    if (!blank) {
      if (open == std::string_view::npos) open = pos;
      last_end = line_end;
    } else if (open != std::string_view::npos) {
      add_trimmed(text, open, last_end, out);
      open = std::string_view::npos;
    }
    pos = line_end + 1;
  }
  if (open != std::string_view::npos) add_trimmed(text, open, last_end, out);
  return out;
}

// Bytes of a closing quote or bracket at `pos` (ASCII, or the typographic ’ and ”), else 0.
std::size_t closer_length(std::string_view text, std::size_t pos) {
  const char c = text[pos];
  if (c == '"' || c == '\'' || c == ')' || c == ']') return 1;
  if (text.compare(pos, 3, "\xE2\x80\x99") == 0 || text.compare(pos, 3, "\xE2\x80\x9D") == 0) return 3;
  return 0;
}

std::vector<Piece> sentences(std::string_view text, const Piece& paragraph) {
  std::vector<Piece> out;
  std::size_t start = paragraph.begin;
  std::size_t i = paragraph.begin;
  while (i < paragraph.end) {
    const char c = text[i];
    if (c == '\n') {
      add_trimmed(text, start, i, out);
      start = ++i;
      continue;
    }
    if (c != '.' && c != '!' && c != '?') {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < paragraph.end && (text[j] == '.' || text[j] == '!' || text[j] == '?')) ++j;
    for (std::size_t n; j < paragraph.end && (n = closer_length(text, j)) > 0;) j += n;
    if (j >= paragraph.end || is_space(text[j])) {
      add_trimmed(text, start, j, out);
      start = j;
    }
    i = j;
  }
  add_trimmed(text, start, paragraph.end, out);
  return out;
}

std::vector<Piece> words(std::string_view text, const Piece& sentence) {
  std::vector<Piece> out;
  std::size_t i = sentence.begin;
  while (i < sentence.end) {
    while (i < sentence.end && is_space(text[i])) ++i;
    const std::size_t begin = i;
    while (i < sentence.end && !is_space(text[i])) ++i;
    add_trimmed(text, begin, i, out);
  }
  return out;
}

// Greedily joins consecutive pieces while their tokens fit in max_tokens. A piece that alone is
// over the limit is kept whole (the callers cut such pieces first when they can).
std::vector<Piece> pack(const std::vector<Piece>& pieces, std::size_t max_tokens) {
  std::vector<Piece> out;
  for (const Piece& piece : pieces) {
    if (!out.empty() && out.back().tokens + piece.tokens <= max_tokens) {
      out.back().end = piece.end;
      out.back().tokens += piece.tokens;
    } else {
      out.push_back(piece);
    }
  }
  return out;
}

}  // namespace

std::vector<Chunk> split_into_chunks(std::string_view text, std::size_t max_tokens) {
  if (max_tokens == 0) throw Error("chunks must be allowed at least 1 token (max_tokens is 0)");
  std::vector<Chunk> chunks;
  const auto emit = [&](const Piece& piece, std::size_t paragraph) {
    if (piece.tokens == 0) return;  // punctuation only: nothing to embed or find
    chunks.push_back({std::string(text.substr(piece.begin, piece.end - piece.begin)), piece.begin,
                      piece.end, paragraph});
  };
  const std::vector<Piece> all_paragraphs = paragraphs(text);
  for (std::size_t p = 0; p < all_paragraphs.size(); ++p) {
    const Piece& paragraph = all_paragraphs[p];
    if (paragraph.tokens <= max_tokens) {
      emit(paragraph, p);
      continue;
    }
    std::vector<Piece> units;
    for (const Piece& sentence : sentences(text, paragraph)) {
      if (sentence.tokens <= max_tokens) {
        units.push_back(sentence);
      } else {
        for (const Piece& part : pack(words(text, sentence), max_tokens)) units.push_back(part);
      }
    }
    for (const Piece& chunk : pack(units, max_tokens)) emit(chunk, p);
  }
  return chunks;
}

DocumentEmbedder::DocumentEmbedder(const Embeddings& words, std::vector<double> word_probabilities,
                                   double sif_a)
    : words_(&words), lookup_(words.words), probabilities_(std::move(word_probabilities)), sif_a_(sif_a) {
  const std::size_t n = words.size();
  if (words.vectors.rows() != n) {
    throw Error("the embeddings have " + std::to_string(n) + " words but " +
                std::to_string(words.vectors.rows()) + " vectors");
  }
  if (!(sif_a > 0.0) || !std::isfinite(sif_a)) {
    throw Error("the SIF weight parameter a must be a positive number (got " + std::to_string(sif_a) + ")");
  }
  if (probabilities_.empty()) {
    // Zipf's law: the word of rank r is seen about 1 / (r + 1) as often as the most frequent one.
    probabilities_.resize(n);
    double total = 0;
    for (std::size_t r = 0; r < n; ++r) total += probabilities_[r] = 1.0 / static_cast<double>(r + 1);
    for (double& p : probabilities_) p /= total;
  } else if (probabilities_.size() != n) {
    throw Error("expected one word probability per word (" + std::to_string(n) + "), got " +
                std::to_string(probabilities_.size()));
  }
  for (std::size_t r = 0; r < n; ++r) {
    if (!(probabilities_[r] >= 0.0) || !std::isfinite(probabilities_[r])) {
      throw Error("the probability of \"" + words.words[r] + "\" must be a finite number >= 0");
    }
  }
}

std::vector<float> DocumentEmbedder::embed(std::string_view text, Pooling pooling,
                                           std::size_t* known_tokens) const {
  return embed_tokens(tokenize(text), pooling, known_tokens);
}

std::vector<float> DocumentEmbedder::embed_tokens(const std::vector<std::string>& tokens, Pooling pooling,
                                                  std::size_t* known_tokens) const {
  const std::size_t d = dim();
  std::vector<float> pooled(d, 0.0f);
  std::size_t known = 0;
  for (const std::string& token : tokens) {
    const std::int32_t row = lookup_.find(token);
    if (row < 0) continue;
    const auto r = static_cast<std::size_t>(row);
    const double weight = pooling == Pooling::Sif ? sif_weight(r) : 1.0;
    kernels::axpy(static_cast<float>(weight), words_->vectors.row(r), pooled.data(), d);
    ++known;
  }
  if (known > 0) kernels::scale(1.0f / static_cast<float>(known), pooled.data(), d);
  if (known_tokens) *known_tokens = known;
  return pooled;
}

namespace {

// The first right singular vector of `rows` (uncentred), by power iteration on rows^T rows,
// started from the rows' sum, which is already close for embeddings that share a direction.
// Empty when every row is zero.
std::vector<float> first_singular_vector(const Matrix& rows) {
  const std::size_t n = rows.rows(), d = rows.cols();
  std::vector<float> v(d, 0.0f), next(d), projections(n);
  for (std::size_t r = 0; r < n; ++r) kernels::axpy(1.0f, rows.row(r), v.data(), d);
  if (kernels::normalize(v.data(), d) == 0.0f) {
    Random random(1);  // rows summing to zero: any deterministic start will do
    for (float& x : v) x = random.uniform() - 0.5f;
    kernels::normalize(v.data(), d);
  }
  for (int iteration = 0; iteration < 300; ++iteration) {
    kernels::dot_rows(rows.data(), n, d, v.data(), projections.data());
    std::fill(next.begin(), next.end(), 0.0f);
    for (std::size_t r = 0; r < n; ++r) kernels::axpy(projections[r], rows.row(r), next.data(), d);
    if (kernels::normalize(next.data(), d) == 0.0f) return {};
    const float change = kernels::squared_distance(next.data(), v.data(), d);
    v.swap(next);
    if (change < 1e-10f) break;
  }
  return v;
}

void remove_projection(float* x, const std::vector<float>& unit, std::size_t d) {
  kernels::axpy(-kernels::dot(x, unit.data(), d), unit.data(), x, d);
}

std::vector<std::string> sorted_unique(std::vector<std::string> tokens) {
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  return tokens;
}

// Line breaks and runs of whitespace become single spaces, so each passage stays on one line.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (is_space(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

DocumentIndex::DocumentIndex(const DocumentEmbedder& embedder, std::string_view text, Pooling pooling,
                             std::size_t max_tokens, bool remove_common_component)
    : embedder_(&embedder), pooling_(pooling), chunks_(split_into_chunks(text, max_tokens)) {
  const std::size_t d = embedder.dim();
  vectors_ = Matrix(chunks_.size(), d);
  chunk_tokens_.reserve(chunks_.size());
  for (std::size_t c = 0; c < chunks_.size(); ++c) {
    std::vector<std::string> tokens = tokenize(chunks_[c].text);
    const std::vector<float> pooled = embedder.embed_tokens(tokens, pooling);
    std::copy(pooled.begin(), pooled.end(), vectors_.row(c));
    chunk_tokens_.push_back(sorted_unique(std::move(tokens)));
  }
  if (remove_common_component && chunks_.size() >= 2) {
    common_component_ = first_singular_vector(vectors_);
    if (!common_component_.empty()) {
      for (std::size_t c = 0; c < chunks_.size(); ++c) remove_projection(vectors_.row(c), common_component_, d);
    }
  }
  unit_vectors_ = vectors_.normalized_rows();
}

std::vector<DocumentIndex::Hit> DocumentIndex::search(std::string_view query, std::size_t k) const {
  const std::vector<std::string> tokens = tokenize(query);
  if (tokens.empty()) throw Error("the question has no words to search for");
  std::size_t known = 0;
  std::vector<float> q = embedder_->embed_tokens(tokens, pooling_, &known);
  if (known == 0) {
    throw Error("none of the words of the question \"" + std::string(query) + "\" are in the vocabulary");
  }
  const std::size_t d = embedder_->dim(), n = chunks_.size();
  if (!common_component_.empty()) remove_projection(q.data(), common_component_, d);
  kernels::normalize(q.data(), d);

  std::vector<float> scores(n);
  kernels::dot_rows(unit_vectors_.data(), n, d, q.data(), scores.data());
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  const std::size_t count = std::min(k, n);
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count), order.end(),
                    [&](std::size_t a, std::size_t b) { return scores[a] != scores[b] ? scores[a] > scores[b] : a < b; });

  std::vector<std::string> known_query_words;
  for (const std::string& token : tokens) {
    if (embedder_->find(token) >= 0 &&
        std::find(known_query_words.begin(), known_query_words.end(), token) == known_query_words.end()) {
      known_query_words.push_back(token);
    }
  }
  std::vector<Hit> hits;
  hits.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t c = order[i];
    Hit hit{c, scores[c], {}};
    for (const std::string& word : known_query_words) {
      if (std::binary_search(chunk_tokens_[c].begin(), chunk_tokens_[c].end(), word)) hit.matched_words.push_back(word);
    }
    hits.push_back(std::move(hit));
  }
  return hits;
}

std::string build_prompt(const std::vector<std::string>& retrieved_chunks, std::string_view question) {
  std::string prompt =
      "Answer the question using only the numbered passages below. "
      "If they do not contain the answer, say that you do not know.\n\n";
  for (std::size_t i = 0; i < retrieved_chunks.size(); ++i) {
    prompt += "[" + std::to_string(i + 1) + "] " + one_line(retrieved_chunks[i]) + "\n";
  }
  if (retrieved_chunks.empty()) prompt += "(no passages were retrieved)\n";
  prompt += "\nQuestion: " + one_line(question) + "\nAnswer:";
  return prompt;
}

}  // namespace shelf
