#include "shelf/keyword_index.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "shelf/error.h"
#include "shelf/tokenizer.h"

namespace shelf {

KeywordIndex::KeywordIndex(const std::vector<std::string>& chunk_texts, Bm25Params params) : params_(params) {
  if (!(params.k1 >= 0) || !std::isfinite(params.k1)) throw Error("BM25's k1 must be a finite number >= 0");
  if (!(params.b >= 0 && params.b <= 1)) throw Error("BM25's b must be from 0 to 1");
  lengths_.reserve(chunk_texts.size());
  std::unordered_map<std::string, std::uint32_t> counts;
  double total = 0;
  for (std::size_t c = 0; c < chunk_texts.size(); ++c) {
    const std::vector<std::string> tokens = tokenize(chunk_texts[c]);
    counts.clear();
    for (const std::string& token : tokens) ++counts[token];
    for (const auto& [word, count] : counts) postings_[word].push_back({static_cast<std::uint32_t>(c), count});
    lengths_.push_back(static_cast<std::uint32_t>(tokens.size()));
    total += static_cast<double>(tokens.size());
  }
  average_length_ = lengths_.empty() ? 0 : total / static_cast<double>(lengths_.size());
}

double KeywordIndex::idf(const std::string& word) const {
  const auto found = postings_.find(word);
  if (found == postings_.end()) return 0;
  const double n = static_cast<double>(found->second.size());
  const double total = static_cast<double>(lengths_.size());
  return std::log(1.0 + (total - n + 0.5) / (n + 0.5));
}

std::vector<KeywordIndex::Hit> KeywordIndex::search(std::string_view query, std::size_t k) const {
  std::vector<std::string> words = tokenize(query);
  if (words.empty()) throw Error("the question has no words to search for");
  std::vector<std::string> unique;
  for (std::string& word : words) {
    if (std::find(unique.begin(), unique.end(), word) == unique.end()) unique.push_back(std::move(word));
  }
  std::vector<double> scores(lengths_.size(), 0.0);
  std::vector<std::vector<std::string>> matched(lengths_.size());
  const double k1 = params_.k1, b = params_.b;
  for (const std::string& word : unique) {
    const auto found = postings_.find(word);
    if (found == postings_.end()) continue;
    const double weight = idf(word);
    for (const Posting& posting : found->second) {
      const double tf = posting.count;
      const double norm = average_length_ > 0 ? 1 - b + b * lengths_[posting.chunk] / average_length_ : 1;
      scores[posting.chunk] += weight * tf * (k1 + 1) / (tf + k1 * norm);
      matched[posting.chunk].push_back(word);
    }
  }
  std::vector<std::size_t> order;
  for (std::size_t c = 0; c < scores.size(); ++c) {
    if (!matched[c].empty()) order.push_back(c);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return scores[x] > scores[y]; });
  if (k > 0 && order.size() > k) order.resize(k);
  std::vector<Hit> hits;
  hits.reserve(order.size());
  for (const std::size_t c : order) hits.push_back({c, static_cast<float>(scores[c]), std::move(matched[c])});
  return hits;
}

}  // namespace shelf
