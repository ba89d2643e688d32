#include "shelf/sampling.h"

#include <cmath>
#include <numeric>

namespace shelf {

namespace {
constexpr double kTwoTo32 = 4294967296.0;
std::uint32_t to_threshold(double probability) {
  if (probability >= 1.0) return 0xFFFFFFFFu;
  if (probability <= 0.0) return 0;
  return static_cast<std::uint32_t>(probability * kTwoTo32);
}
}  // namespace

AliasSampler::AliasSampler(const std::vector<double>& weights) {
  const std::size_t n = weights.size();
  accept_.assign(n, 0xFFFFFFFFu);
  alias_.resize(n);
  std::iota(alias_.begin(), alias_.end(), 0);
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (n == 0 || !(total > 0)) return;

  std::vector<double> scaled(n);
  std::vector<std::int32_t> small, large;
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = weights[i] * static_cast<double>(n) / total;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::int32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const std::int32_t s = small.back(), l = large.back();
    small.pop_back();
    accept_[static_cast<std::size_t>(s)] = to_threshold(scaled[static_cast<std::size_t>(s)]);
    alias_[static_cast<std::size_t>(s)] = l;
    scaled[static_cast<std::size_t>(l)] -= 1.0 - scaled[static_cast<std::size_t>(s)];
    if (scaled[static_cast<std::size_t>(l)] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // Whatever is left holds probability 1 up to rounding.
}

AliasSampler unigram_sampler(const std::vector<std::int64_t>& counts, double power) {
  std::vector<double> weights(counts.size());
  for (std::size_t i = 0; i < counts.size(); ++i) {
    weights[i] = std::pow(static_cast<double>(counts[i]), power);
  }
  return AliasSampler(weights);
}

std::vector<std::uint32_t> subsample_thresholds(const std::vector<std::int64_t>& counts, double sample) {
  std::vector<std::uint32_t> thresholds(counts.size(), 0xFFFFFFFFu);
  if (sample <= 0) return thresholds;
  const double total = static_cast<double>(std::accumulate(counts.begin(), counts.end(), std::int64_t{0}));
  const double t = sample * total;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const double f = static_cast<double>(counts[i]);
    if (f > 0) thresholds[i] = to_threshold((std::sqrt(f / t) + 1.0) * t / f);
  }
  return thresholds;
}

}  // namespace shelf
