// One skip-gram update of a watched word's vector, as it happened: the window it came from, the
// word it had to predict and the negatives drawn against it, and how it moved the word towards or
// away from its neighbours. Trainer::watch() fills a PushWatch while training steps on one thread.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace shelf {

struct Push {
  std::uint64_t number = 0;            // 1-based count of the probe's updates since watching began
  std::size_t sentence = 0;            // corpus sentence the window is from
  std::vector<std::int32_t> window;    // the words of the window as trained (after subsampling)
  std::size_t centre = 0;              // index in `window` of the word predicted (the positive)
  std::size_t probe = 0;               // index in `window` of the watched word
  std::int32_t positive = -1;
  std::vector<std::int32_t> negatives; // drawn from the unigram^0.75 distribution
  std::vector<float> before_scores;    // sigmoid(probe . output) before the update: positive, then negatives
  std::vector<float> after_scores;     // the same after it
  float learning_rate = 0;
  float moved = 0;                     // length of the change of the probe's vector
  std::vector<float> neighbour_before; // cosine of the probe with each PushWatch::neighbours, before
  std::vector<float> neighbour_after;  // ... and after (only the probe's vector changed)
};

struct PushWatch {
  std::int32_t probe = -1;
  std::vector<std::int32_t> neighbours;  // whose cosine with the probe each push reports
  std::size_t limit = 0;                 // pushes kept; the updates beyond it are only counted
  std::vector<Push> pushes;
  std::uint64_t seen = 0;                // updates of the probe since watching began
};

}  // namespace shelf
