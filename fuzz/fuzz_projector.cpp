// Fuzzes the Projector pair: the input is vectors.tsv, a NUL byte, then metadata.tsv (no NUL:
// metadata empty). Accepted pairs write and read back bit for bit.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelf;
  const std::string_view bytes = fuzz::as_text(data, size);
  const std::size_t split = bytes.find('\0');
  const std::string_view vectors = bytes.substr(0, split);
  const std::string_view metadata =
      split == std::string_view::npos ? std::string_view() : bytes.substr(split + 1);
  const auto read = fuzz::refused_or("upload", [&] { return read_projector_from_bytes(vectors, metadata, "upload"); });
  if (!read) return 0;
  fuzz::check_embeddings(*read);
  const std::string vectors_again = projector_vectors_tsv(*read);
  const std::string metadata_again = projector_metadata_tsv(*read);
  fuzz::check_identical(read_projector_from_bytes(vectors_again, metadata_again, "written"), *read,
                        "write then read");
  return 0;
}
