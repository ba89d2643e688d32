#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "shelf/error.h"
#include "shelf/random.h"
#include "shelf/session.h"
#include "shelf/umap.h"

namespace {

constexpr std::size_t kClusters = 4;
constexpr std::size_t kPerCluster = 60;
constexpr std::size_t kDim = 20;

double gaussian(shelf::Random& random) {  // Box-Muller
  const double u = random.uniform() + 1e-7, v = random.uniform();
  return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
}

// Well-separated Gaussian clusters in 20-D as a word2vec text file: word "c<cluster>_<i>", the
// clusters interleaved so that a cluster is not a run of consecutive ids.
std::string clustered_vectors(std::uint64_t seed) {
  shelf::Random random(seed);
  std::vector<std::vector<double>> centres(kClusters, std::vector<double>(kDim));
  for (auto& centre : centres) {
    for (auto& value : centre) value = 4.0 * gaussian(random);
  }
  std::string text = std::to_string(kClusters * kPerCluster) + " " + std::to_string(kDim) + "\n";
  for (std::size_t i = 0; i < kPerCluster; ++i) {
    for (std::size_t c = 0; c < kClusters; ++c) {
      text += "c" + std::to_string(c) + "_" + std::to_string(i);
      for (std::size_t d = 0; d < kDim; ++d) text += " " + std::to_string(centres[c][d] + gaussian(random));
      text += "\n";
    }
  }
  return text;
}

std::size_t cluster_of(std::size_t point) { return point % kClusters; }

struct Clustered {
  shelf::Session session;
  explicit Clustered(std::uint64_t seed = 3) { session.load_vectors_from_bytes(clustered_vectors(seed), "clusters.vec"); }
  shelf::NeighborGraph graph(std::size_t k = 10) { return session.neighbor_graph(kClusters * kPerCluster, k); }
};

float distance2(const std::vector<float>& points, std::size_t i, std::size_t j) {
  const float dx = points[2 * i] - points[2 * j], dy = points[2 * i + 1] - points[2 * j + 1];
  return dx * dx + dy * dy;
}

// RMS distance between the fitted curve and UMAP's target on the fitting grid.
double fit_error(double min_dist, double spread, shelf::UmapCurve curve) {
  double sum = 0;
  for (int i = 0; i < 300; ++i) {
    const double x = 3.0 * spread * i / 299;
    const double target = x < min_dist ? 1.0 : std::exp(-(x - min_dist) / spread);
    const double fitted = 1.0 / (1.0 + curve.a * std::pow(x, 2 * curve.b));
    sum += (fitted - target) * (fitted - target);
  }
  return std::sqrt(sum / 300);
}

shelf::UmapLayout small_layout(shelf::UmapOptions options = {}) {
  // Three points, each the other two's neighbour.
  return shelf::UmapLayout({1, 2, 0, 2, 0, 1}, {0.9f, 0.5f, 0.9f, 0.4f, 0.5f, 0.4f}, 2, options);
}

}  // namespace

TEST_CASE("the curve for min_dist 0.1 and spread 1 is UMAP's a = 1.58, b = 0.90") {
  const auto curve = shelf::fit_umap_curve(0.1, 1.0);
  CHECK(curve.a == doctest::Approx(1.577).epsilon(0.01));
  CHECK(curve.b == doctest::Approx(0.895).epsilon(0.01));
}

TEST_CASE("the fitted curve is a least-squares fit: close to the target, and no nearby a, b is closer") {
  for (const auto& setting : {std::pair{0.0, 1.0}, {0.1, 1.0}, {0.5, 1.0}, {0.25, 2.0}, {1.0, 1.0}}) {
    const double min_dist = setting.first, spread = setting.second;
    CAPTURE(min_dist);
    CAPTURE(spread);
    const auto curve = shelf::fit_umap_curve(min_dist, spread);
    const double error = fit_error(min_dist, spread, curve);
    CHECK(error < 0.06);
    for (const double da : {-0.01, 0.01}) {
      for (const double db : {-0.01, 0.01}) {
        CHECK(fit_error(min_dist, spread, {curve.a * (1 + da), curve.b * (1 + db)}) >= error);
      }
    }
  }
  // A larger min_dist keeps points further apart: the curve stays high for longer.
  CHECK(shelf::fit_umap_curve(0.5, 1.0).a < shelf::fit_umap_curve(0.1, 1.0).a);
}

