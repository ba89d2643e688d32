#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <numeric>

#include "shelf/corpus.h"
#include "shelf/error.h"
#include "shelf/sampling.h"
#include "test_support.h"

TEST_CASE("the vocabulary keeps frequent words, most frequent first, ties in order of appearance") {
  const auto corpus = shelf::build_corpus("b a c a b a d\nc b a", {2, 0});
  const auto& vocab = corpus.vocab;
  REQUIRE(vocab.size() == 3);
  CHECK(vocab.word(0) == "a");
  CHECK(vocab.count(0) == 4);
  CHECK(vocab.word(1) == "b");  // b and c... b has 3, c has 2
  CHECK(vocab.word(2) == "c");
  CHECK(vocab.find("d") == -1);
  CHECK(vocab.total_count() == 9);
  CHECK(corpus.raw_words == 10);
  // "d" is dropped from the ids; the two lines stay two sentences.
  CHECK(corpus.ids.size() == 9);
  CHECK(corpus.sentence_count() == 2);
}

TEST_CASE("max_vocab keeps only the most frequent words") {
  const auto corpus = shelf::build_corpus("x x x y y z", {1, 2});
  CHECK(corpus.vocab.size() == 2);
  CHECK(corpus.vocab.find("z") == -1);
}

TEST_CASE("sentences longer than the limit are cut into pieces") {
  std::string text;
  for (std::size_t i = 0; i < 2 * shelf::kMaxSentenceWords + 10; ++i) text += "w ";
  const auto corpus = shelf::build_corpus(text, {1, 0});
  CHECK(corpus.sentence_count() == 3);
  CHECK(corpus.sentence_starts.back() == corpus.ids.size());
}

TEST_CASE("empty and too-rare corpora give clear errors") {
  CHECK_THROWS_WITH_AS(shelf::build_corpus("", {5, 0}), "the corpus has no words", shelf::Error);
  CHECK_THROWS_WITH_AS(shelf::build_corpus("!!! ...", {5, 0}), "the corpus has no words", shelf::Error);
  CHECK_THROWS_WITH_AS(shelf::build_corpus("one two three", {5, 0}),
                       doctest::Contains("occurs at least 5 times"), shelf::Error);
}

TEST_CASE("a corpus file streams in blocks and missing files are reported") {
  const std::string path = shelf::test::temp_path("corpus_stream.txt");
  std::string text;
  for (int i = 0; i < 300000; ++i) text += (i % 3 ? "alpha " : "beta\n");
  shelf::test::write_file(path, text);
  shelf::CorpusBuilder builder;
  builder.add_file(path);
  const auto corpus = builder.build({1, 0});
  CHECK(corpus.raw_words == 300000);
  CHECK(corpus.vocab.size() == 2);

  shelf::CorpusBuilder missing;
  CHECK_THROWS_WITH_AS(missing.add_file(shelf::test::temp_path("no-such-file.txt")),
                       doctest::Contains("no-such-file.txt"), shelf::Error);
}

TEST_CASE("the alias sampler draws each word in proportion to count^0.75") {
  const std::vector<std::int64_t> counts{1000, 100, 10, 1};
  const auto sampler = shelf::unigram_sampler(counts);
  shelf::Random random(3);
  std::vector<double> seen(counts.size(), 0);
  const int draws = 400000;
  for (int i = 0; i < draws; ++i) seen[static_cast<std::size_t>(sampler.sample(random))] += 1;
  double total = 0;
  for (auto c : counts) total += std::pow(double(c), 0.75);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const double expected = std::pow(double(counts[i]), 0.75) / total;
    CHECK(seen[i] / draws == doctest::Approx(expected).epsilon(0.05));
  }
}

TEST_CASE("subsampling keeps rare words and thins frequent ones by word2vec's formula") {
  const std::vector<std::int64_t> counts{1000000, 1000, 1};
  const auto keep = shelf::subsample_thresholds(counts, 1e-3);
  const double total = 1001001, t = 1e-3 * total;
  const double expected_frequent = (std::sqrt(1e6 / t) + 1) * t / 1e6;
  CHECK(keep[0] / 4294967296.0 == doctest::Approx(expected_frequent).epsilon(1e-6));
  CHECK(keep[1] == 0xFFFFFFFFu);
  CHECK(keep[2] == 0xFFFFFFFFu);
  const auto all = shelf::subsample_thresholds(counts, 0);
  CHECK(all[0] == 0xFFFFFFFFu);
}
