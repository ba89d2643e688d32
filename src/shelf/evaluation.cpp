#include "shelf/evaluation.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <numeric>
#include <sstream>
#include <unordered_map>

#include "shelf/error.h"
#include "shelf/kernels.h"

namespace shelf {

namespace {

// Lowercase for one code point: ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic (the letters
// the tokenizer folds); anything else is returned unchanged.
char32_t lower_code_point(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 0x20 : cp;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
  if (cp >= 0x100 && cp <= 0x17F) {
    if (cp == 0x130) return 'i';
    if (cp == 0x178) return 0xFF;
    const bool even_upper = (cp <= 0x137) || (cp >= 0x14A && cp <= 0x177);
    const bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if (even_upper && cp % 2 == 0) return cp + 1;
    if (odd_upper && cp % 2 == 1) return cp + 1;
    return cp;
  }
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 0x20;
  if (cp == 0x386) return 0x3AC;
  if (cp >= 0x388 && cp <= 0x38A) return cp + 0x25;
  if (cp == 0x38C) return 0x3CC;
  if (cp == 0x38E || cp == 0x38F) return cp + 0x3F;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;
  return cp;
}

void append_utf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Only two-byte sequences hold letters that change; everything else is copied byte for byte,
// so invalid UTF-8 passes through untouched.
std::string fold_case(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto byte = static_cast<unsigned char>(word[i]);
    if (byte < 0x80) {
      out += static_cast<char>(lower_code_point(byte));
    } else if ((byte & 0xE0) == 0xC0 && i + 1 < word.size() &&
               (static_cast<unsigned char>(word[i + 1]) & 0xC0) == 0x80) {
      const char32_t cp = (static_cast<char32_t>(byte & 0x1F) << 6) |
                          (static_cast<unsigned char>(word[i + 1]) & 0x3F);
      if (cp < 0x80) {  // overlong: not a real character, keep the bytes
        out.append(word.substr(i, 2));
      } else {
        append_utf8(lower_code_point(cp), out);
      }
      ++i;
    } else {
      out += static_cast<char>(byte);
    }
  }
  return out;
}

std::string read_text_file(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(std::string("cannot open ") + what + " '" + path + "'");
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) throw Error(std::string("cannot read ") + what + " '" + path + "'");
  return contents.str();
}

// Calls on_line(line_number, line) for each line, without its line break; a UTF-8 byte-order
// mark is dropped.
template <class OnLine>
void for_each_line(std::string_view text, OnLine on_line) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::size_t line_number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    on_line(++line_number, line);
  }
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_on_whitespace(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_space(line[i])) ++i;
    const std::size_t start = i;
    while (i < line.size() && !is_space(line[i])) ++i;
    if (i > start) fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

// The words an evaluation may use: the first `limit` ids, looked up case-folded or exactly.
// Like gensim, when several words fold to the same form the most frequent (lowest id) stands
// for all of them, and a candidate counts as its folded form.
class EvaluationVocabulary {
 public:
  EvaluationVocabulary(const VectorStore& store, std::size_t limit, bool case_insensitive)
      : case_insensitive_(case_insensitive) {
    limit_ = limit == 0 ? store.size() : std::min(limit, store.size());
    canonical_.resize(limit_);
    for (std::size_t i = 0; i < limit_; ++i) {
      const auto id = static_cast<std::int32_t>(i);
      std::string key = case_insensitive ? fold_case(store.word(id)) : store.word(id);
      canonical_[i] = index_.emplace(std::move(key), id).first->second;
    }
  }

  std::size_t limit() const { return limit_; }
  // The representative id of `word`, or -1 when it is not among the first `limit` words.
  std::int32_t find(std::string_view word) const {
    const auto it = index_.find(case_insensitive_ ? fold_case(word) : std::string(word));
    return it == index_.end() ? -1 : it->second;
  }
  std::int32_t canonical(std::size_t id) const { return canonical_[id]; }

 private:
  bool case_insensitive_;
  std::size_t limit_ = 0;
  std::unordered_map<std::string, std::int32_t> index_;
  std::vector<std::int32_t> canonical_;
};

struct Question {
  std::size_t section;
  std::int32_t a, b, c, expected;
};

// 3CosAdd ranks candidates d by u_d . normalise(b + c - a), the same order as
// u_d.b + u_d.c - u_d.a: normalising the query only scales every score. Analogy sets reuse few
// words (the Google set asks 19,544 questions about 905), so each chunk of questions first scores
// its distinct input words against every candidate once, cache-blocked, and each question then
// adds three rows of scores instead of making a pass over the whole matrix.
constexpr std::size_t kWordScoreBudgetBytes = 32u << 20;

