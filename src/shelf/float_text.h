// Floats to and from decimal text, independent of the C locale (a German locale must not turn
// "0.5" into 0) and of std::from_chars for floats, which Emscripten's libc++ lacks.
#pragma once
#include <cstddef>
#include <string_view>

namespace shelf {

enum class NumberStatus {
  Ok,
  NotANumber,  // no digits where a number should start
  NonFinite,   // "nan", "inf", "infinity" (any case, optional sign)
  OutOfRange,  // a finite decimal too large for a float, e.g. "1e39"
};

struct NumberParse {
  const char* end;  // one past the last character used; `begin` when nothing matched
  NumberStatus status;
};

// Reads a decimal number ("-1.5", "3e-07", ".5", "+2", "1.") at the start of [begin, end),
// rounded to the nearest float exactly as a correctly rounded strtof in the "C" locale rounds
// (ties to even; tiny values become subnormals or zero). Hex floats are not accepted.
NumberParse parse_float_prefix(const char* begin, const char* end, float& value);

// Like parse_float_prefix, but all of `text` must be the number.
NumberStatus parse_float(std::string_view text, float& value);

// Room format_float needs, terminating NUL included.
constexpr std::size_t kMaxFloatChars = 24;

// The shortest decimal with 6 to 9 significant digits that reads back as exactly `value`
// ("0.1", "-0.123456791", "1.5e-07", "-0"). Nine digits always suffice for a float, so text
// files written with it round-trip bit for bit. `value` must be finite. Returns the length.
std::size_t format_float(float value, char* out);

}  // namespace shelf
