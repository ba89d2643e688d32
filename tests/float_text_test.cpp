#include "shelf/float_text.h"

#include <doctest/doctest.h>

#include <cerrno>
#include <clocale>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

using shelf::NumberStatus;

std::uint32_t bits_of(float f) {
  std::uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  return bits;
}

float float_from_bits(std::uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

// The C library in the "C" locale (which tests run in) is the reference.
NumberStatus reference(const std::string& text, float& value) {
  errno = 0;
  char* end = nullptr;
  value = std::strtof(text.c_str(), &end);
  if (end != text.c_str() + text.size() || text.empty()) return NumberStatus::NotANumber;
  if (std::isnan(value) || (std::isinf(value) && errno != ERANGE)) return NumberStatus::NonFinite;
  if (std::isinf(value)) return NumberStatus::OutOfRange;
  return NumberStatus::Ok;
}

void check_agrees(const std::string& text) {
  CAPTURE(text);
  float expected = 0, actual = 0;
  const NumberStatus want = reference(text, expected);
  const NumberStatus got = shelf::parse_float(text, actual);
  REQUIRE(got == want);
  if (want == NumberStatus::Ok) CHECK(bits_of(actual) == bits_of(expected));
}

std::string printed(const char* format, double value) {
  char text[128];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

float random_finite_float(std::mt19937& rng) {
  for (;;) {
    const float f = float_from_bits(static_cast<std::uint32_t>(rng()));
    if (std::isfinite(f)) return f;
  }
}

}  // namespace

TEST_CASE("parse_float rounds printed floats exactly like strtof") {
  std::mt19937 rng(2024);
  std::normal_distribution<float> typical(0.0f, 0.3f);
  for (int i = 0; i < 20000; ++i) {
    const float any = random_finite_float(rng);
    const float weight = typical(rng);
    for (const char* format : {"%.9g", "%.6g", "%.3e", "%.17g", "%f", "%.8f"}) {
      check_agrees(printed(format, any));
      check_agrees(printed(format, weight));
    }
  }
}

TEST_CASE("parse_float agrees with strtof on random decimal strings") {
  std::mt19937 rng(99);
  std::uniform_int_distribution<int> digit_count(1, 26), digit(0, 9), exponent(-60, 45);
  for (int i = 0; i < 100000; ++i) {
    std::string text = rng() % 2 ? "-" : "";
    const int digits = digit_count(rng);
    const int point = static_cast<int>(rng() % static_cast<unsigned>(digits + 1));
    for (int d = 0; d < digits; ++d) {
      if (d == point) text += '.';
      text += static_cast<char>('0' + digit(rng));
    }
    if (rng() % 3) text += "e" + std::to_string(exponent(rng));
    check_agrees(text);
  }
}

TEST_CASE("parse_float breaks ties between two floats to even, and only true ties") {
  std::mt19937 rng(5);
  for (int i = 0; i < 5000; ++i) {
    const float low = std::fabs(random_finite_float(rng));
    const float high = std::nextafter(low, INFINITY);
    if (!std::isfinite(high) || low < 1e-37f) continue;
    // The midpoint needs 25 bits, so double holds it exactly and %.60g prints it exactly.
    const double midpoint = (static_cast<double>(low) + static_cast<double>(high)) / 2;
    const std::string exact = printed("%.60g", midpoint);
    check_agrees(exact);
    check_agrees(printed("%.17g", midpoint));
    if (exact.find('.') != std::string::npos && exact.find('e') == std::string::npos) {
      check_agrees(exact + "1");  // a hair above the tie
    }
  }
}

TEST_CASE("parse_float: edges of the float range, specials and syntax") {
  for (const char* text : {"3.4028235e38",
                           "3.40282356e38",
                           "3.4028236e38",
                           "1e39",
                           "-1e39",
                           "1e-38",
                           "1.17549435e-38",
                           "1e-45",
                           "1.4e-45",
                           "7e-46",
                           "7.1e-46",
                           "1e-50",
                           "0",
                           "-0",
                           "0.0000",
                           "1.",
                           ".5",
                           "+2",
                           "123456789012345678901234567890",
                           "0.000000000000000000000000000000123456789",
                           "16777217",
                           "16777219",
                           "1e400",
                           "1e-400",
                           "00000.5e0001"}) {
    check_agrees(text);
  }
  float value = 1;
  CHECK(shelf::parse_float("-0", value) == NumberStatus::Ok);
  CHECK(std::signbit(value));
  for (const char* text : {"nan", "NaN", "-nan", "inf", "-Inf", "infinity", "+INFINITY"}) {
    CAPTURE(text);
    CHECK(shelf::parse_float(text, value) == NumberStatus::NonFinite);
  }
  CHECK(shelf::parse_float("1e39", value) == NumberStatus::OutOfRange);
  for (const char* text : {"", "-", "+", ".", "e5", "1e", "1e+", "1.5x", "0x10", " 1", "1 ", "--1",
                           "1,5", "in", "nana", "1..2"}) {
    CAPTURE(text);
    CHECK(shelf::parse_float(text, value) == NumberStatus::NotANumber);
  }
}

TEST_CASE("parse_float_prefix stops where the number stops") {
  const std::string text = "-1.25e2,rest";
  float value = 0;
  const shelf::NumberParse parsed =
      shelf::parse_float_prefix(text.data(), text.data() + text.size(), value);
  CHECK(parsed.status == NumberStatus::Ok);
  CHECK(parsed.end - text.data() == 7);
  CHECK(value == -125.0f);
  const std::string exponent_without_digits = "2e-x";
  const auto partial = shelf::parse_float_prefix(
      exponent_without_digits.data(),
      exponent_without_digits.data() + exponent_without_digits.size(), value);
  CHECK(partial.end - exponent_without_digits.data() == 1);
  CHECK(value == 2.0f);
}

TEST_CASE("format_float is short and reads back bit for bit") {
  std::mt19937 rng(17);
  char text[shelf::kMaxFloatChars];
  for (int i = 0; i < 100000; ++i) {
    const float value = random_finite_float(rng);
    const std::size_t length = shelf::format_float(value, text);
    CAPTURE(text);
    REQUIRE(length < shelf::kMaxFloatChars);
    REQUIRE(std::strlen(text) == length);
    float back = 0;
    REQUIRE(shelf::parse_float(text, back) == NumberStatus::Ok);
    CHECK(bits_of(back) == bits_of(value));
    float via_libc = 0;
    REQUIRE(reference(text, via_libc) == NumberStatus::Ok);
    CHECK(bits_of(via_libc) == bits_of(value));
  }
  // A float read from six digits is written with at most six.
  std::uniform_int_distribution<int> mantissa(100000, 999999), exponent(-12, 12);
  for (int i = 0; i < 20000; ++i) {
    const std::string six = std::to_string(mantissa(rng)) + "e" + std::to_string(exponent(rng));
    float value = 0;
    REQUIRE(shelf::parse_float(six, value) == NumberStatus::Ok);
    shelf::format_float(value, text);
    CAPTURE(six);
    CAPTURE(text);
    std::string digits;
    for (const char* p = text; *p && *p != 'e'; ++p) {
      if (*p >= '0' && *p <= '9') digits += *p;
    }
    digits.erase(0, digits.find_first_not_of('0'));
    digits.erase(digits.find_last_not_of('0') + 1);
    CHECK(digits.size() <= 6);
  }
}

namespace {

// Significant digits in a decimal ("0.00120" -> 2, "1.5e-07" -> 2, "100" -> 1).
std::size_t significant_digits(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (c == 'e') break;
    if (c >= '0' && c <= '9') digits += c;
  }
  digits.erase(0, digits.find_first_not_of('0'));
  digits.erase(digits.find_last_not_of('0') + 1);
  return digits.size();
}

// The fewest digits printf needs (from 6 up) for the float to read back.
std::size_t printf_shortest(float value) {
  for (int precision = 6; precision <= 9; ++precision) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*g", precision, static_cast<double>(value));
    if (std::strtof(text, nullptr) == value) return significant_digits(text);
  }
  return 9;
}

}  // namespace

