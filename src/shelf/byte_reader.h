// One way to read bytes, whether they come from a file or from memory (a file dropped into the
// browser), so every parser is written once. Files are read a buffer at a time: a multi-gigabyte
// vector file is never held in memory as text.
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace shelf {

class ByteReader {
 public:
  // Throws shelf::Error naming the path and the system's reason when the file cannot be read.
  static ByteReader open_file(const std::string& path);
  // `bytes` must outlive the reader; nothing is copied. `source` names it in error messages.
  static ByteReader over_memory(std::string_view bytes, std::string source);

  ByteReader(ByteReader&& other) noexcept;
  ByteReader& operator=(ByteReader&&) = delete;
  ByteReader(const ByteReader&) = delete;
  ByteReader& operator=(const ByteReader&) = delete;
  ~ByteReader();

  const std::string& source() const noexcept { return source_; }

  // Up to `count` bytes from the read position without consuming them; fewer only when the input
  // ends first. The view stays valid until the next call that reads.
  std::string_view peek(std::size_t count);
  void skip(std::size_t count);
  bool at_end() { return peek(1).empty(); }

  // The next line without its "\n" (and without a "\r" before it, for files from Windows); false
  // once the input is used up. A last line without "\n" still counts. Throws ParseError for a
  // line longer than `max_length` bytes. The view stays valid until the next call that reads.
  bool next_line(std::string_view& line, std::size_t max_length);
  // How many lines next_line has returned: the number of the line it returned last.
  std::size_t line_number() const noexcept { return lines_; }

  // Bytes not yet consumed; for a file whose size cannot be told, 0.
  std::uint64_t remaining_hint() const noexcept {
    return total_size_ > consumed_ ? total_size_ - consumed_ : 0;
  }

 private:
  ByteReader(std::string source) : source_(std::move(source)) {}
  void refill(std::size_t wanted);

  std::string source_;
  std::FILE* file_ = nullptr;
  std::vector<char> buffer_;
  const char* data_ = nullptr;  // buffer_.data() for files, the caller's bytes for memory
  std::size_t begin_ = 0;       // read position within data_
  std::size_t end_ = 0;         // end of the valid bytes within data_
  bool exhausted_ = false;      // nothing more to read into the buffer
  std::uint64_t total_size_ = 0;
  std::uint64_t consumed_ = 0;
  std::size_t lines_ = 0;
};

}  // namespace shelf
