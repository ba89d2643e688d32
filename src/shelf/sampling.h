// The two word-frequency distributions of word2vec training.
#pragma once
#include <cstdint>
#include <vector>

#include "shelf/random.h"

namespace shelf {

// Draws ids from a fixed discrete distribution in O(1) (Walker's alias method). It replaces
// word2vec's 10^8-entry unigram table: exact probabilities in 8 bytes per word, which matters
// inside a browser tab.
class AliasSampler {
 public:
  AliasSampler() = default;
  explicit AliasSampler(const std::vector<double>& weights);
  std::int32_t sample(Random& random) const noexcept {
    const std::uint32_t slot = random.below(static_cast<std::uint32_t>(accept_.size()));
    return random.next32() < accept_[slot] ? static_cast<std::int32_t>(slot) : alias_[slot];
  }
  std::size_t size() const noexcept { return accept_.size(); }

 private:
  std::vector<std::uint32_t> accept_;  // probability of keeping the slot, scaled to 2^32
  std::vector<std::int32_t> alias_;
};

// Negative-sampling distribution: count^power, normalised (word2vec uses power 0.75).
AliasSampler unigram_sampler(const std::vector<std::int64_t>& counts, double power = 0.75);

// Per-word probability of keeping an occurrence, scaled to 2^32, by word2vec's formula
// keep = (sqrt(f / t) + 1) * t / f with t = sample * total; sample <= 0 keeps everything.
std::vector<std::uint32_t> subsample_thresholds(const std::vector<std::int64_t>& counts, double sample);

}  // namespace shelf
