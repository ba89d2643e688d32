// Fuzzes the word2vec binary (.bin) reader: see check_reader for the properties.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  shelf::fuzz::check_reader(shelf::fuzz::as_text(data, size), shelf::Format::Word2VecBinary);
  return 0;
}
