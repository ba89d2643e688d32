#include "shelf/training_limits.h"

#include <cmath>
#include <cstdio>

#include "shelf/error.h"

namespace shelf {

std::string setting_text(double value) {
  char text[32];
  if (value == std::floor(value) && std::fabs(value) < 9.2e18) {
    std::snprintf(text, sizeof text, "%.0f", value);
  } else {
    std::snprintf(text, sizeof text, "%g", value);
  }
  return text;
}

std::string interval(const SettingLimit& limit) {
  return (limit.min_open ? "(" : "[") + setting_text(limit.min) + ", " + setting_text(limit.max) + (limit.max_open ? ")" : "]");
}

std::string describe(const SettingLimit& limit) {
  if (!limit.min_open && !limit.max_open) return "between " + setting_text(limit.min) + " and " + setting_text(limit.max);
  return "in " + interval(limit);
}

void check_setting(const SettingLimit& limit, double value, const std::string& what) {
  if (limit.contains(value)) return;
  const bool closed = !limit.min_open && !limit.max_open;
  throw Error(what + " must be " + describe(limit) + (closed ? ", got " + setting_text(value) : ""));
}

}  // namespace shelf