TEST_CASE("UMAP's default epochs: 500 up to 10,000 points, 200 above") {
  CHECK(shelf::umap_default_epochs(3) == 500);
  CHECK(shelf::umap_default_epochs(10000) == 500);
  CHECK(shelf::umap_default_epochs(10001) == 200);
  CHECK(small_layout().progress().epochs == 500);
}

TEST_CASE("the same graph, options and seed give the same layout; another seed another one") {
  Clustered data;
  const auto graph = data.graph();
  shelf::UmapOptions options;
  options.epochs = 50;
  options.seed = 11;
  shelf::UmapLayout first(graph.neighbors, graph.scores, graph.k, options);
  shelf::UmapLayout second(graph.neighbors, graph.scores, graph.k, options);
  first.step(50);
  second.step(50);
  CHECK(first.points() == second.points());
  options.seed = 12;
  shelf::UmapLayout other(graph.neighbors, graph.scores, graph.k, options);
  other.step(50);
  CHECK(other.points() != first.points());
}

TEST_CASE("stepping in slices gives exactly the layout of one long step") {
  Clustered data;
  const auto graph = data.graph();
  shelf::UmapOptions options;
  options.epochs = 40;
  shelf::UmapLayout whole(graph.neighbors, graph.scores, graph.k, options);
  const auto done = whole.step(1000);
  CHECK(done.epoch == 40);
  CHECK(done.epochs == 40);
  CHECK(done.finished);

  shelf::UmapLayout sliced(graph.neighbors, graph.scores, graph.k, options);
  std::size_t slices = 0;
  for (std::size_t size = 1; !sliced.progress().finished; size = size % 7 + 1) {
    const auto progress = sliced.step(size);
    CHECK(progress.epoch <= 40);
    ++slices;
  }
  CHECK(slices > 5);
  CHECK(sliced.points() == whole.points());
  // A finished layout stays as it is.
  CHECK(sliced.step(10).epoch == 40);
  CHECK(sliced.points() == whole.points());
  CHECK(shelf::UmapLayout(graph.neighbors, graph.scores, graph.k, options).step(0).epoch == 0);
}

TEST_CASE("UMAP of well-separated clusters: each point's nearest points on the map are of its own cluster") {
  Clustered data;
  const auto graph = data.graph(15);
  shelf::UmapOptions options;
  options.seed = 5;
  shelf::UmapLayout layout(graph.neighbors, graph.scores, graph.k, options);
  CHECK(layout.edges() % 2 == 0);
  CHECK(layout.edges() >= graph.neighbors.size() / 2);
  layout.step(1000);
  const auto& points = layout.points();
  const std::size_t n = layout.size();
  REQUIRE(n == kClusters * kPerCluster);
  for (const float value : points) REQUIRE(std::isfinite(value));

  // The share of each point's 10 nearest points (in 2-D) that are of its cluster.
  constexpr std::size_t kNear = 10;
  std::size_t same = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    order.erase(order.begin() + static_cast<std::ptrdiff_t>(i));
    std::partial_sort(order.begin(), order.begin() + kNear, order.end(),
                      [&](std::size_t x, std::size_t y) { return distance2(points, i, x) < distance2(points, i, y); });
    for (std::size_t j = 0; j < kNear; ++j) same += cluster_of(order[j]) == cluster_of(i);
  }
  const double purity = static_cast<double>(same) / static_cast<double>(n * kNear);
  CAPTURE(purity);
  CHECK(purity > 0.9);

  // Neighbours in 20-D are much closer on the map than random pairs are.
  double neighbour_distance = 0, random_distance = 0;
  shelf::Random random(9);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < graph.k; ++j) {
      neighbour_distance += std::sqrt(distance2(points, i, static_cast<std::size_t>(graph.neighbors[i * graph.k + j])));
      random_distance += std::sqrt(distance2(points, i, random.below(static_cast<std::uint32_t>(n))));
    }
  }
  CAPTURE(neighbour_distance / random_distance);
  CHECK(neighbour_distance < 0.3 * random_distance);
}

TEST_CASE("a given start is centred and scaled to ±10; the layout then moves from it") {
  shelf::UmapOptions options;
  options.initial = {1, 1, 3, 1, 2, 5};
  options.epochs = 10;
  auto layout = small_layout(options);
  const auto& start = layout.points();
  double cx = 0, cy = 0, reach = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    cx += start[2 * i] / 3.0;
    cy += start[2 * i + 1] / 3.0;
  }
  for (std::size_t i = 0; i < 6; ++i) reach = std::max(reach, std::fabs(start[i] - (i % 2 ? cy : cx)));
  CHECK(cx == doctest::Approx(0).epsilon(1e-5));
  CHECK(cy == doctest::Approx(0).epsilon(1e-5));
  CHECK(reach == doctest::Approx(10));
  // Shape kept: point 2 is the highest, points 0 and 1 level.
  CHECK(start[5] > start[1]);
  CHECK(start[1] == start[3]);
  const auto before = start;
  layout.step(10);
  CHECK(layout.points() != before);
}

