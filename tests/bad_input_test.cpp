// The bad inputs of docs/robustness.md, each through shelf::Session — what the worker calls, so
// what a page sees — with the message a person gets. The parsers' own tests (io_test.cpp,
// corpus_test.cpp, tokenizer_test.cpp, ...) check many more variants; this file is the one list.
// The last cases replay inputs the fuzz targets (fuzz/) crashed on.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "shelf/error.h"
#include "shelf/io.h"
#include "shelf/session.h"
#include "shelf/tokenizer.h"
#include "shelf/wire_names.h"
#include "fixtures.h"

namespace {

using shelf::Format;
using shelf::Session;

// The message of the shelf::Error that `call` throws; fails the test when it throws nothing.
template <class Call>
std::string error_of(Call call) {
  try {
    call();
  } catch (const shelf::Error& error) {
    return error.what();
  }
  FAIL("no error");
  return "";
}

std::string load_error(const std::string& bytes, const std::string& name, Format format = Format::Auto) {
  Session session;
  return error_of([&] { session.load_vectors_from_bytes(bytes, name, format); });
}

shelf::TrainingParams tiny_params() {
  shelf::TrainingParams params;
  params.dim = 8;
  params.window = 2;
  params.epochs = 3;
  params.sample = 0;
  return params;
}

std::string binary_row(const std::string& word, std::vector<float> values) {
  std::string row = word + " ";
  for (float v : values) row.append(reinterpret_cast<const char*>(&v), sizeof v);
  return row + "\n";
}

bool all_finite(const std::vector<float>& values) {
  for (float v : values) {
    if (!std::isfinite(v)) return false;
  }
  return true;
}

// Four words, one of them all zeros; "zero" must never turn a cosine into NaN.
const char* kWithZero = "4 3\nking 1 2 0\nqueen 1 2 1\nman 2 0 0\nzero 0 0 0\n";

}  // namespace

TEST_CASE("bad input: an empty file or corpus") {
  CHECK(load_error("", "empty.vec") == "empty.vec: the file is empty: no vectors");
  CHECK(load_error("\n \r\n", "blank.vec") == "blank.vec: the file is empty: no vectors");
  Session session;
  CHECK(error_of([&] { session.load_projector("", "", "upload"); }) ==
        "upload vectors.tsv: the file is empty: no vectors");
  CHECK(error_of([&] { session.load_corpus("", 1, 0); }) == "the corpus has no words");
}

TEST_CASE("bad input: one word") {
  Session session;
  CHECK(session.load_vectors_from_bytes("1 2\nword 1 2\n", "one.vec").vocab == 1);
  CHECK(session.neighbors("word", 5).words.empty());
  CHECK(session.similarity("word", "word").cosine == doctest::Approx(1.0f));
  CHECK(session.project(10, 2, false).words.size() == 1);
  CHECK(all_finite(session.project(10, 2, false).points));
  CHECK(session.load_vectors_from_bytes("word 1 2", "one_glove.txt").vocab == 1);
  // A one-word corpus: min_count 1 keeps it, the default 5 explains why there is nothing.
  CHECK(session.load_corpus("word", 1, 0).vocab == 1);
  CHECK_THROWS_WITH_AS(session.load_corpus("word", 5, 0), doctest::Contains("occurs at least 5 times"),
                       shelf::Error);
}

TEST_CASE("bad input: only punctuation") {
  Session session;
  CHECK(error_of([&] { session.load_corpus("!!! ... ?!, -- \xE2\x80\x94 \xC2\xAB\xC2\xBB\n;;", 1, 0); }) ==
        "the corpus has no words");
  CHECK(load_error("...,;!?\n", "dots.vec").find("dots.vec:1: unrecognised format") == 0);
  session.load_vectors_from_bytes(kWithZero, "m.vec");
  CHECK(error_of([&] { session.index_documents("... !!! * * *", 120, shelf::Pooling::Mean); }) ==
        "the text has no words to index");
  session.index_documents("the king", 120, shelf::Pooling::Mean);
  CHECK(error_of([&] { session.search("?!", 3); }) == "the question has no words to search for");
}

