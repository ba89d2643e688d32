// Fuzzes Format::Auto: sniffing, then whichever reader it picks. Whatever detect_format says is
// what Auto reads with, and the Projector's vectors.tsv (two files) is refused from one.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelf;
  const std::string_view bytes = fuzz::as_text(data, size);
  const auto detected =
      fuzz::refused_or("sniffed", [&] { return detect_format_of_bytes(bytes, "sniffed"); });
  if (!detected) {
    const auto read = fuzz::refused_or("sniffed", [&] { return read_vectors_from_bytes(bytes, "sniffed"); });
    fuzz::check(!read, "Auto read a file detect_format refused");
    return 0;
  }
  fuzz::check(*detected != Format::Auto, "detect_format answered Auto");
  if (*detected == Format::ProjectorTsv) {
    const auto read = fuzz::refused_or("sniffed", [&] { return read_vectors_from_bytes(bytes, "sniffed"); });
    fuzz::check(!read, "Auto read a vectors.tsv without its metadata");
    return 0;
  }
  fuzz::check_reader(bytes, Format::Auto);
  return 0;
}
