#include "shelf/float_text.h"

#include <cerrno>
#include <clocale>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace shelf {
namespace {

// Powers of ten as the compiler rounds the literals: exact up to 1e22, correctly rounded after.
constexpr double kPowersOfTen[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14,
    1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29,
    1e30, 1e31, 1e32, 1e33, 1e34, 1e35, 1e36, 1e37, 1e38, 1e39, 1e40, 1e41, 1e42, 1e43};

constexpr int kMaxMantissaDigits = 19;  // 10^19 - 1 still fits in 64 bits

bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return static_cast<char>(c | 0x20); }

// Matches `word` case-insensitively at p; returns the end of the match or nullptr.
const char* match_word(const char* p, const char* end, const char* word) {
  for (; *word; ++word, ++p) {
    if (p == end || lower(*p) != *word) return nullptr;
  }
  return p;
}

// The rare inputs the fast path cannot settle go to the C library, with the decimal point
// swapped for the current locale's, so the result is the same in every locale.
NumberStatus parse_with_strtof(std::string_view number, float& value) {
  const char* point = std::localeconv()->decimal_point;
  std::string text;
  text.reserve(number.size() + 4);
  for (char c : number) {
    if (c == '.') {
      text += point;
    } else {
      text += c;
    }
  }
  errno = 0;
  value = std::strtof(text.c_str(), nullptr);
  if (errno == ERANGE && std::isinf(value)) return NumberStatus::OutOfRange;
  return NumberStatus::Ok;
}

std::uint64_t bits_of(double d) {
  std::uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return bits;
}

// mantissa * 10^exponent (mantissa has `digits` digits, or is a 19-digit cut of a longer number
// spelled out in `text`) rounded to the nearest float. Without `text`, the rare slow path spells
// the number itself.
NumberStatus decimal_to_float(std::uint64_t mantissa, int digits, long exponent, bool negative,
                              std::string_view text, float& value) {
  if (mantissa == 0 || digits + exponent < -45) {  // below half the smallest subnormal
    value = negative ? -0.0f : 0.0f;
    return NumberStatus::Ok;
  }
  if (digits - 1 + exponent > 38) return NumberStatus::OutOfRange;  // >= 1e39

  // In double, at most a few units in the last place off the exact value (exponent is now
  // within [-64, 38]).
  double approx = static_cast<double>(mantissa);
  if (exponent >= 0) {
    approx *= kPowersOfTen[exponent];
  } else if (exponent >= -22) {
    approx /= kPowersOfTen[-exponent];
  } else {
    approx = approx / kPowersOfTen[22] / kPowersOfTen[-exponent - 22];
  }
  // Rounding that double to float gives the correctly rounded float unless the double sits
  // within its error of a point halfway between two floats: there the low 29 bits of the
  // double's significand (the ones a float drops) are close to 1000...0. Outside the normal
  // float range the halfway points lie elsewhere. Both cases are rare; strtof settles them.
  const std::uint64_t dropped = bits_of(approx) & ((std::uint64_t{1} << 29) - 1);
  const std::uint64_t halfway = std::uint64_t{1} << 28;
  const std::uint64_t distance = dropped > halfway ? dropped - halfway : halfway - dropped;
  if (distance <= 64 || approx < 0x1p-125 || approx >= 0x1p127) {
    if (!text.empty()) return parse_with_strtof(text, value);
    const std::string spelled =
        (negative ? "-" : "") + std::to_string(mantissa) + "e" + std::to_string(exponent);
    return parse_with_strtof(spelled, value);
  }
  const float magnitude = static_cast<float>(approx);
  value = negative ? -magnitude : magnitude;
  return NumberStatus::Ok;
}

}  // namespace

