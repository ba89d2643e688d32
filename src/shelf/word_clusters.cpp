#include "shelf/word_clusters.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "shelf/clustering.h"
#include "shelf/error.h"
#include "shelf/exact_search.h"
#include "shelf/kernels.h"
#include "shelf/projection.h"
#include "shelf/tokenizer.h"

namespace shelf {

namespace {

// A warm start from the previous shelves is kept when its inertia is within this share of a
// fresh k-means++ start's: a shelf that stays put is worth a hair of fit to someone watching.
constexpr double kWarmStartTolerance = 0.005;

std::string_view trim(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

std::int32_t find_word(const VectorStore& store, std::string_view typed) {
  if (typed.empty()) return -1;
  const std::int32_t id = store.find(typed);
  return id >= 0 ? id : store.find(lowercase(typed));
}

}  // namespace

std::vector<float> mean_unit_vector(const VectorStore& store) {
  const Matrix& unit = store.unit_vectors();
  std::vector<double> sum(unit.cols(), 0.0);
  for (std::size_t r = 0; r < unit.rows(); ++r) {
    const float* row = unit.row(r);
    for (std::size_t c = 0; c < unit.cols(); ++c) sum[c] += row[c];
  }
  std::vector<float> mean(unit.cols(), 0.0f);
  if (unit.rows() == 0) return mean;
  for (std::size_t c = 0; c < mean.size(); ++c) mean[c] = static_cast<float>(sum[c] / static_cast<double>(unit.rows()));
  return mean;
}

Matrix centered_unit_rows(const VectorStore& store, const std::vector<std::int32_t>& ids, bool center) {
  const Matrix& unit = store.unit_vectors();
  const std::size_t d = unit.cols();
  const std::vector<float> mean = center ? mean_unit_vector(store) : std::vector<float>();
  Matrix rows(ids.size(), d);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const float* source = unit.row(static_cast<std::size_t>(ids[i]));
    float* target = rows.row(i);
    std::copy(source, source + d, target);
    if (!center) continue;
    kernels::axpy(-1.0f, mean.data(), target, d);
    const float length = kernels::norm(target, d);
    if (length > 1e-6f) kernels::scale(1.0f / length, target, d);
    else std::fill(target, target + d, 0.0f);
  }
  return rows;
}

namespace {

// For centred cosines over every row: each row's dot with the mean and its centred length.
struct CenteredNorms {
  std::vector<float> mean;
  float mean_norm2 = 0;
  std::vector<float> mean_dots;     // u_r . m
  std::vector<float> inverse_norm;  // 1 / |u_r - m|, 0 for a row equal to the mean
};

CenteredNorms centered_norms(const VectorStore& store) {
  const Matrix& unit = store.unit_vectors();
  const std::size_t n = unit.rows(), d = unit.cols();
  CenteredNorms c;
  c.mean = mean_unit_vector(store);
  c.mean_norm2 = kernels::dot(c.mean.data(), c.mean.data(), d);
  c.mean_dots.resize(n);
  c.inverse_norm.resize(n);
  kernels::dot_rows(unit.data(), n, d, c.mean.data(), c.mean_dots.data());
  for (std::size_t r = 0; r < n; ++r) {
    const float own = kernels::dot(unit.row(r), unit.row(r), d);  // 1, or 0 for a zero vector
    const float length2 = own - 2 * c.mean_dots[r] + c.mean_norm2;
    c.inverse_norm[r] = length2 > 1e-12f ? 1.0f / std::sqrt(length2) : 0.0f;
  }
  return c;
}

std::vector<Neighbor> nearest(const VectorStore& store, std::int32_t id, std::size_t k, const CenteredNorms* c) {
  const Matrix& unit = store.unit_vectors();
  const std::size_t n = unit.rows(), d = unit.cols();
  std::vector<float> scores(n);
  if (!c) {
    kernels::dot_rows(unit.data(), n, d, unit.row(static_cast<std::size_t>(id)), scores.data());
  } else {
    // cos(u_r - m, u_q - m) = (u_r.u_q - u_r.m - m.u_q + m.m) / (|u_r - m| |u_q - m|)
    const auto q = static_cast<std::size_t>(id);
    kernels::dot_rows(unit.data(), n, d, unit.row(q), scores.data());
    for (std::size_t r = 0; r < n; ++r) {
      scores[r] = (scores[r] - c->mean_dots[r] - c->mean_dots[q] + c->mean_norm2) * c->inverse_norm[r] * c->inverse_norm[q];
    }
  }
  return top_k_of_scores(scores.data(), n, k, {id});
}

}  // namespace

std::vector<Neighbor> nearest_words(const VectorStore& store, std::int32_t id, std::size_t k, bool center) {
  if (id < 0 || static_cast<std::size_t>(id) >= store.size()) throw Error("no word with id " + std::to_string(id));
  if (!center) return nearest(store, id, k, nullptr);
  const CenteredNorms norms = centered_norms(store);
  return nearest(store, id, k, &norms);
}

namespace {

struct Chosen {
  std::vector<std::string> words;
  std::vector<std::int32_t> ids;
  std::vector<std::string> missing;
  std::vector<std::int32_t> topics;  // aligned with ids when topics were given
};

Chosen choose_words(const VectorStore& store, const ShelfRequest& request) {
  Chosen chosen;
  const bool with_topics = !request.topics.empty();
  if (request.words.empty()) {
    if (request.limit == 0) throw Error("limit must be at least 1");
    const std::size_t n = std::min(request.limit, store.size());
    if (with_topics && request.topics.size() != n) {
      throw Error("topics has " + std::to_string(request.topics.size()) + " entries for the " + std::to_string(n) +
                  " most frequent words");
    }
    for (std::size_t i = 0; i < n; ++i) {
      chosen.ids.push_back(static_cast<std::int32_t>(i));
      chosen.words.push_back(store.word(static_cast<std::int32_t>(i)));
    }
    chosen.topics = request.topics;
    return chosen;
  }
  if (with_topics && request.topics.size() != request.words.size()) {
    throw Error("topics has " + std::to_string(request.topics.size()) + " entries for " +
                std::to_string(request.words.size()) + " words: give one topic per word (-1 for none)");
  }
  std::unordered_map<std::int32_t, bool> seen;
  for (std::size_t i = 0; i < request.words.size(); ++i) {
    const std::string_view typed = trim(request.words[i]);
    const std::int32_t id = find_word(store, typed);
    if (id < 0) {
      if (!typed.empty()) chosen.missing.emplace_back(typed);
      continue;
    }
    if (!seen.emplace(id, true).second) continue;  // the same book once
    chosen.ids.push_back(id);
    chosen.words.push_back(store.word(id));
    if (with_topics) chosen.topics.push_back(request.topics[i]);
  }
  return chosen;
}

// Each word's earlier shelf (-1: none) and earlier point (when every word has one).
struct Earlier {
  std::vector<std::int32_t> labels;
  std::optional<Matrix> points;
};

Earlier earlier_of(const PreviousShelves& previous, const std::vector<std::string>& words, std::size_t components) {
  const std::size_t n = previous.words.size();
  if (previous.labels.size() != n) {
    throw Error("previous has " + std::to_string(n) + " words but " + std::to_string(previous.labels.size()) +
                " labels: give one label per word");
  }
  const bool with_points = !previous.points.empty();
  if (with_points && (components == 0 || previous.points.size() != n * components)) {
    throw Error("previous has " + std::to_string(previous.points.size()) + " point values; " + std::to_string(n) +
                " words need " + std::to_string(n * components) + " (" + std::to_string(components) + " per word)");
  }
  std::unordered_map<std::string_view, std::size_t> row_of;
  for (std::size_t i = 0; i < n; ++i) row_of.emplace(previous.words[i], i);
  Earlier earlier;
  earlier.labels.assign(words.size(), -1);
  Matrix points;
  bool all = with_points;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto found = row_of.find(words[i]);
    if (found == row_of.end()) {
      all = false;
      continue;
    }
    earlier.labels[i] = previous.labels[found->second];
    if (all) points.push_row(previous.points.data() + found->second * components, components);
  }
  if (all && !words.empty()) earlier.points = std::move(points);
  return earlier;
}

// Lloyd from the centroids of the earlier shelves (on today's vectors), when each of the k
// shelves still has a book; nothing otherwise.
std::optional<Clustering> warm_start(const Matrix& rows, const std::vector<std::int32_t>& earlier, std::size_t k,
                                     int max_iterations) {
  Matrix sums(k, rows.cols());
  std::vector<std::size_t> counts(k, 0);
  for (std::size_t i = 0; i < earlier.size(); ++i) {
    const std::int32_t c = earlier[i];
    if (c < 0 || static_cast<std::size_t>(c) >= k) continue;
    kernels::axpy(1.0f, rows.row(i), sums.row(static_cast<std::size_t>(c)), rows.cols());
    ++counts[static_cast<std::size_t>(c)];
  }
  for (std::size_t c = 0; c < k; ++c) {
    if (counts[c] == 0 || kernels::norm(sums.row(c), rows.cols()) <= 0) return std::nullopt;
  }
  std::vector<std::int32_t> all(rows.rows());
  std::iota(all.begin(), all.end(), 0);
  KMeans clustering(rows, all, sums, true);
  while (clustering.iterations() < max_iterations && !clustering.converged()) clustering.step();
  return clustering.result();
}

}  // namespace

