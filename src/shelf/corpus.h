// A tokenized corpus as the trainer reads it: in-vocabulary word ids, sentence after sentence.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "shelf/tokenizer.h"
#include "shelf/vocab.h"

namespace shelf {

struct Corpus {
  Vocab vocab;
  std::vector<std::int32_t> ids;              // words below min_count are already removed
  std::vector<std::size_t> sentence_starts;   // sentence s is ids[starts[s] .. starts[s+1]); back() == ids.size()
  std::uint64_t raw_words = 0;                // every token of the text, dropped words included

  std::size_t sentence_count() const noexcept {
    return sentence_starts.empty() ? 0 : sentence_starts.size() - 1;
  }
};

// Longest sentence the trainer sees; longer ones are cut into pieces (word2vec does the same).
constexpr std::size_t kMaxSentenceWords = 1000;

// Tokenizes text once: every token gets a provisional id as it streams past, so building the
// vocabulary and encoding the corpus need no second pass over the text.
class CorpusBuilder {
 public:
  void add_text(std::string_view text);
  // Streams a file in blocks. Throws shelf::Error if it cannot be read.
  void add_file(const std::string& path);
  std::uint64_t raw_words() const noexcept { return tokens_.size(); }
  // Bytes the builder holds now (for memory estimates).
  std::size_t memory_bytes() const noexcept;
  // Throws shelf::Error when no word reaches min_count.
  Corpus build(const VocabOptions& options);

 private:
  struct Sink;
  Tokenizer tokenizer_;
  std::unordered_map<std::string, std::int32_t> provisional_ids_;
  std::vector<std::string> words_;
  std::vector<std::int64_t> counts_;
  std::vector<std::int32_t> tokens_;
  std::vector<std::size_t> sentence_ends_;
  bool finished_ = false;
};

// Convenience: tokenize a whole text and build its corpus.
Corpus build_corpus(std::string_view text, const VocabOptions& options);

}  // namespace shelf
