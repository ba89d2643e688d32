#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "shelf/documents.h"
#include "shelf/error.h"
#include "shelf/keyword_index.h"
#include "shelf/random.h"
#include "shelf/retrieval.h"
#include "shelf/tokenizer.h"
#include "fixtures.h"

namespace {

using shelf::test::kTopicText;

// BM25 written out the long way for one chunk: the reference the index is checked against.
double bm25_by_hand(const std::vector<std::string>& chunks, std::size_t c, const std::string& query, double k1, double b) {
  std::vector<std::vector<std::string>> tokens;
  double total = 0;
  for (const auto& text : chunks) {
    tokens.push_back(shelf::tokenize(text));
    total += static_cast<double>(tokens.back().size());
  }
  const double n = static_cast<double>(chunks.size()), average = total / n;
  std::vector<std::string> words;
  for (const auto& w : shelf::tokenize(query)) {
    if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
  }
  double score = 0;
  for (const auto& word : words) {
    double df = 0;
    for (const auto& t : tokens) df += std::find(t.begin(), t.end(), word) != t.end() ? 1 : 0;
    const double tf = static_cast<double>(std::count(tokens[c].begin(), tokens[c].end(), word));
    if (tf == 0) continue;
    const double idf = std::log(1 + (n - df + 0.5) / (df + 0.5));
    score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * static_cast<double>(tokens[c].size()) / average));
  }
  return score;
}

// With the near synonyms: a query may name words no document contains.
shelf::Embeddings topic_embeddings() { return shelf::test::topic_embeddings(true); }

}  // namespace

TEST_CASE("BM25 scores match the formula written out, and only chunks with a query word are ranked") {
  const std::vector<std::string> chunks{
      "the cat sat on the mat", "a dog and a cat and a cat", "the sea is deep and the sea is wide",
      "nothing in common here at all, not one word", "cat"};
  for (const auto& [k1, b] : std::vector<std::pair<double, double>>{{1.2, 0.75}, {0.0, 0.0}, {2.0, 1.0}}) {
    const shelf::KeywordIndex index(chunks, {k1, b});
    for (const std::string query : {"cat", "the cat", "sea cat cat", "deep wide sea"}) {
      const auto hits = index.search(query);
      std::size_t expected_count = 0;
      for (std::size_t c = 0; c < chunks.size(); ++c) expected_count += bm25_by_hand(chunks, c, query, k1, b) > 0 ? 1 : 0;
      CHECK(hits.size() == expected_count);
      for (std::size_t i = 0; i < hits.size(); ++i) {
        CHECK(hits[i].score == doctest::Approx(bm25_by_hand(chunks, hits[i].chunk, query, k1, b)).epsilon(1e-5));
        if (i > 0) {
          CHECK(hits[i - 1].score >= hits[i].score);
          if (hits[i - 1].score == hits[i].score) CHECK(hits[i - 1].chunk < hits[i].chunk);
        }
        CHECK(hits[i].chunk != 3);
        CHECK_FALSE(hits[i].matched_words.empty());
      }
    }
  }
}

TEST_CASE("BM25: a rare word outweighs a common one, and k limits the hits") {
  const shelf::KeywordIndex index({"the cat", "the dog", "the bird", "the fish"});
  const auto hits = index.search("the dog");
  REQUIRE(hits.size() == 4);
  CHECK(hits[0].chunk == 1);
  CHECK(hits[0].matched_words == std::vector<std::string>{"the", "dog"});
  CHECK(index.idf("dog") > index.idf("the"));
  CHECK(index.idf("the") > 0);
  CHECK(index.idf("unicorn") == 0);
  CHECK(index.search("the dog", 2).size() == 2);
  CHECK(index.search("unicorn").empty());
  CHECK_THROWS_AS(index.search("  ... "), shelf::Error);
  CHECK_THROWS_AS(shelf::KeywordIndex({"a"}, {-1.0, 0.5}), shelf::Error);
  CHECK_THROWS_AS(shelf::KeywordIndex({"a"}, {1.2, 1.5}), shelf::Error);
}

TEST_CASE("reciprocal rank fusion sums 1 / (60 + rank) over the rankings") {
  const auto fused = shelf::reciprocal_rank_fusion({{3, 1, 2}, {1, 4}});
  REQUIRE(fused.size() == 4);
  CHECK(fused[0].first == 1);  // second and first: ranked well by both
  CHECK(fused[0].second == doctest::Approx(1.0 / 62 + 1.0 / 61));
  CHECK(fused[1].first == 3);
  CHECK(fused[2].first == 4);  // 1/62, before chunk 2's 1/63
  CHECK(fused[3].first == 2);
  CHECK(shelf::reciprocal_rank_fusion({{5, 6}, {6, 5}}).front().first == 5);  // a tie: earlier chunk
  CHECK(shelf::reciprocal_rank_fusion({{3, 1, 2}, {1, 4}}, 2).size() == 2);
  CHECK(shelf::reciprocal_rank_fusion({}).empty());
}

