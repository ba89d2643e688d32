#include "shelf/cluster_order.h"

#include <algorithm>
#include <limits>

#include "shelf/error.h"

namespace shelf {

namespace {

// The minimum-cost assignment of an n x n cost table (row-major): the column of each row.
// Kuhn-Munkres with potentials, O(n^3).
std::vector<std::size_t> hungarian(const std::vector<double>& cost, std::size_t n) {
  const double infinity = std::numeric_limits<double>::infinity();
  std::vector<double> u(n + 1, 0), v(n + 1, 0);
  std::vector<std::size_t> row_of(n + 1, 0), way(n + 1, 0);  // row_of[column], 1-based; 0 = none
  for (std::size_t row = 1; row <= n; ++row) {
    row_of[0] = row;
    std::size_t column = 0;
    std::vector<double> slack(n + 1, infinity);
    std::vector<bool> used(n + 1, false);
    do {
      used[column] = true;
      const std::size_t r = row_of[column];
      double delta = infinity;
      std::size_t next = 0;
      for (std::size_t c = 1; c <= n; ++c) {
        if (used[c]) continue;
        const double reduced = cost[(r - 1) * n + (c - 1)] - u[r] - v[c];
        if (reduced < slack[c]) slack[c] = reduced, way[c] = column;
        if (slack[c] < delta) delta = slack[c], next = c;
      }
      for (std::size_t c = 0; c <= n; ++c) {
        if (used[c]) {
          u[row_of[c]] += delta;
          v[c] -= delta;
        } else {
          slack[c] -= delta;
        }
      }
      column = next;
    } while (row_of[column] != 0);
    do {
      const std::size_t previous = way[column];
      row_of[column] = row_of[previous];
      column = previous;
    } while (column != 0);
  }
  std::vector<std::size_t> column_of(n);
  for (std::size_t c = 1; c <= n; ++c) column_of[row_of[c] - 1] = c - 1;
  return column_of;
}

void orient(std::vector<std::int32_t>& order) {
  if (order.size() > 1 && order.front() > order.back()) std::reverse(order.begin(), order.end());
}

std::vector<std::int32_t> exact_order(const Matrix& s) {
  const std::size_t k = s.rows();
  const std::size_t subsets = std::size_t{1} << k;
  const double none = -std::numeric_limits<double>::infinity();
  // best[mask * k + last]: the best path through the items of mask that ends at last.
  std::vector<double> best(subsets * k, none);
  std::vector<std::int8_t> before(subsets * k, -1);
  for (std::size_t i = 0; i < k; ++i) best[(std::size_t{1} << i) * k + i] = 0;
  for (std::size_t mask = 1; mask < subsets; ++mask) {
    for (std::size_t last = 0; last < k; ++last) {
      const double here = best[mask * k + last];
      if (here == none) continue;
      for (std::size_t next = 0; next < k; ++next) {
        if (mask & (std::size_t{1} << next)) continue;
        const std::size_t grown = mask | (std::size_t{1} << next);
        const double candidate = here + s.at(last, next);
        if (candidate > best[grown * k + next]) {
          best[grown * k + next] = candidate;
          before[grown * k + next] = static_cast<std::int8_t>(last);
        }
      }
    }
  }
  const std::size_t all = subsets - 1;
  std::size_t last = 0;
  for (std::size_t i = 1; i < k; ++i) if (best[all * k + i] > best[all * k + last]) last = i;
  std::vector<std::int32_t> order;
  for (std::size_t mask = all; mask;) {
    order.push_back(static_cast<std::int32_t>(last));
    const std::int8_t previous = before[mask * k + last];
    mask &= ~(std::size_t{1} << last);
    if (previous < 0) break;
    last = static_cast<std::size_t>(previous);
  }
  std::reverse(order.begin(), order.end());
  return order;
}

}  // namespace

double path_similarity(const Matrix& similarity, const std::vector<std::int32_t>& order) {
  double sum = 0;
  for (std::size_t i = 1; i < order.size(); ++i) {
    sum += similarity.at(static_cast<std::size_t>(order[i - 1]), static_cast<std::size_t>(order[i]));
  }
  return sum;
}

std::vector<std::int32_t> order_by_similarity_heuristic(const Matrix& s) {
  const std::size_t k = s.rows();
  std::vector<std::int32_t> best_order;
  double best = -std::numeric_limits<double>::infinity();
  const auto at = [&](std::int32_t a, std::int32_t b) { return static_cast<double>(s.at(static_cast<std::size_t>(a), static_cast<std::size_t>(b))); };
  for (std::size_t start = 0; start < k; ++start) {
    std::vector<std::int32_t> order{static_cast<std::int32_t>(start)};
    std::vector<bool> used(k, false);
    used[start] = true;
    while (order.size() < k) {  // nearest neighbour: append the most similar unused item
      std::int32_t pick = -1;
      for (std::size_t j = 0; j < k; ++j) {
        if (!used[j] && (pick < 0 || at(order.back(), static_cast<std::int32_t>(j)) > at(order.back(), pick))) {
          pick = static_cast<std::int32_t>(j);
        }
      }
      used[static_cast<std::size_t>(pick)] = true;
      order.push_back(pick);
    }
    // 2-opt: reverse order[i..j] while that raises the sum (on a path, the ends have one edge).
    for (bool improved = true; improved;) {
      improved = false;
      for (std::size_t i = 0; i + 1 < k; ++i) {
        for (std::size_t j = i + 1; j < k; ++j) {
          double gain = 0;
          if (i > 0) gain += at(order[i - 1], order[j]) - at(order[i - 1], order[i]);
          if (j + 1 < k) gain += at(order[i], order[j + 1]) - at(order[j], order[j + 1]);
          if (gain > 1e-12) {
            std::reverse(order.begin() + static_cast<std::ptrdiff_t>(i), order.begin() + static_cast<std::ptrdiff_t>(j) + 1);
            improved = true;
          }
        }
      }
    }
    const double total = path_similarity(s, order);
    if (total > best) best = total, best_order = order;
  }
  orient(best_order);
  return best_order;
}

std::vector<std::int32_t> order_by_similarity(const Matrix& similarity) {
  if (similarity.rows() != similarity.cols()) throw Error("an order needs a square similarity table");
  if (similarity.rows() == 0) return {};
  if (similarity.rows() > kExactOrderLimit) return order_by_similarity_heuristic(similarity);
  std::vector<std::int32_t> order = exact_order(similarity);
  orient(order);
  return order;
}

std::vector<std::int32_t> match_clusters(const std::vector<std::int32_t>& labels,
                                         const std::vector<std::int32_t>& previous, std::size_t k) {
  if (labels.size() != previous.size()) throw Error("matching clusters needs one previous label per word");
  // Cost of numbering new cluster c as t: minus the words of c that were numbered t before.
  std::vector<double> cost(k * k, 0.0);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const std::int32_t c = labels[i], t = previous[i];
    if (c < 0 || static_cast<std::size_t>(c) >= k || t < 0 || static_cast<std::size_t>(t) >= k) continue;
    cost[static_cast<std::size_t>(c) * k + static_cast<std::size_t>(t)] -= 1.0;
  }
  const auto column_of = hungarian(cost, k);
  return std::vector<std::int32_t>(column_of.begin(), column_of.end());
}

}  // namespace shelf
