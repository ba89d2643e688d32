#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "shelf/cluster_order.h"
#include "shelf/error.h"
#include "shelf/random.h"

namespace {

// Similarities of points on a line: the best order is the line's.
shelf::Matrix line_similarity(const std::vector<double>& positions) {
  const std::size_t k = positions.size();
  shelf::Matrix s(k, k);
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) s.at(a, b) = static_cast<float>(std::exp(-std::abs(positions[a] - positions[b])));
  }
  return s;
}

}  // namespace

TEST_CASE("matching maximises the words that keep their number") {
  // New clusters 0,1,2 hold mostly old 2,0,1.
  const std::vector<std::int32_t> labels{0, 0, 0, 1, 1, 1, 2, 2, 2, 2};
  const std::vector<std::int32_t> previous{2, 2, 1, 0, 0, -1, 1, 1, 1, 7};
  CHECK(shelf::match_clusters(labels, previous, 3) == std::vector<std::int32_t>{2, 0, 1});
  // Nothing to go by: still a permutation.
  auto free = shelf::match_clusters(labels, std::vector<std::int32_t>(10, -1), 3);
  std::sort(free.begin(), free.end());
  CHECK(free == std::vector<std::int32_t>{0, 1, 2});
  CHECK_THROWS_AS(shelf::match_clusters(labels, {1, 2}, 3), shelf::Error);
}

TEST_CASE("the exact order is the best of all orders") {
  shelf::Random random(11);
  for (std::size_t k : {1u, 2u, 5u, 7u}) {
    CAPTURE(k);
    shelf::Matrix s(k, k);
    for (std::size_t a = 0; a < k; ++a) {
      for (std::size_t b = a; b < k; ++b) s.at(a, b) = s.at(b, a) = a == b ? 1.0f : 2.0f * random.uniform() - 1.0f;
    }
    std::vector<std::int32_t> permutation(k);
    std::iota(permutation.begin(), permutation.end(), 0);
    double best = -1e9;
    do best = std::max(best, shelf::path_similarity(s, permutation));
    while (std::next_permutation(permutation.begin(), permutation.end()));
    const auto order = shelf::order_by_similarity(s);
    REQUIRE(order.size() == k);
    CHECK(shelf::path_similarity(s, order) == doctest::Approx(best).epsilon(1e-6));
    CHECK(shelf::path_similarity(s, shelf::order_by_similarity_heuristic(s)) <= best + 1e-6);
    if (k > 1) CHECK(order.front() < order.back());
  }
}

TEST_CASE("items on a line are ordered along it, exactly and by the heuristic") {
  // Positions shuffled over the item numbers; the order must read them left to right (or back).
  const std::vector<double> small{3.0, 0.5, 7.0, 1.0, 9.5, 4.2, 2.1, 8.0};
  const std::vector<double> large{3.0, 0.5, 7.0, 1.0, 9.5, 4.2, 2.1, 8.0, 5.5, 12.0, 11.1, 6.3, 10.4, 13.7, 0.0, 15.2, 14.4, 16.9};
  for (const auto* positions : {&small, &large}) {
    CAPTURE(positions->size());
    const auto order = shelf::order_by_similarity(line_similarity(*positions));
    bool ascending = true, descending = true;
    for (std::size_t i = 1; i < order.size(); ++i) {
      const double before = (*positions)[static_cast<std::size_t>(order[i - 1])];
      const double after = (*positions)[static_cast<std::size_t>(order[i])];
      ascending = ascending && before < after;
      descending = descending && before > after;
    }
    CHECK((ascending || descending));
  }
  CHECK(large.size() > shelf::kExactOrderLimit);
}
