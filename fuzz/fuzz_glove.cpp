// Fuzzes the GloVe text (no header) reader: see check_reader for the properties.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  shelf::fuzz::check_reader(shelf::fuzz::as_text(data, size), shelf::Format::GloveText);
  return 0;
}
