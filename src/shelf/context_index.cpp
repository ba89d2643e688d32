#include "shelf/context_index.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "shelf/error.h"

namespace shelf {

namespace {

// How telling a context is for a word: frequent and more often than chance.
double weight(std::int64_t count, double pmi) { return pmi > 0 ? static_cast<double>(count) * pmi : 0.0; }

}  // namespace

ContextIndex::ContextIndex(const Corpus& corpus, std::size_t window) : corpus_(corpus), window_(window) {
  if (window_ < 1) throw Error("the context window must be at least 1");
  if (corpus_.ids.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw Error("the corpus is too long to index (more than 4 billion words)");
  }
  const std::size_t vocab = corpus_.vocab.size();
  starts_.assign(vocab + 1, 0);
  slots_.assign(vocab, 0);
  for (const std::int32_t id : corpus_.ids) ++starts_[static_cast<std::size_t>(id) + 1];
  for (std::size_t w = 0; w < vocab; ++w) starts_[w + 1] += starts_[w];
  positions_.resize(corpus_.ids.size());
  std::vector<std::uint32_t> next(starts_.begin(), starts_.end() - 1);
  for (std::size_t s = 0; s < corpus_.sentence_count(); ++s) {
    const std::size_t begin = corpus_.sentence_starts[s];
    const std::size_t end = corpus_.sentence_starts[s + 1];
    for (std::size_t p = begin; p < end; ++p) {
      const auto id = static_cast<std::size_t>(corpus_.ids[p]);
      positions_[next[id]++] = static_cast<std::uint32_t>(p);
      const std::size_t slots = std::min(window_, p - begin) + std::min(window_, end - 1 - p);
      slots_[id] += static_cast<std::int64_t>(slots);
      total_slots_ += static_cast<double>(slots);
    }
  }
}

std::size_t ContextIndex::occurrences(std::int32_t id) const {
  if (id < 0 || static_cast<std::size_t>(id) >= slots_.size()) return 0;
  return starts_[static_cast<std::size_t>(id) + 1] - starts_[static_cast<std::size_t>(id)];
}

std::size_t ContextIndex::sentence_of(std::size_t position) const {
  const auto& starts = corpus_.sentence_starts;
  return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), position) - starts.begin()) - 1;
}

std::vector<ContextLine> ContextIndex::lines(std::int32_t id, std::size_t offset, std::size_t limit,
                                             std::size_t extra) const {
  std::vector<ContextLine> result;
  const std::size_t n = occurrences(id);
  if (offset >= n) return result;
  const std::size_t reach = window_ + extra;
  const std::uint32_t* first = positions_.data() + starts_[static_cast<std::size_t>(id)];
  for (std::size_t i = offset; i < n && result.size() < limit; ++i) {
    ContextLine line;
    line.position = first[i];
    line.sentence = sentence_of(line.position);
    const std::size_t begin = corpus_.sentence_starts[line.sentence];
    const std::size_t end = corpus_.sentence_starts[line.sentence + 1];
    const std::size_t from = line.position - std::min(reach, line.position - begin);
    const std::size_t to = std::min(end, line.position + reach + 1);
    line.left.assign(corpus_.ids.begin() + static_cast<std::ptrdiff_t>(from),
                     corpus_.ids.begin() + static_cast<std::ptrdiff_t>(line.position));
    line.right.assign(corpus_.ids.begin() + static_cast<std::ptrdiff_t>(line.position + 1),
                      corpus_.ids.begin() + static_cast<std::ptrdiff_t>(to));
    result.push_back(std::move(line));
  }
  return result;
}

