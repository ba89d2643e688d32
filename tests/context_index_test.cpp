#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "shelf/context_index.h"
#include "shelf/corpus.h"
#include "shelf/error.h"
#include "shelf/random.h"
#include "fixtures.h"

namespace {

// Sentences of 3 to 10 words: windows meet both ends of a sentence.
std::string topic_text(int sentences, std::uint64_t seed) {
  return shelf::test::two_topic_text(sentences, seed, shelf::test::kAnimals, shelf::test::kPlaces, true);
}

shelf::Corpus corpus_of(const std::string& text) {
  shelf::VocabOptions options;
  options.min_count = 1;
  return shelf::build_corpus(text, options);
}

// The reference: every (word, context) pair within the window inside a sentence, by brute force.
std::map<std::int32_t, std::int64_t> brute_contexts(const shelf::Corpus& corpus, std::int32_t id, std::size_t window) {
  std::map<std::int32_t, std::int64_t> counts;
  for (std::size_t s = 0; s < corpus.sentence_count(); ++s) {
    const std::size_t begin = corpus.sentence_starts[s];
    const std::size_t end = corpus.sentence_starts[s + 1];
    for (std::size_t p = begin; p < end; ++p) {
      if (corpus.ids[p] != id) continue;
      for (std::size_t q = begin; q < end; ++q) {
        const std::size_t distance = q > p ? q - p : p - q;
        if (q != p && distance <= window) ++counts[corpus.ids[q]];
      }
    }
  }
  return counts;
}

}  // namespace

TEST_CASE("context counts equal a brute-force count within the window inside each sentence") {
  const shelf::Corpus corpus = corpus_of(topic_text(300, 7));
  for (const std::size_t window : {1u, 2u, 5u}) {
    const shelf::ContextIndex index(corpus, window);
    for (const char* word : {"cat", "paris", "the", "and"}) {
      const std::int32_t id = corpus.vocab.find(word);
      REQUIRE(id >= 0);
      CHECK(index.occurrences(id) == static_cast<std::size_t>(corpus.vocab.count(id)));
      const auto expected = brute_contexts(corpus, id, window);
      const auto found = index.contexts(id);
      CHECK(found.size() == expected.size());
      for (std::size_t i = 0; i < found.size(); ++i) {
        CHECK(found[i].count == expected.at(found[i].id));
        if (i > 0) CHECK(found[i - 1].count >= found[i].count);
      }
    }
  }
}

TEST_CASE("keyword-in-context lines centre the word and stay inside its sentence") {
  const shelf::Corpus corpus = corpus_of("a b c d e f g h\nx d y\nd\n");
  const shelf::ContextIndex index(corpus, 2);
  const std::int32_t d = corpus.vocab.find("d");
  const auto lines = index.lines(d, 0, 10, 1);
  REQUIRE(lines.size() == 3);
  auto words = [&](const std::vector<std::int32_t>& ids) {
    std::string out;
    for (const auto id : ids) out += corpus.vocab.word(id);
    return out;
  };
  CHECK(words(lines[0].left) == "abc");   // window 2 + 1 extra
  CHECK(words(lines[0].right) == "efg");
  CHECK(lines[0].sentence == 0);
  CHECK(words(lines[1].left) == "x");
  CHECK(words(lines[1].right) == "y");
  CHECK(lines[1].sentence == 1);
  CHECK(lines[2].left.empty());
  CHECK(lines[2].right.empty());
  CHECK(corpus.ids[lines[2].position] == d);
  CHECK(index.lines(d, 1, 1, 0).front().sentence == 1);  // offset and limit page through them
  CHECK(index.lines(d, 5, 10, 0).empty());
}

TEST_CASE("the words sharing a word's contexts come from its own topic") {
  const shelf::Corpus corpus = corpus_of(topic_text(2000, 3));
  const shelf::ContextIndex index(corpus, 3);
  const std::set<std::string> animals{"dog", "horse", "cow", "sheep", "barks", "grazes", "fur", "tail", "paw"};
  const auto sharing = index.sharing(corpus.vocab.find("cat"), 5);
  REQUIRE(sharing.size() == 5);
  for (const auto& s : sharing) {
    CHECK(animals.count(corpus.vocab.word(s.id)) == 1);
    CHECK(s.overlap > 0.0);
    CHECK(s.overlap <= 1.0 + 1e-9);
  }
  for (std::size_t i = 1; i < sharing.size(); ++i) CHECK(sharing[i - 1].overlap >= sharing[i].overlap);
}

TEST_CASE("a pair's shared and own contexts partition what each word has") {
  const shelf::Corpus corpus = corpus_of(topic_text(400, 11) + "cat sat with paris\n");
  const shelf::ContextIndex index(corpus, 2);
  const std::int32_t a = corpus.vocab.find("cat");
  const std::int32_t b = corpus.vocab.find("dog");
  const std::int32_t c = corpus.vocab.find("paris");
  const auto same_topic = index.pair(a, b, 1000);
  const auto other_topic = index.pair(a, c, 1000);
  CHECK(same_topic.overlap > other_topic.overlap);
  CHECK(same_topic.shared.size() + same_topic.only_a.size() == same_topic.distinct_a);
  CHECK(same_topic.shared.size() + same_topic.only_b.size() == same_topic.distinct_b);
  for (const auto& e : same_topic.shared) CHECK((e.count_a > 0 && e.count_b > 0));
  for (const auto& e : same_topic.only_a) CHECK((e.count_a > 0 && e.count_b == 0));
  for (const auto& e : same_topic.only_b) CHECK((e.count_a == 0 && e.count_b > 0));
  CHECK(index.pair(a, b, 3).shared.size() == 3);
}

TEST_CASE("the index refuses a zero window and reports its memory") {
  const shelf::Corpus corpus = corpus_of("a b c\n");
  CHECK_THROWS_AS(shelf::ContextIndex(corpus, 0), shelf::Error);
  const shelf::ContextIndex index(corpus, 5);
  CHECK(index.memory_bytes() >= corpus.ids.size() * sizeof(std::uint32_t));
  CHECK(index.occurrences(-1) == 0);
  CHECK(index.occurrences(99) == 0);
}
