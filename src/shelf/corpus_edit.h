// A learner's edit of a corpus: sentences added, and the lines where two words meet taken out.
// The result is a new text, trained from scratch like any other.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

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

}  // namespace shelf
