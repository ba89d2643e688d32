#include "shelf/io.h"
#include "shelf/wire_names.h"

#include <doctest/doctest.h>

#include <cctype>
#include <clocale>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "shelf/error.h"
#include "test_support.h"

namespace {

using shelf::Embeddings;
using shelf::Format;
using shelf::test::read_file;
using shelf::test::source_path;
using shelf::test::temp_path;
using shelf::test::write_file;

Embeddings random_embeddings(std::size_t count, std::size_t dim, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 0.5f);
  const std::vector<std::string> special = {"café", "日本", "naïve", "🙂", "\"quoted\"", "a,b"};
  Embeddings e;
  for (std::size_t i = 0; i < count; ++i) {
    e.words.push_back(i < special.size() ? special[i] : "w" + std::to_string(i));
    std::vector<float> row(dim);
    for (float& v : row) v = normal(rng);
    if (i == 1) row[0] = -0.0f;
    if (i == 2) row[0] = 1e-30f;
    if (i == 3) row[0] = 3e20f;
    e.vectors.push_row(row.data(), dim);
  }
  return e;
}

// Same words in the same order, and the same bits in every value.
void check_identical(const Embeddings& actual, const Embeddings& expected) {
  REQUIRE(actual.words == expected.words);
  REQUIRE(actual.vectors.rows() == expected.vectors.rows());
  REQUIRE(actual.vectors.cols() == expected.vectors.cols());
  CHECK(std::memcmp(actual.vectors.data(), expected.vectors.data(),
                    expected.vectors.size() * sizeof(float)) == 0);
}

Embeddings tiny_expected() {
  Embeddings e;
  e.words = {"the", "café", "日本"};
  const float rows[3][4] = {
      {0.5f, -0.25f, 1.0f, 0.125f}, {-1.5f, 2.0f, 0.0f, -0.0625f}, {3.25f, -4.0f, 0.75f, 8.0f}};
  for (const auto& row : rows) e.vectors.push_row(row, 4);
  return e;
}

std::string binary_row(const std::string& word, const std::vector<float>& values,
                       bool newline = true) {
  std::string out = word + " ";
  for (float v : values) {
    std::uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    for (int b = 0; b < 4; ++b) out += static_cast<char>((bits >> (8 * b)) & 0xFF);
  }
  return newline ? out + "\n" : out;
}

// Writes `contents` to a scratch file called `name`, reads it, and returns the error message
// (failing the test when there is none).
std::string read_error(const std::string& name, const std::string& contents,
                       Format format = Format::Auto, shelf::ReadOptions options = {}) {
  const std::string path = temp_path(name);
  write_file(path, contents);
  try {
    shelf::read_vectors(path, format, options);
  } catch (const shelf::ParseError& error) {
    // The same bytes from memory give the same message.
    try {
      shelf::read_vectors_from_bytes(contents, path, format, options);
      FAIL("reading from memory accepted what reading the file refused");
    } catch (const shelf::ParseError& from_memory) {
      CHECK(std::string(from_memory.what()) == error.what());
    }
    return error.what();
  } catch (const std::exception& error) {
    FAIL("expected a ParseError, got: " << std::string(error.what()));
  }
  FAIL("no error reading " << name);
  return "";
}

void check_contains(const std::string& message, const std::string& part) {
  CAPTURE(message);
  CHECK(message.find(part) != std::string::npos);
}

}  // namespace

TEST_CASE("every format round-trips, binary and text bit for bit") {
  const Embeddings original = random_embeddings(40, 7, 3);
  for (const char* name : {"round.vec", "round.txt", "round.bin", "round_vectors.tsv"}) {
    CAPTURE(name);
    const std::string path = temp_path(name);
    shelf::write_vectors(original, path);
    check_identical(shelf::read_vectors(path), original);
    check_identical(shelf::read_vectors(path, shelf::format_from_path(path)), original);
  }
  for (Format format : {Format::Word2VecText, Format::Word2VecBinary, Format::GloveText}) {
    CAPTURE(shelf::format_name(format));
    const std::string bytes = shelf::write_vectors_to_bytes(original, format);
    check_identical(shelf::read_vectors_from_bytes(bytes, "memory", format), original);
    check_identical(shelf::read_vectors_from_bytes(bytes, "memory"), original);
    const std::string path = temp_path(std::string("explicit_") + shelf::format_name(format));
    shelf::write_vectors(original, path, format);
    CHECK(read_file(path) == bytes);
    check_identical(shelf::read_vectors(path, format), original);
  }
  const std::string vectors_tsv = shelf::projector_vectors_tsv(original);
  const std::string metadata_tsv = shelf::projector_metadata_tsv(original);
  check_identical(shelf::read_projector_from_bytes(vectors_tsv, metadata_tsv, "dropped"), original);
  shelf::write_projector(original, temp_path("p_vec.tsv"), temp_path("p_words.tsv"));
  CHECK(read_file(temp_path("p_vec.tsv")) == vectors_tsv);
  CHECK(read_file(temp_path("p_words.tsv")) == metadata_tsv);
  check_identical(shelf::read_projector(temp_path("p_vec.tsv"), temp_path("p_words.tsv")),
                  original);
}