std::size_t rows_per_cache_block(std::size_t dim) {
  constexpr std::size_t kBlockBytes = 128 * 1024;
  return std::max<std::size_t>(16, kBlockBytes / (std::max<std::size_t>(dim, 1) * sizeof(float)));
}

// out[slot * count + i] = u_i . u_words[slot] for the first `count` ids.
void score_words(const VectorStore& store, const std::vector<std::int32_t>& words,
                 std::size_t count, std::vector<float>& out) {
  const std::size_t dim = store.dim();
  const std::size_t block_rows = rows_per_cache_block(dim);
  const Matrix& unit = store.unit_vectors();
  out.resize(words.size() * count);
  for (std::size_t start = 0; start < count; start += block_rows) {
    const std::size_t rows = std::min(block_rows, count - start);
    for (std::size_t slot = 0; slot < words.size(); ++slot) {
      kernels::dot_rows(unit.row(start), rows, dim, store.unit_vector(words[slot]),
                        out.data() + slot * count + start);
    }
  }
}

// Each question's prediction is the best-scoring id whose folded form is none of the inputs'.
void answer_questions(const VectorStore& store, const EvaluationVocabulary& vocabulary,
                      const std::vector<Question>& questions, std::vector<AnalogySection>& sections) {
  const std::size_t count = vocabulary.limit();
  if (count == 0) return;  // nothing is known, so every question was skipped
  const std::size_t max_words = std::max<std::size_t>(3, kWordScoreBudgetBytes / (count * sizeof(float)));
  std::unordered_map<std::int32_t, std::size_t> slot_of;
  std::vector<std::int32_t> chunk_words;
  std::vector<float> word_scores, scores(count);

  for (std::size_t first = 0; first < questions.size();) {
    slot_of.clear();
    chunk_words.clear();
    std::size_t end = first;
    for (; end < questions.size(); ++end) {
      const Question& q = questions[end];
      std::size_t fresh = 0;
      for (std::int32_t id : {q.a, q.b, q.c}) fresh += slot_of.count(id) ? 0 : 1;
      if (end > first && chunk_words.size() + fresh > max_words) break;
      for (std::int32_t id : {q.a, q.b, q.c}) {
        if (slot_of.emplace(id, chunk_words.size()).second) chunk_words.push_back(id);
      }
    }
    score_words(store, chunk_words, count, word_scores);

    for (std::size_t index = first; index < end; ++index) {
      const Question& question = questions[index];
      const auto row = [&](std::int32_t id) { return word_scores.data() + slot_of[id] * count; };
      std::copy(row(question.b), row(question.b) + count, scores.begin());
      kernels::axpy(1.0f, row(question.c), scores.data(), count);
      kernels::axpy(-1.0f, row(question.a), scores.data(), count);
      float best = -std::numeric_limits<float>::infinity();
      std::int32_t predicted = -1;
      for (std::size_t i = 0; i < count; ++i) {
        if (!(scores[i] > best)) continue;
        const std::int32_t folded = vocabulary.canonical(i);
        if (folded == question.a || folded == question.b || folded == question.c) continue;
        best = scores[i];
        predicted = folded;
      }
      AnalogySection& section = sections[question.section];
      ++section.seen;
      if (predicted == question.expected) ++section.correct;
    }
    first = end;
  }
}

bool parse_score(std::string_view field, double& value) {
  const std::string text(field);
  if (text.empty()) return false;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(value);
}

}  // namespace

AnalogyResult evaluate_analogies_from_text(const VectorStore& store, std::string_view text,
                                           const std::string& source_name,
                                           std::size_t restrict_vocab, bool case_insensitive) {
  const EvaluationVocabulary vocabulary(store, restrict_vocab, case_insensitive);
  AnalogyResult result;
  std::vector<Question> questions;

  for_each_line(text, [&](std::size_t line_number, std::string_view line) {
    const std::string_view content = trim(line);
    if (content.empty()) return;
    if (content.front() == ':') {
      const std::size_t name_start = content.find_first_not_of(": \t");
      const std::string_view name =
          name_start == std::string_view::npos ? std::string_view() : content.substr(name_start);
      result.sections.push_back({std::string(name)});
      return;
    }
    if (result.sections.empty()) {
      throw ParseError(source_name, line_number, "question before any ': section' header");
    }
    const auto words = split_on_whitespace(content);
    if (words.size() != 4) {
      throw ParseError(source_name, line_number,
                       "expected 4 words (a b c d), found " + std::to_string(words.size()));
    }
    const std::size_t section = result.sections.size() - 1;
    Question question{section, vocabulary.find(words[0]), vocabulary.find(words[1]),
                      vocabulary.find(words[2]), vocabulary.find(words[3])};
    if (question.a < 0 || question.b < 0 || question.c < 0 || question.expected < 0) {
      ++result.sections[section].skipped;
      return;
    }
    questions.push_back(question);
  });

  answer_questions(store, vocabulary, questions, result.sections);
  for (const AnalogySection& section : result.sections) {
    result.correct += section.correct;
    result.seen += section.seen;
    result.skipped += section.skipped;
  }
  result.accuracy = result.seen ? static_cast<double>(result.correct) / result.seen : 0.0;
  return result;
}

