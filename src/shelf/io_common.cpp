#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "shelf/error.h"
#include "shelf/float_text.h"
#include "shelf/io_internal.h"

namespace shelf::io_detail {

std::string_view trim_trailing_blanks(std::string_view text) {
  while (!text.empty() && is_blank_char(text.back())) text.remove_suffix(1);
  return text;
}

bool is_blank(std::string_view line) { return trim_trailing_blanks(line).empty(); }

std::string_view strip_byte_order_mark(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

bool has_control_bytes(std::string_view bytes) {
  for (char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F) return true;
  }
  return false;
}

std::size_t invalid_utf8_at(std::string_view text) {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length;
    std::uint32_t code;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      code = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      code = lead & 0x0Fu;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      code = lead & 0x07u;
    } else {
      return i;
    }
    if (i + length > n) return i;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0u) != 0x80u) return i;
      code = (code << 6) | (next & 0x3Fu);
    }
    if (length == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) return i;
    if (length == 4 && (code < 0x10000 || code > 0x10FFFF)) return i;
    i += length;
  }
  return std::string_view::npos;
}

std::string quote(std::string_view text) {
  constexpr std::size_t kShown = 48;
  std::string out = "'";
  std::size_t i = 0;
  while (i < text.size() && i < kShown) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;  // 0: escape this byte
    if (c >= 0x80) {
      length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      if (i + length > text.size() ||
          invalid_utf8_at(text.substr(i, length)) != std::string_view::npos) {
        length = 0;
      }
    }
    if (length == 0 || c < 0x20 || c == 0x7F) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", c);
      out += escaped;
      i += 1;
    } else {
      out.append(text.data() + i, length);
      i += length;
    }
  }
  if (i < text.size()) out += "...";
  return out + "'";
}

std::string word_problem(std::string_view word) {
  if (word.empty()) return "empty word";
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (c < 0x20 || c == 0x7F) {
      char code[8];
      std::snprintf(code, sizeof code, "0x%02X", c);
      return "word " + quote(word) + " contains the control character " + code;
    }
  }
  const std::size_t bad = invalid_utf8_at(word);
  if (bad != std::string_view::npos) {
    char code[8];
    std::snprintf(code, sizeof code, "0x%02X", static_cast<unsigned char>(word[bad]));
    return "word " + quote(word) + " is not valid UTF-8 (byte " + code + " at offset " +
           std::to_string(bad) + ")";
  }
  return "";
}

std::vector<std::string_view> split_blanks(std::string_view line, bool complete) {
  std::vector<std::string_view> tokens;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_blank_char(line[i])) ++i;
    const std::size_t start = i;
    while (i < line.size() && !is_blank_char(line[i])) ++i;
    if (i > start) tokens.push_back(line.substr(start, i - start));
  }
  if (!complete && !tokens.empty()) tokens.pop_back();
  return tokens;
}

bool all_numeric(const std::vector<std::string_view>& tokens, std::size_t first) {
  for (std::size_t i = first; i < tokens.size(); ++i) {
    float ignored;
    if (parse_float(tokens[i], ignored) == NumberStatus::NotANumber) return false;
  }
  return true;
}

WordTable::WordTable(std::vector<std::string>& words)
    : words_(words), index_(16, Hash{&words}, Equal{&words}) {}

std::size_t WordTable::add(std::string_view word) {
  words_.emplace_back(word);
  const auto inserted = index_.insert(words_.size() - 1);
  if (inserted.second) return std::string_view::npos;
  words_.pop_back();
  return *inserted.first;
}

void parse_values(std::string_view fields, std::vector<float>& values, const std::string& source,
                  std::size_t line) {
  values.clear();
  const char* p = fields.data();
  const char* const end = p + fields.size();
  for (;;) {
    while (p != end && is_blank_char(*p)) ++p;
    if (p == end) return;
    float value;
    const NumberParse parsed = parse_float_prefix(p, end, value);
    if (parsed.status == NumberStatus::Ok && (parsed.end == end || is_blank_char(*parsed.end))) {
      values.push_back(value);
      p = parsed.end;
      continue;
    }
    const char* token_end = p;
    while (token_end != end && !is_blank_char(*token_end)) ++token_end;
    const std::string token = quote(std::string_view(p, static_cast<std::size_t>(token_end - p)));
    const std::string column = "column " + std::to_string(values.size() + 1);
    if (parsed.end == token_end && parsed.status == NumberStatus::NonFinite) {
      throw ParseError(source, line, "non-finite value " + token + " in " + column);
    }
    if (parsed.end == token_end && parsed.status == NumberStatus::OutOfRange) {
      throw ParseError(source, line,
                       "value " + token + " in " + column + " is too large for a float");
    }
    throw ParseError(source, line, "value " + token + " in " + column + " is not a number");
  }
}

