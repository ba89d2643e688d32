// Hogwild! training (Recht et al. 2011), as word2vec and fastText do it: each thread trains its
// own slice of the sentences on the shared weights without locks; a thread that finishes its
// slice early takes over the end of another's (WorkQueue), so neither waits for the other.
#include <chrono>
#include <thread>

#include "shelf/error.h"
#include "shelf/trainer.h"
#include "shelf/trainer_lane.h"
#include "shelf/work_queue.h"

#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
#define SHELF_HAS_THREADS 0
#else
#define SHELF_HAS_THREADS 1
#endif

namespace shelf {

#if SHELF_HAS_THREADS
namespace {
// Words of corpus in one piece of shared work: small enough that the threads end together, large
// enough that taking a piece costs nothing (word2vec updates its learning rate as often).
constexpr std::size_t kChunkWords = 10000;

// The first sentence of each chunk of about kChunkWords words, then the sentence count.
std::vector<std::size_t> chunk_starts(const Corpus& corpus) {
  std::vector<std::size_t> starts{0};
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
  return starts;
}
}  // namespace

// Chunk v of the work is chunk v % chunks of the corpus (all epochs in a row), and the work queue
// gives each thread a contiguous part of that sequence to start from, as word2vec's file offsets
// do, then lets threads that finish early take the others' last chunks.
void Trainer::run_shared_lane(Lane& lane, std::size_t thread, WorkQueue& work,
                              const std::vector<std::size_t>& starts) {
  const std::size_t dim = static_cast<std::size_t>(params_.dim);
  lane.hidden.resize(dim);
  lane.gradient.resize(dim);
  const std::size_t chunks = starts.size() - 1;
  std::uint32_t piece = 0;
  while (work.take(thread, piece)) {
    const std::size_t chunk = piece % chunks;
    std::uint64_t words = 0;
    for (std::size_t s = starts[chunk]; s < starts[chunk + 1]; ++s) words += train_sentence(lane, s);
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
  const auto starts = chunk_starts(corpus_);
  WorkQueue work(static_cast<std::uint64_t>(params_.epochs) * (starts.size() - 1),
                 static_cast<std::size_t>(threads));
  lanes_.resize(1);
  for (int k = 1; k < threads; ++k) {
    lanes_.push_back(std::make_unique<Lane>(params_.seed ^ (0x5DEECE66Dull + static_cast<std::uint64_t>(k))));
  }

  const auto start = std::chrono::steady_clock::now();
  const double seconds_before = seconds_;
  std::atomic<int> running{threads};
  std::vector<std::thread> workers;
  for (std::size_t k = 0; k < lanes_.size(); ++k) {
    workers.emplace_back([this, k, &work, &starts, &running] {
      run_shared_lane(*lanes_[k], k, work, starts);
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
