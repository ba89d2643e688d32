// Per-thread training state, apart from the shared weights (internal to the trainer's files).
#pragma once
#include <atomic>
#include <cstdint>
#include <vector>

#include "shelf/kernels.h"
#include "shelf/random.h"
#include "shelf/trainer.h"

namespace shelf {

// Cache-line aligned, so that two lanes' hot fields (one thread's random state, the other's
// counters) never share a line.
struct alignas(64) Trainer::Lane {
  Random random;
  std::size_t first_sentence = 0;
  std::size_t end_sentence = 0;
  std::size_t next_sentence = 0;
  int epoch = 0;
  std::vector<std::int32_t> kept;    // the current sentence after subsampling
  std::vector<float> hidden;         // CBOW's context mean
  std::vector<float> gradient;       // error to add back to the input vector(s)
  std::size_t target_count = 0;      // the positive word first, then the negatives
  float* target_rows[kernels::kMaxTargets];
  float scores[kernels::kMaxTargets];
  float coefficients[kernels::kMaxTargets];
  double loss_sum = 0;
  std::uint64_t examples = 0;
  // What a reporting thread may read while the lane trains (Hogwild).
  std::atomic<double> published_loss{0};
  std::atomic<std::uint64_t> published_examples{0};
  explicit Lane(std::uint64_t seed) : random(seed) {}
};

}  // namespace shelf
