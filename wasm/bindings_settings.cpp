// The engine's own defaults and limits of every training setting (TrainingParams{}, VocabOptions{},
// kTrainingLimits in src/shelf/training_limits.h), keyed by their wire names, so that a test can hold the
// page's declaration (wasm/training-settings.js) against them. Nothing else: no request uses these.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "shelf/trainer.h"
#include "shelf/training_limits.h"
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

// { model, dim, window, negative, sample, epochs, learningRate, seed, initRange, negativesPer,
//   minCount, maxVocab }
val training_defaults() {
  const shelf::TrainingParams params{};
  const shelf::VocabOptions vocab{};
  val result = val::object();
  result.set("model", params.model == shelf::Model::SkipGram ? "skipgram" : "cbow");
  result.set("dim", params.dim);
  result.set("window", params.window);
  result.set("negative", params.negative);
  result.set("sample", params.sample);
  result.set("epochs", params.epochs);
  result.set("learningRate", static_cast<double>(params.learning_rate));
  result.set("seed", static_cast<double>(params.seed));
  result.set("initRange", static_cast<double>(params.init_range));
  result.set("negativesPer", params.shared_negatives ? "window" : "pair");
  result.set("minCount", static_cast<double>(vocab.min_count));
  result.set("maxVocab", static_cast<double>(vocab.max_vocab));
  return result;
}

// The numeric settings' ranges: { dim: { min, max, minOpen, maxOpen }, ... }.
val training_limits() {
  const shelf::TrainingLimits& limits = shelf::kTrainingLimits;
  val result = val::object();
  result.set("dim", limit_to_js(limits.dim));
  result.set("window", limit_to_js(limits.window));
  result.set("negative", limit_to_js(limits.negative));
  result.set("sample", limit_to_js(limits.sample));
  result.set("epochs", limit_to_js(limits.epochs));
  result.set("learningRate", limit_to_js(limits.learning_rate));
  result.set("seed", limit_to_js(limits.seed));
  result.set("initRange", limit_to_js(limits.init_range));
  result.set("minCount", limit_to_js(limits.min_count));
  result.set("maxVocab", limit_to_js(limits.max_vocab));
  return result;
}

}  // namespace

EMSCRIPTEN_BINDINGS(shelf_settings) {
  emscripten::function("trainingDefaults", &training_defaults);
  emscripten::function("trainingLimits", &training_limits);
}
