#include "shelf/umap.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "shelf/error.h"

namespace shelf {
namespace {

// Starting layouts are scaled to ±kStartSpread, UMAP's usual range (umap-js starts uniformly in it).
constexpr float kStartSpread = 10.0f;
// A gradient component never moves a point further than this per unit of learning rate.
constexpr float kClip = 4.0f;
// Keeps the repulsion finite for points that (nearly) coincide.
constexpr float kRepulsionEpsilon = 0.001f;
// The bandwidth search: iterations, and when the sum is close enough to its target.
constexpr int kBandwidthIterations = 64;
constexpr double kBandwidthTolerance = 1e-5;
// A bandwidth is never below this fraction of the mean distance, so that no point's memberships
// collapse to a step (UMAP's MIN_K_DIST_SCALE).
constexpr double kMinBandwidthScale = 1e-3;

float clip(float value) { return std::max(-kClip, std::min(kClip, value)); }

std::string point(std::size_t i) { return "point " + std::to_string(i); }

// The bandwidth sigma of one point: its memberships exp(-(d - rho) / sigma) to its k neighbours
// sum to log2(k + 1), as if the point itself (at distance 0, membership 1) were in the list the way
// UMAP's own search returns it. Bisection, doubling the upper end until it brackets the target.
double bandwidth(const double* distances, std::size_t k, double rho) {
  const double target = std::log2(static_cast<double>(k) + 1.0);
  double lo = 0.0, hi = std::numeric_limits<double>::infinity(), mid = 1.0;
  for (int iteration = 0; iteration < kBandwidthIterations; ++iteration) {
    double sum = 0.0;
    for (std::size_t j = 0; j < k; ++j) {
      const double beyond = distances[j] - rho;
      sum += beyond > 0 ? std::exp(-beyond / mid) : 1.0;
    }
    if (std::fabs(sum - target) < kBandwidthTolerance) break;
    if (sum > target) {
      hi = mid;
      mid = (lo + hi) / 2;
    } else {
      lo = mid;
      mid = std::isinf(hi) ? mid * 2 : (lo + hi) / 2;
    }
  }
  return mid;
}

struct FuzzyEdge {
  std::int32_t a, b;  // a < b
  float weight;
};

// The fuzzy simplicial set of the graph: each directed neighbour relation has a membership
// strength in [0, 1] (1 for the nearest neighbour, decaying with the distance beyond it at the
// point's own bandwidth); the two directions of a pair combine by fuzzy union, a + b − ab.
std::vector<FuzzyEdge> fuzzy_edges(const std::vector<std::int32_t>& neighbors, const std::vector<float>& similarities,
                                   std::size_t k) {
  const std::size_t n = neighbors.size() / k;
  std::vector<double> distance(neighbors.size());
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      const std::size_t slot = i * k + j;
      const std::int32_t id = neighbors[slot];
      if (id < 0 || static_cast<std::size_t>(id) >= n) {
        throw Error("UMAP: " + point(i) + " has neighbour " + std::to_string(id) + ", outside 0.." + std::to_string(n - 1));
      }
      if (static_cast<std::size_t>(id) == i) throw Error("UMAP: " + point(i) + " lists itself among its neighbours");
      for (std::size_t before = 0; before < j; ++before) {
        if (neighbors[i * k + before] == id) {
          throw Error("UMAP: " + point(i) + " lists neighbour " + std::to_string(id) + " twice");
        }
      }
      if (!std::isfinite(similarities[slot])) {
        throw Error("UMAP: the similarity of " + point(i) + " to neighbour " + std::to_string(id) + " is not a finite number");
      }
      distance[slot] = std::max(0.0, 1.0 - static_cast<double>(similarities[slot]));
      total += distance[slot];
    }
  }
  const double mean_distance = total / static_cast<double>(distance.size());

