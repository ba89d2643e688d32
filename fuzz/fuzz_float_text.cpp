// Fuzzes the locale-free float parser against the C library's strtof (correctly rounded in the
// "C" locale): whenever parse_float accepts a text, strtof reads all of it to the same bits.
// The first four bytes, as a float, must also survive format_float then parse_float exactly.
#include <clocale>
#include <cstdlib>
#include <cstring>
#include <string>

#include "fuzz_support.h"
#include "shelf/float_text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelf;
  const std::string text(reinterpret_cast<const char*>(data), size);
  float value = 0;
  const NumberStatus status = parse_float(text, value);
  if (status == NumberStatus::Ok) {
    fuzz::check(std::isfinite(value), "Ok with a non-finite value");
    char* end = nullptr;
    const float reference = std::strtof(text.c_str(), &end);
    fuzz::check(end == text.c_str() + text.size(), "parse_float accepted what strtof stops in: " + text);
    fuzz::check(std::memcmp(&reference, &value, sizeof value) == 0,
                "parse_float and strtof round differently: " + text);
  }
  if (size >= sizeof(float)) {
    float bits;
    std::memcpy(&bits, data, sizeof bits);
    if (std::isfinite(bits)) {
      char out[kMaxFloatChars];
      const std::size_t length = format_float(bits, out);
      fuzz::check(length > 0 && length < kMaxFloatChars && out[length] == '\0', "format_float length");
      float back = 0;
      fuzz::check(parse_float(std::string_view(out, length), back) == NumberStatus::Ok,
                  std::string("format_float wrote what parse_float refuses: ") + out);
      fuzz::check(std::memcmp(&back, &bits, sizeof back) == 0,
                  std::string("format_float does not round-trip: ") + out);
    }
  }
  return 0;
}
