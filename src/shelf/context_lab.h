// Why words move, as one object: a corpus with its context index and a skip-gram trainer on it,
// stepped in slices, whose single updates of one word can be watched, and whose predictions of a
// word's contexts can be set beside the contexts the corpus really has. The browser's contexts
// lesson holds one, apart from the playground's Session, so retraining it on an edited text leaves
// the learner's own training alone.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "shelf/context_index.h"
#include "shelf/corpus.h"
#include "shelf/push_watch.h"
#include "shelf/trainer.h"

namespace shelf {

struct LabCorpus {
  std::uint64_t raw_words = 0;
  std::size_t vocab = 0;
  std::size_t sentences = 0;
  std::size_t window = 0;
  double index_seconds = 0;     // building the context index
  std::size_t index_bytes = 0;
};

// A batch of watched updates: the pushes recorded, with the words they name.
struct PushBatch {
  std::string probe;
  std::vector<std::string> neighbours;     // Push::neighbour_* are in this order
  std::vector<Push> pushes;
  std::uint64_t seen = 0;                  // updates of the probe so far (recorded or not)
  TrainingProgress progress;
};

struct Prediction {
  std::int32_t id = -1;
  float probability = 0;     // sigmoid(input[word] . output[context]): the model's "is it a context?"
  double share = 0;          // its share of the word's contexts in the corpus (0 if never seen there)
};

struct Predictions {
  std::vector<Prediction> predicted;   // the model's k most likely contexts
  std::vector<Prediction> actual;      // the corpus's k most telling contexts (count x PMI), with the model's probability
  std::size_t agreement = 0;           // how many words both lists have
  double mean_actual = 0;              // mean probability the model gives the actual ones
  double mean_all = 0;                 // ... and every word of the vocabulary (the background)
};

class ContextLab {
 public:
  ContextLab();
  ~ContextLab();
  ContextLab(const ContextLab&) = delete;
  ContextLab& operator=(const ContextLab&) = delete;

  // The lab reads the lines of its text in one fixed shuffled order (build_shuffled_corpus).
  static constexpr std::uint64_t kLineOrderSeed = 1;
  // Replaces the corpus (and drops the trainer); indexes contexts `window` words to each side.
  LabCorpus load(std::string_view text, std::int64_t min_count, std::size_t max_vocab, std::size_t window);
  // A fresh skip-gram run (the model is always skip-gram; the window is the index's).
  TrainingProgress configure(TrainingParams params);
  TrainingProgress step(std::uint64_t words);
  TrainingProgress progress() const;
  // Trains sentence by sentence until `count` updates of `word` are recorded or `max_words` more
  // corpus words are read; each push reports its cosine with the word's `neighbours` nearest.
  PushBatch pushes(std::string_view word, std::size_t count, std::size_t neighbours, std::uint64_t max_words);
  Predictions predict(std::string_view word, std::size_t k) const;
  // Cosine of the current vectors of two words; NaN when either is unknown.
  float cosine(std::string_view a, std::string_view b) const;
  // The k nearest words (cosine) of a word, itself left out.
  std::vector<std::pair<std::int32_t, float>> neighbours(std::string_view word, std::size_t k) const;

  // The word's id as typed: exact first, then lowercased; throws "unknown word 'x'".
  std::int32_t resolve(std::string_view word) const;
  // -1 instead of throwing.
  std::int32_t find(std::string_view word) const;
  const Vocab& vocab() const;
  const ContextIndex& index() const;
  bool has_trainer() const noexcept { return trainer_ != nullptr; }

 private:
  const Trainer& trainer() const;
  std::vector<std::pair<std::int32_t, float>> nearest(std::int32_t id, std::size_t k) const;

  std::unique_ptr<Corpus> corpus_;
  std::unique_ptr<ContextIndex> index_;   // reads *corpus_
  std::unique_ptr<Trainer> trainer_;      // reads *corpus_
  TrainingProgress progress_;
};

}  // namespace shelf
