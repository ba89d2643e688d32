#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "shelf/tokenizer.h"

using shelf::tokenize;
using Tokens = std::vector<std::string>;

TEST_CASE("tokens are lowercased and split on whitespace and punctuation") {
  CHECK(tokenize("The King, the QUEEN; and (the) knave!") ==
        Tokens{"the", "king", "the", "queen", "and", "the", "knave"});
  CHECK(tokenize("  \t ") == Tokens{});
  CHECK(tokenize("") == Tokens{});
  CHECK(tokenize("...!?") == Tokens{});
  CHECK(tokenize("a1 2b 3.14") == Tokens{"a1", "2b", "3", "14"});
}

TEST_CASE("apostrophes and hyphens inside a word are kept, at its edges dropped") {
  CHECK(tokenize("don't well-known") == Tokens{"don't", "well-known"});
  // Two joiners in a row split, as a double hyphen does.
  CHECK(tokenize("rock-'n'-roll") == Tokens{"rock", "n", "roll"});
  CHECK(tokenize("'quoted' dogs' -dash- a--b") == Tokens{"quoted", "dogs", "dash", "a", "b"});
  // The typographic apostrophe counts as one and is written as ASCII.
  CHECK(tokenize("don\u2019t") == Tokens{"don't"});
  CHECK(tokenize("em\u2014dash") == Tokens{"em", "dash"});
}

TEST_CASE("Latin-1 and other scripts are lowercased; the rest passes through") {
  CHECK(tokenize("CAFÉ Ærø ÀÉÎÕÜ") == Tokens{"café", "ærø", "àéîõü"});
  CHECK(tokenize("ŁÓDŹ ΑΘΗΝΑ МОСКВА") == Tokens{"łódź", "αθηνα", "москва"});
  CHECK(tokenize("日本語 テキスト") == Tokens{"日本語", "テキスト"});
  CHECK(tokenize("«guillemets» ¿qué?") == Tokens{"guillemets", "qué"});
  CHECK(tokenize("emoji 🙂 here") == Tokens{"emoji", "🙂", "here"});
}

TEST_CASE("invalid UTF-8 becomes U+FFFD and never stops the stream") {
  const std::string replacement = "\xEF\xBF\xBD";
  CHECK(tokenize("caf\xE9 ok") == Tokens{"caf" + replacement, "ok"});
  CHECK(tokenize("\xFF\xFE word") == Tokens{replacement + replacement, "word"});
  CHECK(tokenize("\xC0\xAF") == Tokens{replacement});                   // overlong '/'
  CHECK(tokenize("\xED\xA0\x80x") == Tokens{replacement + "x"});        // a surrogate
  CHECK(tokenize("end\xE2\x82") == Tokens{"end" + replacement});        // truncated at the end
  std::string noise;
  for (int i = 0; i < 4096; ++i) noise.push_back(static_cast<char>((i * 7919) & 0xFF));
  CHECK_NOTHROW(tokenize(noise));
}

TEST_CASE("newlines end sentences; empty lines make none") {
  const auto sentences = shelf::tokenize_sentences("one two\n\n\nthree\r\nfour five");
  REQUIRE(sentences.size() == 3);
  CHECK(sentences[0] == Tokens{"one", "two"});
  CHECK(sentences[1] == Tokens{"three"});
  CHECK(sentences[2] == Tokens{"four", "five"});
}

TEST_CASE("feeding in blocks of any size gives the same tokens as one block") {
  const std::string text = "Ça va? Don't stop — well-known ΑΘΗΝΑ 日本語\nnext line \xFF bad\nlast";
  const auto whole = shelf::tokenize_sentences(text);
  for (std::size_t block = 1; block <= 7; ++block) {
    CAPTURE(block);
    struct Sink {
      std::vector<Tokens> sentences{1};
      void token(std::string_view t) { sentences.back().emplace_back(t); }
      void sentence_end() { sentences.emplace_back(); }
    } sink;
    shelf::Tokenizer tokenizer;
    for (std::size_t i = 0; i < text.size(); i += block) {
      tokenizer.feed(std::string_view(text).substr(i, block), sink);
    }
    tokenizer.finish(sink);
    sink.sentences.pop_back();
    CHECK(sink.sentences == whole);
  }
}

TEST_CASE("a very long line without a newline is tokenized without trouble") {
  std::string line;
  for (int i = 0; i < 200000; ++i) line += (i % 2 ? "alpha " : "beta ");
  CHECK(tokenize(line).size() == 200000);
  // Runs longer than the token limit are cut at a character boundary.
  const auto tokens = tokenize(std::string(1000, 'x') + " y");
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[0].size() <= shelf::Tokenizer::kMaxTokenBytes);
}

TEST_CASE("lowercase only lowers letters") {
  CHECK(shelf::lowercase("KING") == "king");
  CHECK(shelf::lowercase("Zürich-Ost's") == "zürich-ost's");
  CHECK(shelf::lowercase("ΑΘΗΝΑ") == "αθηνα");
  CHECK(shelf::lowercase("ΆΈΉΊΌΎΏ") == "άέήίόύώ");
  CHECK(shelf::lowercase("ŒUVRE İ") == "œuvre i");
  CHECK(shelf::lowercase("bad\xFF") == "bad\xFF");
}