NumberParse parse_float_prefix(const char* begin, const char* end, float& value) {
  const char* p = begin;
  bool negative = false;
  if (p != end && (*p == '+' || *p == '-')) {
    negative = *p == '-';
    ++p;
  }
  if (p != end && (lower(*p) == 'n' || lower(*p) == 'i')) {
    if (const char* after = match_word(p, end, "nan")) {
      value = std::nanf("");
      return {after, NumberStatus::NonFinite};
    }
    if (const char* after = match_word(p, end, "inf")) {
      if (const char* longer = match_word(after, end, "inity")) after = longer;
      value = negative ? -INFINITY : INFINITY;
      return {after, NumberStatus::NonFinite};
    }
    return {begin, NumberStatus::NotANumber};
  }

  // The first 19 significant digits go into `mantissa`; later ones only move the exponent
  // (and make the result inexact, which the rounding check below accounts for).
  std::uint64_t mantissa = 0;
  int digits = 0;
  long exponent = 0;
  bool any_digit = false;
  for (; p != end && is_digit(*p); ++p) {
    any_digit = true;
    const unsigned d = static_cast<unsigned>(*p - '0');
    if (mantissa == 0 && d == 0) continue;
    if (digits < kMaxMantissaDigits) {
      mantissa = mantissa * 10 + d;
      ++digits;
    } else {
      ++exponent;
    }
  }
  if (p != end && *p == '.') {
    ++p;
    for (; p != end && is_digit(*p); ++p) {
      any_digit = true;
      const unsigned d = static_cast<unsigned>(*p - '0');
      if (mantissa == 0 && d == 0) {
        --exponent;
      } else if (digits < kMaxMantissaDigits) {
        mantissa = mantissa * 10 + d;
        ++digits;
        --exponent;
      }
    }
  }
  if (!any_digit) return {begin, NumberStatus::NotANumber};
  if (p != end && lower(*p) == 'e') {
    const char* q = p + 1;
    bool negative_exponent = false;
    if (q != end && (*q == '+' || *q == '-')) {
      negative_exponent = *q == '-';
      ++q;
    }
    if (q != end && is_digit(*q)) {
      long written = 0;
      for (; q != end && is_digit(*q); ++q) {
        if (written < 100000) written = written * 10 + (*q - '0');
      }
      exponent += negative_exponent ? -written : written;
      p = q;
    }
  }
  const NumberStatus status =
      decimal_to_float(mantissa, digits, exponent, negative,
                       std::string_view(begin, static_cast<std::size_t>(p - begin)), value);
  return {p, status};
}

NumberStatus parse_float(std::string_view text, float& value) {
  const char* end = text.data() + text.size();
  const NumberParse parsed = parse_float_prefix(text.data(), end, value);
  return parsed.end == end && !text.empty() ? parsed.status : NumberStatus::NotANumber;
}

namespace {

constexpr std::uint64_t kIntegerPowersOfTen[] = {1,      10,      100,      1000,      10000,
                                                 100000, 1000000, 10000000, 100000000, 1000000000};

bool reads_back(std::uint64_t mantissa, int digits, long exponent, float target) {
  float value;
  return decimal_to_float(mantissa, digits, exponent, false, {}, value) == NumberStatus::Ok &&
         value == target;
}

double scale_by_power_of_ten(double value, int power) {  // power within [-53, 53]
  if (power > 22) return value * kPowersOfTen[22] * kPowersOfTen[power - 22];
  if (power >= 0) return value * kPowersOfTen[power];
  if (power >= -22) return value / kPowersOfTen[-power];
  return value / kPowersOfTen[22] / kPowersOfTen[-power - 22];
}

// Nine significant digits of `magnitude` (> 0): magnitude ~ nine * 10^(exponent - 8). Computed
// in double and checked; printf, which is exact but slow, only when the check fails.
void nine_digits(float magnitude, std::uint64_t& nine, int& exponent) {
  const double value = magnitude;
  int binary_exponent;
  std::frexp(value, &binary_exponent);  // value in [2^(e-1), 2^e): a guess the loop corrects
  exponent = static_cast<int>(std::floor((binary_exponent - 1) * 0.30102999566398120));
  for (int attempt = 0; attempt < 3; ++attempt) {
    const double scaled = scale_by_power_of_ten(value, 8 - exponent);
    if (scaled >= 999999999.5) {
      ++exponent;
    } else if (scaled < 99999999.5) {
      --exponent;
    } else {
      nine = static_cast<std::uint64_t>(scaled + 0.5);
      if (reads_back(nine, 9, exponent - 8, magnitude)) return;
      break;
    }
  }
  char scientific[48];  // "d.dddddddde+XX", with the locale's decimal point
  std::snprintf(scientific, sizeof scientific, "%.8e", value);
  nine = 0;
  const char* p = scientific;
  for (; *p && *p != 'e'; ++p) {
    if (*p >= '0' && *p <= '9') nine = nine * 10 + static_cast<std::uint64_t>(*p - '0');
  }
  exponent = *p ? std::atoi(p + 1) : 0;
}

}  // namespace

