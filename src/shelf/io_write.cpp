// Writers for every format, and the checks that keep them from writing what a reader refuses.
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <unordered_map>

#include "shelf/error.h"
#include "shelf/float_text.h"
#include "shelf/io_internal.h"
#include "shelf/wire_names.h"

namespace shelf::io_detail {

ByteWriter::ByteWriter(const std::string& path) : path_(path) {
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) throw Error("cannot write '" + path + "': " + std::strerror(errno));
  buffer_.reserve(kFlushBytes + 4096);
}

ByteWriter::~ByteWriter() {
  if (file_) {
    std::fclose(file_);
    std::remove(path_.c_str());
  }
}

void ByteWriter::flush() {
  if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    throw Error("cannot write '" + path_ + "': " + std::strerror(errno));
  }
  buffer_.clear();
}

void ByteWriter::finish() {
  if (!file_) return;
  flush();
  std::FILE* file = file_;
  file_ = nullptr;
  if (std::fclose(file) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(path_.c_str());
    throw Error("cannot write '" + path_ + "': " + reason);
  }
}

void check_writable(const Embeddings& embeddings, Format format) {
  const std::string as = std::string(" as ") + format_name(format);
  const std::size_t rows = embeddings.vectors.rows();
  if (embeddings.words.size() != rows) {
    throw Error("cannot write" + as + ": " + std::to_string(embeddings.words.size()) +
                " words but " + std::to_string(rows) + " vectors");
  }
  if (rows == 0) throw Error("cannot write" + as + ": there are no vectors");
  const std::size_t dim = embeddings.dim();
  if (dim == 0 || dim > kMaxDim) {
    throw Error("cannot write" + as + ": dimension " + std::to_string(dim) + " is outside 1.." +
                std::to_string(kMaxDim));
  }

  std::unordered_map<std::string_view, std::size_t> seen;
  seen.reserve(rows);
  for (std::size_t row = 0; row < rows; ++row) {
    const std::string& word = embeddings.words[row];
    // Space-separated formats end a word at a blank; metadata.tsv at a tab or line end.
    const char* forbidden = format == Format::ProjectorTsv ? "\t\n\r" : " \t\n\r\v\f";
    if (word.find_first_of(forbidden) != std::string::npos) {
      throw Error("cannot write" + as + ": word " + quote(word) + " contains " +
                  (format == Format::ProjectorTsv ? "a tab" : "whitespace") +
                  ", which this format uses to end words");
    }
    const std::string problem = word_problem(word);
    if (!problem.empty()) throw Error("cannot write" + as + ": " + problem);
    const auto inserted = seen.emplace(word, row);
    if (!inserted.second) {
      throw Error("cannot write" + as + ": word " + quote(word) + " appears twice (rows " +
                  std::to_string(inserted.first->second + 1) + " and " + std::to_string(row + 1) +
                  ")");
    }
    const float* values = embeddings.vectors.row(row);
    for (std::size_t column = 0; column < dim; ++column) {
      if (!std::isfinite(values[column])) {
        throw Error("cannot write" + as + ": word " + quote(word) +
                    " has a non-finite value in column " + std::to_string(column + 1));
      }
    }
  }
}

namespace {

void append_values(const float* values, std::size_t dim, char separator, ByteWriter& out) {
  char text[kMaxFloatChars];
  for (std::size_t column = 0; column < dim; ++column) {
    if (column > 0) out.append(separator);
    out.append(std::string_view(text, format_float(values[column], text)));
  }
}

// Readers drop one byte order mark at the start of a file. A first word that itself starts with
// U+FEFF (legal, if odd) gets a mark of its own in front, so it reads back whole.
void protect_leading_byte_order_mark(const Embeddings& embeddings, ByteWriter& out) {
  constexpr std::string_view kMark = "\xEF\xBB\xBF";
  if (!embeddings.words.empty() && embeddings.words[0].compare(0, kMark.size(), kMark) == 0) {
    out.append(kMark);
  }
}

}  // namespace

void write_word_rows(const Embeddings& embeddings, ByteWriter& out, bool with_header) {
  if (with_header) {
    out.append(std::to_string(embeddings.size()) + " " + std::to_string(embeddings.dim()) + "\n");
  } else {
    protect_leading_byte_order_mark(embeddings, out);
  }
  for (std::size_t row = 0; row < embeddings.size(); ++row) {
    out.append(embeddings.words[row]);
    out.append(' ');
    append_values(embeddings.vectors.row(row), embeddings.dim(), ' ', out);
    out.append('\n');
  }
}

void write_word2vec_binary(const Embeddings& embeddings, ByteWriter& out) {
  out.append(std::to_string(embeddings.size()) + " " + std::to_string(embeddings.dim()) + "\n");
  const std::size_t dim = embeddings.dim();
  std::string bytes(dim * sizeof(float), '\0');
  for (std::size_t row = 0; row < embeddings.size(); ++row) {
    const float* values = embeddings.vectors.row(row);
    for (std::size_t column = 0; column < dim; ++column) {
      std::uint32_t bits;
      std::memcpy(&bits, &values[column], sizeof bits);
      for (int byte = 0; byte < 4; ++byte) {
        bytes[column * 4 + byte] = static_cast<char>((bits >> (8 * byte)) & 0xFFu);
      }
    }
    out.append(embeddings.words[row]);
    out.append(' ');
    out.append(bytes);
    out.append('\n');
  }
}

void write_projector_vectors(const Embeddings& embeddings, ByteWriter& out) {
  for (std::size_t row = 0; row < embeddings.size(); ++row) {
    append_values(embeddings.vectors.row(row), embeddings.dim(), '\t', out);
    out.append('\n');
  }
}

void write_projector_metadata(const Embeddings& embeddings, ByteWriter& out) {
  protect_leading_byte_order_mark(embeddings, out);
  for (const std::string& word : embeddings.words) {
    out.append(word);
    out.append('\n');
  }
}

}  // namespace shelf::io_detail
