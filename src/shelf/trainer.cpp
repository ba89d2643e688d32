#include "shelf/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "shelf/error.h"
#include "shelf/kernels.h"
#include "shelf/trainer_lane.h"

namespace shelf {

namespace {

// word2vec's table: sigmoid over [-6, 6] in 1000 steps; beyond that the gradient saturates.
constexpr float kMaxExp = 6.0f;
constexpr int kTableSize = 1000;

struct SigmoidTables {
  float sigmoid[kTableSize + 1];
  float log_sigmoid[kTableSize + 1];
  SigmoidTables() {
    for (int i = 0; i <= kTableSize; ++i) {
      const double x = (2.0 * i / kTableSize - 1.0) * kMaxExp;
      sigmoid[i] = static_cast<float>(1.0 / (1.0 + std::exp(-x)));
      log_sigmoid[i] = static_cast<float>(-std::log1p(std::exp(-x)));
    }
  }
};
const SigmoidTables kTables;

inline int table_index(float x) noexcept {
  if (x <= -kMaxExp) return 0;
  if (x >= kMaxExp) return kTableSize;
  return static_cast<int>((x + kMaxExp) * (kTableSize / kMaxExp / 2.0f));
}

double now_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

Trainer::Trainer(const Corpus& corpus, const TrainingParams& params)
    : corpus_(corpus), params_(params) {
  validate(params_);
  if (corpus_.vocab.empty() || corpus_.ids.empty()) throw Error("cannot train on an empty corpus");
  const std::size_t words = corpus_.vocab.size();
  const std::size_t dim = static_cast<std::size_t>(params_.dim);
  input_ = Matrix(words, dim);
  output_ = Matrix(words, dim, 0.0f);
  Random init(params_.seed);
  for (std::size_t i = 0; i < input_.size(); ++i) {
    input_.data()[i] = (init.uniform() - 0.5f) * 2.0f * params_.init_range / static_cast<float>(dim);
  }
  negatives_ = unigram_sampler(corpus_.vocab.counts());
  keep_thresholds_ = subsample_thresholds(corpus_.vocab.counts(), params_.sample);
  words_total_ = static_cast<std::uint64_t>(params_.epochs) * corpus_.ids.size();

  auto lane = std::make_unique<Lane>(params_.seed ^ 0x5DEECE66Dull);
  lane->end_sentence = corpus_.sentence_count();
  lanes_.push_back(std::move(lane));
}

Trainer::~Trainer() = default;

bool Trainer::finished() const noexcept { return words_done_.value.load(std::memory_order_relaxed) >= words_total_; }

float Trainer::current_learning_rate() const noexcept {
  const double done = static_cast<double>(words_done_.value.load(std::memory_order_relaxed));
  const double left = 1.0 - done / (static_cast<double>(words_total_) + 1.0);
  return params_.learning_rate * static_cast<float>(std::max(left, 0.0001));
}

void Trainer::draw_targets(Lane& lane, std::int32_t positive) {
  lane.target_rows[0] = output_.row(static_cast<std::size_t>(positive));
  std::size_t count = 1;
  for (int d = 0; d < params_.negative; ++d) {
    const std::int32_t word = negatives_.sample(lane.random);
    if (word != positive) lane.target_rows[count++] = output_.row(static_cast<std::size_t>(word));
  }
  lane.target_count = count;
}

void Trainer::apply_targets(Lane& lane, const float* hidden, float* gradient, float lr) {
  const std::size_t dim = static_cast<std::size_t>(params_.dim);
  const std::size_t count = lane.target_count;
  kernels::dot_many(hidden, lane.target_rows, count, dim, lane.scores);
  double loss = 0;
  for (std::size_t t = 0; t < count; ++t) {
    const int index = table_index(lane.scores[t]);
    const float label = t == 0 ? 1.0f : 0.0f;
    lane.coefficients[t] = (label - kTables.sigmoid[index]) * lr;
    loss -= t == 0 ? kTables.log_sigmoid[index] : kTables.log_sigmoid[kTableSize - index];
  }
  kernels::update_targets(lane.coefficients, lane.target_rows, count, hidden, gradient, dim);
  lane.loss_sum += loss;
  ++lane.examples;
}

// As in word2vec, each context word's input vector predicts the centre word; its error goes
// straight back into it.
void Trainer::skipgram(Lane& lane, const std::int32_t* words, std::size_t n, float lr) {
  const auto window = static_cast<std::uint32_t>(params_.window);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t span = window - lane.random.below(window);
    const std::size_t begin = i > span ? i - span : 0;
    const std::size_t end = std::min(n, i + span + 1);
    if (params_.shared_negatives) draw_targets(lane, words[i]);
    for (std::size_t j = begin; j < end; ++j) {
      if (j == i) continue;
      if (!params_.shared_negatives) draw_targets(lane, words[i]);
      float* context = input_.row(static_cast<std::size_t>(words[j]));
      apply_targets(lane, context, context, lr);
    }
  }
}

// The mean of the context vectors predicts the centre word; each context vector gets the error.
void Trainer::cbow(Lane& lane, const std::int32_t* words, std::size_t n, float lr) {
  const std::size_t dim = static_cast<std::size_t>(params_.dim);
  const auto window = static_cast<std::uint32_t>(params_.window);
  float* hidden = lane.hidden.data();
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t span = window - lane.random.below(window);
    const std::size_t begin = i > span ? i - span : 0;
    const std::size_t end = std::min(n, i + span + 1);
    if (end - begin < 2) continue;
    std::fill(lane.hidden.begin(), lane.hidden.end(), 0.0f);
    for (std::size_t j = begin; j < end; ++j) {
      if (j != i) kernels::axpy(1.0f, input_.row(static_cast<std::size_t>(words[j])), hidden, dim);
    }
    kernels::scale(1.0f / static_cast<float>(end - begin - 1), hidden, dim);
    std::fill(lane.gradient.begin(), lane.gradient.end(), 0.0f);
    draw_targets(lane, words[i]);
    apply_targets(lane, hidden, lane.gradient.data(), lr);
    for (std::size_t j = begin; j < end; ++j) {
      if (j != i) kernels::axpy(1.0f, lane.gradient.data(), input_.row(static_cast<std::size_t>(words[j])), dim);
    }
  }
}