  std::vector<float> membership(neighbors.size());
  for (std::size_t i = 0; i < n; ++i) {
    const double* row = distance.data() + i * k;
    // rho: the distance to the nearest neighbour that is not a duplicate (local connectivity 1).
    double rho = 0.0, row_total = 0.0;
    for (std::size_t j = 0; j < k; ++j) {
      if (row[j] > 0 && (rho == 0.0 || row[j] < rho)) rho = row[j];
      row_total += row[j];
    }
    const double floor = kMinBandwidthScale * (rho > 0 ? row_total / static_cast<double>(k) : mean_distance);
    const double sigma = std::max(bandwidth(row, k, rho), floor);
    for (std::size_t j = 0; j < k; ++j) {
      const double beyond = row[j] - rho;
      membership[i * k + j] = beyond <= 0 || sigma == 0 ? 1.0f : static_cast<float>(std::exp(-beyond / sigma));
    }
  }

  std::vector<FuzzyEdge> edges;
  edges.reserve(neighbors.size());
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      const std::int32_t other = neighbors[i * k + j];
      const float forward = membership[i * k + j];
      float backward = 0.0f;
      bool mutual = false;
      for (std::size_t t = 0; t < k; ++t) {
        if (neighbors[static_cast<std::size_t>(other) * k + t] == static_cast<std::int32_t>(i)) {
          backward = membership[static_cast<std::size_t>(other) * k + t];
          mutual = true;
          break;
        }
      }
      if (mutual && other < static_cast<std::int32_t>(i)) continue;  // the pair is met from the other end
      const float weight = forward + backward - forward * backward;
      if (weight > 0) {
        const auto self = static_cast<std::int32_t>(i);
        edges.push_back({std::min(self, other), std::max(self, other), weight});
      }
    }
  }
  return edges;
}

void validate(const UmapOptions& options) {
  if (options.epochs && *options.epochs == 0) throw Error("UMAP: epochs must be at least 1");
  if (!(options.learning_rate > 0) || !std::isfinite(options.learning_rate)) {
    throw Error("UMAP: the learning rate must be a number above 0");
  }
  if (options.negative_sample_rate == 0) throw Error("UMAP: the negative sample rate must be at least 1");
}

}  // namespace

UmapCurve fit_umap_curve(double min_dist, double spread) {
  if (!(spread > 0) || !std::isfinite(spread)) throw Error("UMAP: spread must be a number above 0");
  if (!(min_dist >= 0 && min_dist <= spread)) {
    throw Error("UMAP: min_dist must be from 0 to spread (" + std::to_string(spread) + ")");
  }
  constexpr int kSamples = 300;
  std::vector<double> x(kSamples), y(kSamples);
  for (int i = 0; i < kSamples; ++i) {
    x[i] = 3.0 * spread * i / (kSamples - 1);
    y[i] = x[i] < min_dist ? 1.0 : std::exp(-(x[i] - min_dist) / spread);
  }
  // Sum of squared residuals of 1 / (1 + a x^(2b)), and its Jacobian's normal equations.
  auto residual = [&](double a, double b) {
    double sum = 0;
    for (int i = 0; i < kSamples; ++i) {
      const double r = 1.0 / (1.0 + a * std::pow(x[i], 2 * b)) - y[i];
      sum += r * r;
    }
    return sum;
  };
  double a = 1.0, b = 1.0, damping = 1e-3;
  double current = residual(a, b);
  for (int iteration = 0; iteration < 200; ++iteration) {
    double jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
    for (int i = 0; i < kSamples; ++i) {
      if (x[i] == 0) continue;  // f(0) = 1 whatever a and b: no gradient there
      const double power = std::pow(x[i], 2 * b);
      const double denominator = 1.0 + a * power;
      const double f = 1.0 / denominator;
      const double da = -power / (denominator * denominator);
      const double db = -a * power * 2.0 * std::log(x[i]) / (denominator * denominator);
      const double r = f - y[i];
      jaa += da * da;
      jab += da * db;
      jbb += db * db;
      ga += da * r;
      gb += db * r;
    }
    bool improved = false;
    while (damping < 1e12) {
      const double m00 = jaa * (1 + damping), m11 = jbb * (1 + damping);
      const double det = m00 * m11 - jab * jab;
      const double step_a = -(m11 * ga - jab * gb) / det;
      const double step_b = -(m00 * gb - jab * ga) / det;
      const double next_a = a + step_a, next_b = b + step_b;
      const double next = next_a > 0 && next_b > 0 ? residual(next_a, next_b) : std::numeric_limits<double>::infinity();
      if (next < current) {
        const bool converged = current - next < 1e-14 * (1 + current);
        a = next_a;
        b = next_b;
        current = next;
        damping = std::max(damping / 10, 1e-12);
        improved = !converged;
        break;
      }
      damping *= 10;
    }
    if (!improved) break;
  }
  return {a, b};
}

