// The vocabulary: words with their corpus counts, ids sorted by frequency (most frequent = 0).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace shelf {

struct VocabOptions {
  std::int64_t min_count = 5;   // words seen fewer times are dropped
  std::size_t max_vocab = 0;    // keep at most this many of the most frequent words; 0 = no cap
};

class Vocab {
 public:
  Vocab() = default;

  // Keeps words with count >= min_count, sorted by count (descending; ties keep the given order,
  // which for a corpus is first appearance), capped at max_vocab. When `new_ids` is given it
  // receives, for each input word, its id in the vocabulary or -1 if it was dropped.
  static Vocab from_counts(const std::vector<std::string>& words, const std::vector<std::int64_t>& counts,
                           const VocabOptions& options, std::vector<std::int32_t>* new_ids = nullptr);

  std::size_t size() const noexcept { return words_.size(); }
  bool empty() const noexcept { return words_.empty(); }
  const std::string& word(std::int32_t id) const { return words_[static_cast<std::size_t>(id)]; }
  std::int64_t count(std::int32_t id) const { return counts_[static_cast<std::size_t>(id)]; }
  // -1 for a word not in the vocabulary.
  std::int32_t find(std::string_view word) const;
  const std::vector<std::string>& words() const noexcept { return words_; }
  const std::vector<std::int64_t>& counts() const noexcept { return counts_; }
  // Sum of the counts of the words kept.
  std::int64_t total_count() const noexcept { return total_count_; }

 private:
  std::vector<std::string> words_;
  std::vector<std::int64_t> counts_;
  std::unordered_map<std::string, std::int32_t> index_;
  std::int64_t total_count_ = 0;
};

}  // namespace shelf
