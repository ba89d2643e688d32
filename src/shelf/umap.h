// UMAP (McInnes, Healy & Melville 2018, "UMAP: Uniform Manifold Approximation and Projection")
// of a k-nearest-neighbour graph into the plane. The graph is given (the engine finds it exactly,
// by cosine: Session::neighbor_graph), so this is UMAP's second half: the fuzzy simplicial set of
// the graph, then a layout that keeps each point near its neighbours by stochastic gradient
// descent with negative sampling.
//
// The optimisation is long, so the caller drives it: step() runs a few epochs and returns; the
// page's worker runs it in slices between messages and can drop it at any time. The same graph,
// options and seed give the same points, however the epochs are sliced.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "shelf/random.h"

namespace shelf {

struct UmapOptions {
  // Smallest distance between points in the layout (in units of `spread`); from 0 to `spread`.
  double min_dist = 0.1;
  // How far apart the layout's clumps are allowed to sit; min_dist and spread fix the curve a, b.
  double spread = 1.0;
  // Passes over the graph. Unset: UMAP's default for the number of points (umap_default_epochs).
  std::optional<std::size_t> epochs;
  // Step size at the first epoch; it falls linearly to 0 at the last.
  double learning_rate = 1.0;
  // Random points pushed away per neighbour pulled closer.
  std::size_t negative_sample_rate = 5;
  std::uint64_t seed = 1;
  // Where the points start, n x 2 row-major; centred and scaled to ±10. Empty: uniform in ±10.
  std::vector<float> initial;
};

struct UmapProgress {
  std::size_t epoch = 0;   // epochs run so far
  std::size_t epochs = 0;  // epochs in all
  bool finished = false;
};

// The low-dimensional similarity curve UMAP fits: 1 / (1 + a d^(2b)) for the distance d.
struct UmapCurve {
  double a = 0;
  double b = 0;
};

// a, b by least squares (Levenberg–Marquardt) against the target curve: 1 up to min_dist, then
// exp(-(d - min_dist) / spread), on 300 distances from 0 to 3 x spread, as UMAP fits it.
// Throws shelf::Error unless spread > 0 and 0 <= min_dist <= spread.
UmapCurve fit_umap_curve(double min_dist, double spread);

// 500 epochs for graphs of up to 10,000 points, 200 above (UMAP's default).
std::size_t umap_default_epochs(std::size_t points);

class UmapLayout {
 public:
  // `neighbors` is n x k row-major (point i's neighbours are ids in [0, n), itself excluded, e.g.
  // best first) and `similarities` their cosines, same shape: the distance UMAP works on is
  // 1 − cosine. Throws shelf::Error for an empty graph, k 0, a shape that does not match, an id
  // out of range or repeated in a row, a non-finite similarity, epochs 0, a learning rate that is
  // not > 0, no negative samples, or `initial` of the wrong size, non-finite or all one point.
  UmapLayout(const std::vector<std::int32_t>& neighbors, const std::vector<float>& similarities, std::size_t k,
             const UmapOptions& options = {});

  // Runs up to `max_epochs` more epochs (fewer when the run ends first).
  UmapProgress step(std::size_t max_epochs);
  UmapProgress progress() const { return {epoch_, epochs_, epoch_ >= epochs_}; }
  // n x 2, row-major.
  const std::vector<float>& points() const { return points_; }
  std::size_t size() const { return points_.size() / 2; }
  // Edges of the symmetric fuzzy graph that the optimisation samples (each pair counted twice,
  // once from each end).
  std::size_t edges() const { return head_.size(); }
  UmapCurve curve() const { return {a_, b_}; }

 private:
  void run_epoch();

  std::size_t epochs_;
  std::size_t epoch_ = 0;
  float learning_rate_;
  float a_, b_;
  Random random_;
  std::vector<float> points_;
  // The edges, sorted by head, as parallel arrays: the loop reads them in order.
  std::vector<std::int32_t> head_, tail_;
  std::vector<float> epochs_per_sample_, next_sample_;
  std::vector<float> epochs_per_negative_, next_negative_;
};

}  // namespace shelf
