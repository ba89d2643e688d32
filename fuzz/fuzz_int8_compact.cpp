// Fuzzes the compact snapshot (shelf-int8, .q8) reader. Besides the properties every reader keeps
// (check_embeddings: refused with a message, or valid embeddings), what it accepts reads the same
// first row with max_words = 1, and writes back (127 levels) to a file whose values are within
// half a step of what was read.
#include <algorithm>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelf;
  using namespace shelf::fuzz;
  const std::string source = "fuzz-input";
  const std::string_view bytes = as_text(data, size);
  const auto read = refused_or(source, [&] { return read_vectors_from_bytes(bytes, source, Format::Int8Compact); });
  if (!read) return 0;
  check_embeddings(*read);

  ReadOptions first_only;
  first_only.max_words = 1;
  const auto first = refused_or(source, [&] {
    return read_vectors_from_bytes(bytes, source, Format::Int8Compact, first_only);
  });
  check(first.has_value(), "the whole file reads, but its first row alone does not");
  check(first->words.size() == 1 && first->words[0] == read->words[0], "max_words = 1 read another first word");
  check(std::equal(first->vectors.row(0), first->vectors.row(0) + first->dim(), read->vectors.row(0)),
        "max_words = 1 read another first row");

  const Embeddings again = read_vectors_from_bytes(write_int8_compact_to_bytes(*read), "written", Format::Auto);
  check(again.words == read->words, "write then read: words differ");
  for (std::size_t r = 0; r < read->size(); ++r) {
    const float* a = read->vectors.row(r);
    const float* b = again.vectors.row(r);
    float largest = 0.0f;
    for (std::size_t c = 0; c < read->dim(); ++c) largest = std::max(largest, std::fabs(a[c]));
    for (std::size_t c = 0; c < read->dim(); ++c) {
      check(std::fabs(a[c] - b[c]) <= largest / 127.0f * 0.5001f + 1e-30f, "write then read moved a value by more than half a step");
    }
  }
  return 0;
}
