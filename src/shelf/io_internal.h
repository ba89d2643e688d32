// Pieces shared by the readers and writers of io.h; not part of the public API.
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "shelf/byte_reader.h"
#include "shelf/embeddings.h"
#include "shelf/io.h"

namespace shelf::io_detail {

constexpr std::size_t kMaxDim = 100000;
// Far beyond any real vocabulary; a header above it is garbage, not a model.
constexpr std::uint64_t kMaxCount = 10'000'000'000ull;
// The longest text line accepted: 100000 values of up to ~600 characters each.
constexpr std::size_t kMaxLineBytes = std::size_t{64} << 20;
// How much of a file Format::Auto looks at.
constexpr std::size_t kSniffBytes = std::size_t{1} << 20;

inline bool is_blank_char(char c) { return c == ' ' || c == '\t'; }
std::string_view trim_trailing_blanks(std::string_view text);
bool is_blank(std::string_view line);
std::string_view strip_byte_order_mark(std::string_view text);
// Bytes no text file holds: ASCII control characters other than tab, line feed, carriage return.
bool has_control_bytes(std::string_view bytes);
// Offset of the first byte that breaks UTF-8 (overlong forms and surrogates included), or npos.
std::size_t invalid_utf8_at(std::string_view text);

// For messages: the text in quotes, control characters and broken UTF-8 as \xNN, long text cut.
std::string quote(std::string_view text);
// Why `word` cannot be a word — empty, control characters, not UTF-8 — or "" when it can.
std::string word_problem(std::string_view word);

// The blank-separated tokens of a line; when `complete` is false, the last (possibly cut) token
// is dropped.
std::vector<std::string_view> split_blanks(std::string_view line, bool complete = true);
// True when every token reads as a number ("nan" and "1e99" included: they look like numbers).
bool all_numeric(const std::vector<std::string_view>& tokens, std::size_t first = 0);

// The words of a file as it is read, refusing duplicates.
class WordTable {
 public:
  explicit WordTable(std::vector<std::string>& words);
  // Appends `word` and returns npos; when an equal word is already there, appends nothing and
  // returns that word's index.
  std::size_t add(std::string_view word);

 private:
  struct Hash {
    const std::vector<std::string>* words;
    std::size_t operator()(std::size_t i) const {
      return std::hash<std::string_view>()((*words)[i]);
    }
  };
  struct Equal {
    const std::vector<std::string>* words;
    bool operator()(std::size_t a, std::size_t b) const { return (*words)[a] == (*words)[b]; }
  };
  std::vector<std::string>& words_;
  std::unordered_set<std::size_t, Hash, Equal> index_;
};

// Parses the blank-separated numbers of `fields` into `values` (cleared first). A token that is
// not a finite float throws ParseError at (source, line), naming it and its column: the 1-based
// position among the values, not counting the word.
void parse_values(std::string_view fields, std::vector<float>& values, const std::string& source,
                  std::size_t line);

struct Header {
  std::uint64_t count = 0;
  std::uint64_t dim = 0;
};
// True when `line` is exactly two unsigned decimal integers (blanks around them allowed).
bool split_header(std::string_view line, Header& header);
// A word2vec header: two integers, count >= 1, 1 <= dim <= kMaxDim; ParseError otherwise.
Header parse_header(std::string_view line, const std::string& source, std::size_t line_number);

// How many rows to read: all `count`, or options.max_words when that is smaller.
std::uint64_t rows_wanted(std::uint64_t count, const ReadOptions& options);
// Makes room for the rows a file can actually hold, so a lying header cannot make us allocate
// terabytes: at most remaining_bytes / min_row_bytes + 1 rows (a fixed cap when the size is
// unknown). Call after the first row, which fixes the matrix width.
void reserve_rows(Matrix& matrix, std::uint64_t wanted, std::uint64_t remaining_bytes,
                  std::size_t min_row_bytes);

// For files without a row count (GloVe, vectors.tsv): the rows a file probably holds, from the
// bytes left after the first row and that row's length, with a quarter to spare.
std::uint64_t estimate_rows(std::uint64_t remaining_bytes, std::size_t first_row_bytes);

// "header says 5 vectors but the file has 3"
std::string count_mismatch(std::uint64_t promised, std::uint64_t found, bool at_least = false);

// Readers; each starts at the beginning of its input.
Embeddings read_word2vec_text(ByteReader& in, const ReadOptions& options);
Embeddings read_glove_text(ByteReader& in, const ReadOptions& options);
Embeddings read_word2vec_binary(ByteReader& in, const ReadOptions& options);
Embeddings read_projector_pair(ByteReader& vectors, ByteReader& metadata,
                               const ReadOptions& options);
Embeddings read_int8_compact(ByteReader& in, const ReadOptions& options);
// True when a file's first line is a shelf-int8 header ("shelf-int8 ...").
bool is_int8_compact_header(std::string_view first_line);

// Is the body after a word2vec header binary? `sample` is its start, `complete` when it is all of
// the input. Decided by the first row: control bytes mean binary; "word 0.1 0.2 ..." means text;
// otherwise broken UTF-8 means binary, and anything else is left to the text reader to explain.
bool body_looks_binary(std::string_view sample, bool complete);
// Strong evidence that a file given to the binary reader is text: the first row is a word and
// exactly `dim` numbers, with no control bytes.
bool row_is_text_with(std::string_view sample, bool complete, std::uint64_t dim);

// Bytes out, to memory or to a file, a buffer at a time.
class ByteWriter {
 public:
  ByteWriter() = default;                        // into memory; take() hands the bytes over
  explicit ByteWriter(const std::string& path);  // throws Error when the file cannot be created
  ~ByteWriter();                                 // an unfinished file is removed
  ByteWriter(const ByteWriter&) = delete;
  ByteWriter& operator=(const ByteWriter&) = delete;

  void append(std::string_view bytes) {
    buffer_.append(bytes);
    if (file_ && buffer_.size() >= kFlushBytes) flush();
  }
  void append(char c) { buffer_.push_back(c); }
  void finish();  // flushes and closes the file; throws Error on failure
  std::string take() { return std::move(buffer_); }

 private:
  static constexpr std::size_t kFlushBytes = std::size_t{1} << 20;
  void flush();
  std::string buffer_;
  std::string path_;
  std::FILE* file_ = nullptr;
};

// Throws Error (naming the format) for embeddings the format cannot hold or a reader would
// refuse: size mismatch, no vectors, bad or duplicated words, non-finite values.
void check_writable(const Embeddings& embeddings, Format format);
void write_word_rows(const Embeddings& embeddings, ByteWriter& out, bool with_header);
void write_word2vec_binary(const Embeddings& embeddings, ByteWriter& out);
void write_projector_vectors(const Embeddings& embeddings, ByteWriter& out);
void write_projector_metadata(const Embeddings& embeddings, ByteWriter& out);
void write_int8_compact(const Embeddings& embeddings, ByteWriter& out, int levels);

}  // namespace shelf::io_detail
