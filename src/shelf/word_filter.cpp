#include "shelf/word_filter.h"

#include "shelf/tokenizer.h"

namespace shelf {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

WordFilter::WordFilter(const std::vector<std::string>& entries) {
  for (const auto& entry : entries) {
    const std::string_view word = trimmed(entry);
    if (word.empty()) continue;
    bool phrase = false;
    for (const char c : word) phrase = phrase || is_space(c);
    if (!phrase) words_.insert(lowercase(word));
  }
}

bool WordFilter::hides(std::string_view word) const {
  if (words_.empty()) return false;
  if (words_.count(std::string(word))) return true;
  return words_.count(lowercase(word)) > 0;
}

std::vector<std::int32_t> WordFilter::hidden_ids(const std::vector<std::string>& words) const {
  std::vector<std::int32_t> ids;
  if (words_.empty()) return ids;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (hides(words[i])) ids.push_back(static_cast<std::int32_t>(i));
  }
  return ids;
}

}  // namespace shelf
