// The line-based readers: word2vec text (fastText .vec), GloVe, and the Projector's two TSVs.
#include <algorithm>

#include "shelf/error.h"
#include "shelf/io_internal.h"

namespace shelf::io_detail {
namespace {

// Reads past blank lines; true when a non-blank line follows (which is then consumed).
bool more_content(ByteReader& in) {
  std::string_view line;
  while (in.next_line(line, kMaxLineBytes)) {
    if (!is_blank(line)) return true;
  }
  return false;
}

// A blank line ends the rows when only blank lines follow it; inside the rows it is an error
// (it would shift every later line number away from its row).
void refuse_blank_line_before_content(ByteReader& in) {
  const std::size_t blank = in.line_number();
  if (more_content(in)) throw ParseError(in.source(), blank, "empty line between rows");
}

// Rows "word v1 ... vdim" with their words and vectors, as read so far.
class WordRows {
 public:
  WordRows(ByteReader& in, std::size_t first_row_line)
      : in_(in), source_(in.source()), first_row_line_(first_row_line), words_(out_.words) {}

  std::size_t rows() const { return out_.words.size(); }
  std::size_t dim() const { return dim_; }
  void set_dim(std::size_t dim) { dim_ = dim; }

  // Reads the next row; false when the input has no more rows (blank lines at the end are fine).
  // `dim` 0 lets this row set it. `count_known`: `wanted` comes from a header, not a guess.
  bool read_row(std::uint64_t wanted, bool count_known) {
    std::string_view line;
    if (!in_.next_line(line, kMaxLineBytes)) return false;
    if (in_.line_number() == 1) line = strip_byte_order_mark(line);
    line = trim_trailing_blanks(line);
    const std::size_t line_number = in_.line_number();
    if (line.empty()) {
      refuse_blank_line_before_content(in_);
      return false;
    }
    if (is_blank_char(line.front())) {
      throw ParseError(source_, line_number, "the line starts with a blank, so its word is empty");
    }
    std::size_t word_end = 0;
    while (word_end < line.size() && !is_blank_char(line[word_end])) ++word_end;
    const std::string_view word = line.substr(0, word_end);
    const std::string problem = word_problem(word);
    if (!problem.empty()) throw ParseError(source_, line_number, problem);

    parse_values(line.substr(word_end), values_, source_, line_number);
    if (values_.empty()) {
      throw ParseError(source_, line_number, "word " + quote(word) + " has no values");
    }
    if (dim_ == 0) {
      if (values_.size() > kMaxDim) {
        throw ParseError(source_, line_number,
                         "row has " + std::to_string(values_.size()) + " values, more than the " +
                             std::to_string(kMaxDim) + " supported");
      }
      dim_ = values_.size();
    }
    if (values_.size() != dim_) {
      throw ParseError(
          source_, line_number,
          "expected " + std::to_string(dim_) + " values, found " + std::to_string(values_.size()));
    }
    const std::size_t earlier = words_.add(word);
    if (earlier != std::string_view::npos) {
      throw ParseError(source_, line_number,
                       "duplicate word " + quote(word) + ": first on line " +
                           std::to_string(first_row_line_ + earlier) + ", again on line " +
                           std::to_string(line_number));
    }
    out_.vectors.push_row(values_.data(), values_.size());
    if (rows() == 1) {
      const std::uint64_t remaining = in_.remaining_hint();
      const std::uint64_t expected =
          count_known ? wanted : std::min(wanted, estimate_rows(remaining, line.size()));
      reserve_rows(out_.vectors, expected, remaining, 2 * dim_ + 2);
    }
    return true;
  }

  Embeddings take() { return std::move(out_); }

