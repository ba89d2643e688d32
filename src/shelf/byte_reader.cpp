#include "shelf/byte_reader.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "shelf/error.h"

namespace shelf {
namespace {

constexpr std::size_t kChunk = std::size_t{1} << 20;

std::string system_reason() { return std::strerror(errno); }

}  // namespace

ByteReader ByteReader::open_file(const std::string& path) {
  ByteReader reader(path);
  reader.file_ = std::fopen(path.c_str(), "rb");
  if (!reader.file_) throw Error("cannot open '" + path + "': " + system_reason());
  struct stat info;
  if (fstat(fileno(reader.file_), &info) == 0) {
    if (S_ISDIR(info.st_mode)) throw Error("cannot read '" + path + "': it is a directory");
    if (S_ISREG(info.st_mode)) reader.total_size_ = static_cast<std::uint64_t>(info.st_size);
  }
  reader.buffer_.resize(kChunk);
  reader.data_ = reader.buffer_.data();
  return reader;
}

ByteReader ByteReader::over_memory(std::string_view bytes, std::string source) {
  ByteReader reader(std::move(source));
  reader.data_ = bytes.data();
  reader.end_ = bytes.size();
  reader.exhausted_ = true;
  reader.total_size_ = bytes.size();
  return reader;
}

ByteReader::ByteReader(ByteReader&& other) noexcept
    : source_(std::move(other.source_)),
      file_(other.file_),
      buffer_(std::move(other.buffer_)),
      data_(other.data_),
      begin_(other.begin_),
      end_(other.end_),
      exhausted_(other.exhausted_),
      total_size_(other.total_size_),
      consumed_(other.consumed_),
      lines_(other.lines_) {
  other.file_ = nullptr;
  if (file_) data_ = buffer_.data();
}

ByteReader::~ByteReader() {
  if (file_) std::fclose(file_);
}

// Moves the unread bytes to the front and reads until `wanted` bytes are there (or the file ends).
void ByteReader::refill(std::size_t wanted) {
  const std::size_t kept = end_ - begin_;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, kept);
    begin_ = 0;
    end_ = kept;
  }
  if (buffer_.size() < wanted) buffer_.resize(std::max(wanted, buffer_.size() * 2));
  data_ = buffer_.data();
  while (end_ < wanted && !exhausted_) {
    const std::size_t room = buffer_.size() - end_;
    const std::size_t got = std::fread(buffer_.data() + end_, 1, room, file_);
    end_ += got;
    if (got < room) {
      if (std::ferror(file_)) throw Error("cannot read '" + source_ + "': " + system_reason());
      exhausted_ = true;
    }
  }
}

std::string_view ByteReader::peek(std::size_t count) {
  if (end_ - begin_ < count && !exhausted_) refill(count);
  return {data_ + begin_, std::min(count, end_ - begin_)};
}

void ByteReader::skip(std::size_t count) {
  const std::size_t available = peek(count).size();
  begin_ += available;
  consumed_ += available;
}

bool ByteReader::next_line(std::string_view& line, std::size_t max_length) {
  std::size_t scanned = 0;
  for (;;) {
    const char* start = data_ + begin_;
    const std::size_t available = end_ - begin_;
    // memchr must not see the null pointer of an empty memory input, even for 0 bytes.
    const void* newline =
        available > scanned ? std::memchr(start + scanned, '\n', available - scanned) : nullptr;
    std::size_t length = available;
    std::size_t used = available;
    if (newline) {
      length = static_cast<std::size_t>(static_cast<const char*>(newline) - start);
      used = length + 1;
    } else if (available <= max_length && !exhausted_) {
      scanned = available;
      refill(available + kChunk);
      continue;
    } else if (available == 0) {
      return false;
    }
    if (length > max_length) {
      throw ParseError(
          source_, lines_ + 1,
          "line longer than " + std::to_string(max_length) + " bytes; is this a text file?");
    }
    if (length > 0 && start[length - 1] == '\r') --length;
    line = std::string_view(start, length);
    begin_ += used;
    consumed_ += used;
    ++lines_;
    return true;
  }
}

}  // namespace shelf
