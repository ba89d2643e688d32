#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "shelf/error.h"
#include "shelf/kernels.h"
#include "shelf/random.h"
#include "shelf/vector_store.h"
#include "shelf/word_clusters.h"

namespace {

constexpr std::size_t kTopics = 4, kPerTopic = 10, kDim = 16;

// Words "t<topic>w<i>", interleaved by topic, around one axis per topic with `noise`, all shifted
// by `common` along a shared direction (as vectors are early in training).
shelf::VectorStore topical_store(float noise, float common, std::vector<std::int32_t>& topics, std::uint64_t seed = 7) {
  shelf::Random random(seed);
  shelf::Embeddings e;
  topics.clear();
  std::vector<float> v(kDim);
  for (std::size_t i = 0; i < kPerTopic; ++i) {
    for (std::size_t t = 0; t < kTopics; ++t) {
      for (std::size_t c = 0; c < kDim; ++c) v[c] = noise * static_cast<float>(random.gaussian()) + common;
      v[2 * t] += 1.0f;
      e.words.push_back("t" + std::to_string(t) + "w" + std::to_string(i));
      e.vectors.push_row(v.data(), v.size());
      topics.push_back(static_cast<std::int32_t>(t));
    }
  }
  return shelf::VectorStore(std::move(e));
}

std::vector<std::string> all_words(const shelf::VectorStore& store) {
  std::vector<std::string> words;
  for (std::size_t i = 0; i < store.size(); ++i) words.push_back(store.word(static_cast<std::int32_t>(i)));
  return words;
}

}  // namespace

TEST_CASE("shelves recover the topics, named by their most central words") {
  std::vector<std::int32_t> topics;
  const auto store = topical_store(0.1f, 0.0f, topics);
  shelf::ShelfRequest request;
  request.words = all_words(store);
  request.k = kTopics;
  request.topics = topics;
  for (std::uint64_t seed : {1u, 2u, 5u}) {
    CAPTURE(seed);
    request.seed = seed;
    const auto shelves = shelf::shelve_words(store, request);
    REQUIRE(shelves.labels.size() == kTopics * kPerTopic);
    CHECK(*shelves.purity == 1.0);
    CHECK(*shelves.adjusted_rand == 1.0);
    CHECK(shelves.topic_words == kTopics * kPerTopic);
    CHECK(std::accumulate(shelves.sizes.begin(), shelves.sizes.end(), 0) == static_cast<int>(kTopics * kPerTopic));
    for (std::size_t c = 0; c < kTopics; ++c) {
      REQUIRE(shelves.representatives[c].size() == 3);
      // A shelf's name words all come from one topic, and the name joins them.
      const std::string topic = shelves.representatives[c][0].substr(0, 2);
      for (const auto& word : shelves.representatives[c]) CHECK(word.substr(0, 2) == topic);
      CHECK(shelves.names[c] == shelves.representatives[c][0] + " · " + shelves.representatives[c][1] + " · " +
                                    shelves.representatives[c][2]);
    }
    for (std::size_t i = 0; i < shelves.fit.size(); ++i) {
      CHECK(shelves.fit[i] > 0.8f);
      CHECK(shelves.fit[i] <= 1.0001f);
    }
    // The names' first word is the one closest to the centroid.
    for (std::size_t i = 0; i < shelves.words.size(); ++i) {
      const auto shelf = static_cast<std::size_t>(shelves.labels[i]);
      const auto& first = shelves.representatives[shelf][0];
      const auto at = std::find(shelves.words.begin(), shelves.words.end(), first) - shelves.words.begin();
      CHECK(shelves.fit[static_cast<std::size_t>(at)] >= shelves.fit[i]);
    }
  }
}

TEST_CASE("unrelated shelves and topics agree by chance only") {
  std::vector<std::int32_t> topics;
  const auto store = topical_store(0.1f, 0.0f, topics);
  shelf::ShelfRequest request;
  request.words = all_words(store);
  request.k = kTopics;
  shelf::Random random(3);
  for (auto& topic : request.topics = topics) topic = static_cast<std::int32_t>(random.below(kTopics));
  const auto shelves = shelf::shelve_words(store, request);
  CHECK(std::abs(*shelves.adjusted_rand) < 0.2);
  CHECK(*shelves.purity < 0.7);
}

