// Errors that reach people: bad files, bad flags, unknown words. Messages are written for the
// person who gave the input, and name the file and line where there is one.
#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>

namespace shelf {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A question that needs something not there yet: vectors, a corpus, a trainer, a finished index,
// indexed documents. On the wire its code is `no-model` (docs/protocol.md), a name from when
// vectors were the only thing that could be missing; the page depends on it, so it stays.
class NotReadyError : public Error {
 public:
  using Error::Error;
};

// Counts a question cannot do without: throws "k must be at least 1" for 0.
inline void require_positive(std::size_t value, const char* what) {
  if (value == 0) throw Error(std::string(what) + " must be at least 1");
}

// A problem at one place in an input: what() reads "model.vec:12: expected 100 values, found 99".
class ParseError : public Error {
 public:
  ParseError(std::string source, std::size_t line, std::string reason)
      : Error(source + (line ? ":" + std::to_string(line) : std::string()) + ": " + reason),
        source_(std::move(source)), line_(line), reason_(std::move(reason)) {}
  const std::string& source() const noexcept { return source_; }
  // 1-based; 0 when the problem is not tied to a line (a truncated binary file, say).
  std::size_t line() const noexcept { return line_; }
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string source_;
  std::size_t line_;
  std::string reason_;
};

}  // namespace shelf
