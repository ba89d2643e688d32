#include <doctest/doctest.h>

#include "shelf/corpus.h"
#include "shelf/error.h"
#include "shelf/trainer.h"
#include "shelf/training_limits.h"
#include "shelf/training_params.h"

TEST_CASE("the limits of the training settings: what they take and how they say so") {
  const auto limit = [](const char* wire) { return shelf::training_setting(wire).limit; };
  CHECK(limit("dim").contains(1));
  CHECK(limit("dim").contains(4096));
  CHECK_FALSE(limit("dim").contains(0));
  CHECK_FALSE(limit("sample").contains(1));  // open at the top
  CHECK(limit("sample").contains(0));
  CHECK_FALSE(limit("learningRate").contains(0));  // open at the bottom
  CHECK(shelf::interval(limit("sample")) == "[0, 1)");
  CHECK(shelf::interval(limit("learningRate")) == "(0, 10]");
  CHECK(shelf::interval(limit("seed")) == "[0, 4611686018427387904]");
  CHECK(shelf::setting_text(1e-4) == "0.0001");
  CHECK_THROWS_WITH_AS(shelf::check_setting(limit("window"), 0, "window"), "window must be between 1 and 100, got 0", shelf::Error);
  CHECK_THROWS_WITH_AS(shelf::check_setting(limit("sample"), 1, "sample"), "sample must be in [0, 1)", shelf::Error);
  CHECK_THROWS_AS(shelf::training_setting("nonsense"), shelf::Error);
}

TEST_CASE("every default of the engine lies within its limits") {
  CHECK_NOTHROW(shelf::validate(shelf::TrainingParams{}));
  shelf::TrainingParams params;
  params.dim = 4097;
  CHECK_THROWS_WITH_AS(shelf::validate(params), "dimensions must be between 1 and 4096, got 4097", shelf::Error);
  // Every row of the table reads back what it writes, and every default is within its range.
  for (const shelf::TrainingSetting& setting : shelf::training_settings()) {
    CHECK_MESSAGE(setting.limit.contains(setting.get(shelf::TrainingParams{})), setting.wire);
    shelf::TrainingParams changed;
    const double value = setting.limit.min_open ? setting.limit.max : setting.limit.min;
    setting.set(changed, value);
    CHECK_MESSAGE(setting.get(changed) == doctest::Approx(value), setting.wire);
  }
  const shelf::VocabOptions vocab{};
  CHECK(shelf::kVocabLimits.min_count.contains(static_cast<double>(vocab.min_count)));
  CHECK(shelf::kVocabLimits.max_vocab.contains(static_cast<double>(vocab.max_vocab)));
}

TEST_CASE("a corpus is refused with a vocabulary setting out of range, naming it") {
  shelf::VocabOptions options;
  options.max_vocab = 200000000;
  CHECK_THROWS_WITH_AS(shelf::build_corpus("a b c\n", options), "max vocab must be between 0 and 100000000, got 200000000",
                       shelf::Error);
  options.max_vocab = 0;
  options.min_count = 0;
  CHECK_THROWS_AS(shelf::build_corpus("a b c\n", options), shelf::Error);
}