WordShelves shelve_words(const VectorStore& store, const ShelfRequest& request) {
  if (request.k == 0) throw Error("k must be at least 1 (the number of shelves)");
  if (request.max_iterations < 0) throw Error("max_iterations must be 0 or more");
  Chosen chosen = choose_words(store, request);
  WordShelves result;
  if (!request.neighbors_of.empty()) {
    std::optional<CenteredNorms> norms;
    if (request.center) norms = centered_norms(store);
    std::unordered_map<std::int32_t, bool> on_floor;
    for (const auto id : chosen.ids) on_floor.emplace(id, true);
    const auto put_on_floor = [&](std::int32_t id) {
      if (!request.add_neighbors || !on_floor.emplace(id, true).second) return;
      chosen.ids.push_back(id);
      chosen.words.push_back(store.word(id));
      if (!chosen.topics.empty()) chosen.topics.push_back(-1);
    };
    for (const auto& typed : request.neighbors_of) {
      WordNeighbors entry;
      const std::int32_t id = find_word(store, trim(typed));
      entry.known = id >= 0;
      entry.word = entry.known ? store.word(id) : std::string(trim(typed));
      if (entry.known) {
        put_on_floor(id);
        for (const auto& neighbor : nearest(store, id, request.neighbor_count, norms ? &*norms : nullptr)) {
          entry.words.push_back(store.word(neighbor.id));
          entry.scores.push_back(neighbor.score);
          put_on_floor(neighbor.id);
        }
      }
      result.neighbors.push_back(std::move(entry));
    }
  }
  const std::size_t n = chosen.ids.size(), k = request.k;
  if (n == 0) throw Error("none of the words is in the vocabulary of these vectors");
  if (k > n) {
    throw Error("cannot put " + std::to_string(n) + " known word" + (n == 1 ? "" : "s") + " on " + std::to_string(k) +
                " shelves: choose fewer shelves or more words");
  }
  const Matrix rows = centered_unit_rows(store, chosen.ids, request.center);
  const Earlier earlier = request.previous ? earlier_of(*request.previous, chosen.words, request.components)
                                           : Earlier{std::vector<std::int32_t>(n, -1), std::nullopt};

  Clustering clustering = kmeans(rows, k, request.seed, request.max_iterations, true);
  if (request.previous) {
    if (auto warm = warm_start(rows, earlier.labels, k, request.max_iterations)) {
      if (warm->inertia <= clustering.inertia * (1 + kWarmStartTolerance)) {
        clustering = std::move(*warm);
        result.warm_started = true;
      }
    }
  }

  // Number the shelves: after the previous ones when there are any, else along the 1-D order.
  Matrix similarity(k, k);
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) {
      similarity.at(a, b) = kernels::dot(clustering.centroids.row(a), clustering.centroids.row(b), rows.cols());
    }
  }
  std::vector<std::int32_t> number(k);
  const bool any_earlier = std::any_of(earlier.labels.begin(), earlier.labels.end(), [](std::int32_t l) { return l >= 0; });
  if (any_earlier) {
    number = match_clusters(clustering.labels, earlier.labels, k);
  } else {
    const auto order = order_by_similarity(similarity);
    for (std::size_t i = 0; i < k; ++i) number[static_cast<std::size_t>(order[i])] = static_cast<std::int32_t>(i);
  }
  Matrix centroids(k, rows.cols());
  result.centroid_similarity = Matrix(k, k);
  for (std::size_t c = 0; c < k; ++c) {
    const auto to = static_cast<std::size_t>(number[c]);
    std::copy(clustering.centroids.row(c), clustering.centroids.row(c) + rows.cols(), centroids.row(to));
    for (std::size_t b = 0; b < k; ++b) result.centroid_similarity.at(to, static_cast<std::size_t>(number[b])) = similarity.at(c, b);
  }

  result.k = k;
  result.labels.resize(n);
  result.fit.resize(n);
  result.sizes.assign(k, 0);
  std::vector<std::vector<std::size_t>> members(k);
  for (std::size_t i = 0; i < n; ++i) {
    const auto shelf = static_cast<std::size_t>(number[static_cast<std::size_t>(clustering.labels[i])]);
    result.labels[i] = static_cast<std::int32_t>(shelf);
    result.fit[i] = kernels::dot(rows.row(i), centroids.row(shelf), rows.cols());
    ++result.sizes[shelf];
    members[shelf].push_back(i);
    if (earlier.labels[i] >= 0) {
      ++result.compared;
      if (earlier.labels[i] != result.labels[i]) ++result.moved;
    }
  }
  for (std::size_t c = 0; c < k; ++c) {
    auto& list = members[c];
    std::stable_sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) { return result.fit[a] > result.fit[b]; });
    std::vector<std::string> names;
    std::string name;
    for (std::size_t j = 0; j < std::min(request.representatives, list.size()); ++j) {
      names.push_back(chosen.words[list[j]]);
      name += (j ? " · " : "") + chosen.words[list[j]];
    }
    result.representatives.push_back(std::move(names));
    result.names.push_back(std::move(name));
  }
  result.order = order_by_similarity(result.centroid_similarity);
  result.inertia = clustering.inertia;
  result.iterations = clustering.iterations;
  result.converged = clustering.converged;

  if (!chosen.topics.empty()) {
    std::vector<std::int32_t> shelves, topics;
    for (std::size_t i = 0; i < n; ++i) {
      if (chosen.topics[i] < 0) continue;
      shelves.push_back(result.labels[i]);
      topics.push_back(chosen.topics[i]);
    }
    result.topic_words = topics.size();
    if (!topics.empty()) {
      result.purity = purity(shelves, topics);
      result.adjusted_rand = adjusted_rand_index(shelves, topics);
    }
  }

  if (request.components > 0) {
    Projection projection = pca(rows, request.components);
    if (earlier.points && n >= 2) {
      projection.points = align_to(projection.points, *earlier.points);
      result.aligned = true;
    }
    result.components = request.components;
    result.points.assign(projection.points.data(), projection.points.data() + projection.points.size());
    result.explained = projection.explained_variance_ratio;
  }

  result.words = std::move(chosen.words);
  result.ids = std::move(chosen.ids);
  result.missing = std::move(chosen.missing);
  return result;
}

}  // namespace shelf