namespace {

bool parse_unsigned(std::string_view token, std::uint64_t& value) {
  if (token.empty() || token.size() > 19) return false;
  value = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return true;
}

}  // namespace

bool split_header(std::string_view line, Header& header) {
  const auto tokens = split_blanks(line);
  return tokens.size() == 2 && parse_unsigned(tokens[0], header.count) &&
         parse_unsigned(tokens[1], header.dim);
}

Header parse_header(std::string_view line, const std::string& source, std::size_t line_number) {
  Header header;
  if (!split_header(line, header)) {
    throw ParseError(source, line_number,
                     "expected a header '<count> <dim>' (two positive integers), found " +
                         quote(trim_trailing_blanks(line)));
  }
  if (header.count == 0) throw ParseError(source, line_number, "header says 0 vectors: no vectors");
  if (header.count > kMaxCount) {
    throw ParseError(source, line_number,
                     "header says " + std::to_string(header.count) + " vectors, which is absurd");
  }
  if (header.dim == 0) throw ParseError(source, line_number, "header says the dimension is 0");
  if (header.dim > kMaxDim) {
    throw ParseError(source, line_number,
                     "header says the dimension is " + std::to_string(header.dim) +
                         ", more than the " + std::to_string(kMaxDim) + " supported");
  }
  return header;
}

std::uint64_t rows_wanted(std::uint64_t count, const ReadOptions& options) {
  return options.max_words != 0 ? std::min<std::uint64_t>(count, options.max_words) : count;
}

void reserve_rows(Matrix& matrix, std::uint64_t wanted, std::uint64_t remaining_bytes,
                  std::size_t min_row_bytes) {
  constexpr std::uint64_t kUnknownSizeCap = 1u << 16;
  std::uint64_t rows = remaining_bytes == 0 ? kUnknownSizeCap : remaining_bytes / min_row_bytes + 1;
  rows = std::min(rows + matrix.rows(), wanted);
  const std::uint64_t floats = rows * matrix.cols();
  if (floats > std::numeric_limits<std::size_t>::max() / sizeof(float)) throw std::bad_alloc();
  matrix.reserve_rows(static_cast<std::size_t>(rows));
}

std::uint64_t estimate_rows(std::uint64_t remaining_bytes, std::size_t first_row_bytes) {
  if (remaining_bytes == 0) return 1u << 16;
  return remaining_bytes / (first_row_bytes + 1) * 5 / 4 + 16;
}

std::string count_mismatch(std::uint64_t promised, std::uint64_t found, bool at_least) {
  return "header says " + std::to_string(promised) + " vectors but the file has " +
         (at_least ? "at least " : "") + std::to_string(found);
}

bool body_looks_binary(std::string_view sample, bool complete) {
  const std::size_t newline = sample.find('\n');
  const bool row_complete = complete || newline != std::string_view::npos;
  std::string_view row = sample.substr(0, newline);
  if (has_control_bytes(row)) return true;
  if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
  const auto tokens = split_blanks(row, row_complete);
  if (tokens.size() >= 2 && all_numeric(tokens, 1)) return false;
  return invalid_utf8_at(row) != std::string_view::npos;
}

bool row_is_text_with(std::string_view sample, bool complete, std::uint64_t dim) {
  const std::size_t newline = sample.find('\n');
  if (newline == std::string_view::npos && !complete) return false;
  std::string_view row = sample.substr(0, newline);
  if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
  if (has_control_bytes(row)) return false;
  const auto tokens = split_blanks(row);
  return tokens.size() == dim + 1 && all_numeric(tokens, 1);
}

}  // namespace shelf::io_detail
