// The compact snapshot format (shelf-int8, src/shelf/io_compact.cpp): layout, precision against
// the float32 original, sniffing, max_words, and refusals of malformed files.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "shelf/error.h"
#include "shelf/io.h"
#include "shelf/wire_names.h"
#include "test_support.h"

namespace {

using shelf::Embeddings;
using shelf::Format;

Embeddings gaussian(std::size_t count, std::size_t dim, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 0.4f);
  Embeddings e;
  for (std::size_t i = 0; i < count; ++i) {
    e.words.push_back(i == 0 ? "café" : "w" + std::to_string(i));
    std::vector<float> row(dim);
    for (float& v : row) v = normal(rng);
    if (i == 2) std::fill(row.begin(), row.end(), 0.0f);  // a zero row has scale 0
    e.vectors.push_row(row.data(), dim);
  }
  return e;
}

float largest_magnitude(const float* row, std::size_t dim) {
  float m = 0.0f;
  for (std::size_t c = 0; c < dim; ++c) m = std::max(m, std::fabs(row[c]));
  return m;
}

float read_float_le(const std::string& bytes, std::size_t at) {
  std::uint32_t bits = 0;
  for (int i = 0; i < 4; ++i) bits |= std::uint32_t{static_cast<unsigned char>(bytes[at + i])} << (8 * i);
  float v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

std::string header_and_words() { return "shelf-int8 2 3\nab\ncd\n"; }

std::string le(float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  std::string out;
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>((bits >> shift) & 0xFF));
  return out;
}

Embeddings read(const std::string& bytes, std::size_t max_words = 0) {
  shelf::ReadOptions options;
  options.max_words = max_words;
  return shelf::read_vectors_from_bytes(bytes, "snap.q8", Format::Auto, options);
}

}  // namespace

TEST_CASE("shelf-int8: every value is within half a step of the original, for any number of levels") {
  const Embeddings original = gaussian(50, 17, 3);
  for (int levels : {127, 63, 31, 1}) {
    const std::string bytes = shelf::write_int8_compact_to_bytes(original, levels);
    const Embeddings back = read(bytes);
    REQUIRE(back.words == original.words);
    REQUIRE(back.vectors.rows() == 50);
    REQUIRE(back.vectors.cols() == 17);
    for (std::size_t r = 0; r < 50; ++r) {
      const float step = largest_magnitude(original.vectors.row(r), 17) / static_cast<float>(levels);
      for (std::size_t c = 0; c < 17; ++c) {
        CHECK(std::fabs(back.vectors.row(r)[c] - original.vectors.row(r)[c]) <= step * 0.5001f + 1e-12f);
      }
    }
    // The row's largest value is exact up to the float product: its code is ±levels.
    CHECK(largest_magnitude(back.vectors.row(1), 17) == doctest::Approx(largest_magnitude(original.vectors.row(1), 17)).epsilon(1e-6));
    for (std::size_t c = 0; c < 17; ++c) CHECK(back.vectors.row(2)[c] == 0.0f);
  }
}

TEST_CASE("shelf-int8: the documented layout, a quarter of word2vec binary") {
  Embeddings e;
  e.words = {"ab", "cd"};
  const float rows[2][3] = {{1.0f, -0.5f, 0.25f}, {0.0f, 2.0f, -2.0f}};
  for (const auto& row : rows) e.vectors.push_row(row, 3);
  const std::string bytes = shelf::write_int8_compact_to_bytes(e, 4);
  REQUIRE(bytes.size() == header_and_words().size() + 2 * 4 + 2 * 3);
  CHECK(bytes.substr(0, header_and_words().size()) == header_and_words());
  const std::size_t at = header_and_words().size();
  CHECK(read_float_le(bytes, at) == 0.25f);      // 1.0 / 4 levels
  CHECK(read_float_le(bytes, at + 4) == 0.5f);   // 2.0 / 4
  // Column by column: (row 0, row 1) of column 1, then of column 2, then of column 3.
  const std::vector<int> codes = {4, 0, -2, 4, 1, -4};
  for (std::size_t i = 0; i < codes.size(); ++i) CHECK(static_cast<signed char>(bytes[at + 8 + i]) == codes[i]);
  // These values sit on the grid, so they come back exactly.
  const Embeddings back = read(bytes);
  CHECK(std::memcmp(back.vectors.data(), e.vectors.data(), 6 * sizeof(float)) == 0);

  const Embeddings big = gaussian(400, 100, 9);
  const std::size_t compact = shelf::write_int8_compact_to_bytes(big).size();
  const std::size_t binary = shelf::write_vectors_to_bytes(big, Format::Word2VecBinary).size();
  CHECK(compact * 3.5 < binary);
}

