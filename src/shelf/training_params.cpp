#include "shelf/training_params.h"

#include <string>

#include "shelf/error.h"

namespace shelf {

namespace {

// Each row reads and writes one member; the table's limits are what the engine accepts. Built on
// first use, so that other files' static tables (shelf train's flags) may read it.
std::vector<TrainingSetting> make_settings() {
  return {
    {"dim", "--dim", "dimensions", "vector dimensions", {1, 4096}, true,
     [](const TrainingParams& p) { return double(p.dim); }, [](TrainingParams& p, double v) { p.dim = int(v); }},
    {"window", "--window", "window", "largest context distance", {1, 100}, true,
     [](const TrainingParams& p) { return double(p.window); }, [](TrainingParams& p, double v) { p.window = int(v); }},
    {"negative", "--negative", "negative samples", "negative samples per positive pair", {1, 100}, true,
     [](const TrainingParams& p) { return double(p.negative); }, [](TrainingParams& p, double v) { p.negative = int(v); }},
    {"sample", "--sample", "sample", "subsampling threshold for frequent words (0 = off)", {0, 1, false, true}, false,
     [](const TrainingParams& p) { return p.sample; }, [](TrainingParams& p, double v) { p.sample = v; }},
    {"epochs", "--epochs", "epochs", "passes over the corpus", {1, 1000}, true,
     [](const TrainingParams& p) { return double(p.epochs); }, [](TrainingParams& p, double v) { p.epochs = int(v); }},
    {"learningRate", "--lr", "learning rate", "starting learning rate (decays linearly to 0)", {0, 10, true, false}, false,
     [](const TrainingParams& p) { return double(p.learning_rate); },
     [](TrainingParams& p, double v) { p.learning_rate = float(v); }},
    {"seed", "--seed", "seed", "random seed", {0, 4611686018427387904.0}, true,  // 2^62
     [](const TrainingParams& p) { return double(p.seed); }, [](TrainingParams& p, double v) { p.seed = std::uint64_t(v); }},
    {"initRange", "--init-range", "init range", "input vectors start uniform in ±init-range/dim (word2vec.c: 0.5)",
     {0, 100, true, false}, false,
     [](const TrainingParams& p) { return double(p.init_range); },
     [](TrainingParams& p, double v) { p.init_range = float(v); }},
  };
}

}  // namespace

const std::vector<TrainingSetting>& training_settings() {
  static const std::vector<TrainingSetting> settings = make_settings();
  return settings;
}

const TrainingSetting& training_setting(std::string_view wire) {
  for (const TrainingSetting& setting : training_settings()) {
    if (wire == setting.wire) return setting;
  }
  throw Error("no training setting '" + std::string(wire) + "'");
}

void validate(const TrainingParams& params) {
  for (const TrainingSetting& setting : training_settings()) check_setting(setting.limit, setting.get(params), setting.what);
}

}  // namespace shelf