 private:
  ByteReader& in_;
  const std::string& source_;
  std::size_t first_row_line_;
  Embeddings out_;
  WordTable words_;
  std::vector<float> values_;
  std::size_t dim_ = 0;
};

}  // namespace

Embeddings read_word2vec_text(ByteReader& in, const ReadOptions& options) {
  const std::string& source = in.source();
  std::string_view line;
  if (!in.next_line(line, kMaxLineBytes) ||
      (is_blank(strip_byte_order_mark(line)) && !more_content(in))) {
    throw ParseError(source, 0, "the file is empty: no vectors");
  }
  const Header header = parse_header(strip_byte_order_mark(line), source, 1);
  const std::uint64_t wanted = rows_wanted(header.count, options);

  const std::string_view body = in.peek(kSniffBytes);
  if (body_looks_binary(body, body.size() < kSniffBytes)) {
    throw ParseError(source, 2,
                     "looks like word2vec binary (bytes that text does not have follow the "
                     "header); read it as word2vec-binary");
  }

  WordRows rows(in, 2);
  rows.set_dim(static_cast<std::size_t>(header.dim));
  while (rows.rows() < wanted) {
    if (!rows.read_row(wanted, true)) {
      throw ParseError(source, in.line_number(), count_mismatch(header.count, rows.rows()));
    }
  }
  if (wanted == header.count && more_content(in)) {
    const std::size_t first_extra = in.line_number();
    std::uint64_t extra = 1;
    while (more_content(in)) ++extra;
    throw ParseError(source, first_extra, count_mismatch(header.count, header.count + extra));
  }
  return rows.take();
}

Embeddings read_glove_text(ByteReader& in, const ReadOptions& options) {
  const std::string& source = in.source();
  const std::string_view head = strip_byte_order_mark(in.peek(kSniffBytes));
  const std::string_view first_line = head.substr(0, head.find('\n'));
  Header header;
  const bool header_like = split_header(first_line, header);

  const std::uint64_t wanted = rows_wanted(~std::uint64_t{0}, options);
  WordRows rows(in, 1);
  try {
    while (rows.rows() < wanted) {
      if (!rows.read_row(wanted, false)) break;
    }
  } catch (const ParseError& error) {
    if (header_like && error.line() == 2) {
      throw ParseError(
          source, 2,
          error.reason() + " (line 1 looks like a word2vec header, so read the file as word2vec)");
    }
    throw;
  }
  if (rows.rows() == 0) throw ParseError(source, 0, "the file is empty: no vectors");
  return rows.take();
}

Embeddings read_projector_pair(ByteReader& vectors, ByteReader& metadata,
                               const ReadOptions& options) {
  const std::uint64_t wanted = rows_wanted(~std::uint64_t{0}, options);
  Embeddings out;
  std::vector<float> values;
  std::string_view line;
  while (out.vectors.rows() < wanted && vectors.next_line(line, kMaxLineBytes)) {
    const std::size_t line_number = vectors.line_number();
    if (line_number == 1) line = strip_byte_order_mark(line);
    line = trim_trailing_blanks(line);
    if (line.empty()) {
      refuse_blank_line_before_content(vectors);
      break;
    }
    parse_values(line, values, vectors.source(), line_number);
    if (out.vectors.rows() == 0 && values.size() > kMaxDim) {
      throw ParseError(vectors.source(), line_number,
                       "row has " + std::to_string(values.size()) + " values, more than the " +
                           std::to_string(kMaxDim) + " supported");
    }
    if (out.vectors.rows() > 0 && values.size() != out.vectors.cols()) {
      throw ParseError(vectors.source(), line_number,
                       "expected " + std::to_string(out.vectors.cols()) + " values, found " +
                           std::to_string(values.size()) +
                           " (rows of vectors.tsv must be equally wide)");
    }
    out.vectors.push_row(values.data(), values.size());
    if (out.vectors.rows() == 1) {
      const std::uint64_t remaining = vectors.remaining_hint();
      reserve_rows(out.vectors, std::min(wanted, estimate_rows(remaining, line.size())), remaining,
                   2 * values.size());
    }
  }
  if (out.vectors.rows() == 0)
    throw ParseError(vectors.source(), 0, "the file is empty: no vectors");
  const std::uint64_t rows = out.vectors.rows();

  // Several tab-separated columns on line 1 make it a header row, and the word the first column.
  WordTable words(out.words);
  bool has_header = false;
  std::size_t first_word_line = 1;
  while (out.words.size() < rows && metadata.next_line(line, kMaxLineBytes)) {
    const std::size_t line_number = metadata.line_number();
    if (line_number == 1) {
      line = strip_byte_order_mark(line);
      has_header = line.find('\t') != std::string_view::npos;
      if (has_header) {
        first_word_line = 2;
        continue;
      }
    }
    if (has_header) line = line.substr(0, line.find('\t'));
    if (line.empty() && !more_content(metadata)) break;
    const std::string problem = word_problem(line);
    if (!problem.empty()) throw ParseError(metadata.source(), line_number, problem);
    const std::size_t earlier = words.add(line);
    if (earlier != std::string_view::npos) {
      throw ParseError(metadata.source(), line_number,
                       "duplicate word " + quote(line) + ": first on line " +
                           std::to_string(first_word_line + earlier) + ", again on line " +
                           std::to_string(line_number));
    }
  }
  std::uint64_t word_count = out.words.size();
  if (word_count == rows && rows < wanted) {
    while (more_content(metadata)) ++word_count;
  }
  if (word_count != rows) {
    throw ParseError(metadata.source(), 0,
                     quote(vectors.source()) + " has " + std::to_string(rows) + " rows but " +
                         quote(metadata.source()) + " has " + std::to_string(word_count) +
                         " words" + (has_header ? " (after its header row)" : ""));
  }
  return out;
}

}  // namespace shelf::io_detail