TEST_CASE("written files have the documented layout") {
  Embeddings e;
  e.words = {"king", "日本"};
  const float rows[2][3] = {{0.1f, -2.0f, 1e-7f}, {0.0f, 100.0f, -0.5f}};
  for (const auto& row : rows) e.vectors.push_row(row, 3);
  CHECK(shelf::write_vectors_to_bytes(e, Format::Word2VecText) ==
        "2 3\nking 0.1 -2 1e-07\n日本 0 100 -0.5\n");
  CHECK(shelf::write_vectors_to_bytes(e, Format::GloveText) ==
        "king 0.1 -2 1e-07\n日本 0 100 -0.5\n");
  CHECK(shelf::projector_vectors_tsv(e) == "0.1\t-2\t1e-07\n0\t100\t-0.5\n");
  CHECK(shelf::projector_metadata_tsv(e) == "king\n日本\n");
  CHECK(shelf::write_vectors_to_bytes(e, Format::Word2VecBinary) ==
        "2 3\n" + binary_row("king", {0.1f, -2.0f, 1e-7f}) +
            binary_row("日本", {0.0f, 100.0f, -0.5f}));
}

// The fixtures in tests/data were written by a short Python script (struct.pack for the binary
// file), not by Shelf: the same three words and vectors in four formats, each with its quirks
// (fastText's trailing spaces, GloVe with CRLF and no final newline, a two-column metadata.tsv).
TEST_CASE("fixtures made by other tools read the same in every format") {
  const Embeddings expected = tiny_expected();
  check_identical(shelf::read_vectors(source_path("tests/data/tiny_fasttext.vec")), expected);
  check_identical(shelf::read_vectors(source_path("tests/data/tiny_word2vec.bin")), expected);
  check_identical(shelf::read_vectors(source_path("tests/data/tiny_glove.txt")), expected);
  // A metadata file with a header row of two columns: the words are the first column.
  check_identical(shelf::read_projector(source_path("tests/data/tiny_projector_vectors.tsv"),
                                        source_path("tests/data/tiny_projector_metadata.tsv")),
                  expected);
  // Auto finds the metadata beside "..._vectors.tsv".
  check_identical(shelf::read_vectors(source_path("tests/data/tiny_projector_vectors.tsv")),
                  expected);
}

TEST_CASE("sniffing picks the format from the content") {
  const Embeddings e = random_embeddings(5, 3, 8);
  CHECK(shelf::detect_format_of_bytes(shelf::write_vectors_to_bytes(e, Format::Word2VecText),
                                      "m") == Format::Word2VecText);
  CHECK(shelf::detect_format_of_bytes(shelf::write_vectors_to_bytes(e, Format::Word2VecBinary),
                                      "m") == Format::Word2VecBinary);
  CHECK(shelf::detect_format_of_bytes(shelf::write_vectors_to_bytes(e, Format::GloveText), "m") ==
        Format::GloveText);
  CHECK(shelf::detect_format_of_bytes(shelf::projector_vectors_tsv(e), "m") ==
        Format::ProjectorTsv);
  CHECK(shelf::detect_format(source_path("tests/data/tiny_word2vec.bin")) ==
        Format::Word2VecBinary);
  CHECK(shelf::detect_format(source_path("tests/data/tiny_fasttext.vec")) == Format::Word2VecText);
  CHECK(shelf::detect_format(source_path("tests/data/tiny_glove.txt")) == Format::GloveText);
  // The extension does not fool it: a binary file called .txt is still binary.
  const std::string misnamed = temp_path("actually_binary.txt");
  write_file(misnamed, shelf::write_vectors_to_bytes(e, Format::Word2VecBinary));
  check_identical(shelf::read_vectors(misnamed), e);
  // A binary file whose words are not ASCII, and one with a single dimension.
  for (std::size_t dim : {1u, 2u, 300u}) {
    CAPTURE(dim);
    const Embeddings small = random_embeddings(6, dim, 9);
    const std::string bytes = shelf::write_vectors_to_bytes(small, Format::Word2VecBinary);
    CHECK(shelf::detect_format_of_bytes(bytes, "m") == Format::Word2VecBinary);
    check_identical(shelf::read_vectors_from_bytes(bytes, "m"), small);
  }
  // Text with a word in Latin-1 is still text: the reader then names the bad word and line.
  check_contains(read_error("latin1.vec", "2 2\ncaf\xE9 0.1 0.2\nthe 0.3 0.4\n"),
                 "latin1.vec:2: word 'caf\\xE9' is not valid UTF-8");
}

