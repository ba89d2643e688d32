// Text to tokens. UTF-8 in; letters lowercased (ASCII, Latin-1, Latin Extended-A, Greek,
// Cyrillic; everything else passed through intact); tokens split on whitespace and punctuation,
// keeping apostrophes and hyphens that stand between two word characters ("don't", "well-known");
// a newline ends a sentence. Invalid UTF-8 becomes U+FFFD and never stops the stream.
//
// The tokenizer is a streaming state machine, so a corpus can be fed in blocks of any size
// (a 10 MB line without a newline, a block boundary inside a multi-byte character).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace shelf {

class Tokenizer {
 public:
  // Sink must provide `void token(std::string_view)` and `void sentence_end()`.
  template <class Sink>
  void feed(std::string_view bytes, Sink& sink);
  // Flushes the last token and a final sentence end if the text did not end with a newline.
  template <class Sink>
  void finish(Sink& sink);

  // Longest token kept; longer runs are cut (word2vec caps words at 100 bytes too).
  static constexpr std::size_t kMaxTokenBytes = 100;

  static char32_t to_lower(char32_t cp) noexcept;

 private:
  enum class CharClass { Word, Space, Newline, Punct, Apostrophe, Hyphen, Ignore };
  static CharClass classify(char32_t cp) noexcept;
  void append(char32_t cp);
  template <class Sink>
  void on_code_point(char32_t cp, Sink& sink);
  template <class Sink>
  void flush(Sink& sink);

  std::string token_;
  char pending_joiner_ = 0;        // an apostrophe or hyphen seen after a word character
  bool token_full_ = false;        // kMaxTokenBytes reached: the rest of this run is dropped
  bool sentence_has_tokens_ = false;
  // A multi-byte character cut by a block boundary.
  char32_t partial_ = 0;
  int partial_remaining_ = 0;
  char32_t partial_min_ = 0;
};

// Convenience for short texts (queries, sentences): all tokens, sentence ends ignored.
std::vector<std::string> tokenize(std::string_view text);
// Sentences of tokens, one per line of the text.
std::vector<std::vector<std::string>> tokenize_sentences(std::string_view text);

// Lowercases the letters of a word the way the tokenizer does and keeps every other byte
// (for looking up user input and evaluation words).
std::string lowercase(std::string_view word);

}  // namespace shelf

#include "shelf/tokenizer_impl.h"
