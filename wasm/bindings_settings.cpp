// The engine's own defaults and limits of every training setting (TrainingParams{} and its table in
// src/shelf/training_params.h, VocabOptions{} and kVocabLimits in src/shelf/training_limits.h),
// keyed by their wire names, so that a test can hold the page's declaration
// (wasm/training-settings.js) against them. Nothing else: no request uses these.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "shelf/training_limits.h"
#include "shelf/training_params.h"
#include "shelf/vocab.h"

using emscripten::val;

namespace {

val limit_to_js(const shelf::SettingLimit& limit) {
  val result = val::object();
  result.set("min", limit.min);
  result.set("max", limit.max);
  result.set("minOpen", limit.min_open);
  result.set("maxOpen", limit.max_open);
  return result;
}

// { model, negativesPer, minCount, maxVocab, and each numeric setting by its wire name }
val training_defaults() {
  const shelf::TrainingParams params{};
  const shelf::VocabOptions vocab{};
  val result = val::object();
  result.set("model", params.model == shelf::Model::SkipGram ? "skipgram" : "cbow");
  for (const shelf::TrainingSetting& setting : shelf::training_settings()) result.set(setting.wire, setting.get(params));
  result.set("negativesPer", params.shared_negatives ? "window" : "pair");
  result.set("minCount", static_cast<double>(vocab.min_count));
  result.set("maxVocab", static_cast<double>(vocab.max_vocab));
  return result;
}

// The numeric settings' ranges: { dim: { min, max, minOpen, maxOpen }, ... }.
val training_limits() {
  val result = val::object();
  for (const shelf::TrainingSetting& setting : shelf::training_settings()) result.set(setting.wire, limit_to_js(setting.limit));
  result.set("minCount", limit_to_js(shelf::kVocabLimits.min_count));
  result.set("maxVocab", limit_to_js(shelf::kVocabLimits.max_vocab));
  return result;
}

}  // namespace

EMSCRIPTEN_BINDINGS(shelf_settings) {
  emscripten::function("trainingDefaults", &training_defaults);
  emscripten::function("trainingLimits", &training_limits);
}
