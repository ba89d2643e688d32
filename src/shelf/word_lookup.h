// From a token to its row in an embeddings file. Tokens come lowercased from the tokenizer,
// while some files keep case ("Paris"); an exact match wins, and otherwise the most frequent
// spelling whose lowercase form matches (rows are frequency-ordered, so the first one).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace shelf {

class WordLookup {
 public:
  WordLookup() = default;
  explicit WordLookup(const std::vector<std::string>& words);

  // The row of `token`, or -1 when it is not there.
  std::int32_t find(const std::string& token) const;
  std::size_t size() const noexcept { return rows_; }

 private:
  std::unordered_map<std::string, std::int32_t> exact_;
  std::unordered_map<std::string, std::int32_t> folded_;
  std::size_t rows_ = 0;
};

}  // namespace shelf