TEST_CASE("bad input: invalid UTF-8") {
  // In a corpus each broken sequence becomes U+FFFD and the rest is kept.
  Session session;
  CHECK(session.load_corpus("caf\xE9 ok\xFF ok \xC3\x28", 1, 0).vocab == 4);
  const auto words = session.vocabulary(0).words;
  CHECK(words == std::vector<std::string>{"caf\xEF\xBF\xBD", "ok\xEF\xBF\xBD", "ok", "\xEF\xBF\xBD"});
  // In a vector file the word is refused, the bad byte shown escaped.
  CHECK(load_error("2 2\na 1 2\ncaf\xE9 3 4\n", "latin1.vec") ==
        "latin1.vec:3: word 'caf\\xE9' is not valid UTF-8 (byte 0xE9 at offset 3)");
  CHECK(error_of([&] { session.load_projector("1\n2\n", "a\n\xFF\n", "upload"); }) ==
        "upload metadata.tsv:2: word '\\xFF' is not valid UTF-8 (byte 0xFF at offset 0)");
}

TEST_CASE("bad input: a 10 MB line without a newline") {
  const std::size_t kTenMegabytes = 10u << 20;
  // A corpus: words on one line are cut into sentences the trainer can take.
  std::string words;
  while (words.size() < kTenMegabytes) words += "alpha beta gamma ";
  Session session;
  const auto summary = session.load_corpus(words, 1, 0);
  CHECK(summary.vocab == 3);
  CHECK(summary.sentences >= summary.raw_words / shelf::kMaxSentenceWords);
  // One 10 MB run of letters is one token, cut at the token limit.
  const auto run = session.load_corpus(std::string(kTenMegabytes, 'x'), 1, 0);
  CHECK(run.raw_words == 1);
  CHECK(session.vocabulary(0).words.at(0).size() <= shelf::Tokenizer::kMaxTokenBytes);
  // A vector file: the row is too wide, named by its line.
  std::string row = "word";
  while (row.size() < kTenMegabytes) row += " 0.5";
  CHECK(load_error(row, "wide.txt").find("wide.txt:1: row has ") == 0);
  CHECK(load_error("1 3\n" + row, "wide.vec") == "wide.vec:2: expected 3 values, found " +
                                                     std::to_string((row.size() - 4) / 4));
}

TEST_CASE("bad input: a header that disagrees with the rows") {
  CHECK(load_error("3 2\na 1 2\nb 3 4\n", "fewer.vec") == "fewer.vec:3: header says 3 vectors but the file has 2");
  CHECK(load_error("1 2\na 1 2\nb 3 4\n", "more.vec") == "more.vec:3: header says 1 vectors but the file has 2");
  CHECK(load_error("2 2\n" + binary_row("a", {1, 2}), "fewer.bin") ==
        "fewer.bin: header says 2 vectors but the file has 1 (truncated?)");
}

TEST_CASE("bad input: NaN and Inf values") {
  CHECK(load_error("2 2\na 1 2\nb nan 4\n", "nan.vec") == "nan.vec:3: non-finite value 'nan' in column 1");
  CHECK(load_error("a 1 Inf\n", "inf.txt") == "inf.txt:1: non-finite value 'Inf' in column 2");
  CHECK(load_error("1 2\n" + binary_row("a", {1, INFINITY}), "inf.bin") ==
        "inf.bin: non-finite value 'inf' in column 2 of vector 1 of 1 ('a')");
  Session session;
  CHECK(error_of([&] { session.load_projector("1\t-inf\n", "a\n", "upload"); }) ==
        "upload vectors.tsv:1: non-finite value '-inf' in column 2");
  // A query vector the page sends is checked too.
  session.load_vectors_from_bytes(kWithZero, "m.vec");
  const float nan_query[3] = {1, NAN, 0};
  CHECK(error_of([&] { session.neighbors_of_vector(nan_query, 3, 2); }) ==
        "the vector's value 2 is not a finite number");
}

TEST_CASE("bad input: duplicated words") {
  CHECK(load_error("3 1\ncat 1\ndog 2\ncat 3\n", "dup.vec") ==
        "dup.vec:4: duplicate word 'cat': first on line 2, again on line 4");
  Session session;
  CHECK(error_of([&] { session.load_projector("1\n2\n", "cat\ncat\n", "upload"); }) ==
        "upload metadata.tsv:2: duplicate word 'cat': first on line 1, again on line 2");
  // In a corpus, repeats are what counts are made of.
  CHECK(session.load_corpus("cat cat cat", 1, 0).vocab == 1);
}

TEST_CASE("bad input: rows of different dimensions") {
  CHECK(load_error("2 3\na 1 2 3\nb 1 2\n", "ragged.vec") == "ragged.vec:3: expected 3 values, found 2");
  CHECK(load_error("a 1 2\nb 1 2 3\n", "ragged.txt") == "ragged.txt:2: expected 2 values, found 3");
  Session session;
  CHECK(error_of([&] { session.load_projector("1\t2\n3\n", "a\nb\n", "upload"); }) ==
        "upload vectors.tsv:2: expected 2 values, found 1 (rows of vectors.tsv must be equally wide)");
}

