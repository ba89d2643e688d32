// What a training run is asked to do: TrainingParams with the engine's defaults, and the one
// table of its numeric settings (their names on the wire and on the command line, their ranges,
// their help). validate(), `shelf train`'s flags, the configure binding and the settings test
// all read the table, so a new setting is a member below, a row in training_params.cpp and its
// page declaration (wasm/training-settings.js).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "shelf/training_limits.h"

namespace shelf {

enum class Model { SkipGram, Cbow };

struct TrainingParams {
  Model model = Model::SkipGram;
  int dim = 100;
  int window = 5;           // largest distance to a context word; each position draws 1..window
  int negative = 5;         // negative samples per positive pair
  double sample = 1e-4;     // subsampling of frequent words; 0 keeps every occurrence
  int epochs = 5;
  float learning_rate = 0.025f;
  std::uint64_t seed = 1;
  // Input vectors start uniform in ±init_range/dim: 1 as fastText and gensim do (it scored
  // better on analogies than word2vec.c's 0.5).
  float init_range = 1.0f;
  // Skip-gram only: draw one set of negatives per centre word and share it across the word's
  // context window (Ji et al., "Parallelizing Word2Vec in Shared and Distributed Memory"). The
  // output rows then stay in cache for the whole window: same model, fewer memory trips.
  // Off, every (context, centre) pair draws its own negatives exactly as word2vec does. The
  // tests show both learn equally well; sharing is the default because it is about twice as fast.
  bool shared_negatives = true;
};

// One numeric setting of TrainingParams as the page, the protocol and `shelf train` name it.
struct TrainingSetting {
  const char* wire;   // the protocol's and the URL's name: "learningRate"
  const char* flag;   // shelf train's: "--lr"
  const char* what;   // in error messages: "learning rate must be in (0, 10]"
  const char* help;   // shelf train --help
  SettingLimit limit;
  bool whole;         // only whole numbers
  double (*get)(const TrainingParams&);
  void (*set)(TrainingParams&, double);  // the value must be within `limit` (check it first)
};

// Every numeric setting, in the order `shelf train --help` lists them.
const std::vector<TrainingSetting>& training_settings();
// The setting of that wire name; throws shelf::Error if there is none.
const TrainingSetting& training_setting(std::string_view wire);

// Throws shelf::Error naming the first setting out of range.
void validate(const TrainingParams& params);

}  // namespace shelf
