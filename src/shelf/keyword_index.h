// Retrieval by words: Okapi BM25 over a text's chunks (Robertson and Zaragoza, "The Probabilistic
// Relevance Framework: BM25 and Beyond", 2009). A chunk scores for each query word it contains,
// more for a rare word than a common one (inverse document frequency) and more for a word it
// repeats, with diminishing returns (k1) and a discount for long chunks (b). A chunk without any
// query word scores nothing: words mean only themselves here, which is what the lesson sets
// beside retrieval by meaning (documents.h).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace shelf {

struct Bm25Params {
  double k1 = 1.2;   // term-frequency saturation: 0 counts presence only
  double b = 0.75;   // length normalisation: 0 ignores chunk length, 1 divides by it fully
};

class KeywordIndex {
 public:
  // One entry per chunk: its text, tokenized as the rest of the engine does (lowercased).
  // Throws shelf::Error for negative or non-finite parameters, or b above 1.
  explicit KeywordIndex(const std::vector<std::string>& chunk_texts, Bm25Params params = {});

  struct Hit {
    std::size_t chunk;
    float score;                              // BM25, > 0
    std::vector<std::string> matched_words;   // query words the chunk contains, in query order
  };
  // The chunks holding at least one word of the query, best first (ties: earlier chunk first), at
  // most k of them (k = 0: all). Repeated query words count once. Throws shelf::Error when the
  // query has no words.
  std::vector<Hit> search(std::string_view query, std::size_t k = 0) const;

  std::size_t size() const noexcept { return lengths_.size(); }
  // log(1 + (N - n + 0.5) / (n + 0.5)) for a word in n of the N chunks (Lucene's form, never
  // negative); 0 for a word in no chunk.
  double idf(const std::string& word) const;

 private:
  struct Posting {
    std::uint32_t chunk;
    std::uint32_t count;
  };
  Bm25Params params_;
  std::unordered_map<std::string, std::vector<Posting>> postings_;  // word -> chunks, in order
  std::vector<std::uint32_t> lengths_;                               // tokens per chunk
  double average_length_ = 0;
};

}  // namespace shelf