std::size_t ContextIndex::count_contexts(std::int32_t id, std::vector<std::int64_t>& counts,
                                         std::vector<std::int32_t>& touched, std::size_t most) const {
  const std::size_t n = occurrences(id);
  const std::size_t stride = most > 0 && n > most ? (n + most - 1) / most : 1;
  const std::uint32_t* first = positions_.data() + starts_[static_cast<std::size_t>(id)];
  std::size_t sentence = 0;
  for (std::size_t i = 0; i < n; i += stride) {
    const std::size_t p = first[i];
    // Positions ascend, so the sentence only moves forward: a binary search only when it must.
    if (p >= corpus_.sentence_starts[sentence + 1] || p < corpus_.sentence_starts[sentence]) sentence = sentence_of(p);
    const std::size_t begin = corpus_.sentence_starts[sentence];
    const std::size_t end = corpus_.sentence_starts[sentence + 1];
    const std::size_t from = p - std::min(window_, p - begin);
    const std::size_t to = std::min(end, p + window_ + 1);
    for (std::size_t q = from; q < to; ++q) {
      if (q == p) continue;
      const std::int32_t c = corpus_.ids[q];
      if (counts[static_cast<std::size_t>(c)]++ == 0) touched.push_back(c);
    }
  }
  return stride;
}

double ContextIndex::pmi(std::int32_t word, std::int32_t context, std::int64_t count) const {
  const double word_slots = static_cast<double>(slots_[static_cast<std::size_t>(word)]);
  const double context_slots = static_cast<double>(slots_[static_cast<std::size_t>(context)]);
  if (count <= 0 || word_slots <= 0 || context_slots <= 0) return 0;
  return std::log(static_cast<double>(count) * total_slots_ / (word_slots * context_slots));
}

std::vector<ContextCount> ContextIndex::contexts(std::int32_t id) const {
  std::vector<ContextCount> result;
  if (occurrences(id) == 0) return result;
  std::vector<std::int64_t> counts(slots_.size(), 0);
  std::vector<std::int32_t> touched;
  count_contexts(id, counts, touched);
  const double slots = static_cast<double>(slots_[static_cast<std::size_t>(id)]);
  result.reserve(touched.size());
  for (const std::int32_t c : touched) {
    const std::int64_t count = counts[static_cast<std::size_t>(c)];
    result.push_back({c, count, slots > 0 ? static_cast<double>(count) / slots : 0.0, pmi(id, c, count)});
  }
  std::sort(result.begin(), result.end(), [](const ContextCount& x, const ContextCount& y) {
    return x.count != y.count ? x.count > y.count : x.id < y.id;
  });
  return result;
}

std::vector<SharingWord> ContextIndex::sharing(std::int32_t id, std::size_t k, std::size_t top,
                                               std::int64_t min_count) const {
  std::vector<SharingWord> result;
  std::vector<ContextCount> own = contexts(id);
  std::sort(own.begin(), own.end(), [](const ContextCount& x, const ContextCount& y) {
    const double wx = weight(x.count, x.pmi);
    const double wy = weight(y.count, y.pmi);
    return wx != wy ? wx > wy : x.id < y.id;
  });
  while (!own.empty() && weight(own.back().count, own.back().pmi) <= 0) own.pop_back();
  if (own.size() > top) own.resize(top);
  if (own.empty()) return result;

  // n(v, c) = n(c, v): walking the occurrences of each telling context c counts every word v
  // near c, which is how often c is near v.
  const std::size_t vocab = slots_.size();
  std::vector<double> overlap(vocab, 0.0);
  std::vector<std::uint32_t> shared(vocab, 0);
  std::vector<std::int64_t> counts(vocab, 0);
  std::vector<std::int32_t> touched;
  std::vector<std::int32_t> candidates;
  double own_total = 0;
  for (const ContextCount& c : own) {
    own_total += c.share;
    touched.clear();
    const auto stride = static_cast<double>(count_contexts(c.id, counts, touched, kSampledOccurrences));
    for (const std::int32_t v : touched) {
      const auto slot = static_cast<std::size_t>(v);
      const double slots = static_cast<double>(slots_[slot]);
      const double share = slots > 0 ? std::min(1.0, stride * static_cast<double>(counts[slot]) / slots) : 0.0;
      if (shared[slot]++ == 0) candidates.push_back(v);
      overlap[slot] += std::min(share, c.share);
      counts[slot] = 0;
    }
  }
  for (const std::int32_t v : candidates) {
    if (v == id || corpus_.vocab.count(v) < min_count) continue;
    const auto slot = static_cast<std::size_t>(v);
    result.push_back({v, own_total > 0 ? overlap[slot] / own_total : 0.0, shared[slot]});
  }
  const std::size_t keep = std::min(k, result.size());
  std::partial_sort(result.begin(), result.begin() + static_cast<std::ptrdiff_t>(keep), result.end(),
                    [](const SharingWord& x, const SharingWord& y) {
                      return x.overlap != y.overlap ? x.overlap > y.overlap : x.id < y.id;
                    });
  result.resize(keep);
  return result;
}

