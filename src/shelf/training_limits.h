// The ranges of the training settings: what the engine accepts, in one table.
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

// The one table of what the engine accepts for each numeric training setting (TrainingParams,
// checked by validate() in trainer.cpp) and for the two vocabulary settings a corpus is read with
// (VocabOptions, checked by CorpusBuilder::build). `shelf train` parses its flags with it, and the
// page's declaration (wasm/training-settings.js) is tested against it
// (tests/js/training-settings.test.mjs, through wasm/bindings_settings.cpp).
struct TrainingLimits {
  SettingLimit dim{1, 4096};
  SettingLimit window{1, 100};
  SettingLimit negative{1, 100};
  SettingLimit sample{0, 1, false, true};
  SettingLimit epochs{1, 1000};
  SettingLimit learning_rate{0, 10, true, false};
  SettingLimit seed{0, 4611686018427387904.0};  // 2^62
  SettingLimit init_range{0, 100, true, false};
  SettingLimit min_count{1, 1099511627776.0};    // 2^40
  SettingLimit max_vocab{0, 100000000};          // 0 = no cap
};
inline constexpr TrainingLimits kTrainingLimits{};

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
