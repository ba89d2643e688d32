// Shared by the libFuzzer targets: the properties every parser must keep, whatever the bytes.
// A parser may refuse input only with shelf::Error (whose message names the input); any other
// exception escapes LLVMFuzzerTestOneInput and libFuzzer reports it as a crash, as it does for a
// sanitizer finding or a failed check() here.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "shelf/embeddings.h"
#include "shelf/error.h"
#include "shelf/io.h"
#include "shelf/io_internal.h"

namespace shelf::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz check failed: %s\n", what.c_str());
  std::abort();
}

inline void check(bool ok, const std::string& what) {
  if (!ok) fail(what);
}

// A refusal must say which input it is about, and why.
inline void check_refusal(const Error& error, const std::string& source) {
  const std::string message = error.what();
  check(message.rfind(source, 0) == 0, "message does not start with the source name: " + message);
  check(message.size() > source.size() + 2, "message gives no reason: " + message);
}

// Runs `read`; a shelf::Error is an accepted refusal (checked, then nullopt).
template <class Read>
auto refused_or(const std::string& source, Read read) -> std::optional<decltype(read())> {
  try {
    return read();
  } catch (const Error& error) {
    check_refusal(error, source);
    return std::nullopt;
  }
}

// What every reader promises of what it accepts: a word per row, all words valid UTF-8 without
// control characters and distinct, at least one row, every value finite.
inline void check_embeddings(const Embeddings& e) {
  check(e.words.size() == e.vectors.rows(), "words and rows differ in number");
  check(e.vectors.rows() > 0 && e.vectors.cols() > 0, "accepted an empty matrix");
  check(e.vectors.cols() <= io_detail::kMaxDim, "accepted a dimension above kMaxDim");
  std::unordered_set<std::string_view> seen;
  for (const std::string& word : e.words) {
    check(io_detail::word_problem(word).empty(), "accepted a bad word: " + io_detail::quote(word));
    check(seen.insert(word).second, "accepted a duplicated word: " + io_detail::quote(word));
  }
  for (std::size_t i = 0; i < e.vectors.size(); ++i) {
    check(std::isfinite(e.vectors.data()[i]), "accepted a non-finite value");
  }
}

inline void check_identical(const Embeddings& a, const Embeddings& b, const char* what) {
  check(a.words == b.words, std::string(what) + ": words differ");
  check(a.vectors.rows() == b.vectors.rows() && a.vectors.cols() == b.vectors.cols(),
        std::string(what) + ": shapes differ");
  check(std::memcmp(a.vectors.data(), b.vectors.data(), a.vectors.size() * sizeof(float)) == 0,
        std::string(what) + ": values differ");
}

// The whole contract of a one-file reader: refuse with a message, or accept valid embeddings
// that (a) read the same as the first row alone with max_words = 1 and (b) write and read back
// bit for bit in the same format.
inline void check_reader(std::string_view bytes, Format format) {
  const std::string source = "fuzz-input";
  const auto read = refused_or(source, [&] { return read_vectors_from_bytes(bytes, source, format); });
  if (!read) return;
  check_embeddings(*read);

  ReadOptions first_only;
  first_only.max_words = 1;
  const auto first = refused_or(source, [&] {
    return read_vectors_from_bytes(bytes, source, format, first_only);
  });
  check(first.has_value(), "the whole file reads, but its first row alone does not");
  check(first->words.size() == 1 && first->words[0] == read->words[0],
        "max_words = 1 read another first word");

  if (format == Format::Auto) format = detect_format_of_bytes(bytes, source);
  const std::string written = write_vectors_to_bytes(*read, format);
  const Embeddings again = read_vectors_from_bytes(written, "written", format);
  check_identical(again, *read, "write then read");
}

}  // namespace shelf::fuzz