PairContexts ContextIndex::pair(std::int32_t a, std::int32_t b, std::size_t k) const {
  PairContexts result;
  const std::size_t vocab = slots_.size();
  std::vector<std::int64_t> counts_a(vocab, 0);
  std::vector<std::int64_t> counts_b(vocab, 0);
  std::vector<std::int32_t> touched_a;
  std::vector<std::int32_t> touched_b;
  if (occurrences(a)) count_contexts(a, counts_a, touched_a);
  if (occurrences(b)) count_contexts(b, counts_b, touched_b);
  result.distinct_a = touched_a.size();
  result.distinct_b = touched_b.size();

  struct Ranked {
    PairContexts::Entry entry;
    double rank;
  };
  std::vector<Ranked> shared;
  std::vector<Ranked> only_a;
  std::vector<Ranked> only_b;
  double both_a = 0;
  double both_b = 0;
  double all_a = 0;
  double all_b = 0;
  for (const std::int32_t c : touched_a) {
    const std::int64_t na = counts_a[static_cast<std::size_t>(c)];
    const std::int64_t nb = counts_b[static_cast<std::size_t>(c)];
    all_a += static_cast<double>(na);
    const double wa = weight(na, pmi(a, c, na));
    if (nb > 0) {
      both_a += static_cast<double>(na);
      shared.push_back({{c, na, nb}, std::min(wa, weight(nb, pmi(b, c, nb)))});
    } else {
      only_a.push_back({{c, na, 0}, wa});
    }
  }
  for (const std::int32_t c : touched_b) {
    const std::int64_t na = counts_a[static_cast<std::size_t>(c)];
    const std::int64_t nb = counts_b[static_cast<std::size_t>(c)];
    all_b += static_cast<double>(nb);
    if (na > 0) {
      both_b += static_cast<double>(nb);
    } else {
      only_b.push_back({{c, 0, nb}, weight(nb, pmi(b, c, nb))});
    }
  }
  const double all = all_a + all_b;
  result.overlap = all > 0 ? (both_a + both_b) / all : 0.0;
  auto take = [k](std::vector<Ranked>& ranked, std::vector<PairContexts::Entry>& out) {
    // Telling first; among the untelling (weight 0), the more frequent.
    std::sort(ranked.begin(), ranked.end(), [](const Ranked& x, const Ranked& y) {
      if (x.rank != y.rank) return x.rank > y.rank;
      const std::int64_t cx = x.entry.count_a + x.entry.count_b;
      const std::int64_t cy = y.entry.count_a + y.entry.count_b;
      return cx != cy ? cx > cy : x.entry.id < y.entry.id;
    });
    for (std::size_t i = 0; i < ranked.size() && i < k; ++i) out.push_back(ranked[i].entry);
  };
  take(shared, result.shared);
  take(only_a, result.only_a);
  take(only_b, result.only_b);
  return result;
}

std::size_t ContextIndex::memory_bytes() const noexcept {
  return starts_.capacity() * sizeof(std::uint32_t) + positions_.capacity() * sizeof(std::uint32_t) +
         slots_.capacity() * sizeof(std::int64_t);
}

}  // namespace shelf
