// Hogwild! training (Recht et al. 2011): the threads update the shared weights without locks.
// They take the corpus, all epochs in a row, in chunks of about 10,000 words from one counter, in
// order, as gensim's workers take their jobs: at any moment they train nearby text, so the rows
// one thread brings into the shared cache are soon used by the other, and neither waits for the
// other at the end. (Giving each thread a slice of the corpus of its own, as word2vec does, cost
// more processor time for the same words than taking chunks in turn; the training figures are
// in docs/benchmarks.md.)
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

#if SHELF_HAS_THREADS
namespace {
// Small enough that the threads end together, large enough that taking a chunk costs nothing
// (word2vec updates its learning rate as often).
constexpr std::size_t kChunkWords = 10000;
}  // namespace

struct Trainer::SharedChunks {
  std::vector<std::size_t> starts;      // first sentence of each chunk, then the sentence count
  std::uint64_t total = 0;              // chunks × epochs
  std::atomic<std::uint64_t> next{0};   // the next chunk to hand out, counting over all epochs

  SharedChunks(const Corpus& corpus, int epochs) : starts{0} {
    const std::size_t sentences = corpus.sentence_count();
    std::size_t words = 0;
    for (std::size_t s = 0; s < sentences; ++s) {
      if (words >= kChunkWords) {
        starts.push_back(s);
        words = 0;
      }
      words += corpus.sentence_starts[s + 1] - corpus.sentence_starts[s];
    }
    starts.push_back(sentences);
    total = static_cast<std::uint64_t>(epochs) * (starts.size() - 1);
  }
};

void Trainer::run_shared_lane(Lane& lane, SharedChunks& chunks) {
  const std::size_t dim = static_cast<std::size_t>(params_.dim);
  lane.hidden.resize(dim);
  lane.gradient.resize(dim);
  const std::size_t per_epoch = chunks.starts.size() - 1;
  for (std::uint64_t piece = chunks.next.fetch_add(1); piece < chunks.total; piece = chunks.next.fetch_add(1)) {
    const std::size_t chunk = static_cast<std::size_t>(piece % per_epoch);
    std::uint64_t words = 0;
    for (std::size_t s = chunks.starts[chunk]; s < chunks.starts[chunk + 1]; ++s) words += train_sentence(lane, s);
    words_done_.value.fetch_add(words, std::memory_order_relaxed);
    lane.published_loss.store(lane.loss_sum, std::memory_order_relaxed);
    lane.published_examples.store(lane.examples, std::memory_order_relaxed);
  }
}
#endif

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
  if (words_done_.value.load() != 0) throw Error("parallel training must start from the beginning");
  SharedChunks chunks(corpus_, params_.epochs);
  lanes_.resize(1);
  for (int k = 1; k < threads; ++k) {
    lanes_.push_back(std::make_unique<Lane>(params_.seed ^ (0x5DEECE66Dull + static_cast<std::uint64_t>(k))));
  }

  const auto start = std::chrono::steady_clock::now();
  const double seconds_before = seconds_;
  std::atomic<int> running{threads};
  std::vector<std::thread> workers;
  for (std::size_t k = 0; k < lanes_.size(); ++k) {
    workers.emplace_back([this, k, &chunks, &running] {
      run_shared_lane(*lanes_[k], chunks);
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
