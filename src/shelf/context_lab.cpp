#include "shelf/context_lab.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "shelf/corpus_edit.h"
#include "shelf/error.h"
#include "shelf/kernels.h"
#include "shelf/session.h"
#include "shelf/tokenizer.h"

namespace shelf {

namespace {

float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

}  // namespace

ContextLab::ContextLab() = default;
ContextLab::~ContextLab() = default;

LabCorpus ContextLab::load(std::string_view text, std::int64_t min_count, std::size_t max_vocab, std::size_t window) {
  check_setting(training_setting("window").limit, static_cast<double>(window), "window");
  VocabOptions options;
  options.min_count = min_count;
  options.max_vocab = max_vocab;
  auto corpus = std::make_unique<Corpus>(build_shuffled_corpus(text, options, kLineOrderSeed));
  trainer_.reset();
  index_.reset();
  corpus_ = std::move(corpus);
  const auto start = std::chrono::steady_clock::now();
  index_ = std::make_unique<ContextIndex>(*corpus_, window);
  LabCorpus summary;
  summary.index_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  summary.raw_words = corpus_->raw_words;
  summary.vocab = corpus_->vocab.size();
  summary.sentences = corpus_->sentence_count();
  summary.window = window;
  summary.index_bytes = index_->memory_bytes();
  progress_ = {};
  return summary;
}

TrainingProgress ContextLab::configure(TrainingParams params) {
  if (!corpus_) throw NotReadyError("no corpus yet: load the contexts corpus first");
  params.model = Model::SkipGram;
  params.window = static_cast<int>(index_->window());
  trainer_.reset();
  trainer_ = std::make_unique<Trainer>(*corpus_, params);
  progress_ = trainer_->progress();
  return progress_;
}

const Trainer& ContextLab::trainer() const {
  if (!trainer_) throw NotReadyError("no training yet: configure the contexts run first");
  return *trainer_;
}

TrainingProgress ContextLab::step(std::uint64_t words) {
  trainer();
  progress_ = trainer_->step(words);
  return progress_;
}

TrainingProgress ContextLab::progress() const {
  trainer();
  return progress_;
}

const Vocab& ContextLab::vocab() const {
  if (!corpus_) throw NotReadyError("no corpus yet: load the contexts corpus first");
  return corpus_->vocab;
}

const ContextIndex& ContextLab::index() const {
  if (!index_) throw NotReadyError("no corpus yet: load the contexts corpus first");
  return *index_;
}

std::int32_t ContextLab::find(std::string_view word) const {
  const Vocab& words = vocab();
  const std::int32_t id = words.find(word);
  return id >= 0 ? id : words.find(lowercase(word));
}

std::int32_t ContextLab::resolve(std::string_view word) const {
  const std::int32_t id = find(word);
  if (id < 0) throw Error("unknown word '" + std::string(word) + "'");
  return id;
}

std::vector<std::pair<std::int32_t, float>> ContextLab::nearest(std::int32_t id, std::size_t k) const {
  const Matrix& input = trainer().input_vectors();
  const std::size_t dim = input.cols();
  const std::size_t rows = input.rows();
  std::vector<float> dots(rows);
  kernels::dot_rows(input.data(), rows, dim, input.row(static_cast<std::size_t>(id)), dots.data());
  std::vector<std::pair<std::int32_t, float>> scored;
  scored.reserve(rows);
  const float own = std::sqrt(dots[static_cast<std::size_t>(id)]);
  for (std::size_t r = 0; r < rows; ++r) {
    if (static_cast<std::int32_t>(r) == id) continue;
    const float norm = std::sqrt(kernels::dot(input.row(r), input.row(r), dim));
    scored.emplace_back(static_cast<std::int32_t>(r), own > 0 && norm > 0 ? dots[r] / (own * norm) : 0.0f);
  }
  const std::size_t keep = std::min(k, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep), scored.end(),
                    [](const auto& x, const auto& y) { return x.second != y.second ? x.second > y.second : x.first < y.first; });
  scored.resize(keep);
  return scored;
}

std::vector<std::pair<std::int32_t, float>> ContextLab::neighbours(std::string_view word, std::size_t k) const {
  return nearest(resolve(word), k);
}

