// word2vec's binary format: "<count> <dim>\n", then per vector its word, a space, dim float32
// in little-endian order, and usually a '\n' (which older writers leave out).
#include <cmath>
#include <cstdint>
#include <cstring>

#include "shelf/error.h"
#include "shelf/float_text.h"
#include "shelf/io_internal.h"

namespace shelf::io_detail {
namespace {

constexpr std::size_t kMaxHeaderBytes = 256;
// A word longer than this has no end: the file is not what its header claims.
constexpr std::size_t kMaxWordBytes = std::size_t{64} << 10;

bool host_is_big_endian() {
#if defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  return true;
#else
  return false;
#endif
}

void copy_little_endian_floats(const char* bytes, float* out, std::size_t count) {
  std::memcpy(out, bytes, count * sizeof(float));
  if (host_is_big_endian()) {
    for (std::size_t i = 0; i < count; ++i) {
      std::uint32_t bits;
      std::memcpy(&bits, &out[i], sizeof bits);
      bits = (bits >> 24) | ((bits >> 8) & 0xFF00u) | ((bits << 8) & 0xFF0000u) | (bits << 24);
      std::memcpy(&out[i], &bits, sizeof bits);
    }
  }
}

void skip_separators(ByteReader& in) {
  for (;;) {
    const std::string_view next = in.peek(1);
    if (next.empty() || next[0] != '\n') return;
    in.skip(1);
  }
}

enum class WordRead { Ok, EndOfInput, Truncated, TooLong };

// The bytes up to the next space, which is consumed.
WordRead read_word(ByteReader& in, std::string& word) {
  std::size_t window = 64;
  for (;;) {
    const std::string_view bytes = in.peek(window);
    const std::size_t space = bytes.find(' ');
    if (space != std::string_view::npos) {
      word.assign(bytes.data(), space);
      in.skip(space + 1);
      return WordRead::Ok;
    }
    if (bytes.size() < window) {
      if (bytes.empty()) return WordRead::EndOfInput;
      word.assign(bytes.data(), bytes.size());
      return WordRead::Truncated;
    }
    if (window >= kMaxWordBytes) return WordRead::TooLong;
    window *= 4;
  }
}

// For counting what follows the promised rows: true when a whole row was there to skip.
bool skip_row(ByteReader& in, std::size_t row_bytes) {
  std::string word;
  if (read_word(in, word) != WordRead::Ok) return false;
  if (in.peek(row_bytes).size() < row_bytes) return false;
  in.skip(row_bytes);
  return true;
}

std::string nth_vector(std::uint64_t index, std::uint64_t count) {
  return "vector " + std::to_string(index + 1) + " of " + std::to_string(count);
}

// The vectors after the header.
Embeddings read_rows(ByteReader& in, const Header& header, const ReadOptions& options);

}  // namespace

Embeddings read_word2vec_binary(ByteReader& in, const ReadOptions& options) {
  const std::string& source = in.source();
  const std::string_view head = in.peek(kMaxHeaderBytes);
  if (head.size() < kMaxHeaderBytes &&
      strip_byte_order_mark(head).find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw ParseError(source, 0, "the file is empty: no vectors");
  }
  const std::size_t newline = head.find('\n');
  std::string_view header_line = head.substr(0, newline);
  if (!header_line.empty() && header_line.back() == '\r') header_line.remove_suffix(1);
  if (newline == std::string_view::npos && head.size() == kMaxHeaderBytes) {
    throw ParseError(source, 1, "expected a header line '<count> <dim>', found no line end");
  }
  const Header header = parse_header(strip_byte_order_mark(header_line), source, 1);
  in.skip(newline == std::string_view::npos ? head.size() : newline + 1);

  const std::string_view body = in.peek(kSniffBytes);
  const bool looks_like_text = row_is_text_with(body, body.size() < kSniffBytes, header.dim);
  // Only a file that fails as binary is called text: a first vector whose float bytes happen to
  // read as digits (binary as the writer writes it) is still binary.
  try {
    return read_rows(in, header, options);
  } catch (const ParseError&) {
    if (!looks_like_text) throw;
    throw ParseError(source, 2,
                     "looks like word2vec text (the first vector is written as numbers); read it "
                     "as word2vec-text");
  }
}

namespace {

Embeddings read_rows(ByteReader& in, const Header& header, const ReadOptions& options) {
  const std::string& source = in.source();
  const std::size_t dim = static_cast<std::size_t>(header.dim);
  const std::size_t row_bytes = dim * sizeof(float);
  const std::uint64_t wanted = rows_wanted(header.count, options);
  Embeddings out;
  WordTable words(out.words);
  std::vector<float> values(dim);
  std::string word;
  for (std::uint64_t row = 0; row < wanted; ++row) {
    skip_separators(in);
    switch (read_word(in, word)) {
      case WordRead::Ok:
        break;
      case WordRead::EndOfInput:
        throw ParseError(source, 0, count_mismatch(header.count, row) + " (truncated?)");
      case WordRead::Truncated:
        throw ParseError(source, 0,
                         "truncated: the file ends inside the word of " +
                             nth_vector(row, header.count) + " (" + quote(word) + ")");
      case WordRead::TooLong:
        throw ParseError(source, 0,
                         "no space after the word of " + nth_vector(row, header.count) +
                             " within " + std::to_string(kMaxWordBytes) +
                             " bytes; is this really word2vec binary?");
    }
    const std::string problem = word_problem(word);
    if (!problem.empty())
      throw ParseError(source, 0, nth_vector(row, header.count) + ": " + problem);
    const std::size_t earlier = words.add(word);
    if (earlier != std::string_view::npos) {
      throw ParseError(source, 0,
                       "duplicate word " + quote(word) + ": vectors " +
                           std::to_string(earlier + 1) + " and " + std::to_string(row + 1));
    }

    const std::string_view bytes = in.peek(row_bytes);
    if (bytes.size() < row_bytes) {
      throw ParseError(source, 0,
                       "truncated: the file ends inside " + nth_vector(row, header.count) + " (" +
                           quote(word) + "), after " + std::to_string(bytes.size()) + " of its " +
                           std::to_string(row_bytes) + " bytes");
    }
    copy_little_endian_floats(bytes.data(), values.data(), dim);
    for (std::size_t column = 0; column < dim; ++column) {
      if (!std::isfinite(values[column])) {
        throw ParseError(source, 0,
                         std::string("non-finite value '") +
                             (std::isnan(values[column]) ? "nan"
                              : values[column] > 0       ? "inf"
                                                         : "-inf") +
                             "' in column " + std::to_string(column + 1) + " of " +
                             nth_vector(row, header.count) + " (" + quote(word) + ")");
      }
    }
    in.skip(row_bytes);
    out.vectors.push_row(values.data(), dim);
    if (row == 0) reserve_rows(out.vectors, wanted, in.remaining_hint(), row_bytes + 2);
  }

  if (wanted == header.count) {
    // Tolerate trailing line ends (and a stray "\r\n" or space); anything else is more rows.
    for (;;) {
      const std::string_view next = in.peek(1);
      if (next.empty() || (next[0] != '\n' && next[0] != '\r' && next[0] != ' ')) break;
      in.skip(1);
    }
    if (!in.at_end()) {
      std::uint64_t extra = 0;
      bool clean = true;
      while (!in.at_end()) {
        if (!skip_row(in, row_bytes)) {
          clean = false;
          break;
        }
        ++extra;
        skip_separators(in);
      }
      throw ParseError(
          source, 0,
          count_mismatch(header.count, header.count + extra + (clean ? 0 : 1), !clean) +
              (clean ? "" : " (more data follows the last vector)"));
    }
  }
  return out;
}

}  // namespace
}  // namespace shelf::io_detail
