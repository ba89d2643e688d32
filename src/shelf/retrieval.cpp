#include "shelf/retrieval.h"

#include <algorithm>
#include <unordered_map>

#include "shelf/error.h"

namespace shelf {

const char* retrieval_method_name(RetrievalMethod method) noexcept {
  switch (method) {
    case RetrievalMethod::Meaning: return "meaning";
    case RetrievalMethod::Words: return "words";
    case RetrievalMethod::Hybrid: return "hybrid";
  }
  return "meaning";
}

RetrievalMethod retrieval_method_from_name(std::string_view name) {
  if (name == "meaning") return RetrievalMethod::Meaning;
  if (name == "words") return RetrievalMethod::Words;
  if (name == "hybrid") return RetrievalMethod::Hybrid;
  throw Error("unknown retrieval method '" + std::string(name) + "' (expected meaning, words or hybrid)");
}

std::vector<std::pair<std::size_t, double>> reciprocal_rank_fusion(
    const std::vector<std::vector<std::size_t>>& rankings, std::size_t k, double constant) {
  std::unordered_map<std::size_t, double> fused;
  for (const auto& ranking : rankings) {
    for (std::size_t i = 0; i < ranking.size(); ++i) fused[ranking[i]] += 1.0 / (constant + static_cast<double>(i + 1));
  }
  std::vector<std::pair<std::size_t, double>> out(fused.begin(), fused.end());
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
    return x.second != y.second ? x.second > y.second : x.first < y.first;
  });
  if (k > 0 && out.size() > k) out.resize(k);
  return out;
}

namespace {

// Every chunk by meaning (empty when the question has no known word: `problem` says so).
std::vector<DocumentIndex::Hit> meaning_ranking(const DocumentIndex& index, std::string_view question,
                                                std::string* problem) {
  try {
    return index.search(question, index.chunks().size());
  } catch (const Error& e) {
    if (problem) *problem = e.what();
    return {};
  }
}

std::vector<std::size_t> ids_of(const std::vector<DocumentIndex::Hit>& hits) {
  std::vector<std::size_t> ids;
  for (const auto& hit : hits) ids.push_back(hit.chunk);
  return ids;
}

std::vector<std::size_t> ids_of(const std::vector<KeywordIndex::Hit>& hits) {
  std::vector<std::size_t> ids;
  for (const auto& hit : hits) ids.push_back(hit.chunk);
  return ids;
}

std::vector<std::size_t> fused_ids(const std::vector<std::size_t>& a, const std::vector<std::size_t>& b) {
  std::vector<std::size_t> ids;
  for (const auto& [chunk, score] : reciprocal_rank_fusion({a, b})) ids.push_back(chunk);
  return ids;
}

// Chunk id -> 1-based rank.
std::unordered_map<std::size_t, std::size_t> rank_of(const std::vector<std::size_t>& ids) {
  std::unordered_map<std::size_t, std::size_t> ranks;
  for (std::size_t i = 0; i < ids.size(); ++i) ranks.emplace(ids[i], i + 1);
  return ranks;
}

std::size_t find_rank(const std::unordered_map<std::size_t, std::size_t>& ranks, std::size_t chunk) {
  const auto found = ranks.find(chunk);
  return found == ranks.end() ? 0 : found->second;
}

}  // namespace

RetrievalComparison compare_retrieval(const DocumentIndex& meaning, const KeywordIndex& words,
                                      std::string_view question, std::size_t k) {
  if (k == 0) throw Error("k must be at least 1");
  if (meaning.chunks().size() != words.size()) throw Error("the two indexes hold different chunks");
  RetrievalComparison result;
  std::vector<KeywordIndex::Hit> by_words = words.search(question);  // throws for a question without words
  const std::vector<DocumentIndex::Hit> by_meaning = meaning_ranking(meaning, question, &result.meaning_problem);
  const std::vector<std::size_t> meaning_ids = ids_of(by_meaning), words_ids = ids_of(by_words);
  const auto meaning_ranks = rank_of(meaning_ids), words_ranks = rank_of(words_ids);
  std::unordered_map<std::size_t, const std::vector<std::string>*> matched;
  for (const auto& hit : by_words) matched.emplace(hit.chunk, &hit.matched_words);

  auto ranked = [&](std::size_t chunk, double score) {
    RankedChunk item;
    item.chunk = chunk;
    item.score = score;
    item.meaning_rank = find_rank(meaning_ranks, chunk);
    item.words_rank = find_rank(words_ranks, chunk);
    const auto found = matched.find(chunk);
    if (found != matched.end()) item.matched = *found->second;
    return item;
  };
  for (std::size_t i = 0; i < std::min(k, by_meaning.size()); ++i) {
    result.meaning.push_back(ranked(by_meaning[i].chunk, by_meaning[i].score));
  }
  for (std::size_t i = 0; i < std::min(k, by_words.size()); ++i) {
    result.words.push_back(ranked(by_words[i].chunk, by_words[i].score));
  }
  for (const auto& [chunk, score] : reciprocal_rank_fusion({meaning_ids, words_ids}, k)) {
    result.hybrid.push_back(ranked(chunk, score));
  }
  return result;
}

