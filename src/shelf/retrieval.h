// Retrieval by meaning, by words, and both: the same question asked of a text's chunks three ways,
// and the recall of each on a labelled question set.
//
// - meaning: the cosine between the question's pooled word vectors and each chunk's (DocumentIndex);
// - words: BM25 (KeywordIndex);
// - hybrid: reciprocal rank fusion of the two rankings (Cormack, Clarke and Büttcher, SIGIR 2009),
//   score(chunk) = sum over the rankings that hold it of 1 / (kRrfConstant + rank). It reads ranks
//   only: a cosine and a BM25 score are on unrelated scales (BM25 grows with the number and rarity
//   of the words matched), so adding or averaging them would need weights tuned to each text and
//   vector set, while ranks need none. A chunk that shares no word with the question is absent
//   from the words ranking and is fused from its meaning rank alone.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shelf/documents.h"
#include "shelf/keyword_index.h"

namespace shelf {

// The constant of reciprocal rank fusion; Cormack et al. found 60 good across collections. It
// keeps one ranking's first place from outweighing a chunk both rankings place well.
inline constexpr double kRrfConstant = 60;

enum class RetrievalMethod { Meaning, Words, Hybrid };
const char* retrieval_method_name(RetrievalMethod method) noexcept;  // meaning, words, hybrid
RetrievalMethod retrieval_method_from_name(std::string_view name);   // throws shelf::Error

struct RankedChunk {
  std::size_t chunk = 0;
  double score = 0;                       // cosine, BM25, or the fused score
  std::size_t meaning_rank = 0;           // 1-based rank in each ranking, 0 = not in it
  std::size_t words_rank = 0;
  std::vector<std::string> matched;       // words of the question the chunk contains
};

// Rankings of chunk ids, best first, fused; ties broken by the earlier chunk. `k` = 0: all.
std::vector<std::pair<std::size_t, double>> reciprocal_rank_fusion(
    const std::vector<std::vector<std::size_t>>& rankings, std::size_t k = 0, double constant = kRrfConstant);

struct RetrievalComparison {
  std::vector<RankedChunk> meaning, words, hybrid;   // each at most k, best first
  // Why there is no meaning ranking (no word of the question has a vector), else empty; the
  // hybrid is then the words ranking fused alone.
  std::string meaning_problem;
};

// The question asked all three ways. Both indexes must be over the same chunks. Throws
// shelf::Error when the question has no words.
RetrievalComparison compare_retrieval(const DocumentIndex& meaning, const KeywordIndex& words,
                                      std::string_view question, std::size_t k);

// Labelled questions: each with the paragraph (0-based, as Chunk::paragraph counts) that answers it.
struct LabelledQuestion {
  std::string question;
  std::size_t paragraph = 0;
};

struct MethodRecall {
  std::string name;                 // "meaning (mean)", "words (BM25)", "hybrid (SIF)", ...
  RetrievalMethod method = RetrievalMethod::Meaning;
  Pooling pooling = Pooling::Mean;  // for meaning and hybrid
  // Per question: the 1-based rank of the first chunk of its answering paragraph, 0 when the
  // method does not rank it at all (BM25 ranks only chunks sharing a word with the question).
  std::vector<std::int32_t> ranks;
  std::vector<double> recall;       // per k: the fraction of questions with 1 <= rank <= k
  double mean_reciprocal_rank = 0;  // mean of 1/rank (0 for unranked)
};

// Recall at each k of meaning (mean and SIF pooling), words (BM25) and hybrid (with each pooling)
// on the questions, over `text` cut as DocumentIndex cuts it with `max_tokens`. SIF removes the
// common component, as the lesson's index does. Throws shelf::Error for an empty question list,
// a paragraph the text does not have, an empty ks or a k of 0.
std::vector<MethodRecall> evaluate_retrieval(const DocumentEmbedder& embedder, std::string_view text,
                                             std::size_t max_tokens, const std::vector<LabelledQuestion>& questions,
                                             const std::vector<std::size_t>& ks);

}  // namespace shelf
