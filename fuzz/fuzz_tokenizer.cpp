// Fuzzes the corpus tokenizer: the first byte sets a block size, and the rest is fed in blocks of
// that size. Tokens must not depend on where blocks are cut, and every token is non-empty valid
// UTF-8 of at most kMaxTokenBytes without blanks, punctuation at its edges, or control bytes.
#include <algorithm>
#include <vector>

#include "fuzz_support.h"
#include "shelf/tokenizer.h"

namespace {

struct Collect {
  std::vector<std::string> tokens;
  std::size_t sentence_ends = 0;
  void token(std::string_view token) { tokens.emplace_back(token); }
  void sentence_end() { ++sentence_ends; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelf;
  if (size == 0) return 0;
  const std::size_t block = data[0] % 16 + 1;
  const std::string_view text = fuzz::as_text(data + 1, size - 1);

  Tokenizer whole;
  Collect at_once;
  whole.feed(text, at_once);
  whole.finish(at_once);

  Tokenizer blocks;
  Collect in_blocks;
  for (std::size_t i = 0; i < text.size(); i += block) blocks.feed(text.substr(i, block), in_blocks);
  blocks.finish(in_blocks);

  fuzz::check(at_once.tokens == in_blocks.tokens, "tokens depend on block boundaries");
  fuzz::check(at_once.sentence_ends == in_blocks.sentence_ends, "sentences depend on block boundaries");
  fuzz::check(tokenize(text) == at_once.tokens, "tokenize() differs from the streaming tokenizer");
  for (const std::string& token : at_once.tokens) {
    const std::string q = io_detail::quote(token);
    fuzz::check(!token.empty(), "empty token");
    fuzz::check(token.size() <= Tokenizer::kMaxTokenBytes, "token longer than kMaxTokenBytes: " + q);
    fuzz::check(io_detail::invalid_utf8_at(token) == std::string_view::npos, "token is not UTF-8: " + q);
    fuzz::check(!io_detail::has_control_bytes(token) && token.find_first_of(" \t\r\n") == std::string::npos,
                "token holds blanks or control bytes: " + q);
    for (const char edge : {token.front(), token.back()}) {
      fuzz::check(edge != '\'' && edge != '-', "token starts or ends with a joiner: " + q);
    }
    fuzz::check(lowercase(token) == token, "token is not lowercased: " + q);
  }
  return 0;
}
