// Shelf's compact snapshot format, "shelf-int8": a quarter of word2vec binary's size, made for
// the page's first visit (the bundled snapshot) and read by every build of the engine.
//
//   "shelf-int8 <count> <dim>\n"
//   <count> lines, one word each (UTF-8, no whitespace), in row order
//   <count> little-endian float32 scales, one per row
//   <count> x <dim> signed bytes, column by column (every row's first value, then every row's
//   second, ...): neighbouring bytes then hold one dimension of words of similar frequency, which
//   compresses better (gzip, brotli) than row by row
//
// A value is code x scale; codes are in -127..127. The writer takes one scale per row, the row's
// largest magnitude / `levels`, and rounds each value to the nearest level (levels 127 uses all
// of a byte; fewer levels make a file that compresses smaller).
#include <cmath>
#include <cstdint>
#include <cstring>

#include "shelf/error.h"
#include "shelf/io_internal.h"

namespace shelf::io_detail {
namespace {

constexpr std::string_view kMagic = "shelf-int8";
constexpr std::size_t kMaxHeaderBytes = 256;
constexpr std::size_t kMaxWordBytes = std::size_t{64} << 10;
constexpr std::size_t kChunk = std::size_t{1} << 20;

float read_float_le(const unsigned char* bytes) {
  const std::uint32_t bits = std::uint32_t{bytes[0]} | (std::uint32_t{bytes[1]} << 8) |
                             (std::uint32_t{bytes[2]} << 16) | (std::uint32_t{bytes[3]} << 24);
  float value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

void append_float_le(std::string& out, float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>((bits >> shift) & 0xFFu));
}

std::string nth_vector(std::uint64_t index, std::uint64_t count) {
  return "vector " + std::to_string(index + 1) + " of " + std::to_string(count);
}

}  // namespace

bool is_int8_compact_header(std::string_view first_line) {
  return first_line.size() > kMagic.size() && first_line.substr(0, kMagic.size()) == kMagic &&
         first_line[kMagic.size()] == ' ';
}

Embeddings read_int8_compact(ByteReader& in, const ReadOptions& options) {
  const std::string& source = in.source();
  const std::string_view head = in.peek(kMaxHeaderBytes);
  if (head.empty()) throw ParseError(source, 0, "the file is empty: no vectors");
  const std::size_t newline = head.find('\n');
  std::string_view line = head.substr(0, newline);
  if (newline == std::string_view::npos || !is_int8_compact_header(line)) {
    throw ParseError(source, 1, "expected a header line 'shelf-int8 <count> <dim>', found " +
                                    quote(line.substr(0, 60)));
  }
  const Header header = parse_header(line.substr(kMagic.size() + 1), source, 1);
  in.skip(newline + 1);
  const std::uint64_t count = header.count;
  const std::size_t dim = static_cast<std::size_t>(header.dim);
  const std::uint64_t wanted = rows_wanted(count, options);

  Embeddings out;
  WordTable words(out.words);
  std::string_view word;
  for (std::uint64_t row = 0; row < count; ++row) {
    if (!in.next_line(word, kMaxWordBytes)) {
      throw ParseError(source, 0, "truncated: the file ends after " + std::to_string(row) + " of its " +
                                      std::to_string(count) + " words");
    }
    if (row >= wanted) continue;
    std::string problem = word_problem(word);
    if (problem.empty() && word.find_first_of(" \t\r\v\f") != std::string_view::npos) {
      problem = "the word " + quote(word) + " contains whitespace";
    }
    if (!problem.empty()) throw ParseError(source, 0, nth_vector(row, count) + ": " + problem);
    const std::size_t earlier = words.add(word);
    if (earlier != std::string_view::npos) {
      throw ParseError(source, 0, "duplicate word " + quote(word) + ": vectors " + std::to_string(earlier + 1) +
                                      " and " + std::to_string(row + 1));
    }
  }

  // The scales and codes, read a chunk at a time so that a header promising more than the file
  // holds costs no more memory than the file.
  const std::uint64_t needed = count * (4 + std::uint64_t{dim});
  const std::uint64_t hint = in.remaining_hint();
  if (hint != 0 && hint < needed) {
    throw ParseError(source, 0, "truncated: " + std::to_string(count) + " vectors of " + std::to_string(dim) +
                                    " values need " + std::to_string(needed) + " bytes after the words, the file has " +
                                    std::to_string(hint));
  }
  std::string body;
  while (body.size() < needed) {
    const std::string_view chunk = in.peek(static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, needed - body.size())));
    if (chunk.empty()) break;
    body.append(chunk);
    in.skip(chunk.size());
  }
  if (body.size() < needed) {
    throw ParseError(source, 0, "truncated: " + std::to_string(count) + " vectors of " + std::to_string(dim) +
                                    " values need " + std::to_string(needed) + " bytes after the words, the file has " +
                                    std::to_string(body.size()));
  }
  if (wanted == count && !in.at_end()) {
    throw ParseError(source, 0, "more data follows the last of the " + std::to_string(count) + " vectors");
  }

  const auto* scales = reinterpret_cast<const unsigned char*>(body.data());
  const auto* codes = reinterpret_cast<const signed char*>(body.data() + 4 * count);
  const std::size_t rows = static_cast<std::size_t>(wanted);
  Matrix vectors(rows, dim);
  for (std::size_t row = 0; row < rows; ++row) {
    const float scale = read_float_le(scales + 4 * row);
    if (!std::isfinite(scale) || scale < 0.0f || !std::isfinite(scale * 127.0f)) {
      throw ParseError(source, 0, "the scale of " + nth_vector(row, count) + " (" + quote(out.words[row]) +
                                      ") is not a finite non-negative number small enough");
    }
    float* values = vectors.row(row);
    for (std::size_t column = 0; column < dim; ++column) {
      const int code = codes[column * count + row];
      if (code == -128) {
        throw ParseError(source, 0, "code -128 in column " + std::to_string(column + 1) + " of " +
                                        nth_vector(row, count) + " (" + quote(out.words[row]) +
                                        "): codes are -127..127");
      }
      values[column] = static_cast<float>(code) * scale;
    }
  }
  out.vectors = std::move(vectors);
  return out;
}

void write_int8_compact(const Embeddings& embeddings, ByteWriter& out, int levels) {
  if (levels < 1 || levels > 127) throw Error("shelf-int8 levels must be 1..127, not " + std::to_string(levels));
  check_writable(embeddings, Format::Int8Compact);
  const std::size_t rows = embeddings.size();
  const std::size_t dim = embeddings.dim();
  out.append(std::string(kMagic) + " " + std::to_string(rows) + " " + std::to_string(dim) + "\n");
  for (const std::string& word : embeddings.words) {
    out.append(word);
    out.append('\n');
  }
  std::string scales;
  std::string codes(rows * dim, '\0');
  for (std::size_t row = 0; row < rows; ++row) {
    const float* values = embeddings.vectors.row(row);
    float largest = 0.0f;
    for (std::size_t column = 0; column < dim; ++column) largest = std::max(largest, std::fabs(values[column]));
    const float scale = largest / static_cast<float>(levels);
    append_float_le(scales, scale);
    for (std::size_t column = 0; column < dim; ++column) {
      const float level = scale > 0.0f ? std::round(values[column] / scale) : 0.0f;
      const float bounded = std::max(-static_cast<float>(levels), std::min(static_cast<float>(levels), level));
      codes[column * rows + row] = static_cast<char>(static_cast<signed char>(bounded));
    }
  }
  out.append(scales);
  out.append(codes);
}

}  // namespace shelf::io_detail
