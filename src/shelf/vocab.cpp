#include "shelf/vocab.h"

#include <algorithm>
#include <numeric>

namespace shelf {

Vocab Vocab::from_counts(const std::vector<std::string>& words, const std::vector<std::int64_t>& counts,
                         const VocabOptions& options, std::vector<std::int32_t>* new_ids) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (counts[i] >= options.min_count && counts[i] > 0) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return counts[a] > counts[b]; });
  if (options.max_vocab > 0 && order.size() > options.max_vocab) order.resize(options.max_vocab);

  Vocab vocab;
  vocab.words_.reserve(order.size());
  vocab.counts_.reserve(order.size());
  vocab.index_.reserve(order.size());
  if (new_ids) new_ids->assign(words.size(), -1);
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    const std::size_t i = order[rank];
    vocab.words_.push_back(words[i]);
    vocab.counts_.push_back(counts[i]);
    vocab.index_.emplace(words[i], static_cast<std::int32_t>(rank));
    vocab.total_count_ += counts[i];
    if (new_ids) (*new_ids)[i] = static_cast<std::int32_t>(rank);
  }
  return vocab;
}

std::int32_t Vocab::find(std::string_view word) const {
  const auto it = index_.find(std::string(word));
  return it == index_.end() ? -1 : it->second;
}

}  // namespace shelf