TEST_CASE("ReadOptions.max_words reads only the first rows") {
  const Embeddings e = random_embeddings(10, 4, 11);
  shelf::ReadOptions first3;
  first3.max_words = 3;
  for (Format format : {Format::Word2VecText, Format::Word2VecBinary, Format::GloveText}) {
    CAPTURE(shelf::format_name(format));
    const Embeddings head = shelf::read_vectors_from_bytes(shelf::write_vectors_to_bytes(e, format),
                                                           "m", format, first3);
    REQUIRE(head.size() == 3);
    CHECK(head.words == std::vector<std::string>(e.words.begin(), e.words.begin() + 3));
    CHECK(std::memcmp(head.vectors.data(), e.vectors.data(), 3 * 4 * sizeof(float)) == 0);
  }
  const Embeddings projected = shelf::read_projector_from_bytes(
      shelf::projector_vectors_tsv(e), shelf::projector_metadata_tsv(e), "m", first3);
  CHECK(projected.size() == 3);
  // Rows past the limit are not checked, and a header promising more is fine.
  CHECK(shelf::read_vectors_from_bytes("5 2\na 1 2\nb 3 4\nc nan\n", "m", Format::Auto,
                                       shelf::ReadOptions{2})
            .size() == 2);
  // A limit above the row count reads everything, and still checks the count.
  CHECK(shelf::read_vectors_from_bytes("2 2\na 1 2\nb 3 4\n", "m", Format::Auto,
                                       shelf::ReadOptions{50})
            .size() == 2);
  check_contains(
      read_error("limit_short.vec", "3 2\na 1 2\nb 3 4\n", Format::Auto, shelf::ReadOptions{50}),
      "header says 3 vectors but the file has 2");
}

TEST_CASE("tolerated: CRLF, no final newline, trailing blanks, BOM, tabs, blank lines at the end") {
  const Embeddings expected = [] {
    Embeddings e;
    e.words = {"a", "b"};
    const float rows[2][2] = {{1.0f, 2.0f}, {3.0f, -4.5f}};
    for (const auto& row : rows) e.vectors.push_row(row, 2);
    return e;
  }();
  for (const char* text :
       {"2 2\r\na 1 2\r\nb 3 -4.5\r\n", "2 2\na 1 2\nb 3 -4.5", "2 2 \na 1 2 \nb 3 -4.5 \n",
        "\xEF\xBB\xBF"
        "2 2\na 1 2\nb 3 -4.5\n",
        "2 2\na\t1\t2\nb  3   -4.5\n", "2 2\na 1 2\nb 3 -4.5\n\n \r\n",
        "2 2\r\na 1.0 2e0\r\nb 3 -4.50\r\n\r\n"}) {
    CAPTURE(text);
    check_identical(shelf::read_vectors_from_bytes(text, "m"), expected);
  }
  for (const char* text : {"a 1 2\r\nb 3 -4.5\r\n", "a 1 2\nb 3 -4.5", "a 1 2 \nb 3 -4.5\t\n\n"}) {
    CAPTURE(text);
    check_identical(shelf::read_vectors_from_bytes(text, "m", Format::GloveText), expected);
    check_identical(shelf::read_vectors_from_bytes(text, "m"), expected);
  }
  // Binary without the '\n' after each vector (older writers), and with a CRLF header.
  const std::string compact =
      "2 2\n" + binary_row("a", {1, 2}, false) + binary_row("b", {3, -4.5f}, false);
  check_identical(shelf::read_vectors_from_bytes(compact, "m", Format::Word2VecBinary), expected);
  check_identical(shelf::read_vectors_from_bytes(compact, "m"), expected);
  const std::string crlf = "2 2\r\n" + binary_row("a", {1, 2}) + binary_row("b", {3, -4.5f}) + "\n";
  check_identical(shelf::read_vectors_from_bytes(crlf, "m", Format::Word2VecBinary), expected);
  // Projector: CRLF, no final newline, a single-column metadata file whose words have spaces.
  const Embeddings projected =
      shelf::read_projector_from_bytes("1\t2\r\n3\t-4.5", "new york\r\nb\r\n", "m");
  CHECK(projected.words == std::vector<std::string>{"new york", "b"});
  CHECK(projected.vectors.at(1, 1) == -4.5f);
}