TEST_CASE("centring takes out the direction every vector shares") {
  std::vector<std::int32_t> topics;
  const auto store = topical_store(0.1f, 2.0f, topics);
  std::vector<std::int32_t> ids(store.size());
  std::iota(ids.begin(), ids.end(), 0);
  const auto raw = shelf::centered_unit_rows(store, ids, false);
  const auto centred = shelf::centered_unit_rows(store, ids, true);
  // Words 0 and 1 are of different topics: raw cosine near 1, centred well below.
  CHECK(shelf::kernels::dot(raw.row(0), raw.row(1), kDim) > 0.9f);
  CHECK(shelf::kernels::dot(centred.row(0), centred.row(1), kDim) < 0.2f);
  CHECK(shelf::kernels::norm(centred.row(0), kDim) == doctest::Approx(1.0).epsilon(1e-5));
  const auto mean = shelf::mean_unit_vector(store);
  CHECK(shelf::kernels::norm(mean.data(), kDim) > 0.9f);

  shelf::ShelfRequest request;
  request.words = all_words(store);
  request.k = kTopics;
  request.topics = topics;
  request.center = true;
  const auto shelves = shelf::shelve_words(store, request);
  CHECK(*shelves.adjusted_rand == 1.0);
}

TEST_CASE("a shelf keeps its number from one call to the next") {
  std::vector<std::int32_t> topics;
  const auto store = topical_store(0.15f, 0.0f, topics);
  shelf::ShelfRequest request;
  request.words = all_words(store);
  request.k = kTopics;
  const auto first = shelf::shelve_words(store, request);
  CHECK(first.compared == 0);

  // Another seed numbers its clusters differently; matched to the first, it numbers them alike.
  request.seed = 99;
  request.previous = shelf::PreviousShelves{first.words, first.labels, {}};
  const auto again = shelf::shelve_words(store, request);
  CHECK(again.labels == first.labels);
  CHECK(again.compared == first.words.size());
  CHECK(again.moved == 0);

  // Renumber the previous shelves: the new result follows the new numbers.
  std::vector<std::int32_t> renumbered = first.labels;
  for (auto& label : renumbered) label = (label + 1) % static_cast<std::int32_t>(kTopics);
  request.previous = shelf::PreviousShelves{first.words, renumbered, {}};
  const auto followed = shelf::shelve_words(store, request);
  CHECK(followed.labels == renumbered);
  for (std::size_t c = 0; c < kTopics; ++c) {
    CHECK(followed.names[(c + 1) % kTopics] == first.names[c]);
  }
}

TEST_CASE("words as typed: unknown ones are reported, repeats and case folded") {
  std::vector<std::int32_t> topics;
  const auto store = topical_store(0.1f, 0.0f, topics);
  shelf::ShelfRequest request;
  request.words = {"t0w1", " T1W2 ", "nosuchword", "t0w1", "t2w3", "", "t3w4"};
  request.topics = {0, 1, 5, 0, 2, -1, 3};
  request.k = 2;
  const auto shelves = shelf::shelve_words(store, request);
  CHECK(shelves.words == std::vector<std::string>{"t0w1", "t1w2", "t2w3", "t3w4"});
  CHECK(shelves.missing == std::vector<std::string>{"nosuchword"});
  CHECK(shelves.ids[0] == store.find("t0w1"));
  CHECK(shelves.topic_words == 4);

  SUBCASE("the most frequent words when none are given") {
    shelf::ShelfRequest frequent;
    frequent.limit = 12;
    frequent.k = 3;
    const auto top = shelf::shelve_words(store, frequent);
    REQUIRE(top.ids.size() == 12);
    for (std::size_t i = 0; i < 12; ++i) CHECK(top.ids[i] == static_cast<std::int32_t>(i));
    CHECK(!top.purity.has_value());
  }
}

TEST_CASE("a map of the shelved words that stays put between calls") {
  std::vector<std::int32_t> topics;
  const auto store = topical_store(0.2f, 0.0f, topics);
  shelf::ShelfRequest request;
  request.words = all_words(store);
  request.k = kTopics;
  request.components = 2;
  const auto first = shelf::shelve_words(store, request);
  REQUIRE(first.points.size() == 2 * first.words.size());
  CHECK(!first.aligned);
  CHECK(first.explained.size() == 2);
  // Turned onto a mirrored copy of itself, the same map comes back mirrored.
  std::vector<float> mirrored = first.points;
  for (std::size_t i = 0; i < mirrored.size(); i += 2) mirrored[i] = -mirrored[i];
  request.previous = shelf::PreviousShelves{first.words, first.labels, mirrored};
  const auto second = shelf::shelve_words(store, request);
  CHECK(second.aligned);
  for (std::size_t i = 0; i < mirrored.size(); ++i) CHECK(second.points[i] == doctest::Approx(mirrored[i]).epsilon(1e-3));
}

