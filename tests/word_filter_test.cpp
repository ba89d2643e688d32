// The classroom word filter: a corpus that contains listed words, trained and loaded, and every
// answer of the session checked to leave them out (and to show them again once the filter is off).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "shelf/error.h"
#include "shelf/io.h"
#include "shelf/random.h"
#include "shelf/session.h"
#include "shelf/word_clusters.h"
#include "shelf/word_filter.h"
#include "fixtures.h"

namespace {

// Words from LDNOOBW's English list (the page's list, npm naughty-words), as the King James
// Bible uses them: an ass among the animals, a whore and a bastard among the places.
const std::vector<std::string> kAnimals{"cat", "dog", "horse", "cow", "sheep", "ass", "grazes", "fur", "tail", "paw"};
const std::vector<std::string> kPlaces{"france", "spain", "italy", "germany", "whore", "bastard", "rome", "berlin", "border", "capital"};
const std::vector<std::string> kListed{"ass", "Whore", "  bastard ", "god damn", "", "ass", "shit"};
const std::vector<std::string> kHidden{"ass", "whore", "bastard"};

void train(shelf::Session& session) {
  shelf::test::train_session(session, shelf::test::two_topic_text(1500, 1, kAnimals, kPlaces),
                             shelf::test::small_params(3));
}

bool any_hidden(const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(),
                     [](const std::string& w) { return std::find(kHidden.begin(), kHidden.end(), w) != kHidden.end(); });
}

std::size_t count_hidden(const std::vector<std::string>& words) {
  return static_cast<std::size_t>(std::count_if(words.begin(), words.end(), [](const std::string& w) {
    return std::find(kHidden.begin(), kHidden.end(), w) != kHidden.end();
  }));
}

}  // namespace

TEST_CASE("the word filter keeps single words, lowercased, and matches whole words only") {
  const shelf::WordFilter filter(kListed);
  CHECK(filter.listed() == 4);  // ass, whore, bastard, shit: the phrase and the blank are dropped
  CHECK(filter.hides("ass"));
  CHECK(filter.hides("ASS"));
  CHECK(filter.hides("whore"));
  CHECK(filter.hides("bastard"));
  CHECK_FALSE(filter.hides("class"));
  CHECK_FALSE(filter.hides("assyria"));
  CHECK_FALSE(filter.hides("god"));
  CHECK(filter.hidden_ids({"cat", "ass", "class", "Whore"}) == std::vector<std::int32_t>{1, 3});
  CHECK(shelf::WordFilter().empty());
  CHECK(shelf::WordFilter().hidden_ids({"ass"}).empty());
}

