// The public face of the file formats: choosing a format, sniffing one, and memory/file plumbing.
#include "shelf/io.h"

#include <algorithm>
#include <cctype>
#include <new>
#include <stdexcept>

#include "shelf/error.h"
#include "shelf/io_internal.h"
#include "shelf/wire_names.h"

namespace shelf {
namespace {

using namespace io_detail;

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::size_t file_name_start(const std::string& path) {
  const std::size_t slash = path.find_last_of("/\\");
  return slash == std::string::npos ? 0 : slash + 1;
}

// Reads in a way that turns running out of memory (a 3 GB model in a browser tab) into a message.
template <class Read>
Embeddings guard_memory(const std::string& source, Read read) {
  try {
    return read();
  } catch (const std::bad_alloc&) {
    throw Error(source + ": not enough memory to hold these vectors");
  } catch (const std::length_error&) {
    throw Error(source + ": not enough memory to hold these vectors");
  }
}

Format sniff(ByteReader& in) {
  const std::string_view sample = in.peek(kSniffBytes);
  const bool complete = sample.size() < kSniffBytes;
  const std::string_view head = strip_byte_order_mark(sample);
  const std::size_t newline = head.find('\n');
  std::string_view first = head.substr(0, newline);
  if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
  first = trim_trailing_blanks(first);

  if (first.empty()) {
    if (complete && head.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      throw ParseError(in.source(), 0, "the file is empty: no vectors");
    }
    throw ParseError(in.source(), 1,
                     "line 1 is empty; expected a word2vec header '<count> <dim>' or a row "
                     "'word v1 v2 ...'");
  }
  if (is_int8_compact_header(first)) return Format::Int8Compact;
  // word2vec writes its header with a space; "1<tab>2" is a row of a Projector vectors.tsv.
  Header header;
  if (first.find('\t') == std::string_view::npos && split_header(first, header)) {
    const std::string_view body =
        newline == std::string_view::npos ? std::string_view() : head.substr(newline + 1);
    return body_looks_binary(body, complete) ? Format::Word2VecBinary : Format::Word2VecText;
  }
  const auto tokens = split_blanks(first, complete || newline != std::string_view::npos);
  if (!tokens.empty() && all_numeric(tokens)) {
    // Numbers above numbers is a Projector vectors.tsv; numbers above "word ..." is a word2vec
    // file with a broken header, which the word2vec reader explains.
    std::string_view second;
    if (newline != std::string_view::npos) {
      second = head.substr(newline + 1);
      const std::size_t end = second.find('\n');
      const bool second_complete = complete || end != std::string_view::npos;
      second = second.substr(0, end);
      if (!second.empty() && second.back() == '\r') second.remove_suffix(1);
      const auto second_tokens = split_blanks(second, second_complete);
      if (!second_tokens.empty() && !all_numeric(second_tokens)) return Format::Word2VecText;
    }
    return Format::ProjectorTsv;
  }
  if (tokens.size() >= 2 && all_numeric(tokens, 1)) return Format::GloveText;
  if (has_control_bytes(first) || invalid_utf8_at(first) != std::string_view::npos) {
    throw ParseError(in.source(), 0,
                     "not a vector file: binary data without a word2vec '<count> <dim>' header");
  }
  throw ParseError(in.source(), 1,
                   "unrecognised format: line 1 is neither a word2vec header '<count> <dim>' nor "
                   "a row 'word v1 v2 ...', found " +
                       quote(first));
}

Embeddings read_single(ByteReader& in, Format format, const ReadOptions& options) {
  switch (format) {
    case Format::Word2VecText:
      return read_word2vec_text(in, options);
    case Format::Word2VecBinary:
      return read_word2vec_binary(in, options);
    case Format::GloveText:
      return read_glove_text(in, options);
    case Format::Int8Compact:
      return read_int8_compact(in, options);
    case Format::Auto:
    case Format::ProjectorTsv:
      break;
  }
  throw Error(in.source() +
              ": the Projector format is two files, vectors.tsv and metadata.tsv; read them "
              "together (read_projector)");
}

}  // namespace

Embeddings read_vectors(const std::string& path, Format format, const ReadOptions& options) {
  return guard_memory(path, [&]() -> Embeddings {
    ByteReader in = ByteReader::open_file(path);
    if (format == Format::Auto) format = sniff(in);
    if (format != Format::ProjectorTsv) return read_single(in, format, options);

    const std::string metadata_path = projector_metadata_path(path);
    try {
      ByteReader metadata = ByteReader::open_file(metadata_path);
      return read_projector_pair(in, metadata, options);
    } catch (const ParseError&) {
      throw;
    } catch (const Error& error) {
      throw Error(path +
                  " holds only numbers, like the Projector's vectors.tsv, and its words could not "
                  "be read: " +
                  error.what());
    }
  });
}

Embeddings read_vectors_from_bytes(std::string_view bytes, const std::string& source_name,
                                   Format format, const ReadOptions& options) {
  return guard_memory(source_name, [&]() -> Embeddings {
    ByteReader in = ByteReader::over_memory(bytes, source_name);
    if (format == Format::Auto) format = sniff(in);
    return read_single(in, format, options);
  });
}

Embeddings read_projector(const std::string& vectors_path, const std::string& metadata_path,
                          const ReadOptions& options) {
  return guard_memory(vectors_path, [&]() -> Embeddings {
    ByteReader vectors = ByteReader::open_file(vectors_path);
    ByteReader metadata = ByteReader::open_file(metadata_path);
    return read_projector_pair(vectors, metadata, options);
  });
}

Embeddings read_projector_from_bytes(std::string_view vectors_tsv, std::string_view metadata_tsv,
                                     const std::string& source_name, const ReadOptions& options) {
  return guard_memory(source_name, [&]() -> Embeddings {
    ByteReader vectors = ByteReader::over_memory(vectors_tsv, source_name + " vectors.tsv");
    ByteReader metadata = ByteReader::over_memory(metadata_tsv, source_name + " metadata.tsv");
    return read_projector_pair(vectors, metadata, options);
  });
}

void write_vectors(const Embeddings& embeddings, const std::string& path, Format format) {
  if (format == Format::Auto) format = format_from_path(path);
  switch (format) {
    case Format::Auto:
      throw Error("cannot tell the format of '" + path +
                  "' from its extension; use .vec, .txt, .bin or .tsv, or name the format");
    case Format::ProjectorTsv:
      write_projector(embeddings, path, projector_metadata_path(path));
      return;
    case Format::Int8Compact:
      write_int8_compact(embeddings, path);
      return;
    case Format::Word2VecText:
    case Format::GloveText:
    case Format::Word2VecBinary:
      break;
  }
  check_writable(embeddings, format);
  ByteWriter out(path);
  if (format == Format::Word2VecBinary) {
    write_word2vec_binary(embeddings, out);
  } else {
    write_word_rows(embeddings, out, format == Format::Word2VecText);
  }
  out.finish();
}

std::string write_vectors_to_bytes(const Embeddings& embeddings, Format format) {
  if (format == Format::Int8Compact) return write_int8_compact_to_bytes(embeddings);
  if (format != Format::Word2VecText && format != Format::Word2VecBinary &&
      format != Format::GloveText) {
    throw Error(std::string("cannot write ") + format_name(format) +
                " as one block of bytes; use word2vec-text, word2vec-binary or glove-text "
                "(the Projector's two files: projector_vectors_tsv, projector_metadata_tsv)");
  }
  check_writable(embeddings, format);
  ByteWriter out;
  if (format == Format::Word2VecBinary) {
    write_word2vec_binary(embeddings, out);
  } else {
    write_word_rows(embeddings, out, format == Format::Word2VecText);
  }
  return out.take();
}

void write_int8_compact(const Embeddings& embeddings, const std::string& path, int levels) {
  check_writable(embeddings, Format::Int8Compact);
  ByteWriter out(path);
  io_detail::write_int8_compact(embeddings, out, levels);
  out.finish();
}

std::string write_int8_compact_to_bytes(const Embeddings& embeddings, int levels) {
  ByteWriter out;
  io_detail::write_int8_compact(embeddings, out, levels);
  return out.take();
}

void write_projector(const Embeddings& embeddings, const std::string& vectors_path,
                     const std::string& metadata_path) {
  check_writable(embeddings, Format::ProjectorTsv);
  ByteWriter vectors(vectors_path);
  write_projector_vectors(embeddings, vectors);
  vectors.finish();
  ByteWriter metadata(metadata_path);
  write_projector_metadata(embeddings, metadata);
  metadata.finish();
}

std::string projector_vectors_tsv(const Embeddings& embeddings) {
  check_writable(embeddings, Format::ProjectorTsv);
  ByteWriter out;
  write_projector_vectors(embeddings, out);
  return out.take();
}

std::string projector_metadata_tsv(const Embeddings& embeddings) {
  check_writable(embeddings, Format::ProjectorTsv);
  ByteWriter out;
  write_projector_metadata(embeddings, out);
  return out.take();
}

Format format_from_path(const std::string& path) {
  const std::string name = lowercase(path.substr(file_name_start(path)));
  if (ends_with(name, ".vec") || ends_with(name, ".txt")) return Format::Word2VecText;
  if (ends_with(name, ".bin")) return Format::Word2VecBinary;
  if (ends_with(name, ".tsv")) return Format::ProjectorTsv;
  if (ends_with(name, ".q8")) return Format::Int8Compact;
  return Format::Auto;
}

std::string projector_metadata_path(const std::string& vectors_path) {
  const std::size_t start = file_name_start(vectors_path);
  const std::string folder = vectors_path.substr(0, start);
  const std::string name = vectors_path.substr(start);
  const std::string lower = lowercase(name);
  if (ends_with(lower, "vectors.tsv")) {
    return folder + name.substr(0, name.size() - 11) + "metadata.tsv";
  }
  const std::size_t dot = name.rfind('.');
  const std::string stem = dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
  return folder + stem + "_metadata.tsv";
}

Format detect_format(const std::string& path) {
  ByteReader in = ByteReader::open_file(path);
  return sniff(in);
}

Format detect_format_of_bytes(std::string_view bytes, const std::string& source_name) {
  ByteReader in = ByteReader::over_memory(bytes, source_name);
  return sniff(in);
}

}  // namespace shelf
