#include "shelf/training_run.h"

#include <utility>

#include "shelf/error.h"

namespace shelf {

namespace {
constexpr const char* kNoTrainer = "no training configured: load a corpus and configure training first";
}  // namespace

TrainingRun::TrainingRun() = default;
TrainingRun::~TrainingRun() = default;

CorpusSummary TrainingRun::load_corpus(std::string_view text, std::int64_t min_count, std::size_t max_vocab) {
  if (min_count < 1) throw Error("min count must be at least 1");
  VocabOptions options;
  options.min_count = min_count;
  options.max_vocab = max_vocab;
  auto corpus = std::make_unique<Corpus>(build_corpus(text, options));
  drop_trainer();
  corpus_ = std::move(corpus);
  return {corpus_->raw_words, corpus_->vocab.size(), corpus_->sentence_count()};
}

void TrainingRun::check(const TrainingParams& params) const {
  if (!corpus_) throw NotReadyError("no corpus yet: load a corpus first");
  validate(params);
}

TrainingProgress TrainingRun::start(const TrainingParams& params) {
  check(params);
  drop_trainer();
  trainer_ = std::make_unique<Trainer>(*corpus_, params);
  progress_ = trainer_->progress();
  return progress_;
}

TrainingProgress TrainingRun::step(std::uint64_t words) {
  if (!trainer_) throw NotReadyError(kNoTrainer);
  progress_ = trainer_->step(words);
  return progress_;
}

TrainingProgress TrainingRun::progress() const {
  if (!trainer_) throw NotReadyError(kNoTrainer);
  return progress_;
}

void TrainingRun::drop_trainer() noexcept {
  trainer_.reset();
  progress_ = {};
}

void TrainingRun::cancel() noexcept {
  drop_trainer();
  corpus_.reset();
}

}  // namespace shelf