TEST_CASE("bad input: a binary file given as text") {
  shelf::Embeddings e;
  e.words = {"a", "b"};
  const float rows[2][2] = {{0.25f, -1.0f}, {3.0f, 0.5f}};
  for (const auto& row : rows) e.vectors.push_row(row, 2);
  const std::string binary = shelf::write_vectors_to_bytes(e, Format::Word2VecBinary);
  CHECK(load_error(binary, "model.vec", Format::Word2VecText) ==
        "model.vec:2: looks like word2vec binary (bytes that text does not have follow the header); "
        "read it as word2vec-binary");
  // Sniffed, it simply loads.
  Session session;
  CHECK(session.load_vectors_from_bytes(binary, "model.vec").vocab == 2);
  // A binary file as a corpus is text with replacement characters, never a crash.
  CHECK_NOTHROW(session.load_corpus(binary, 1, 0));
}

TEST_CASE("bad input: a vocabulary of one word, trained") {
  Session session;
  session.load_corpus("solo solo solo\nsolo solo\n", 1, 0);
  session.configure(tiny_params());
  while (!session.training_finished()) session.step(100);
  CHECK(std::isfinite(session.progress().average_loss));
  CHECK(all_finite(session.vector("solo").vector));
  CHECK(session.neighbors("solo", 10).words.empty());
  CHECK(all_finite(session.project(10, 2, true).points));
  CHECK(session.cluster(1, 10, 1).labels == std::vector<std::int32_t>{0});
  CHECK(error_of([&] { session.cluster(2, 10, 1); }) == "k is 2 but there are only 1 words to cluster");
}

TEST_CASE("bad input: a query of unknown words") {
  Session session;
  session.load_vectors_from_bytes(kWithZero, "m.vec");
  CHECK(error_of([&] { session.neighbors("zebra", 3); }) == "unknown word 'zebra'");
  CHECK(error_of([&] { session.similarity("king", "yak"); }) == "unknown word 'yak'");
  CHECK(error_of([&] { session.analogy("king", "yak", "man", 3, shelf::VectorStore::AnalogyMethod::Add); }) ==
        "unknown word 'yak'");
  // Positions mark unknown tokens instead of refusing the sentence.
  const auto positions = session.positions("king zebra", 1.0);
  CHECK(positions.known == std::vector<bool>{true, false});
  CHECK(all_finite(positions.inputs));
  session.index_documents("the king\n\nthe man", 120, shelf::Pooling::Mean);
  CHECK(error_of([&] { session.search("zebra yak", 3); }) ==
        "none of the words of the question \"zebra yak\" are in the vocabulary");
}

TEST_CASE("bad input: k larger than the vocabulary") {
  Session session;
  session.load_vectors_from_bytes(kWithZero, "m.vec");
  CHECK(session.neighbors("king", 1000).words.size() == 3);
  const float query[3] = {1, 1, 1};
  CHECK(session.neighbors_of_vector(query, 3, 1000).words.size() == 4);
  CHECK(session.analogy("man", "king", "queen", 1000, shelf::VectorStore::AnalogyMethod::Add).words.size() == 1);
  CHECK(session.project(1000, 2, false).words.size() == 4);
  CHECK(error_of([&] { session.cluster(1000, 1000, 1); }) == "k is 1000 but there are only 4 words to cluster");
  session.index_documents("the king\n\nthe man", 120, shelf::Pooling::Mean);
  CHECK(session.search("king", 1000).hits.size() == 2);
  shelf::test::build_index(session, shelf::IndexOptions{});
  CHECK(session.neighbors("king", 1000, {true, 0}).words.size() == 3);
}

