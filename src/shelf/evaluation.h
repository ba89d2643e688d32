// The standard intrinsic evaluations of word vectors, computed the way gensim computes them so
// numbers can be compared with published ones: Google-style analogies (3CosAdd over the most
// frequent words) and word-pair similarity (Spearman against human scores).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "shelf/vector_store.h"

namespace shelf {

struct AnalogySection {
  std::string name;
  std::size_t correct = 0;
  std::size_t seen = 0;     // questions answered, right or wrong
  std::size_t skipped = 0;  // questions with a word outside the restricted vocabulary
};

struct AnalogyResult {
  std::size_t correct = 0;
  std::size_t seen = 0;
  std::size_t skipped = 0;
  double accuracy = 0;  // correct / seen; 0 when nothing was seen
  std::vector<AnalogySection> sections;
};

// Google-format file: ": section" headers, then "a b c d" per line (a:b :: c:d, d predicted as
// the best 3CosAdd candidate for b - a + c, the three inputs excluded). Like gensim's
// evaluate_word_analogies: only the first `restrict_vocab` words (0 = all) are known, and a
// question with any word outside them is skipped. Blank lines are ignored; a line with other
// than 4 words, or a question before the first header, throws ParseError; an unreadable file
// throws Error.
AnalogyResult evaluate_analogies(const VectorStore& store, const std::string& path,
                                 std::size_t restrict_vocab = 30000, bool case_insensitive = true);
AnalogyResult evaluate_analogies_from_text(const VectorStore& store, std::string_view text,
                                           const std::string& source_name,
                                           std::size_t restrict_vocab = 30000,
                                           bool case_insensitive = true);

struct SimilarityResult {
  double spearman = 0;  // 0 when undefined (fewer than 2 pairs, or constant scores)
  double pearson = 0;
  std::size_t pairs = 0;    // pairs scored
  std::size_t skipped = 0;  // pairs with an unknown word, left out
};

// Pair file: "w1<TAB>w2<TAB>score" (or three space-separated fields); lines starting with '#'
// and blank lines are ignored. Cosine of each known pair against the human score. Only the
// first `restrict_vocab` words (0 = all) count as known. Malformed lines throw ParseError.
SimilarityResult evaluate_similarity(const VectorStore& store, const std::string& path,
                                     bool case_insensitive = true, std::size_t restrict_vocab = 0);
SimilarityResult evaluate_similarity_from_text(const VectorStore& store, std::string_view text,
                                               const std::string& source_name,
                                               bool case_insensitive = true,
                                               std::size_t restrict_vocab = 0);

// Spearman's rho: Pearson's r of the ranks, tied values sharing their average rank.
// Both return 0 when undefined; throw Error when the lengths differ.
double spearman_correlation(const std::vector<double>& x, const std::vector<double>& y);
double pearson_correlation(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace shelf
