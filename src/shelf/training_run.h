// The training run: the loaded corpus and the trainer working on it. Training is sliced into
// step()s so that a page can show progress and ask questions between slices; the vectors the
// questions are answered from live elsewhere (current_vectors.h), and the Session tells them
// when a step has moved the trainer's vectors.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "shelf/corpus.h"
#include "shelf/embeddings.h"
#include "shelf/trainer.h"

namespace shelf {

struct CorpusSummary {
  std::uint64_t raw_words = 0;   // every token of the text
  std::size_t vocab = 0;         // words kept (count >= min_count, capped at max_vocab)
  std::size_t sentences = 0;     // as the trainer sees them (long lines are cut)
};

class TrainingRun {
 public:
  TrainingRun();
  ~TrainingRun();

  // Replaces the corpus and drops the trainer. The new corpus is built before anything is
  // dropped, so a text that cannot be read loses nothing.
  CorpusSummary load_corpus(std::string_view text, std::int64_t min_count, std::size_t max_vocab);
  // Throws NotReadyError without a corpus and shelf::Error for parameters out of range.
  void check(const TrainingParams& params) const;
  // A fresh trainer from random vectors on the corpus (check() first; drop_trainer() before, so
  // that the old run's memory is free when the new one is allocated).
  TrainingProgress start(const TrainingParams& params);
  // Trains about `words` more corpus words (at least one sentence).
  TrainingProgress step(std::uint64_t words);
  // The progress of the last step (or of start), loss included; NotReadyError without a trainer.
  TrainingProgress progress() const;
  void drop_trainer() noexcept;
  // Drops the trainer and the corpus.
  void cancel() noexcept;

  bool has_trainer() const noexcept { return trainer_ != nullptr; }
  bool has_corpus() const noexcept { return corpus_ != nullptr; }
  bool finished() const { return trainer_ && trainer_->finished(); }
  // The corpus's vocabulary; call only with a corpus.
  const Vocab& vocab() const { return corpus_->vocab; }
  // Words in the corpus's vocabulary (0 without one): the rows start() will allocate.
  std::size_t vocab_size() const noexcept { return corpus_ ? corpus_->vocab.size() : 0; }
  // The trainer's matrices (0 without a trainer).
  std::uint64_t matrix_bytes() const noexcept { return trainer_ ? trainer_->matrix_bytes() : 0; }
  // The trainer's current input vectors; call only with a trainer.
  Embeddings embeddings() const { return trainer_->embeddings(); }

 private:
  std::unique_ptr<Corpus> corpus_;
  std::unique_ptr<Trainer> trainer_;   // reads *corpus_: declared after it, destroyed before it
  TrainingProgress progress_;
};

}  // namespace shelf