std::uint64_t Trainer::train_sentence(Lane& lane, std::size_t sentence) {
  const std::size_t begin = corpus_.sentence_starts[sentence];
  const std::size_t end = corpus_.sentence_starts[sentence + 1];
  lane.kept.clear();
  for (std::size_t t = begin; t < end; ++t) {
    const std::int32_t id = corpus_.ids[t];
    const std::uint32_t keep = keep_thresholds_[static_cast<std::size_t>(id)];
    if (keep == 0xFFFFFFFFu || lane.random.next32() < keep) lane.kept.push_back(id);
  }
  const float lr = current_learning_rate();
  if (watch_ != nullptr && params_.model == Model::SkipGram) {
    skipgram_watched(lane, lane.kept.data(), lane.kept.size(), lr, sentence);
  } else if (params_.model == Model::SkipGram) {
    skipgram(lane, lane.kept.data(), lane.kept.size(), lr);
  } else {
    cbow(lane, lane.kept.data(), lane.kept.size(), lr);
  }
  return end - begin;
}

std::uint64_t Trainer::run_lane(Lane& lane, std::uint64_t max_words) {
  const std::size_t dim = static_cast<std::size_t>(params_.dim);
  lane.hidden.resize(dim);
  lane.gradient.resize(dim);
  std::uint64_t read = 0;
  while (read < max_words && lane.epoch < params_.epochs) {
    if (lane.next_sentence >= lane.end_sentence) {
      lane.next_sentence = lane.first_sentence;
      ++lane.epoch;
      continue;
    }
    const std::uint64_t words = train_sentence(lane, lane.next_sentence++);
    words_done_.value.fetch_add(words, std::memory_order_relaxed);
    read += words;
  }
  // Close the epoch at once when its last sentence was just read, so finished() is exact.
  if (lane.next_sentence >= lane.end_sentence && lane.epoch < params_.epochs) {
    lane.next_sentence = lane.first_sentence;
    ++lane.epoch;
  }
  return read;
}

TrainingProgress Trainer::make_progress(double loss_sum, std::uint64_t examples) {
  total_loss_ += loss_sum;
  total_examples_ += examples;
  TrainingProgress p;
  p.words_done = std::min(words_done_.value.load(std::memory_order_relaxed), words_total_);
  p.words_total = words_total_;
  p.epochs = params_.epochs;
  p.epoch = std::min(params_.epochs - 1,
                     static_cast<int>(p.words_done * static_cast<std::uint64_t>(params_.epochs) /
                                      std::max<std::uint64_t>(words_total_, 1)));
  p.learning_rate = current_learning_rate();
  p.loss = examples ? loss_sum / static_cast<double>(examples) : 0.0;
  p.average_loss = total_examples_ ? total_loss_ / static_cast<double>(total_examples_) : 0.0;
  p.seconds = seconds_;
  p.words_per_second = seconds_ > 0 ? static_cast<double>(p.words_done) / seconds_ : 0.0;
  p.finished = finished();
  return p;
}

TrainingProgress Trainer::step(std::uint64_t max_words) {
  Lane& lane = *lanes_.front();
  const double start = now_seconds();
  run_lane(lane, std::max<std::uint64_t>(max_words, 1));
  seconds_ += now_seconds() - start;
  const double loss = lane.loss_sum;
  const std::uint64_t examples = lane.examples;
  lane.loss_sum = 0;
  lane.examples = 0;
  lane.published_loss = 0;
  lane.published_examples = 0;
  return make_progress(loss, examples);
}

TrainingProgress Trainer::progress() { return make_progress(0, 0); }

Embeddings Trainer::embeddings() const {
  Embeddings result;
  result.words = corpus_.vocab.words();
  result.vectors = input_;
  return result;
}

}  // namespace shelf