TEST_CASE("bad input: all-zero vectors give cosines of 0, never NaN") {
  Session session;
  session.load_vectors_from_bytes(kWithZero, "m.vec");
  CHECK(session.similarity("zero", "king").cosine == 0.0f);
  CHECK(session.similarity("zero", "zero").cosine == 0.0f);
  CHECK(all_finite(session.neighbors("zero", 3).scores));
  const float origin[3] = {0, 0, 0};
  CHECK(all_finite(session.neighbors_of_vector(origin, 3, 4).scores));
  CHECK(all_finite(session.analogy("zero", "king", "man", 3, shelf::VectorStore::AnalogyMethod::Add).scores));
  CHECK(all_finite(session.analogy("zero", "king", "man", 3, shelf::VectorStore::AnalogyMethod::Mul).scores));
  CHECK(all_finite(session.project(4, 2, false).points));
  CHECK(std::isfinite(session.cluster(2, 4, 1).inertia));
  shelf::test::build_index(session, shelf::IndexOptions{});
  CHECK(all_finite(session.neighbors("zero", 3, {true, 0}).scores));
  session.index_documents("zero zero\n\nthe king", 120, shelf::Pooling::Sif);
  for (const auto& hit : session.search("zero king", 2).hits) CHECK(std::isfinite(hit.score));
  // A file of nothing but zero vectors loads, and its map is finite too.
  session.load_vectors_from_bytes("2 2\na 0 0\nb 0 0\n", "zeros.vec");
  CHECK(session.similarity("a", "b").cosine == 0.0f);
  CHECK(all_finite(session.project(2, 2, false).points));
}

// Inputs the fuzz targets crashed on (scripts/fuzz.sh), kept so the bugs stay fixed.
TEST_CASE("fuzz regression: an empty metadata.tsv is read without touching a null pointer") {
  // fuzz_projector: "1\t2\n" with no metadata made ByteReader call memchr(nullptr, ..., 0).
  Session session;
  CHECK(error_of([&] { session.load_projector("1\t2\n", std::string_view(), "upload"); }) ==
        "upload metadata.tsv: 'upload vectors.tsv' has 1 rows but 'upload metadata.tsv' has 0 words");
}

TEST_CASE("fuzz regression: a first word that starts with a byte order mark survives writing") {
  // fuzz_glove: "\uFEFF\uFEFFa 1" reads as the word "\uFEFFa" (one mark is the file's); written
  // back as GloVe it lost its mark, so the file read back as "a".
  const std::string marked = "\xEF\xBB\xBF" "a";
  const shelf::Embeddings read = shelf::read_vectors_from_bytes("\xEF\xBB\xBF" + marked + " 1\n", "bom.txt",
                                                                Format::GloveText);
  REQUIRE(read.words == std::vector<std::string>{marked});
  for (Format format : {Format::GloveText, Format::Word2VecText, Format::Word2VecBinary}) {
    CAPTURE(shelf::format_name(format));
    CHECK(shelf::read_vectors_from_bytes(shelf::write_vectors_to_bytes(read, format), "again", format).words ==
          read.words);
  }
  const shelf::Embeddings projected = shelf::read_projector_from_bytes(
      shelf::projector_vectors_tsv(read), shelf::projector_metadata_tsv(read), "again");
  CHECK(projected.words == read.words);
}

TEST_CASE("fuzz regression: a token cut at the length limit never ends with a joiner") {
  // fuzz_tokenizer: a hyphen after 96 bytes of letters was kept without the letter after it.
  for (std::size_t length = 90; length <= shelf::Tokenizer::kMaxTokenBytes; ++length) {
    CAPTURE(length);
    for (const char* joined : {"-b", "'b", "-\xC3\xA9"}) {
      const auto tokens = shelf::tokenize(std::string(length, 'a') + joined + " next");
      REQUIRE(tokens.size() == 2);
      CHECK(tokens[0].size() <= shelf::Tokenizer::kMaxTokenBytes);
      CHECK(tokens[0].back() != '-');
      CHECK(tokens[0].back() != '\'');
      CHECK(tokens[1] == "next");
    }
  }
}

TEST_CASE("fuzz regression: a binary vector whose bytes read as digits is still binary") {
  // fuzz_word2vec_binary: the float with bytes "1\n\n\n" written as word2vec binary made the row
  // "1 1" followed by line ends, which the binary reader took for text and refused.
  float value;
  std::memcpy(&value, "1\n\n\n", sizeof value);
  shelf::Embeddings e;
  e.words = {"1"};
  e.vectors.push_row(&value, 1);
  const std::string written = shelf::write_vectors_to_bytes(e, Format::Word2VecBinary);
  const shelf::Embeddings again = shelf::read_vectors_from_bytes(written, "digits.bin", Format::Word2VecBinary);
  REQUIRE(again.words == e.words);
  CHECK(std::memcmp(again.vectors.data(), &value, sizeof value) == 0);
  // A text file named as binary still gets the hint, since it does not read as binary.
  CHECK(load_error("2 3\na 0.5 1 2\nb 3 4 5\n", "text.bin", Format::Word2VecBinary) ==
        "text.bin:2: looks like word2vec text (the first vector is written as numbers); read it as "
        "word2vec-text");
}
