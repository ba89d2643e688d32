#include "shelf/clustering.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <string>
#include <utility>

#include "shelf/error.h"
#include "shelf/kernels.h"
#include "shelf/random.h"

namespace shelf {

namespace {

std::vector<std::int32_t> all_rows(const Matrix& rows) {
  std::vector<std::int32_t> ids(rows.rows());
  std::iota(ids.begin(), ids.end(), 0);
  return ids;
}

// Uniform in [0, 1) with 53 random bits: sampling by cumulative distance must not lose the
// small weights at the end of a long list.
double uniform_double(Random& random) { return static_cast<double>(random.next() >> 11) * 0x1.0p-53; }

void check_same_length(const std::vector<std::int32_t>& a, const std::vector<std::int32_t>& b, const char* what) {
  if (a.empty()) throw Error(std::string(what) + " needs at least one labelled point");
  if (a.size() != b.size()) {
    throw Error(std::string(what) + " compares labellings of the same points, but got " + std::to_string(a.size()) +
                " and " + std::to_string(b.size()) + " labels");
  }
}

double pairs(double count) { return count * (count - 1) / 2; }

}  // namespace

KMeans::KMeans(const Matrix& rows, std::size_t k, std::uint64_t seed, bool cosine)
    : KMeans(rows, all_rows(rows), k, seed, cosine) {}

KMeans::KMeans(const Matrix& rows, std::vector<std::int32_t> subset, std::size_t k, std::uint64_t seed, bool cosine)
    : rows_(&rows), ids_(std::move(subset)), k_(k), cosine_(cosine) {
  validate(rows, k);
  seed_plus_plus(seed);
  assign();
}

KMeans::KMeans(const Matrix& rows, std::vector<std::int32_t> subset, const Matrix& initial_centroids, bool cosine)
    : rows_(&rows), ids_(std::move(subset)), k_(initial_centroids.rows()), cosine_(cosine) {
  validate(rows, k_);
  if (initial_centroids.cols() != rows.cols()) {
    throw Error("the initial centroids have " + std::to_string(initial_centroids.cols()) + " dimensions, the vectors " +
                std::to_string(rows.cols()));
  }
  centroids_ = cosine_ ? initial_centroids.normalized_rows() : initial_centroids;
  assign();
}

void KMeans::validate(const Matrix& rows, std::size_t k) {
  const std::size_t n = ids_.size(), d = rows.cols();
  if (k == 0) throw Error("k-means needs at least 1 cluster (k is 0)");
  if (n == 0) throw Error("k-means needs at least one vector to cluster");
  if (k > n) {
    throw Error("cannot make " + std::to_string(k) + " clusters from " + std::to_string(n) + " vectors");
  }
  if (d == 0) throw Error("k-means needs vectors with at least 1 dimension");
  for (std::int32_t id : ids_) {
    if (id < 0 || static_cast<std::size_t>(id) >= rows.rows()) {
      throw Error("row " + std::to_string(id) + " is outside the " + std::to_string(rows.rows()) + " vectors");
    }
  }
  if (cosine_) {
    inverse_norms_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const float length = kernels::norm(point(i), d);
      inverse_norms_[i] = length > 0 ? 1.0f / length : 0.0f;
    }
  }
  centroids_ = Matrix(k, d);
  labels_.assign(n, -1);
  distances_.assign(n, 0.0);
}

double KMeans::distance(std::size_t i, std::size_t centroid) const {
  const std::size_t d = centroids_.cols();
  if (cosine_) return 1.0 - kernels::dot(point(i), centroids_.row(centroid), d) * inverse_norms_[i];
  return kernels::squared_distance(point(i), centroids_.row(centroid), d);
}

void KMeans::set_centroid_to_point(std::size_t centroid, std::size_t i) {
  const std::size_t d = centroids_.cols();
  std::copy(point(i), point(i) + d, centroids_.row(centroid));
  if (cosine_) kernels::scale(inverse_norms_[i], centroids_.row(centroid), d);
}

void KMeans::seed_plus_plus(std::uint64_t seed) {
  const std::size_t n = ids_.size();
  Random random(seed);
  std::vector<bool> chosen(n, false);
  std::size_t first = random.below(static_cast<std::uint32_t>(n));
  set_centroid_to_point(0, first);
  chosen[first] = true;
  std::vector<double> nearest(n);
  for (std::size_t i = 0; i < n; ++i) nearest[i] = std::max(0.0, distance(i, 0));
  for (std::size_t c = 1; c < k_; ++c) {
    const double total = std::accumulate(nearest.begin(), nearest.end(), 0.0);
    std::size_t pick = n;
    if (total > 0) {
      const double target = uniform_double(random) * total;
      double cumulative = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (nearest[i] <= 0) continue;
        pick = i;  // the last candidate catches rounding at the end of the sum
        cumulative += nearest[i];
        if (cumulative > target) break;
      }
    } else {
      // Every point sits on a seed already (fewer distinct points than k): take any unused one.
      pick = static_cast<std::size_t>(std::find(chosen.begin(), chosen.end(), false) - chosen.begin());
    }
    set_centroid_to_point(c, pick);
    chosen[pick] = true;
    for (std::size_t i = 0; i < n; ++i) nearest[i] = std::min(nearest[i], std::max(0.0, distance(i, c)));
  }
}

