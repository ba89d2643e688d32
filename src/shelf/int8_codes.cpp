#include "shelf/int8_codes.h"

#include <algorithm>
#include <cmath>

namespace shelf {

float quantize_int8(const float* values, std::size_t n, std::int8_t* codes) noexcept {
  float largest = 0.0f;
  for (std::size_t i = 0; i < n; ++i) largest = std::max(largest, std::fabs(values[i]));
  if (!(largest > 0.0f) || !std::isfinite(largest)) {
    std::fill(codes, codes + n, std::int8_t{0});
    return 0.0f;
  }
  const float scale = largest / 127.0f;
  for (std::size_t i = 0; i < n; ++i) {
    const float level = std::round(values[i] / scale);
    codes[i] = static_cast<std::int8_t>(level == level ? std::clamp(level, -127.0f, 127.0f) : 0.0f);
  }
  return scale;
}

}  // namespace shelf
