#include "shelf/word_lookup.h"

#include "shelf/tokenizer.h"

namespace shelf {

WordLookup::WordLookup(const std::vector<std::string>& words) : rows_(words.size()) {
  exact_.reserve(words.size());
  for (std::size_t row = 0; row < words.size(); ++row) {
    const auto id = static_cast<std::int32_t>(row);
    exact_.emplace(words[row], id);
    std::string folded = lowercase(words[row]);
    if (folded != words[row]) folded_.emplace(std::move(folded), id);  // first (most frequent) wins
  }
}

std::int32_t WordLookup::find(const std::string& token) const {
  if (auto it = exact_.find(token); it != exact_.end()) return it->second;
  if (auto it = folded_.find(token); it != folded_.end()) return it->second;
  return -1;
}

}  // namespace shelf