TEST_CASE("Session::begin_umap lays out the most frequent words over their neighbour graph") {
  Clustered data;
  shelf::UmapOptions options;
  options.epochs = 5;
  auto run = data.session.begin_umap(100, 8, options);
  CHECK(run.words.size() == 100);
  CHECK(run.words[0] == "c0_0");
  CHECK(run.ids.size() == 100);
  CHECK(run.neighbors == 8);
  CHECK(run.layout.size() == 100);
  CHECK(run.layout.step(100).finished);
  CHECK_THROWS_WITH_AS(data.session.begin_umap(10, 10, options), doctest::Contains("only 10 words"), shelf::Error);
  shelf::Session empty;
  CHECK_THROWS(empty.begin_umap(10, 5, options));
}

TEST_CASE("UMAP refuses bad graphs and options with a clear message") {
  const std::vector<std::int32_t> ids{1, 2, 0, 2, 0, 1};
  const std::vector<float> cosines{0.9f, 0.5f, 0.9f, 0.4f, 0.5f, 0.4f};
  auto refuses = [](auto make, const char* message) {
    CAPTURE(message);
    CHECK_THROWS_WITH_AS(make(), doctest::Contains(message), shelf::Error);
  };
  refuses([&] { return shelf::UmapLayout({}, {}, 2); }, "the neighbour graph is empty");
  refuses([&] { return shelf::UmapLayout(ids, cosines, 0); }, "k is 0");
  refuses([&] { return shelf::UmapLayout(ids, cosines, 4); }, "6 neighbours do not make rows of 4");
  refuses([&] { return shelf::UmapLayout(ids, {0.5f}, 2); }, "1 similarities for 6 neighbours");
  refuses([&] { return shelf::UmapLayout({1, 3, 0, 2, 0, 1}, cosines, 2); }, "point 0 has neighbour 3, outside 0..2");
  refuses([&] { return shelf::UmapLayout({1, 2, 0, -1, 0, 1}, cosines, 2); }, "point 1 has neighbour -1");
  refuses([&] { return shelf::UmapLayout({1, 2, 1, 2, 0, 1}, cosines, 2); }, "point 1 lists itself");
  refuses([&] { return shelf::UmapLayout({1, 1, 0, 2, 0, 1}, cosines, 2); }, "point 0 lists neighbour 1 twice");
  const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
  refuses([&] { return shelf::UmapLayout(ids, {0.9f, 0.5f, nan, 0.4f, 0.5f, 0.4f}, 2); },
          "similarity of point 1 to neighbour 0 is not a finite number");
  refuses([&] { return shelf::UmapLayout(ids, {0.9f, 0.5f, 0.9f, 0.4f, 0.5f, -inf}, 2); }, "not a finite number");

  auto with = [&](auto change) {
    shelf::UmapOptions options;
    change(options);
    return [=] { return shelf::UmapLayout(ids, cosines, 2, options); };
  };
  refuses(with([](auto& o) { o.epochs = 0; }), "epochs must be at least 1");
  refuses(with([](auto& o) { o.learning_rate = 0; }), "learning rate must be a number above 0");
  refuses(with([](auto& o) { o.learning_rate = std::nan(""); }), "learning rate");
  refuses(with([](auto& o) { o.negative_sample_rate = 0; }), "negative sample rate must be at least 1");
  refuses(with([](auto& o) { o.min_dist = -0.1; }), "min_dist must be from 0 to spread");
  refuses(with([](auto& o) { o.min_dist = 2; }), "min_dist must be from 0 to spread");
  refuses(with([](auto& o) { o.spread = 0; }), "spread must be a number above 0");
  refuses(with([](auto& o) { o.initial = {1, 2, 3}; }), "starting layout has 3 values; 3 points need 6");
  refuses(with([&](auto& o) { o.initial = {1, 2, 3, nan, 5, 6}; }), "starting position of point 1 is not finite");
  refuses(with([](auto& o) { o.initial = {1, 2, 1, 2, 1, 2}; }), "every point of the starting layout is at the same place");
  CHECK_THROWS_AS(shelf::fit_umap_curve(0.1, -1), shelf::Error);
}
