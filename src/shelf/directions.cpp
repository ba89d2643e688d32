#include "shelf/directions.h"

#include <cmath>
#include <cstdint>
#include <string_view>
#include <unordered_set>

#include "shelf/error.h"
#include "shelf/kernels.h"
#include "shelf/tokenizer.h"

namespace shelf {

namespace {

std::string_view trimmed(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

// The row of a word as typed, then lowercased; -1 when the vectors lack it.
std::int32_t find_word(const VectorStore& store, std::string_view typed) {
  const std::int32_t id = store.find(typed);
  return id >= 0 ? id : store.find(lowercase(typed));
}

struct Axis {
  std::vector<float> direction;  // unit length
  std::vector<float> agreement;
};

Axis axis_of(const VectorStore& store, const std::vector<WordPair>& pairs, const char* name) {
  if (pairs.empty()) throw Error(std::string("the ") + name + " axis needs at least one word pair");
  if (pairs.size() > kMaxDirectionPairs) {
    throw Error(std::string("the ") + name + " axis has " + std::to_string(pairs.size()) + " pairs; at most " +
                std::to_string(kMaxDirectionPairs) + " are allowed");
  }
  const std::size_t dim = store.dim();
  std::vector<std::vector<float>> steps;
  for (const auto& pair : pairs) {
    std::int32_t ids[2];
    const std::string_view ends[2] = {trimmed(pair.from), trimmed(pair.to)};
    for (int end = 0; end < 2; ++end) {
      if (ends[end].empty()) throw Error(std::string("a pair of the ") + name + " axis has an empty word");
      ids[end] = find_word(store, ends[end]);
      if (ids[end] < 0) {
        throw Error("unknown word '" + std::string(ends[end]) + "' in the pair " + std::string(ends[0]) + " → " +
                    std::string(ends[1]) + " of the " + name + " axis");
      }
    }
    const float* from = store.unit_vector(ids[0]);
    const float* to = store.unit_vector(ids[1]);
    std::vector<float> step(dim);
    for (std::size_t i = 0; i < dim; ++i) step[i] = to[i] - from[i];
    steps.push_back(std::move(step));
  }
  Axis axis;
  axis.direction.assign(dim, 0.0f);
  for (const auto& step : steps) {
    for (std::size_t i = 0; i < dim; ++i) axis.direction[i] += step[i] / static_cast<float>(steps.size());
  }
  const float norm = std::sqrt(kernels::dot(axis.direction.data(), axis.direction.data(), dim));
  if (!(norm > 1e-6f)) throw Error(std::string("the pairs of the ") + name + " axis cancel out: they give no direction");
  for (float& v : axis.direction) v /= norm;
  for (const auto& step : steps) {
    const float length = std::sqrt(kernels::dot(step.data(), step.data(), dim));
    axis.agreement.push_back(length > 0 ? kernels::dot(step.data(), axis.direction.data(), dim) / length : 0.0f);
  }
  return axis;
}

}  // namespace

DirectionsPlot plot_directions(const VectorStore& store, const std::vector<WordPair>& x_pairs,
                               const std::vector<WordPair>& y_pairs, const std::vector<std::string>& words) {
  if (words.size() > kMaxDirectionWords) {
    throw Error("asked to plot " + std::to_string(words.size()) + " words; at most " +
                std::to_string(kMaxDirectionWords) + " are allowed");
  }
  const Axis x = axis_of(store, x_pairs, "x");
  const Axis y = axis_of(store, y_pairs, "y");
  const std::size_t dim = store.dim();
  DirectionsPlot plot;
  plot.x_agreement = x.agreement;
  plot.y_agreement = y.agreement;
  plot.axes_cosine = kernels::dot(x.direction.data(), y.direction.data(), dim);
  std::unordered_set<std::int32_t> seen;
  for (const auto& word : words) {
    const std::string_view typed = trimmed(word);
    if (typed.empty()) continue;
    const std::int32_t id = find_word(store, typed);
    if (id < 0) {
      plot.unknown.emplace_back(typed);
      continue;
    }
    if (!seen.insert(id).second) continue;
    const float* unit = store.unit_vector(id);
    plot.words.push_back(store.word(id));
    plot.x.push_back(kernels::dot(unit, x.direction.data(), dim));
    plot.y.push_back(kernels::dot(unit, y.direction.data(), dim));
  }
  return plot;
}

}  // namespace shelf
