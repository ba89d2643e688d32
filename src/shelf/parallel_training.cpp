// Hogwild! training (Recht et al. 2011), as word2vec and fastText do it: each thread trains its
// own slice of the sentences on the shared weights without locks.
#include <chrono>
#include <thread>

#include "shelf/error.h"
#include "shelf/trainer.h"
#include "shelf/trainer_lane.h"

#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
#define SHELF_HAS_THREADS 0
#else
#define SHELF_HAS_THREADS 1
#endif

namespace shelf {

namespace {
// Sentence boundaries that split the corpus into `parts` slices of about equal word counts.
std::vector<std::size_t> split_sentences(const Corpus& corpus, std::size_t parts) {
  std::vector<std::size_t> bounds{0};
  const std::size_t sentences = corpus.sentence_count();
  for (std::size_t k = 1; k < parts; ++k) {
    const std::size_t target = corpus.ids.size() * k / parts;
    std::size_t s = bounds.back();
    while (s < sentences && corpus.sentence_starts[s] < target) ++s;
    bounds.push_back(s);
  }
  bounds.push_back(sentences);
  return bounds;
}
}  // namespace

TrainingProgress Trainer::train_parallel(int threads, const std::function<void(const TrainingProgress&)>& report,
                                         double report_seconds) {
  if (threads < 1 || threads > 256) throw Error("threads must be between 1 and 256, got " + std::to_string(threads));
  if (threads == 1) {
    // Same vectors as stepping by hand: one lane, one random stream.
    std::uint64_t chunk = 100000;
    TrainingProgress p = progress();
    while (!finished()) {
      p = step(chunk);
      if (report) report(p);
    }
    return p;
  }
#if !SHELF_HAS_THREADS
  throw Error("this build has no threads; train with --threads 1");
#else
  if (words_done_.load() != 0) throw Error("parallel training must start from the beginning");
  const auto bounds = split_sentences(corpus_, static_cast<std::size_t>(threads));
  lanes_.resize(1);
  for (int k = 1; k < threads; ++k) {
    lanes_.push_back(std::make_unique<Lane>(params_.seed ^ (0x5DEECE66Dull + static_cast<std::uint64_t>(k))));
  }
  for (std::size_t k = 0; k < lanes_.size(); ++k) {
    lanes_[k]->first_sentence = lanes_[k]->next_sentence = bounds[k];
    lanes_[k]->end_sentence = bounds[k + 1];
  }

  const auto start = std::chrono::steady_clock::now();
  const double seconds_before = seconds_;
  std::atomic<int> running{threads};
  std::vector<std::thread> workers;
  for (auto& lane : lanes_) {
    workers.emplace_back([this, &lane, &running] {
      run_lane(*lane, UINT64_MAX);
      running.fetch_sub(1);
    });
  }
  double reported_loss = 0;
  std::uint64_t reported_examples = 0;
  auto snapshot = [&] {
    double loss = 0;
    std::uint64_t examples = 0;
    for (auto& lane : lanes_) {
      loss += lane->published_loss.load(std::memory_order_relaxed);
      examples += lane->published_examples.load(std::memory_order_relaxed);
    }
    seconds_ = seconds_before + std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    TrainingProgress p = make_progress(loss - reported_loss, examples - reported_examples);
    reported_loss = loss;
    reported_examples = examples;
    return p;
  };
  const auto tick = std::chrono::duration<double>(std::max(report_seconds, 0.01)) / 10;
  auto next_report = std::chrono::steady_clock::now() + std::chrono::duration<double>(report_seconds);
  while (running.load() > 0) {
    std::this_thread::sleep_for(tick);
    if (report && std::chrono::steady_clock::now() >= next_report) {
      report(snapshot());
      next_report += std::chrono::duration<double>(report_seconds);
    }
  }
  for (auto& worker : workers) worker.join();
  TrainingProgress p = snapshot();
  lanes_.resize(1);
  lanes_.front()->loss_sum = lanes_.front()->examples = 0;
  lanes_.front()->published_loss = 0;
  lanes_.front()->published_examples = 0;
  if (report) report(p);
  return p;
#endif
}

}  // namespace shelf