TEST_CASE("comparing finds a passage by meaning that shares no word with the question") {
  const shelf::Embeddings words = topic_embeddings();
  const shelf::DocumentEmbedder embedder(words);
  const shelf::DocumentIndex meaning(embedder, kTopicText);
  std::vector<std::string> texts;
  for (const auto& chunk : meaning.chunks()) texts.push_back(chunk.text);
  const shelf::KeywordIndex by_words(texts);

  const auto found = shelf::compare_retrieval(meaning, by_words, "puppies", 3);
  CHECK(found.meaning_problem.empty());
  REQUIRE(found.meaning.size() == 3);
  CHECK(found.meaning[0].chunk == 0);
  CHECK(found.words.empty());           // no chunk holds "puppies"
  REQUIRE(found.hybrid.size() == 3);
  CHECK(found.hybrid[0].chunk == 0);    // fused from its meaning rank alone
  CHECK(found.hybrid[0].words_rank == 0);
  CHECK(found.hybrid[0].meaning_rank == 1);

  const auto seine = shelf::compare_retrieval(meaning, by_words, "the seine", 2);
  REQUIRE(seine.meaning.size() == 2);
  CHECK(seine.meaning[0].chunk == 1);
  CHECK(seine.words.size() == 2);       // "the" is in both Paris and Rome
  for (const auto& hit : seine.words) CHECK(hit.matched == std::vector<std::string>{"the"});

  const auto unknown = shelf::compare_retrieval(meaning, by_words, "zebra capital", 3);
  CHECK(unknown.meaning_problem.empty());  // "capital" is known
  const auto nothing_known = shelf::compare_retrieval(meaning, by_words, "zebra", 3);
  CHECK_FALSE(nothing_known.meaning_problem.empty());
  CHECK(nothing_known.meaning.empty());
  CHECK(nothing_known.hybrid.empty());
  CHECK_THROWS_AS(shelf::compare_retrieval(meaning, by_words, "?!", 3), shelf::Error);
  CHECK_THROWS_AS(shelf::compare_retrieval(meaning, by_words, "cats", 0), shelf::Error);
}

TEST_CASE("recall@k counts the questions whose passage is in the first k, per method") {
  const shelf::Embeddings words = topic_embeddings();
  const shelf::DocumentEmbedder embedder(words);
  const std::vector<shelf::LabelledQuestion> questions{
      {"puppies", 0}, {"the seine", 1}, {"rome", 2}, {"capital of france", 1}};
  const auto methods = shelf::evaluate_retrieval(embedder, kTopicText, 120, questions, {1, 2, 3});
  REQUIRE(methods.size() == 5);
  std::map<std::string, const shelf::MethodRecall*> by_name;
  for (const auto& m : methods) {
    by_name[m.name] = &m;
    REQUIRE(m.ranks.size() == questions.size());
    REQUIRE(m.recall.size() == 3);
    CHECK(m.recall[0] <= m.recall[1]);
    CHECK(m.recall[1] <= m.recall[2]);
    for (std::size_t k = 0; k < 3; ++k) {
      double hits = 0;
      for (const auto r : m.ranks) hits += r >= 1 && r <= static_cast<int>(k + 1) ? 1 : 0;
      CHECK(m.recall[k] == doctest::Approx(hits / 4));
    }
  }
  const auto& bm25 = *by_name.at("words (BM25)");
  CHECK(bm25.ranks[0] == 0);   // "puppies" shares no word with any passage
  CHECK(bm25.ranks[2] == 1);
  const auto& mean = *by_name.at("meaning (mean)");
  CHECK(mean.ranks[0] == 1);
  CHECK(mean.ranks[1] == 1);
  CHECK(mean.recall[0] == doctest::Approx(1.0));
  CHECK(by_name.at("hybrid (mean + BM25)")->ranks[0] == 1);

  CHECK_THROWS_AS(shelf::evaluate_retrieval(embedder, kTopicText, 120, {}, {1}), shelf::Error);
  CHECK_THROWS_AS(shelf::evaluate_retrieval(embedder, kTopicText, 120, questions, {}), shelf::Error);
  CHECK_THROWS_AS(shelf::evaluate_retrieval(embedder, kTopicText, 120, questions, {0}), shelf::Error);
  CHECK_THROWS_AS(shelf::evaluate_retrieval(embedder, kTopicText, 120, {{"rome", 3}}, {1}), shelf::Error);
}
