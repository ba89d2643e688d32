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
