// Groups of similar vectors: k-means (Lloyd's algorithm) with k-means++ seeding, and two scores
// for how well clusters match known categories (countries, animals, ...).
#pragma once
#include <cstdint>
#include <vector>

#include "shelf/matrix.h"

namespace shelf {

struct Clustering {
  std::vector<std::int32_t> labels;  // one per clustered row, in [0, k)
  Matrix centroids;                  // k x dim; unit rows for cosine clustering
  // Sum over points of the distance to their centroid: squared Euclidean distance, or for
  // cosine clustering 1 - cosine similarity. Never increases from one iteration to the next.
  double inertia = 0;
  int iterations = 0;                // Lloyd iterations run (0: seeding and first assignment only)
  bool converged = false;            // the last iteration changed no label
};

// k-means as a sequence of steps, for pages that animate it. Keeps a reference to `rows`, which
// must outlive it. With cosine = true the rows are clustered by direction only (spherical
// k-means: centroids are unit vectors, points compared by cosine), the useful choice for word
// vectors; zero rows then sit at cosine 0 from every centroid and join cluster 0.
class KMeans {
 public:
  // Seeds k centroids by k-means++ (each next seed drawn with probability proportional to its
  // distance from the nearest seed so far) with shelf::Random(seed), then assigns every point.
  // Throws shelf::Error when k is 0 or more than the number of points, for an empty or
  // out-of-range subset, or for rows without columns.
  KMeans(const Matrix& rows, std::size_t k, std::uint64_t seed = 1, bool cosine = true);
  KMeans(const Matrix& rows, std::vector<std::int32_t> subset, std::size_t k, std::uint64_t seed = 1,
         bool cosine = true);
  // Starts from given centroids instead (k = their number; normalised for cosine), e.g. ones a
  // person placed. Throws shelf::Error when their width differs from the rows'.
  KMeans(const Matrix& rows, std::vector<std::int32_t> subset, const Matrix& initial_centroids, bool cosine = true);

  // One Lloyd iteration: each centroid moves to the mean of its points, an empty cluster is
  // re-seeded with the point farthest from its centroid, and every point goes to its nearest
  // centroid. Returns whether any label changed; once none does, the clustering has converged
  // and further steps do nothing.
  bool step();

  const std::vector<std::int32_t>& labels() const noexcept { return labels_; }
  const Matrix& centroids() const noexcept { return centroids_; }
  double inertia() const noexcept { return inertia_; }
  int iterations() const noexcept { return iterations_; }
  bool converged() const noexcept { return converged_; }
  // How many times so far an empty cluster was re-seeded.
  int reseeds() const noexcept { return reseeds_; }
  Clustering result() const;

 private:
  const float* point(std::size_t i) const { return rows_->row(static_cast<std::size_t>(ids_[i])); }
  double distance(std::size_t i, std::size_t centroid) const;
  void set_centroid_to_point(std::size_t centroid, std::size_t i);
  // Checks the arguments and sizes the state (a step of construction, hence not const).
  void validate(const Matrix& rows, std::size_t k);
  void seed_plus_plus(std::uint64_t seed);
  std::size_t assign();  // returns how many labels changed

  const Matrix* rows_;
  std::vector<std::int32_t> ids_;
  std::size_t k_;
  bool cosine_;
  std::vector<float> inverse_norms_;  // cosine only; 0 for zero rows
  Matrix centroids_;
  std::vector<std::int32_t> labels_;
  std::vector<double> distances_;     // of each point to its centroid
  double inertia_ = 0;
  int iterations_ = 0;
  bool converged_ = false;
  int reseeds_ = 0;
};

// Runs KMeans until no label changes or max_iterations (>= 0, else shelf::Error) steps.
Clustering kmeans(const Matrix& rows, std::size_t k, std::uint64_t seed = 1, int max_iterations = 100,
                  bool cosine = true);
// The same on a subset of the rows; labels follow `subset`.
Clustering kmeans(const Matrix& rows, const std::vector<std::int32_t>& subset, std::size_t k,
                  std::uint64_t seed = 1, int max_iterations = 100, bool cosine = true);

// Agreement of two labellings of the same points, corrected for chance (Hubert and Arabie,
// 1985): 1 for the same partition (whatever the label numbers), about 0 for unrelated ones, can
// be negative. Labels are any integers. Throws shelf::Error for empty or different-length inputs.
double adjusted_rand_index(const std::vector<std::int32_t>& a, const std::vector<std::int32_t>& b);

// The share of points whose class is the most common class of their cluster: 1 when every
// cluster holds one class only. Throws shelf::Error for empty or different-length inputs.
double purity(const std::vector<std::int32_t>& clusters, const std::vector<std::int32_t>& classes);

}  // namespace shelf