TEST_CASE("a filtered session leaves listed words out of every answer, and shows them again when it is off") {
  shelf::Session session;
  train(session);
  const auto all_words = session.vocabulary(0).words;
  const std::size_t vocab = all_words.size();
  REQUIRE(count_hidden(all_words) == 3);  // the corpus really has them
  // Unfiltered, the listed words are among the answers.
  CHECK(any_hidden(session.neighbors("dog", vocab - 1).words));
  CHECK(any_hidden(session.project(1000, 2, false).words));

  auto status = session.set_word_filter(shelf::WordFilter(kListed));
  CHECK(status.listed == 4);
  CHECK(status.hidden == 3);
  CHECK(status.vocab == vocab);

  // Lists: the vocabulary, a word's neighbours (all of them), the neighbours of a vector.
  const auto visible = session.vocabulary(0).words;
  CHECK(visible.size() == vocab - 3);
  CHECK_FALSE(any_hidden(visible));
  CHECK(session.vocabulary(5).words.size() == 5);
  const auto neighbors = session.neighbors("dog", vocab);
  CHECK(neighbors.words.size() == vocab - 4);  // every word but dog and the three hidden
  CHECK_FALSE(any_hidden(neighbors.words));
  const auto cat = session.vector("cat");
  CHECK_FALSE(any_hidden(session.neighbors_of_vector(cat.vector.data(), cat.vector.size(), vocab).words));

  // Analogy answers, and ranks that no hidden word pushes down.
  const auto answer = session.analogy("cat", "dog", "france", vocab, shelf::VectorStore::AnalogyMethod::Add, "spain");
  CHECK_FALSE(any_hidden(answer.words));
  CHECK(answer.words.size() == vocab - 6);
  REQUIRE(answer.rank.has_value());
  const auto at = std::find(answer.words.begin(), answer.words.end(), "spain") - answer.words.begin();
  CHECK(*answer.rank == static_cast<std::size_t>(at) + 1);
  CHECK_FALSE(any_hidden(session.analogy("cat", "dog", "france", vocab, shelf::VectorStore::AnalogyMethod::Mul).words));

  // Maps, the neighbour graph (neighbours are rows of its words) and clusters.
  const auto map = session.project(1000, 2, false);
  CHECK(map.words.size() == vocab - 3);
  CHECK_FALSE(any_hidden(map.words));
  CHECK(map.points.size() == map.words.size() * 2);
  const auto graph = session.neighbor_graph(1000, 3);
  REQUIRE(graph.words.size() == vocab - 3);
  CHECK_FALSE(any_hidden(graph.words));
  for (std::size_t i = 0; i < graph.words.size(); ++i) {
    CHECK(graph.words[i] == session.vocabulary(0).words[i]);
    const auto expected = session.neighbors(graph.words[i], 3);
    for (std::size_t j = 0; j < 3; ++j) CHECK(graph.words[static_cast<std::size_t>(graph.neighbors[i * 3 + j])] == expected.words[j]);
  }
  const auto clusters = session.cluster(2, 1000, 1);
  CHECK(clusters.ids.size() == vocab - 3);
  for (const auto id : clusters.ids) CHECK_FALSE(any_hidden({all_words[static_cast<std::size_t>(id)]}));

  // Shelves (the clusterWords request): the most frequent words, a probe's neighbours shelved
  // with it, and a typed hidden word, which is left out as missing.
  shelf::ShelfRequest shelves;
  shelves.limit = 1000;
  shelves.k = 2;
  shelves.neighbors_of = {"dog", "ass"};
  shelves.neighbor_count = vocab;
  shelves.add_neighbors = true;
  const auto shelved = shelf::shelve_words(session.current_vectors(), shelves);
  CHECK(shelved.words.size() == vocab - 3);
  CHECK_FALSE(any_hidden(shelved.words));
  REQUIRE(shelved.neighbors.size() == 2);
  CHECK(shelved.neighbors[0].known);
  CHECK(shelved.neighbors[0].words.size() == vocab - 4);
  CHECK_FALSE(any_hidden(shelved.neighbors[0].words));
  CHECK_FALSE(shelved.neighbors[1].known);
  CHECK(shelved.neighbors[1].words.empty());
  shelves.words = {"cat", "whore", "dog", "horse"};
  shelves.neighbors_of = {};
  const auto typed = shelf::shelve_words(session.current_vectors(), shelves);
  CHECK(typed.words == std::vector<std::string>{"cat", "dog", "horse"});
  CHECK(typed.missing == std::vector<std::string>{"whore"});

  // Approximate neighbours from the index.
  shelf::IndexOptions options;
  options.kind = shelf::IndexKind::Hnsw;
  shelf::test::build_index(session, options);
  shelf::SearchMode approximate;
  approximate.approximate = true;
  CHECK_FALSE(any_hidden(session.neighbors("horse", vocab, approximate).words));

  // A typed hidden word is refused, and says why.
  CHECK_THROWS_WITH_AS(session.neighbors("ass", 5), "'ass' is hidden by the classroom word filter", shelf::Error);
  CHECK_THROWS_WITH_AS(session.vector(" Whore "), "'Whore' is hidden by the classroom word filter", shelf::Error);
  CHECK_THROWS_AS(session.similarity("cat", "ass"), shelf::Error);
  CHECK_THROWS_AS(session.analogy("cat", "ass", "france", 3, shelf::VectorStore::AnalogyMethod::Add), shelf::Error);

  // Training further keeps the filter on the new vectors.
  session.configure(shelf::TrainingParams{});
  session.step(2000);
  CHECK_FALSE(any_hidden(session.neighbors("dog", vocab).words));
  CHECK(session.word_filter_status().hidden == 3);

  // Exports keep every word: they are the learner's vectors.
  const std::string exported = session.export_vectors(shelf::Format::Word2VecText);
  CHECK(exported.find("\nass ") != std::string::npos);

  // Off again: everything comes back.
  status = session.set_word_filter(shelf::WordFilter());
  CHECK(status.listed == 0);
  CHECK(status.hidden == 0);
  CHECK(session.vocabulary(0).words.size() == vocab);
  CHECK(any_hidden(session.neighbors("dog", vocab - 1).words));
  CHECK(session.vector("ass").word == "ass");
}

TEST_CASE("loaded vectors are filtered as they load, and a corpus alone counts its hidden words") {
  shelf::Session session;
  session.set_word_filter(shelf::WordFilter(kListed));
  CHECK(session.word_filter_status().hidden == 0);  // nothing loaded yet
  session.load_corpus(shelf::test::two_topic_text(100, 2, kAnimals, kPlaces), 1, 0);
  CHECK(session.word_filter_status().hidden == 3);
  CHECK_FALSE(any_hidden(session.vocabulary(0).words));

  const char* vec =
      "5 2\n"
      "king 1 0\n"
      "Ass 0.9 0.1\n"
      "queen 0.8 0.3\n"
      "whore 0.1 1\n"
      "rome 0 1\n";
  session.load_vectors_from_bytes(vec, "five.vec");
  const auto status = session.word_filter_status();
  CHECK(status.vocab == 5);
  CHECK(status.hidden == 2);
  CHECK(session.neighbors("king", 4).words == std::vector<std::string>{"queen", "rome"});
  CHECK(session.project(10, 2, false).words == std::vector<std::string>{"king", "queen", "rome"});
  CHECK(session.vocabulary(0).words == std::vector<std::string>{"king", "queen", "rome"});
}