AnalogyResult evaluate_analogies(const VectorStore& store, const std::string& path,
                                 std::size_t restrict_vocab, bool case_insensitive) {
  return evaluate_analogies_from_text(store, read_text_file(path, "analogy file"), path,
                                      restrict_vocab, case_insensitive);
}

SimilarityResult evaluate_similarity_from_text(const VectorStore& store, std::string_view text,
                                               const std::string& source_name,
                                               bool case_insensitive, std::size_t restrict_vocab) {
  const EvaluationVocabulary vocabulary(store, restrict_vocab, case_insensitive);
  SimilarityResult result;
  std::vector<double> human, model;

  for_each_line(text, [&](std::size_t line_number, std::string_view line) {
    if (!line.empty() && line.front() == '#') return;
    if (trim(line).empty()) return;
    std::vector<std::string_view> fields;
    if (line.find('\t') != std::string_view::npos) {
      std::size_t start = 0;
      for (std::size_t tab; (tab = line.find('\t', start)) != std::string_view::npos; start = tab + 1) {
        fields.push_back(trim(line.substr(start, tab - start)));
      }
      fields.push_back(trim(line.substr(start)));
    } else {
      fields = split_on_whitespace(line);
    }
    if (fields.size() != 3) {
      throw ParseError(source_name, line_number,
                       "expected 3 fields (word, word, score), found " + std::to_string(fields.size()));
    }
    double score = 0;
    if (!parse_score(fields[2], score)) {
      throw ParseError(source_name, line_number, "score '" + std::string(fields[2]) + "' is not a number");
    }
    const std::int32_t a = vocabulary.find(fields[0]);
    const std::int32_t b = vocabulary.find(fields[1]);
    if (a < 0 || b < 0) {
      ++result.skipped;
      return;
    }
    human.push_back(score);
    model.push_back(kernels::dot(store.unit_vector(a), store.unit_vector(b), store.dim()));
  });

  result.pairs = human.size();
  result.spearman = spearman_correlation(human, model);
  result.pearson = pearson_correlation(human, model);
  return result;
}

SimilarityResult evaluate_similarity(const VectorStore& store, const std::string& path,
                                     bool case_insensitive, std::size_t restrict_vocab) {
  return evaluate_similarity_from_text(store, read_text_file(path, "similarity file"), path,
                                       case_insensitive, restrict_vocab);
}

double pearson_correlation(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size()) {
    throw Error("correlation of " + std::to_string(x.size()) + " values with " +
                std::to_string(y.size()));
  }
  const std::size_t n = x.size();
  if (n < 2) return 0.0;
  const double mean_x = std::accumulate(x.begin(), x.end(), 0.0) / n;
  const double mean_y = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double dx = x[i] - mean_x, dy = y[i] - mean_y;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx <= 0 || syy <= 0) return 0.0;
  return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

namespace {

// 1-based ranks, ties sharing the mean of the ranks they span.
std::vector<double> average_ranks(const std::vector<double>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // NaN (a broken vector) sorts last instead of breaking the ordering.
  std::sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
    if (std::isnan(values[i])) return false;
    return std::isnan(values[j]) || values[i] < values[j];
  });
  std::vector<double> ranks(values.size());
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start + 1;
    while (end < order.size() && values[order[end]] == values[order[start]]) ++end;
    const double rank = (start + 1 + end) / 2.0;  // mean of start+1 .. end
    for (std::size_t i = start; i < end; ++i) ranks[order[i]] = rank;
    start = end;
  }
  return ranks;
}

}  // namespace

double spearman_correlation(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size()) {
    throw Error("correlation of " + std::to_string(x.size()) + " values with " +
                std::to_string(y.size()));
  }
  return pearson_correlation(average_ranks(x), average_ranks(y));
}

}  // namespace shelf
