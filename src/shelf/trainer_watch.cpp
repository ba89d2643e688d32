// The skip-gram step with a watched word: the same updates as Trainer::skipgram (the same random
// draws in the same order, so a watched run trains exactly the vectors an unwatched one does), and
// a record of each update of the watched word's vector.
#include <algorithm>
#include <cmath>

#include "shelf/kernels.h"
#include "shelf/push_watch.h"
#include "shelf/trainer.h"
#include "shelf/trainer_lane.h"

namespace shelf {

namespace {

float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

float cosine(const float* a, const float* b, std::size_t dim) {
  const float na = std::sqrt(kernels::dot(a, a, dim));
  const float nb = std::sqrt(kernels::dot(b, b, dim));
  return na > 0 && nb > 0 ? kernels::dot(a, b, dim) / (na * nb) : 0.0f;
}

}  // namespace

void Trainer::skipgram_watched(Lane& lane, const std::int32_t* words, std::size_t n, float lr, std::size_t sentence) {
  PushWatch& watch = *watch_;
  const std::size_t dim = static_cast<std::size_t>(params_.dim);
  const auto window = static_cast<std::uint32_t>(params_.window);
  std::vector<float> before(dim);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t span = window - lane.random.below(window);
    const std::size_t begin = i > span ? i - span : 0;
    const std::size_t end = std::min(n, i + span + 1);
    if (params_.shared_negatives) draw_targets(lane, words[i]);
    for (std::size_t j = begin; j < end; ++j) {
      if (j == i) continue;
      if (!params_.shared_negatives) draw_targets(lane, words[i]);
      float* context = input_.row(static_cast<std::size_t>(words[j]));
      const bool record = words[j] == watch.probe;
      if (!record) {
        apply_targets(lane, context, context, lr);
        continue;
      }
      ++watch.seen;
      if (watch.pushes.size() >= watch.limit) {
        apply_targets(lane, context, context, lr);
        continue;
      }
      Push push;
      push.number = watch.seen;
      push.sentence = sentence;
      push.window.assign(words + begin, words + end);
      push.centre = i - begin;
      push.probe = j - begin;
      push.positive = words[i];
      push.learning_rate = lr;
      for (std::size_t t = 1; t < lane.target_count; ++t) {
        push.negatives.push_back(static_cast<std::int32_t>((lane.target_rows[t] - output_.data()) / static_cast<std::ptrdiff_t>(dim)));
      }
      std::copy(context, context + dim, before.begin());
      for (const std::int32_t other : watch.neighbours) {
        push.neighbour_before.push_back(cosine(before.data(), input_.row(static_cast<std::size_t>(other)), dim));
      }
      apply_targets(lane, context, context, lr);
      for (std::size_t t = 0; t < lane.target_count; ++t) {
        push.before_scores.push_back(sigmoid(lane.scores[t]));
        push.after_scores.push_back(sigmoid(kernels::dot(context, lane.target_rows[t], dim)));
      }
      float moved = 0;
      for (std::size_t d = 0; d < dim; ++d) moved += (context[d] - before[d]) * (context[d] - before[d]);
      push.moved = std::sqrt(moved);
      for (const std::int32_t other : watch.neighbours) {
        push.neighbour_after.push_back(cosine(context, input_.row(static_cast<std::size_t>(other)), dim));
      }
      watch.pushes.push_back(std::move(push));
    }
  }
}

}  // namespace shelf