std::size_t format_float(float value, char* out) {
  char* const start = out;
  if (std::signbit(value)) *out++ = '-';
  if (value == 0.0f) {
    *out++ = '0';
    *out = '\0';
    return static_cast<std::size_t>(out - start);
  }
  const float magnitude = std::fabs(value);
  std::uint64_t nine;
  int exponent;  // of the first digit
  nine_digits(magnitude, nine, exponent);

  // The shortest of 6 to 9 digits that reads back exactly (nine always do). If k digits read
  // back, so do k + 1, so try 7 first, then 6 or 8. For k digits, try the k-digit decimals just
  // below and above: the nine digits are themselves rounded, so which is nearer can be off.
  std::uint64_t kept = nine;
  int count = 9;
  const int nine_exponent = exponent;
  const auto try_digits = [&](int k) {
    const std::uint64_t divisor = kIntegerPowersOfTen[9 - k];
    const std::uint64_t below = nine / divisor;
    const bool round_up = 2 * (nine % divisor) >= divisor;
    for (std::uint64_t candidate : {round_up ? below + 1 : below, round_up ? below : below + 1}) {
      int candidate_exponent = nine_exponent;
      if (candidate == kIntegerPowersOfTen[k]) {  // 9999999 + 1
        candidate /= 10;
        ++candidate_exponent;
      }
      if (reads_back(candidate, k, candidate_exponent - (k - 1), magnitude)) {
        kept = candidate;
        count = k;
        exponent = candidate_exponent;
        return true;
      }
    }
    return false;
  };
  if (try_digits(7)) {
    try_digits(6);
  } else {
    try_digits(8);
  }
  char digits[9];
  for (int i = count - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + kept % 10);
    kept /= 10;
  }
  while (count > 1 && digits[count - 1] == '0') --count;

  if (exponent >= -4 && exponent < 9) {
    if (exponent < 0) {
      *out++ = '0';
      *out++ = '.';
      for (int i = -1; i > exponent; --i) *out++ = '0';
      std::memcpy(out, digits, static_cast<std::size_t>(count));
      out += count;
    } else {
      for (int i = 0; i < count || i <= exponent; ++i) {
        if (i == exponent + 1) *out++ = '.';
        *out++ = i < count ? digits[i] : '0';
      }
    }
  } else {
    *out++ = digits[0];
    if (count > 1) {
      *out++ = '.';
      std::memcpy(out, digits + 1, static_cast<std::size_t>(count - 1));
      out += count - 1;
    }
    *out++ = 'e';
    *out++ = exponent < 0 ? '-' : '+';
    const int shown = std::abs(exponent);
    if (shown >= 10)
      *out++ = static_cast<char>('0' + shown / 10);
    else
      *out++ = '0';
    *out++ = static_cast<char>('0' + shown % 10);
  }
  *out = '\0';
  return static_cast<std::size_t>(out - start);
}

}  // namespace shelf