TEST_CASE("word2vec text: every malformed input names the file, the line and the problem") {
  struct Case {
    std::string name;
    std::string contents;
    const char* where;
    const char* reason;
  };
  const std::vector<Case> cases = {
      {"one_number.vec", "3\na 1 2 3\n", ":1: ", "expected a header '<count> <dim>'"},
      {"words_header.vec", "count dim\na 1 2\n", ":1: ", "unrecognised format"},
      {"dim0.vec", "2 0\na\nb\n", ":1: ", "dimension is 0"},
      {"dim_huge.vec", "2 100001\na 1\n", ":1: ", "dimension is 100001, more than the 100000"},
      {"count0.vec", "0 3\n", ":1: ", "header says 0 vectors"},
      {"negative.vec", "-3 2\na 1 2\n", ":1: ", "(two positive integers), found '-3 2'"},
      {"fraction.vec", "3.5 2\na 1 2\n", ":1: ", "(two positive integers), found '3.5 2'"},
      {"three.vec", "3 2 1\na 1 2\n", ":1: ", "expected a header '<count> <dim>'"},
      {"count_absurd.vec", "99999999999999999 3\na 1 2 3\n", ":1: ", "absurd"},
      {"fewer.vec", "3 2\na 1 2\nb 3 4\n", ":3: ", "header says 3 vectors but the file has 2"},
      {"more.vec", "2 2\na 1 2\nb 3 4\nc 5 6\nd 7 8\n",
       ":4: ", "header says 2 vectors but the file has 4"},
      {"header_only.vec", "2 3\n", ":1: ", "header says 2 vectors but the file has 0"},
      {"short_row.vec", "2 3\na 1 2 3\nb 1 2\n", ":3: ", "expected 3 values, found 2"},
      {"long_row.vec", "2 3\na 1 2 3\nb 1 2 3 4\n", ":3: ", "expected 3 values, found 4"},
      {"no_values.vec", "2 3\na 1 2 3\nb\n", ":3: ", "word 'b' has no values"},
      {"word_number.vec", "1 3\na 1 x 3\n", ":2: ", "value 'x' in column 2 is not a number"},
      {"comma.vec", "1 2\na 1,5 2\n", ":2: ", "value '1,5' in column 1 is not a number"},
      {"nan.vec", "1 3\na 1 2 nan\n", ":2: ", "non-finite value 'nan' in column 3"},
      {"inf.vec", "2 3\na 1 2 3\nb -inf 2 3\n", ":3: ", "non-finite value '-inf' in column 1"},
      {"huge.vec", "1 2\na 1e39 2\n", ":2: ", "value '1e39' in column 1 is too large for a float"},
      {"dup.vec", "3 2\ncat 1 2\ndog 3 4\ncat 5 6\n",
       ":4: ", "duplicate word 'cat': first on line 2, again on line 4"},
      {"empty_word.vec", "2 2\na 1 2\n 3 4\n", ":3: ", "its word is empty"},
      {"bad_utf8.vec", "2 2\na 1 2\n\xC3\x28 3 4\n", ":3: ", "is not valid UTF-8"},
      {"control.vec", "2 2\na 1 2\nb\x01x 3 4\n", ":3: ", "control character 0x01"},
      {"blank_inside.vec", "3 2\na 1 2\n\nb 3 4\nc 5 6\n", ":3: ", "empty line between rows"},
      {"blank_first.vec", "\n2 2\na 1 2\n", ":1: ", "line 1 is empty"},
      {"prose.vec", "hello world, this is prose\nnot vectors\n", ":1: ", "unrecognised format"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const std::string message = read_error(c.name, c.contents);
    check_contains(message, c.name + c.where);
    check_contains(message, c.reason);
  }
  // The same checks when the format is named rather than sniffed.
  check_contains(
      read_error("named_dup.vec", "3 2\ncat 1 2\ndog 3 4\ncat 5 6\n", Format::Word2VecText),
      "named_dup.vec:4: duplicate word 'cat'");
  check_contains(read_error("named_header.vec", "a 1 2\nb 3 4\n", Format::Word2VecText),
                 "named_header.vec:1: expected a header '<count> <dim>' (two positive integers), "
                 "found 'a 1 2'");
}

TEST_CASE("empty files are refused in every format") {
  for (const char* contents : {"", "\n", "  \r\n\n", "\xEF\xBB\xBF"}) {
    CAPTURE(contents);
    for (Format format :
         {Format::Auto, Format::Word2VecText, Format::Word2VecBinary, Format::GloveText}) {
      CAPTURE(shelf::format_name(format));
      check_contains(read_error("empty.vec", contents, format), "empty.vec: the file is empty");
    }
  }
  check_contains(read_error("empty_vectors.tsv", "", Format::Auto),
                 "empty_vectors.tsv: the file is empty");
}

TEST_CASE("GloVe text: malformed rows") {
  check_contains(read_error("g_width.txt", "a 1 2 3\nb 1 2\n", Format::GloveText),
                 "g_width.txt:2: expected 3 values, found 2");
  check_contains(read_error("g_width_auto.txt", "a 1 2 3\nb 1 2 3\nc 1 2 3 4\n"),
                 "g_width_auto.txt:3: expected 3 values, found 4");
  check_contains(read_error("g_dup.txt", "a 1\nb 2\nc 3\nb 4\n"),
                 "g_dup.txt:4: duplicate word 'b': first on line 2, again on line 4");
  check_contains(read_error("g_nan.txt", "a 1 2\nb 3 NaN\n"),
                 "g_nan.txt:2: non-finite value 'NaN' in column 2");
  check_contains(read_error("g_no_values.txt", "a\nb 1\n", Format::GloveText),
                 "g_no_values.txt:1: word 'a' has no values");
  // A word with a space (GloVe 840B has a few): the second half is no number.
  check_contains(read_error("g_space.txt", "a 1 2\nnew york 3 4\n"),
                 "g_space.txt:2: value 'york' in column 1 is not a number");
  // A word2vec file read as GloVe gets a hint at the header.
  check_contains(read_error("g_header.txt", "2 3\na 1 2 3\nb 4 5 6\n", Format::GloveText),
                 "read the file as word2vec");
  std::string too_wide = "a";
  for (int i = 0; i < 100001; ++i) too_wide += " 1";
  check_contains(read_error("g_wide.txt", too_wide + "\n", Format::GloveText),
                 "g_wide.txt:1: row has 100001 values");
}

TEST_CASE("word2vec binary: truncation, counts, bad values and words") {
  const std::string header = "3 2\n";
  const std::string a = binary_row("a", {1, 2}), b = binary_row("b", {3, 4}),
                    c = binary_row("c", {5, 6});
  const std::string whole = header + a + b + c;
  check_identical(shelf::read_vectors_from_bytes(whole, "m"),
                  shelf::read_vectors_from_bytes(whole, "m", Format::Word2VecBinary));

  check_contains(read_error("cut_vector.bin", header + a + b + c.substr(0, 5)),
                 "cut_vector.bin: truncated: the file ends inside vector 3 of 3 ('c'), after 3 of "
                 "its 8 bytes");
  check_contains(read_error("cut_word.bin", header + a + b + "lon", Format::Word2VecBinary),
                 "cut_word.bin: truncated: the file ends inside the word of vector 3 of 3");
  check_contains(read_error("fewer.bin", header + a + b),
                 "fewer.bin: header says 3 vectors but the file has 2");
  check_contains(read_error("more.bin", "2 2\n" + a + b + c),
                 "more.bin: header says 2 vectors but the file has 3");
  check_contains(
      read_error("more_junk.bin", "2 2\n" + a + b + "xy"),
      "more_junk.bin: header says 2 vectors but the file has at least 3 (more data follows");
  check_contains(read_error("nan.bin", "2 2\n" + a + binary_row("b", {3, std::nanf("")})),
                 "nan.bin: non-finite value 'nan' in column 2 of vector 2 of 2 ('b')");
  check_contains(read_error("inf.bin", "1 2\n" + binary_row("a", {-INFINITY, 1})),
                 "non-finite value '-inf' in column 1 of vector 1 of 1");
  check_contains(read_error("dup.bin", "3 2\n" + a + b + binary_row("a", {7, 8})),
                 "dup.bin: duplicate word 'a': vectors 1 and 3");
  check_contains(
      read_error("utf8.bin", "1 2\n" + binary_row("caf\xE9", {1, 2}), Format::Word2VecBinary),
      "utf8.bin: vector 1 of 1: word 'caf\\xE9' is not valid UTF-8");
  check_contains(
      read_error("empty_word.bin", "2 2\n" + a + binary_row("", {3, 4}), Format::Word2VecBinary),
      "vector 2 of 2: empty word");
  check_contains(read_error("bad_header.bin", "3 x\n" + a, Format::Word2VecBinary),
                 "bad_header.bin:1: expected a header");
  check_contains(
      read_error("no_space.bin", "1 2\n" + std::string(70000, 'x'), Format::Word2VecBinary),
      "no space after the word of vector 1 of 1");
}

TEST_CASE("the wrong reader says which one to use") {
  const Embeddings e = random_embeddings(4, 5, 21);
  check_contains(
      read_error("binary_as_text.vec", shelf::write_vectors_to_bytes(e, Format::Word2VecBinary),
                 Format::Word2VecText),
      "binary_as_text.vec:2: looks like word2vec binary");
  check_contains(
      read_error("text_as_binary.bin", shelf::write_vectors_to_bytes(e, Format::Word2VecText),
                 Format::Word2VecBinary),
      "text_as_binary.bin:2: looks like word2vec text");
  CHECK_THROWS_WITH_AS(shelf::read_vectors_from_bytes("1\t2\n", "dropped", Format::ProjectorTsv),
                       doctest::Contains("read_projector"), shelf::Error);
  CHECK_THROWS_WITH_AS(shelf::read_vectors_from_bytes("1\t2\n3\t4\n", "dropped"),
                       doctest::Contains("two files"), shelf::Error);
}

TEST_CASE("projector: mismatched files") {
  const auto error = [](const std::string& vectors, const std::string& metadata) -> std::string {
    try {
      shelf::read_projector_from_bytes(vectors, metadata, "upload");
    } catch (const shelf::ParseError& e) {
      return e.what();
    }
    FAIL("accepted");
    return "";
  };
  check_contains(error("1\t2\n3\t4\n5\t6\n", "a\nb\n"),
                 "'upload vectors.tsv' has 3 rows but 'upload metadata.tsv' has 2 words");
  check_contains(error("1\t2\n3\t4\n", "a\nb\nc\nd\n"),
                 "has 2 rows but 'upload metadata.tsv' has 4 words");
  check_contains(error("1\t2\n3\t4\n", "word\tcount\na\t1\n"),
                 "has 1 words (after its header row)");
  check_contains(error("1\t2\n3\t4\t5\n", "a\nb\n"),
                 "upload vectors.tsv:2: expected 2 values, found 3");
  check_contains(error("1\tx\n", "a\n"),
                 "upload vectors.tsv:1: value 'x' in column 2 is not a number");
  check_contains(error("1\tinf\n", "a\n"),
                 "upload vectors.tsv:1: non-finite value 'inf' in column 2");
  check_contains(error("", "a\n"), "upload vectors.tsv: the file is empty");
  check_contains(error("1\n2\n3\n", "word\tn\na\t1\nb\t2\na\t3\n"),
                 "upload metadata.tsv:4: duplicate word 'a': first on line 2, again on line 4");
  check_contains(error("1\n2\n3\n", "a\n\nc\n"), "upload metadata.tsv:2: empty word");
  check_contains(error("1\n2\n", "a\n\xFF\n"),
                 "upload metadata.tsv:2: word '\\xFF' is not valid UTF-8");
  check_contains(error("1\n\n2\n", "a\nb\n"), "upload vectors.tsv:2: empty line between rows");

  // Auto reading of a vectors.tsv whose metadata is missing names the file it looked for.
  const std::string lonely = temp_path("lonely_vectors.tsv");
  write_file(lonely, "1\t2\n");
  CHECK_THROWS_WITH_AS(shelf::read_vectors(lonely), doctest::Contains("lonely_metadata.tsv"),
                       shelf::Error);
}

TEST_CASE("files that cannot be opened or written give the path and the reason") {
  const std::string missing = temp_path("no_such_file.vec");
  CHECK_THROWS_WITH_AS(shelf::read_vectors(missing),
                       doctest::Contains(("cannot open '" + missing + "': No such file").c_str()),
                       shelf::Error);
  CHECK_THROWS_WITH_AS(shelf::read_vectors(temp_path("")), doctest::Contains("directory"),
                       shelf::Error);
  const Embeddings e = random_embeddings(2, 2, 1);
  const std::string nowhere = temp_path("no_such_folder/out.vec");
  CHECK_THROWS_WITH_AS(shelf::write_vectors(e, nowhere),
                       doctest::Contains(("cannot write '" + nowhere + "'").c_str()), shelf::Error);
}

TEST_CASE("writers refuse what readers would refuse, before creating a file") {
  const auto refused = [](const Embeddings& e, Format format, const std::string& part) {
    const std::string path = temp_path("refused.out");
    std::remove(path.c_str());
    CAPTURE(part);
    CHECK_THROWS_WITH_AS(shelf::write_vectors(e, path, format), doctest::Contains(part.c_str()),
                         shelf::Error);
    CHECK(read_file(path).empty());
  };
  Embeddings spaced = random_embeddings(3, 2, 4);
  spaced.words[1] = "new york";
  refused(spaced, Format::Word2VecText, "word 'new york' contains whitespace");
  refused(spaced, Format::Word2VecBinary, "contains whitespace");
  CHECK(shelf::projector_metadata_tsv(spaced).find("new york\n") != std::string::npos);
  Embeddings tabbed = spaced;
  tabbed.words[1] = "a\tb";
  refused(tabbed, Format::ProjectorTsv, "contains a tab");
  Embeddings twice = random_embeddings(3, 2, 4);
  twice.words[2] = twice.words[0];
  refused(twice, Format::GloveText, "appears twice (rows 1 and 3)");
  Embeddings not_finite = random_embeddings(3, 2, 4);
  not_finite.vectors.at(2, 1) = std::nanf("");
  refused(not_finite, Format::Word2VecBinary, "non-finite value in column 2");
  Embeddings empty_word = random_embeddings(3, 2, 4);
  empty_word.words[0] = "";
  refused(empty_word, Format::Word2VecText, "empty word");
  Embeddings uneven = random_embeddings(3, 2, 4);
  uneven.words.pop_back();
  refused(uneven, Format::Word2VecText, "2 words but 3 vectors");
  refused(Embeddings{}, Format::Word2VecText, "there are no vectors");
  CHECK_THROWS_WITH_AS(shelf::write_vectors(random_embeddings(2, 2, 1), temp_path("x.unknown")),
                       doctest::Contains("cannot tell the format"), shelf::Error);
  CHECK_THROWS_AS(shelf::write_vectors_to_bytes(random_embeddings(2, 2, 1), Format::ProjectorTsv),
                  shelf::Error);
}

TEST_CASE("format names, extensions and the metadata path rule") {
  CHECK(shelf::format_from_path("a/b.VEC") == Format::Word2VecText);
  CHECK(shelf::format_from_path("glove.6B.50d.txt") == Format::Word2VecText);
  CHECK(shelf::format_from_path("GoogleNews.bin") == Format::Word2VecBinary);
  CHECK(shelf::format_from_path("out/vectors.tsv") == Format::ProjectorTsv);
  CHECK(shelf::format_from_path("model") == Format::Auto);
  CHECK(shelf::format_from_path("dir.bin/model") == Format::Auto);
  CHECK(shelf::projector_metadata_path("vectors.tsv") == "metadata.tsv");
  CHECK(shelf::projector_metadata_path("out/glove_vectors.tsv") == "out/glove_metadata.tsv");
  CHECK(shelf::projector_metadata_path("out/model.tsv") == "out/model_metadata.tsv");
  CHECK(shelf::projector_metadata_path("a.b/model") == "a.b/model_metadata.tsv");
  for (Format format : {Format::Auto, Format::Word2VecText, Format::Word2VecBinary,
                        Format::GloveText, Format::ProjectorTsv}) {
    CHECK(shelf::format_from_name(shelf::format_name(format)) == format);
  }
  CHECK(shelf::format_from_name("BIN") == Format::Word2VecBinary);
  CHECK_THROWS_WITH_AS(shelf::format_from_name("pickle"), doctest::Contains("word2vec-text"),
                       shelf::Error);

  // Writing .tsv puts the words beside the vectors by that rule.
  const Embeddings e = random_embeddings(3, 2, 5);
  shelf::write_vectors(e, temp_path("vectors.tsv"));
  CHECK(read_file(temp_path("metadata.tsv")) == shelf::projector_metadata_tsv(e));
  check_identical(shelf::read_vectors(temp_path("vectors.tsv")), e);
}

TEST_CASE("a file larger than the read buffer streams correctly") {
  // Long rows and many of them cross the 1 MiB buffer boundary many times.
  const Embeddings e = random_embeddings(3000, 120, 77);
  for (const char* name : {"big.vec", "big.bin", "big_vectors.tsv"}) {
    CAPTURE(name);
    const std::string path = temp_path(name);
    shelf::write_vectors(e, path);
    check_identical(shelf::read_vectors(path), e);
  }
}

TEST_CASE("reading and writing do not depend on the C locale") {
  const char* previous = std::setlocale(LC_ALL, nullptr);
  const std::string saved = previous ? previous : "C";
  bool switched = false;
  for (const char* name : {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8"}) {
    if (std::setlocale(LC_ALL, name)) {
      switched = true;
      break;
    }
  }
  if (!switched) {
    MESSAGE("no locale with a decimal comma installed; skipped");
    return;
  }
  check_identical(shelf::read_vectors(source_path("tests/data/tiny_fasttext.vec")),
                  tiny_expected());
  const Embeddings e = random_embeddings(20, 5, 31);
  const std::string text = shelf::write_vectors_to_bytes(e, Format::Word2VecText);
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {  // no decimal comma ("a,b" is a word)
    CHECK_FALSE((text[i] == ',' && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                 std::isdigit(static_cast<unsigned char>(text[i + 1]))));
  }
  check_identical(shelf::read_vectors_from_bytes(text, "m"), e);
  std::setlocale(LC_ALL, saved.c_str());
}

TEST_CASE("odd Unicode words and extreme values round-trip bit for bit in every format") {
  // Decomposed and composed forms stay two words; zero-width joiners, right-to-left scripts,
  // non-BMP characters, U+FFFD itself, no-break spaces and line separators inside a word, and
  // words that read as numbers (never on the first row, where they would look like a header or
  // a Projector row).
  const std::vector<std::string> words = {
      "caf\xC3\xA9",                          // café, composed
      "cafe\xCC\x81",                         // café, e + combining acute
      "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB",  // woman technologist (ZWJ sequence)
      "\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A",     // Arabic
      "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D",     // Hebrew
      "\xF0\xA0\x80\x80",                     // U+20000, CJK extension B
      "\xEF\xBF\xBD",                         // U+FFFD
      "no\xC2\xA0" "break",                   // U+00A0 inside
      "line\xE2\x80\xA8sep",                  // U+2028 inside
      "\xEF\xBB\xBFmark",                     // U+FEFF at the start of a word (not of the file)
      "1e5", "nan", "-0", "inf", "0x1p3",
      "don't", "well-known", std::string(1000, 'x'),
  };
  const std::vector<float> extremes = {
      std::numeric_limits<float>::max(),  -std::numeric_limits<float>::max(),
      std::numeric_limits<float>::min(),  std::numeric_limits<float>::denorm_min(),
      -std::numeric_limits<float>::denorm_min(), 1.0f + std::numeric_limits<float>::epsilon(),
      0.1f, 1.0f / 3.0f, -0.0f, 0.0f, 16777217.0f, 123456.789f,
  };
  Embeddings original;
  const std::size_t dim = 5;
  std::mt19937 rng(11);
  std::uniform_int_distribution<std::uint32_t> bits;
  for (std::size_t i = 0; i < words.size(); ++i) {
    original.words.push_back(words[i]);
    std::vector<float> row(dim);
    for (std::size_t j = 0; j < dim; ++j) {
      const std::size_t k = i * dim + j;
      if (k < extremes.size()) {
        row[j] = extremes[k];
      } else {
        // Any finite bit pattern (the exponent all ones is Inf or NaN, which files refuse).
        float value;
        do {
          const std::uint32_t b = bits(rng);
          std::memcpy(&value, &b, sizeof value);
        } while (!std::isfinite(value));
        row[j] = value;
      }
    }
    original.vectors.push_row(row.data(), dim);
  }
  for (Format format : {Format::Word2VecText, Format::Word2VecBinary}) {
    CAPTURE(shelf::format_name(format));
    check_identical(shelf::read_vectors_from_bytes(shelf::write_vectors_to_bytes(original, format), "odd", format),
                    original);
  }
  // GloVe has no header: its first row's word must not read as a number, which "café" does not.
  check_identical(shelf::read_vectors_from_bytes(shelf::write_vectors_to_bytes(original, Format::GloveText), "odd.txt"),
                  original);
  check_identical(shelf::read_projector_from_bytes(shelf::projector_vectors_tsv(original),
                                                   shelf::projector_metadata_tsv(original), "odd"),
                  original);
}
