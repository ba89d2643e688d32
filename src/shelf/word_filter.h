// A classroom word filter: a list of words (slurs, obscenities) that no answer of the engine
// may show. The session applies it to the vocabulary of whatever vectors are in use, as a set of
// hidden rows (VectorStore::hide), so vocabulary lists, neighbours, analogy answers, maps,
// neighbour graphs and clusters all leave those words out, and a typed hidden word is refused.
// Matching is by whole word, case-insensitive (the tokenizer's lowercasing): "ass" hides "ass"
// and "Ass", never "class" or "assyria".
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace shelf {

class WordFilter {
 public:
  WordFilter() = default;
  // Entries are trimmed and lowercased; empty ones and phrases (entries with a space: they can
  // never be one vocabulary word) are left out. Duplicates count once.
  explicit WordFilter(const std::vector<std::string>& entries);

  bool empty() const noexcept { return words_.empty(); }
  // Distinct single words on the list.
  std::size_t listed() const noexcept { return words_.size(); }
  bool hides(std::string_view word) const;
  // The ids (ascending) of the vocabulary's words the filter hides; ids are indexes of `words`.
  std::vector<std::int32_t> hidden_ids(const std::vector<std::string>& words) const;

 private:
  std::unordered_set<std::string> words_;
};

// What the filter does to the current vocabulary.
struct WordFilterStatus {
  std::size_t listed = 0;   // distinct single words on the list (0: the filter is off)
  std::size_t hidden = 0;   // words of the current vocabulary it hides
  std::size_t vocab = 0;    // words in the current vocabulary, hidden ones included
};

}  // namespace shelf