TEST_CASE("format_float is as short as printf can be, also where digits carry over") {
  std::mt19937 rng(23);
  std::vector<float> values;
  for (int power = -40; power <= 38; ++power) {
    const float decade = std::strtof(("1e" + std::to_string(power)).c_str(), nullptr);
    float up = decade, down = decade;
    for (int step = 0; step < 40; ++step) {
      values.push_back(up = std::nextafter(up, INFINITY));
      values.push_back(down = std::nextafter(down, 0.0f));
    }
  }
  for (int i = 0; i < 20000; ++i) values.push_back(random_finite_float(rng));
  char text[shelf::kMaxFloatChars];
  for (float value : values) {
    if (!std::isfinite(value) || value == 0.0f) continue;
    shelf::format_float(value, text);
    CAPTURE(text);
    CAPTURE(value);
    float back = 0;
    REQUIRE(shelf::parse_float(text, back) == NumberStatus::Ok);
    CHECK(bits_of(back) == bits_of(value));
    CHECK(significant_digits(text) <= printf_shortest(value));
  }
}

TEST_CASE("format_float writes familiar forms") {
  char text[shelf::kMaxFloatChars];
  const auto format = [&](float value) {
    shelf::format_float(value, text);
    return std::string(text);
  };
  CHECK(format(0.1f) == "0.1");
  CHECK(format(-0.25f) == "-0.25");
  CHECK(format(0.0f) == "0");
  CHECK(format(-0.0f) == "-0");
  CHECK(format(1.0f) == "1");
  CHECK(format(100.0f) == "100");
  CHECK(format(123.456f) == "123.456");
  CHECK(format(1.5e-7f) == "1.5e-07");
  CHECK(format(0.00001234f) == "1.234e-05");
  CHECK(format(0.0001234f) == "0.0001234");
  CHECK(format(3e10f) == "3e+10");
  CHECK(format(-3.4028235e38f) == "-3.4028235e+38");
}

TEST_CASE("parse_float ignores the C locale's decimal comma") {
  const char* previous = std::setlocale(LC_NUMERIC, nullptr);
  const std::string saved = previous ? previous : "C";
  bool switched = false;
  for (const char* name : {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "de_DE"}) {
    if (std::setlocale(LC_NUMERIC, name)) {
      switched = true;
      break;
    }
  }
  if (!switched) {
    MESSAGE("no locale with a decimal comma installed; skipped");
    return;
  }
  float value = 0;
  CHECK(shelf::parse_float("0.5", value) == NumberStatus::Ok);
  CHECK(value == 0.5f);
  // Far too many digits for the fast path: this one goes through strtof.
  CHECK(shelf::parse_float("0.1000000000000000000000000001", value) == NumberStatus::Ok);
  CHECK(value == 0.1f);
  CHECK(shelf::parse_float("16777217", value) == NumberStatus::Ok);  // a tie, also strtof
  CHECK(value == 16777216.0f);
  char text[shelf::kMaxFloatChars];
  shelf::format_float(0.5f, text);
  CHECK(std::string(text) == "0.5");
  std::setlocale(LC_NUMERIC, saved.c_str());
}
