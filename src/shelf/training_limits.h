// Ranges of settings: what the engine accepts, and how it says so.
#pragma once
#include <string>

namespace shelf {

// The values the engine accepts for one numeric setting; an open end excludes its bound.
struct SettingLimit {
  double min = 0;
  double max = 0;
  bool min_open = false;
  bool max_open = false;
  constexpr bool contains(double value) const noexcept {
    return (min_open ? value > min : value >= min) && (max_open ? value < max : value <= max);
  }
};

// What the engine accepts for the two vocabulary settings a corpus is read with (VocabOptions,
// checked by CorpusBuilder::build). The training settings' ranges are in their table
// (training_params.cpp); both are tested against the page's declaration
// (tests/js/training-settings.test.mjs, through wasm/bindings_settings.cpp).
struct VocabLimits {
  SettingLimit min_count{1, 1099511627776.0};    // 2^40
  SettingLimit max_vocab{0, 100000000};          // 0 = no cap
};
inline constexpr VocabLimits kVocabLimits{};

// "between 1 and 100" for a closed range, "in (0, 10]" for one with an open end.
std::string describe(const SettingLimit& limit);
// "[1, 100]", "(0, 10]": the range as an interval.
std::string interval(const SettingLimit& limit);
// A setting's value as text: whole numbers as such ("4096"), others as %g does ("0.0001").
std::string setting_text(double value);
// Throws shelf::Error "<what> must be between 1 and 100, got 0" (or "must be in (0, 10]") when
// `value` is outside `limit`.
void check_setting(const SettingLimit& limit, double value, const std::string& what);

}  // namespace shelf