std::size_t umap_default_epochs(std::size_t points) { return points <= 10000 ? 500 : 200; }

UmapLayout::UmapLayout(const std::vector<std::int32_t>& neighbors, const std::vector<float>& similarities,
                       std::size_t k, const UmapOptions& options)
    : random_(options.seed) {
  if (k == 0) throw Error("UMAP: each point needs at least 1 neighbour (k is 0)");
  if (neighbors.empty()) throw Error("UMAP: the neighbour graph is empty");
  if (neighbors.size() % k != 0) {
    throw Error("UMAP: " + std::to_string(neighbors.size()) + " neighbours do not make rows of " + std::to_string(k));
  }
  if (similarities.size() != neighbors.size()) {
    throw Error("UMAP: " + std::to_string(similarities.size()) + " similarities for " + std::to_string(neighbors.size()) +
                " neighbours");
  }
  validate(options);
  const std::size_t n = neighbors.size() / k;
  if (!options.initial.empty() && options.initial.size() != 2 * n) {
    throw Error("UMAP: the starting layout has " + std::to_string(options.initial.size()) + " values; " +
                std::to_string(n) + " points need " + std::to_string(2 * n));
  }
  const UmapCurve curve = fit_umap_curve(options.min_dist, options.spread);
  a_ = static_cast<float>(curve.a);
  b_ = static_cast<float>(curve.b);
  epochs_ = options.epochs.value_or(umap_default_epochs(n));
  learning_rate_ = static_cast<float>(options.learning_rate);

  std::vector<FuzzyEdge> pairs = fuzzy_edges(neighbors, similarities, k);
  // Pairs too weak to be sampled even once in the whole run are dropped.
  float strongest = 0;
  for (const auto& pair : pairs) strongest = std::max(strongest, pair.weight);
  const float weakest = strongest / static_cast<float>(epochs_);
  pairs.erase(std::remove_if(pairs.begin(), pairs.end(), [&](const FuzzyEdge& e) { return e.weight < weakest; }),
              pairs.end());

  // Each pair twice, once from each end, sorted by head (a counting sort): the strongest edge is
  // sampled every epoch, a weaker one every strongest / weight epochs.
  std::vector<std::size_t> start(n + 1, 0);
  for (const auto& pair : pairs) {
    ++start[static_cast<std::size_t>(pair.a) + 1];
    ++start[static_cast<std::size_t>(pair.b) + 1];
  }
  for (std::size_t i = 0; i < n; ++i) start[i + 1] += start[i];
  const std::size_t count = 2 * pairs.size();
  head_.resize(count);
  tail_.resize(count);
  epochs_per_sample_.resize(count);
  const auto negative_rate = static_cast<float>(options.negative_sample_rate);
  for (const auto& pair : pairs) {
    const float every = strongest / pair.weight;
    for (const auto& [from, to] : {std::pair{pair.a, pair.b}, std::pair{pair.b, pair.a}}) {
      const std::size_t slot = start[static_cast<std::size_t>(from)]++;
      head_[slot] = from;
      tail_[slot] = to;
      epochs_per_sample_[slot] = every;
    }
  }
  next_sample_ = epochs_per_sample_;
  epochs_per_negative_.resize(count);
  for (std::size_t e = 0; e < count; ++e) epochs_per_negative_[e] = epochs_per_sample_[e] / negative_rate;
  next_negative_ = epochs_per_negative_;

  points_.resize(2 * n);
  if (options.initial.empty()) {
    for (auto& value : points_) value = (2 * random_.uniform() - 1) * kStartSpread;
    return;
  }
  double cx = 0, cy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(options.initial[2 * i]) || !std::isfinite(options.initial[2 * i + 1])) {
      throw Error("UMAP: the starting position of " + point(i) + " is not finite");
    }
    cx += options.initial[2 * i];
    cy += options.initial[2 * i + 1];
  }
  cx /= static_cast<double>(n);
  cy /= static_cast<double>(n);
  double reach = 0;
  for (std::size_t i = 0; i < 2 * n; ++i) reach = std::max(reach, std::fabs(options.initial[i] - (i % 2 ? cy : cx)));
  if (!(reach > 0)) throw Error("UMAP: every point of the starting layout is at the same place");
  const double scale = kStartSpread / reach;
  for (std::size_t i = 0; i < 2 * n; ++i) {
    points_[i] = static_cast<float>((options.initial[i] - (i % 2 ? cy : cx)) * scale);
  }
}

