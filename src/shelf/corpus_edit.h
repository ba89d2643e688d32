// A learner's edit of a corpus: sentences added, and the lines where two words meet taken out.
// The result is a new text, trained from scratch like any other.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "shelf/corpus.h"

namespace shelf {

struct CorpusEdit {
  std::string added;        // lines appended to the text (one sentence per line)
  std::string remove_a;     // with remove_b: drop every line that has both words (as tokens)
  std::string remove_b;
};

struct EditedCorpus {
  std::string text;
  std::size_t removed_lines = 0;
  std::size_t added_lines = 0;
};

// Throws shelf::Error when only one of remove_a / remove_b is given or either is not one word.
EditedCorpus edit_corpus(std::string_view text, const CorpusEdit& edit);

// The corpus of `text` with its lines in an order shuffled by `seed` (the same for a seed), so
// that a single pass over a text written in parts (a bible, then a dictionary) is a fair sample
// of all of it, and lines added at the end are trained at every stage of the run.
Corpus build_shuffled_corpus(std::string_view text, const VocabOptions& options, std::uint64_t seed);

}  // namespace shelf