float ContextLab::cosine(std::string_view a, std::string_view b) const {
  const Matrix& input = trainer().input_vectors();
  const std::int32_t x = find(a);
  const std::int32_t y = find(b);
  if (x < 0 || y < 0) return std::numeric_limits<float>::quiet_NaN();
  const float* u = input.row(static_cast<std::size_t>(x));
  const float* v = input.row(static_cast<std::size_t>(y));
  const std::size_t dim = input.cols();
  const float nu = std::sqrt(kernels::dot(u, u, dim));
  const float nv = std::sqrt(kernels::dot(v, v, dim));
  return nu > 0 && nv > 0 ? kernels::dot(u, v, dim) / (nu * nv) : 0.0f;
}

PushBatch ContextLab::pushes(std::string_view word, std::size_t count, std::size_t neighbours, std::uint64_t max_words) {
  trainer();
  const std::int32_t id = resolve(word);
  PushWatch watch;
  watch.probe = id;
  watch.limit = count;
  for (const auto& [other, score] : nearest(id, neighbours)) watch.neighbours.push_back(other);
  PushBatch batch;
  batch.probe = vocab().word(id);
  for (const std::int32_t other : watch.neighbours) batch.neighbours.push_back(vocab().word(other));
  trainer_->watch(&watch);
  try {
    std::uint64_t read = 0;
    const std::uint64_t before = progress_.words_done;
    while (watch.pushes.size() < count && !trainer_->finished() && read < max_words) {
      progress_ = trainer_->step(1);  // one sentence
      read = progress_.words_done - before;
    }
  } catch (...) {
    trainer_->watch(nullptr);
    throw;
  }
  trainer_->watch(nullptr);
  batch.pushes = std::move(watch.pushes);
  batch.seen = watch.seen;
  batch.progress = progress_;
  return batch;
}

Predictions ContextLab::predict(std::string_view word, std::size_t k) const {
  const Trainer& run = trainer();
  const std::int32_t id = resolve(word);
  const Matrix& input = run.input_vectors();
  const Matrix& output = run.output_vectors();
  const std::size_t rows = output.rows();
  std::vector<float> dots(rows);
  kernels::dot_rows(output.data(), rows, output.cols(), input.row(static_cast<std::size_t>(id)), dots.data());
  std::vector<double> shares(rows, 0.0);
  std::vector<ContextCount> seen = index().contexts(id);
  for (const ContextCount& c : seen) shares[static_cast<std::size_t>(c.id)] = c.share;
  // The telling contexts first (count x PMI, as the model's own scores lean towards PMI), then the
  // merely frequent ones.
  const auto weight = [](const ContextCount& c) { return c.pmi > 0 ? static_cast<double>(c.count) * c.pmi : 0.0; };
  std::stable_sort(seen.begin(), seen.end(), [&](const ContextCount& x, const ContextCount& y) { return weight(x) > weight(y); });

  Predictions result;
  double sum = 0;
  std::vector<std::int32_t> order;
  order.reserve(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    sum += sigmoid(dots[r]);
    if (static_cast<std::int32_t>(r) != id) order.push_back(static_cast<std::int32_t>(r));
  }
  result.mean_all = rows ? sum / static_cast<double>(rows) : 0.0;
  const std::size_t keep = std::min(k, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(),
                    [&](std::int32_t x, std::int32_t y) {
                      const float dx = dots[static_cast<std::size_t>(x)];
                      const float dy = dots[static_cast<std::size_t>(y)];
                      return dx != dy ? dx > dy : x < y;
                    });
  for (std::size_t i = 0; i < keep; ++i) {
    const auto r = static_cast<std::size_t>(order[i]);
    result.predicted.push_back({order[i], sigmoid(dots[r]), shares[r]});
  }
  double actual_sum = 0;
  for (const ContextCount& c : seen) {
    if (result.actual.size() >= k) break;
    if (c.id == id) continue;
    const auto r = static_cast<std::size_t>(c.id);
    result.actual.push_back({c.id, sigmoid(dots[r]), c.share});
    actual_sum += sigmoid(dots[r]);
  }
  result.mean_actual = result.actual.empty() ? 0.0 : actual_sum / static_cast<double>(result.actual.size());
  for (const Prediction& p : result.predicted) {
    for (const Prediction& a : result.actual) result.agreement += p.id == a.id ? 1 : 0;
  }
  return result;
}

}  // namespace shelf
