// Skip-gram and CBOW with negative sampling: the model of word2vec and fastText (random dynamic
// window, linear learning-rate decay to zero over all epochs, a precomputed sigmoid table, input
// vectors uniform in ±init_range/dim, output vectors zero).
//
// The caller drives training: step(n) trains about n more words and returns, so a browser worker
// can animate, pause and cancel between steps. One thread and one seed give identical vectors.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "shelf/corpus.h"
#include "shelf/embeddings.h"
#include "shelf/matrix.h"
#include "shelf/random.h"
#include "shelf/sampling.h"
#include "shelf/training_params.h"

namespace shelf {

struct PushWatch;  // shelf/push_watch.h

struct TrainingProgress {
  std::uint64_t words_done = 0;    // corpus words read (before subsampling), over all epochs
  std::uint64_t words_total = 0;   // corpus words × epochs
  int epoch = 0;                   // 0-based epoch now under way
  int epochs = 0;
  float learning_rate = 0;
  double loss = 0;                 // mean loss per training example since the previous report
  double average_loss = 0;         // mean loss per example since training started
  double seconds = 0;              // time spent training (pauses excluded)
  double words_per_second = 0;     // words_done / seconds
  bool finished = false;
  double fraction() const { return words_total ? double(words_done) / double(words_total) : 1.0; }
};

class Trainer {
 public:
  // The corpus must outlive the trainer.
  Trainer(const Corpus& corpus, const TrainingParams& params);
  ~Trainer();
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  // Trains whole sentences until at least `max_words` more corpus words are read or training ends.
  TrainingProgress step(std::uint64_t max_words);
  // Hogwild! training to the end on `threads` threads, reporting about every `report_seconds`.
  // Throws shelf::Error where the build has no threads (WebAssembly without pthreads).
  TrainingProgress train_parallel(int threads, const std::function<void(const TrainingProgress&)>& report,
                                  double report_seconds = 1.0);
  TrainingProgress progress();
  bool finished() const noexcept;

  const TrainingParams& params() const noexcept { return params_; }
  const Vocab& vocab() const noexcept { return corpus_.vocab; }
  const Matrix& input_vectors() const noexcept { return input_; }
  // The input and output matrices: what most of a trainer's memory is.
  std::size_t matrix_bytes() const noexcept { return (input_.size() + output_.size()) * sizeof(float); }
  Embeddings embeddings() const;
  // The output vectors (skip-gram: what a word predicts its context words with).
  const Matrix& output_vectors() const noexcept { return output_; }
  // Records each skip-gram update of `watch->probe`'s vector into `watch` (push_watch.h) until
  // nullptr is given again. The check is made once per sentence, so an unwatched run pays nothing.
  void watch(PushWatch* watch) noexcept { watch_ = watch; }

 private:
  struct Lane;
  // Trains one sentence; returns how many corpus words it had (before subsampling).
  std::uint64_t train_sentence(Lane& lane, std::size_t sentence);
  void skipgram(Lane& lane, const std::int32_t* words, std::size_t n, float lr);
  void cbow(Lane& lane, const std::int32_t* words, std::size_t n, float lr);
  // skipgram() that also records the updates of the watched word (trainer_watch.cpp).
  void skipgram_watched(Lane& lane, const std::int32_t* words, std::size_t n, float lr, std::size_t sentence);
  // The positive word and `negative` sampled words (never the positive) into lane.targets.
  void draw_targets(Lane& lane, std::int32_t positive);
  // Scores `hidden` against lane.targets, updates their rows and adds the error to `gradient`
  // (which may be `hidden` itself).
  void apply_targets(Lane& lane, const float* hidden, float* gradient, float lr);
  float current_learning_rate() const noexcept;
  // Runs `lane` over its sentences until `max_words` are read or its epochs end.
  std::uint64_t run_lane(Lane& lane, std::uint64_t max_words);
  struct SharedChunks;
  // Hogwild: runs `lane` over the chunks it takes from `chunks` until none are left.
  void run_shared_lane(Lane& lane, SharedChunks& chunks);
  TrainingProgress make_progress(double loss_sum, std::uint64_t examples);

  const Corpus& corpus_;
  TrainingParams params_;
  Matrix input_;
  Matrix output_;
  AliasSampler negatives_;
  std::vector<std::uint32_t> keep_thresholds_;
  std::vector<std::unique_ptr<Lane>> lanes_;
  // Every training thread adds to it: on a cache line of its own, away from what they only read.
  struct alignas(64) WordCount {
    std::atomic<std::uint64_t> value{0};
  };
  WordCount words_done_;
  std::uint64_t words_total_ = 0;
  double seconds_ = 0;
  double total_loss_ = 0;
  std::uint64_t total_examples_ = 0;
  PushWatch* watch_ = nullptr;
};

}  // namespace shelf