UmapProgress UmapLayout::step(std::size_t max_epochs) {
  for (std::size_t done = 0; done < max_epochs && epoch_ < epochs_; ++done) run_epoch();
  return progress();
}

// One epoch of UMAP's SGD. Each edge due this epoch pulls its two ends together along the
// gradient of log(1 / (1 + a d^2b)), then pushes its head away from a few random points along
// the gradient of log(1 − 1 / (1 + a d^2b)); each gradient component is clipped to ±4 and scaled
// by a learning rate that falls linearly to 0 over the run.
void UmapLayout::run_epoch() {
  const float now = static_cast<float>(epoch_);
  const float alpha = learning_rate_ * (1.0f - now / static_cast<float>(epochs_));
  const float a = a_, b = b_;
  const float pull = -2.0f * a * b, push = 2.0f * b;
  const auto n = static_cast<std::uint32_t>(size());
  float* points = points_.data();
  const std::size_t count = head_.size();
  for (std::size_t e = 0; e < count; ++e) {
    if (next_sample_[e] > now) continue;
    const std::int32_t from = head_[e];
    float* current = points + 2 * static_cast<std::size_t>(from);
    float* other = points + 2 * static_cast<std::size_t>(tail_[e]);
    float dx = current[0] - other[0], dy = current[1] - other[1];
    float d2 = dx * dx + dy * dy;
    if (d2 > 0) {
      const float power = std::pow(d2, b);
      const float coefficient = pull * power / (d2 * (a * power + 1.0f));
      const float gx = clip(coefficient * dx) * alpha, gy = clip(coefficient * dy) * alpha;
      current[0] += gx;
      current[1] += gy;
      other[0] -= gx;
      other[1] -= gy;
    }
    next_sample_[e] += epochs_per_sample_[e];

    const float per_negative = epochs_per_negative_[e];
    const int negatives = std::max(0, static_cast<int>((now - next_negative_[e]) / per_negative));
    for (int s = 0; s < negatives; ++s) {
      const std::uint32_t pick = random_.below(n);
      const float* away = points + 2 * static_cast<std::size_t>(pick);
      dx = current[0] - away[0];
      dy = current[1] - away[1];
      d2 = dx * dx + dy * dy;
      if (d2 > 0) {
        const float coefficient = push / ((kRepulsionEpsilon + d2) * (a * std::pow(d2, b) + 1.0f));
        current[0] += clip(coefficient * dx) * alpha;
        current[1] += clip(coefficient * dy) * alpha;
      } else if (pick != static_cast<std::uint32_t>(from)) {
        // Two points on the same spot: no direction to push along, so the largest step apart.
        current[0] += kClip * alpha;
        current[1] += kClip * alpha;
      }
    }
    next_negative_[e] += static_cast<float>(negatives) * per_negative;
  }
  ++epoch_;
}

}  // namespace shelf