TEST_CASE("shelf-int8: sniffed, named, written by extension, and max_words reads the first rows") {
  const Embeddings e = gaussian(30, 8, 4);
  const std::string bytes = shelf::write_int8_compact_to_bytes(e);
  CHECK(shelf::detect_format_of_bytes(bytes, "x") == Format::Int8Compact);
  CHECK(shelf::format_from_path("site/data/default.q8") == Format::Int8Compact);
  CHECK(shelf::format_from_name("shelf-int8") == Format::Int8Compact);
  CHECK(shelf::format_from_name("int8") == Format::Int8Compact);
  CHECK(std::string(shelf::format_name(Format::Int8Compact)) == "shelf-int8");

  const Embeddings all = read(bytes);
  const Embeddings first = read(bytes, 7);
  REQUIRE(first.words.size() == 7);
  CHECK(first.words == std::vector<std::string>(all.words.begin(), all.words.begin() + 7));
  CHECK(std::memcmp(first.vectors.data(), all.vectors.data(), 7 * 8 * sizeof(float)) == 0);

  const std::string path = shelf::test::temp_path("compact.q8");
  shelf::write_vectors(e, path);
  CHECK(shelf::test::read_file(path) == bytes);
  const Embeddings from_file = shelf::read_vectors(path);
  CHECK(std::memcmp(from_file.vectors.data(), all.vectors.data(), all.vectors.size() * sizeof(float)) == 0);
  // Reading it again and writing it again gives the same values (the grid is stable).
  const Embeddings twice = read(shelf::write_int8_compact_to_bytes(all));
  for (std::size_t i = 0; i < all.vectors.size(); ++i) {
    CHECK(twice.vectors.data()[i] == doctest::Approx(all.vectors.data()[i]).epsilon(1e-5));
  }
}

TEST_CASE("shelf-int8: malformed files are refused with the file, the vector and the problem") {
  const std::string body = le(0.5f) + le(0.25f) + std::string("\x01\x02\x03\x04\x05\x06", 6);
  CHECK(read(header_and_words() + body).words.size() == 2);

  auto refused = [](const std::string& bytes, const char* part) {
    CHECK_THROWS_WITH_AS(read(bytes), doctest::Contains(part), shelf::ParseError);
    CHECK_THROWS_WITH_AS(read(bytes), doctest::Contains("snap.q8"), shelf::ParseError);
  };
  refused(header_and_words() + body.substr(0, 13), "truncated");
  refused("shelf-int8 3 3\nab\ncd\n", "truncated: the file ends after 2 of its 3 words");
  refused(header_and_words() + body + "x", "more data follows");
  refused("shelf-int8 2 0\nab\ncd\n", "dim");
  refused("shelf-int8 2\nab\ncd\n" + body, "header");
  refused("shelf-int8 2 3\nab\nab\n" + body, "duplicate word");
  refused("shelf-int8 2 3\na b\ncd\n" + body, "whitespace");
  refused("shelf-int8 2 3\n\ncd\n" + body, "vector 1 of 2");
  refused(header_and_words() + le(NAN) + body.substr(4), "scale of vector 1 of 2");
  refused(header_and_words() + le(-1.0f) + body.substr(4), "scale");
  refused(header_and_words() + le(3e38f) + body.substr(4), "scale");
  refused(header_and_words() + body.substr(0, 8) + std::string("\x01\x80\x03\x04\x05\x06", 6), "code -128 in column 1 of vector 2 of 2");
  refused("shelf-int8 99999999999 3\nab\ncd\n", "absurd");
  refused("shelf-int8 1000000 3\nab\ncd\n", "truncated: the file ends after 2 of its 1000000 words");
  // A header promising far more than the file holds allocates nothing for it.
  refused("shelf-int8 2 100000\nab\ncd\n", "need 200008 bytes");

  CHECK_THROWS_AS(shelf::write_int8_compact_to_bytes(gaussian(2, 2, 1), 0), shelf::Error);
  CHECK_THROWS_AS(shelf::write_int8_compact_to_bytes(gaussian(2, 2, 1), 128), shelf::Error);
  Embeddings spaced = gaussian(2, 2, 1);
  spaced.words[1] = "a b";
  CHECK_THROWS_WITH_AS(shelf::write_int8_compact_to_bytes(spaced), doctest::Contains("whitespace"), shelf::Error);
}