std::size_t KMeans::assign() {
  const std::size_t n = ids_.size(), d = centroids_.cols();
  std::vector<float> scores(k_);
  std::size_t changed = 0;
  inertia_ = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t best = 0;
    double best_distance = 0;
    if (cosine_) {  // unit centroids: the largest dot product is the largest cosine
      kernels::dot_rows(centroids_.data(), k_, d, point(i), scores.data());
      best = static_cast<std::size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
      best_distance = 1.0 - static_cast<double>(scores[best]) * inverse_norms_[i];
    } else {
      best_distance = distance(i, 0);
      for (std::size_t c = 1; c < k_; ++c) {
        const double candidate = distance(i, c);
        if (candidate < best_distance) best = c, best_distance = candidate;
      }
    }
    if (labels_[i] != static_cast<std::int32_t>(best)) ++changed;
    labels_[i] = static_cast<std::int32_t>(best);
    distances_[i] = best_distance;
    inertia_ += best_distance;
  }
  return changed;
}

bool KMeans::step() {
  if (converged_) return false;
  const std::size_t n = ids_.size(), d = centroids_.cols();
  Matrix sums(k_, d);
  std::vector<std::size_t> counts(k_, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<std::size_t>(labels_[i]);
    kernels::axpy(cosine_ ? inverse_norms_[i] : 1.0f, point(i), sums.row(c), d);
    ++counts[c];
  }
  bool any_empty = false;
  for (std::size_t c = 0; c < k_; ++c) {
    if (counts[c] == 0) {
      any_empty = true;
      continue;
    }
    if (cosine_) {
      kernels::normalize(sums.row(c), d);
    } else {
      kernels::scale(1.0f / static_cast<float>(counts[c]), sums.row(c), d);
    }
    std::copy(sums.row(c), sums.row(c) + d, centroids_.row(c));
  }
  if (any_empty) {
    // Re-seed from the points worst served by the moved centroids, one distinct point each.
    std::vector<double> own(n);
    for (std::size_t i = 0; i < n; ++i) own[i] = distance(i, static_cast<std::size_t>(labels_[i]));
    for (std::size_t c = 0; c < k_; ++c) {
      if (counts[c] > 0) continue;
      const auto farthest = static_cast<std::size_t>(std::max_element(own.begin(), own.end()) - own.begin());
      set_centroid_to_point(c, farthest);
      own[farthest] = -1;
      ++reseeds_;
    }
  }
  const std::size_t changed = assign();
  ++iterations_;
  converged_ = changed == 0;
  return changed > 0;
}

Clustering KMeans::result() const {
  Clustering clustering;
  clustering.labels = labels_;
  clustering.centroids = centroids_;
  clustering.inertia = inertia_;
  clustering.iterations = iterations_;
  clustering.converged = converged_;
  return clustering;
}

Clustering kmeans(const Matrix& rows, std::size_t k, std::uint64_t seed, int max_iterations, bool cosine) {
  return kmeans(rows, all_rows(rows), k, seed, max_iterations, cosine);
}

Clustering kmeans(const Matrix& rows, const std::vector<std::int32_t>& subset, std::size_t k, std::uint64_t seed,
                  int max_iterations, bool cosine) {
  if (max_iterations < 0) throw Error("max_iterations must be 0 or more");
  KMeans clustering(rows, subset, k, seed, cosine);
  while (clustering.iterations() < max_iterations && !clustering.converged()) clustering.step();
  return clustering.result();
}

double adjusted_rand_index(const std::vector<std::int32_t>& a, const std::vector<std::int32_t>& b) {
  check_same_length(a, b, "the adjusted Rand index");
  std::map<std::pair<std::int32_t, std::int32_t>, double> together;
  std::map<std::int32_t, double> in_a, in_b;
  for (std::size_t i = 0; i < a.size(); ++i) {
    together[{a[i], b[i]}] += 1;
    in_a[a[i]] += 1;
    in_b[b[i]] += 1;
  }
  if (a.size() < 2) return 1.0;  // a single point: the same partition either way
  double index = 0, pairs_a = 0, pairs_b = 0;
  for (const auto& cell : together) index += pairs(cell.second);
  for (const auto& group : in_a) pairs_a += pairs(group.second);
  for (const auto& group : in_b) pairs_b += pairs(group.second);
  const double expected = pairs_a * pairs_b / pairs(static_cast<double>(a.size()));
  const double maximum = (pairs_a + pairs_b) / 2;
  // The denominator is 0 only when both labellings put everything in one cluster, or both put
  // every point in its own: then they are the same partition.
  if (maximum == expected) return 1.0;
  return (index - expected) / (maximum - expected);
}

double purity(const std::vector<std::int32_t>& clusters, const std::vector<std::int32_t>& classes) {
  check_same_length(clusters, classes, "purity");
  std::map<std::int32_t, std::map<std::int32_t, std::size_t>> counts;
  for (std::size_t i = 0; i < clusters.size(); ++i) ++counts[clusters[i]][classes[i]];
  std::size_t majority = 0;
  for (const auto& cluster : counts) {
    std::size_t best = 0;
    for (const auto& cls : cluster.second) best = std::max(best, cls.second);
    majority += best;
  }
  return static_cast<double>(majority) / static_cast<double>(clusters.size());
}

}  // namespace shelf