TEST_CASE("clear errors for impossible shelves") {
  std::vector<std::int32_t> topics;
  const auto store = topical_store(0.1f, 0.0f, topics);
  shelf::ShelfRequest request;
  request.words = {"t0w1", "t1w1", "t2w1"};
  request.k = 0;
  CHECK_THROWS_WITH_AS(shelf::shelve_words(store, request), doctest::Contains("k must be at least 1"), shelf::Error);
  request.k = 4;
  CHECK_THROWS_WITH_AS(shelf::shelve_words(store, request), doctest::Contains("cannot put 3 known words on 4 shelves"), shelf::Error);
  request.k = 2;
  request.topics = {1, 2};
  CHECK_THROWS_WITH_AS(shelf::shelve_words(store, request), doctest::Contains("one topic per word"), shelf::Error);
  request.topics.clear();
  request.words = {"zzz", "yyy"};
  CHECK_THROWS_WITH_AS(shelf::shelve_words(store, request), doctest::Contains("none of the words"), shelf::Error);
  request.words = {"t0w1", "t1w1", "t2w1"};
  request.previous = shelf::PreviousShelves{{"t0w1"}, {0, 1}, {}};
  CHECK_THROWS_WITH_AS(shelf::shelve_words(store, request), doctest::Contains("one label per word"), shelf::Error);
  request.previous = shelf::PreviousShelves{{"t0w1"}, {0}, {1.0f, 2.0f}};
  CHECK_THROWS_WITH_AS(shelf::shelve_words(store, request), doctest::Contains("point values"), shelf::Error);
}

TEST_CASE("neighbours, raw and centred, match cosines of the rows computed one by one") {
  std::vector<std::int32_t> topics;
  const auto store = topical_store(0.3f, 1.0f, topics);
  std::vector<std::int32_t> ids(store.size());
  std::iota(ids.begin(), ids.end(), 0);
  for (bool center : {false, true}) {
    CAPTURE(center);
    const auto rows = shelf::centered_unit_rows(store, ids, center);
    const std::int32_t query = 5;
    const auto found = shelf::nearest_words(store, query, 6, center);
    REQUIRE(found.size() == 6);
    // The exact answer: every other row's cosine, best first.
    std::vector<std::pair<float, std::int32_t>> all;
    for (std::int32_t r = 0; r < static_cast<std::int32_t>(store.size()); ++r) {
      if (r != query) all.emplace_back(shelf::kernels::dot(rows.row(static_cast<std::size_t>(r)), rows.row(query), kDim), r);
    }
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < found.size(); ++i) {
      CHECK(found[i].score == doctest::Approx(all[i].first).epsilon(1e-4));
      CHECK(found[i].id != query);
    }
  }
}

TEST_CASE("a probe and its neighbours are put on the floor, once each, with no topic") {
  std::vector<std::int32_t> topics;
  const auto store = topical_store(0.1f, 0.0f, topics);
  shelf::ShelfRequest request;
  request.words = {"t0w1", "t1w1", "t2w1", "t3w1"};
  request.topics = {0, 1, 2, 3};
  request.k = 4;
  request.center = true;
  request.neighbors_of = {"t0w2", "nosuchword"};
  request.neighbor_count = 3;
  request.add_neighbors = true;
  const auto shelves = shelf::shelve_words(store, request);
  REQUIRE(shelves.neighbors.size() == 2);
  CHECK(shelves.neighbors[0].known);
  CHECK(shelves.neighbors[0].words.size() == 3);
  for (const auto& word : shelves.neighbors[0].words) CHECK(word.substr(0, 2) == "t0");
  CHECK(!shelves.neighbors[1].known);
  CHECK(shelves.neighbors[1].word == "nosuchword");
  // The four asked, then the probe, then its neighbours not already there.
  CHECK(shelves.words[4] == "t0w2");
  std::vector<std::string> sorted = shelves.words;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
  CHECK(shelves.topic_words == 4);
  CHECK(*shelves.purity == 1.0);
}