std::vector<MethodRecall> evaluate_retrieval(const DocumentEmbedder& embedder, std::string_view text,
                                             std::size_t max_tokens, const std::vector<LabelledQuestion>& questions,
                                             const std::vector<std::size_t>& ks) {
  if (questions.empty()) throw Error("there are no questions to evaluate");
  if (ks.empty()) throw Error("give at least one k for recall@k");
  for (const std::size_t k : ks) {
    if (k == 0) throw Error("recall@k needs k >= 1");
  }
  const DocumentIndex mean(embedder, text, Pooling::Mean, max_tokens, false);
  const DocumentIndex sif(embedder, text, Pooling::Sif, max_tokens, true);
  std::vector<std::string> texts;
  std::size_t paragraphs = 0;
  for (const Chunk& chunk : mean.chunks()) {
    texts.push_back(chunk.text);
    paragraphs = std::max(paragraphs, chunk.paragraph + 1);
  }
  for (const auto& q : questions) {
    if (q.paragraph >= paragraphs) {
      throw Error("the question \"" + q.question + "\" is answered by paragraph " + std::to_string(q.paragraph + 1) +
                  ", but the text has " + std::to_string(paragraphs));
    }
  }
  const KeywordIndex words(texts);

  std::vector<MethodRecall> methods = {
      {"meaning (mean)", RetrievalMethod::Meaning, Pooling::Mean, {}, {}, 0},
      {"meaning (SIF)", RetrievalMethod::Meaning, Pooling::Sif, {}, {}, 0},
      {"words (BM25)", RetrievalMethod::Words, Pooling::Mean, {}, {}, 0},
      {"hybrid (mean + BM25)", RetrievalMethod::Hybrid, Pooling::Mean, {}, {}, 0},
      {"hybrid (SIF + BM25)", RetrievalMethod::Hybrid, Pooling::Sif, {}, {}, 0},
  };
  // The rank of the first chunk of `paragraph` in a ranking of chunk ids.
  auto answer_rank = [&](const std::vector<std::size_t>& ranking, std::size_t paragraph) {
    for (std::size_t i = 0; i < ranking.size(); ++i) {
      if (mean.chunks()[ranking[i]].paragraph == paragraph) return static_cast<std::int32_t>(i + 1);
    }
    return std::int32_t{0};
  };
  for (const auto& q : questions) {
    std::vector<std::size_t> by_words;
    try {
      by_words = ids_of(words.search(q.question));
    } catch (const Error&) {
      // A question without words: no method ranks anything for it.
    }
    const std::vector<std::size_t> by_mean = ids_of(meaning_ranking(mean, q.question, nullptr));
    const std::vector<std::size_t> by_sif = ids_of(meaning_ranking(sif, q.question, nullptr));
    const std::vector<std::size_t> rankings[] = {
        by_mean, by_sif, by_words,
        fused_ids(by_mean, by_words), fused_ids(by_sif, by_words),
    };
    for (std::size_t m = 0; m < methods.size(); ++m) methods[m].ranks.push_back(answer_rank(rankings[m], q.paragraph));
  }
  const double n = static_cast<double>(questions.size());
  for (auto& method : methods) {
    for (const std::size_t k : ks) {
      const auto hits = std::count_if(method.ranks.begin(), method.ranks.end(),
                                      [k](std::int32_t r) { return r >= 1 && static_cast<std::size_t>(r) <= k; });
      method.recall.push_back(static_cast<double>(hits) / n);
    }
    double sum = 0;
    for (const std::int32_t r : method.ranks) sum += r > 0 ? 1.0 / r : 0.0;
    method.mean_reciprocal_rank = sum / n;
  }
  return methods;
}

}  // namespace shelf
