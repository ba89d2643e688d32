// Reading and writing embeddings in the file formats of word2vec, fastText, GloVe, gensim and the
// TensorFlow Embedding Projector.
//
// Formats:
//   Word2VecText    "<count> <dim>" header line, then "word v1 ... vdim" per line (fastText .vec).
//   Word2VecBinary  "<count> <dim>\n", then per word: its bytes, a space, dim little-endian
//                   float32, and a '\n' (written; optional when read).
//   GloveText       "word v1 ... vdim" per line, no header; the first line fixes dim.
//   Int8Compact     Shelf's compact snapshot ("shelf-int8 <count> <dim>" header, the words, a
//                   float32 scale per row, int8 codes column by column; see io_compact.cpp):
//                   a quarter of word2vec binary, values within half a step of the original.
//   ProjectorTsv    two files: vectors.tsv (tab-separated values per row) and metadata.tsv (one
//                   word per line; no header when there is one column, as the Projector expects).
//
// Reading is strict, because a half-read model gives silently wrong answers later: every problem
// is a ParseError(source, line, reason) — "model.vec:12: expected 100 values, found 99". Refused:
// a bad or absurd header (dim 0 or above 100000), a body with more or fewer rows than the header
// says, a row of the wrong width, a value that is not a number or is not finite, a duplicated word
// (both lines named), an empty word, a word that is not valid UTF-8 or holds control characters
// (in every format: no replacement characters), a truncated binary file, an empty file.
// Binary files have no lines: past the header their errors have line 0 and name the vector
// ("vector 12 of 300").
// Tolerated: "\r\n" line ends, trailing spaces or tabs, a missing final newline, blank lines at
// the end, a UTF-8 byte order mark, runs of spaces or tabs between values, words separated from
// their vector by a tab.
//
// Writing: values are written with the shortest of 6 to 9 significant digits that reads back as
// the same float (see format_float), so text files round-trip bit for bit too. Writers refuse what
// the readers would refuse (empty, duplicated or non-UTF-8 words, non-finite values, words with
// whitespace in the space-separated formats, with tabs or newlines in metadata.tsv), before
// a file is created.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "shelf/embeddings.h"

namespace shelf {

enum class Format { Auto, Word2VecText, Word2VecBinary, GloveText, ProjectorTsv, Int8Compact };

struct ReadOptions {
  // 0 reads every row; N reads only the first N (like gensim's `limit`). Rows after the first N
  // are not checked, and a header that promises more than N is not held against the file.
  std::size_t max_words = 0;
};

// Format::Auto sniffs the content (the extension is not consulted): a first line of exactly two
// space-separated integers is a word2vec header, and the first row after it decides between text
// and binary (control bytes, or broken UTF-8 where no "word 0.1 0.2 ..." row is, mean binary); a
// word followed by numbers is GloVe; numbers only, above more numbers (or alone), are a Projector
// vectors.tsv, whose words are then read from projector_metadata_path(path); numbers above a
// word row are a word2vec file with a broken header, reported as such. Throws Error when the file
// cannot be opened, ParseError when its contents are wrong.
Embeddings read_vectors(const std::string& path, Format format = Format::Auto,
                        const ReadOptions& options = {});
// From memory (the bytes of a file dropped into the browser); `source_name` names it in errors.
// ProjectorTsv needs two files: use read_projector_from_bytes.
Embeddings read_vectors_from_bytes(std::string_view bytes, const std::string& source_name,
                                   Format format = Format::Auto, const ReadOptions& options = {});

// A metadata file whose first line has several tab-separated columns has a header row (skipped)
// and the word in its first column; a single-column file is one word per line.
Embeddings read_projector(const std::string& vectors_path, const std::string& metadata_path,
                          const ReadOptions& options = {});
// `source_name` names both in errors, as "<source_name> vectors.tsv" and "<source_name>
// metadata.tsv".
Embeddings read_projector_from_bytes(std::string_view vectors_tsv, std::string_view metadata_tsv,
                                     const std::string& source_name,
                                     const ReadOptions& options = {});

// Format::Auto takes the format from the extension (format_from_path). ProjectorTsv writes the
// words to projector_metadata_path(path). Throws Error for data the format cannot hold and for
// files that cannot be written (a partly written file is removed).
void write_vectors(const Embeddings& embeddings, const std::string& path,
                   Format format = Format::Auto);
// Word2VecText, Word2VecBinary or GloveText; the Projector's two files have their own functions.
std::string write_vectors_to_bytes(const Embeddings& embeddings, Format format);
// Int8Compact with `levels` (1..127) codes each side of zero: fewer levels lose more precision
// and compress smaller. write_vectors and write_vectors_to_bytes use 127.
void write_int8_compact(const Embeddings& embeddings, const std::string& path, int levels = 127);
std::string write_int8_compact_to_bytes(const Embeddings& embeddings, int levels = 127);
void write_projector(const Embeddings& embeddings, const std::string& vectors_path,
                     const std::string& metadata_path);
std::string projector_vectors_tsv(const Embeddings& embeddings);
std::string projector_metadata_tsv(const Embeddings& embeddings);

// From the extension, ignoring case: .vec and .txt are Word2VecText, .bin is Word2VecBinary,
// .tsv is ProjectorTsv, .q8 is Int8Compact; anything else is Auto (unknown).
Format format_from_path(const std::string& path);
// Where the words of a Projector vectors file live: a file name ending in "vectors.tsv" gets
// "metadata.tsv" in its place ("vectors.tsv" -> "metadata.tsv", "glove_vectors.tsv" ->
// "glove_metadata.tsv"); any other "X.tsv" gets "X_metadata.tsv"; same folder.
std::string projector_metadata_path(const std::string& vectors_path);

// A format's names (format_name, format_from_name) are in wire_names.h.

// What Format::Auto would read the file (or bytes) as; never Auto. Throws like read_vectors for
// an empty file or one that matches no format.
Format detect_format(const std::string& path);
Format detect_format_of_bytes(std::string_view bytes, const std::string& source_name);

}  // namespace shelf
