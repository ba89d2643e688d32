#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "shelf/error.h"
#include "shelf/evaluation.h"
#include "test_support.h"

namespace {

// The same hand-made store as vector_store_test.cpp (see the scores worked out there):
// for man:woman :: king:?, 3CosAdd ranks queen, girl, far, void among the non-inputs.
shelf::Embeddings tiny_embeddings() {
  shelf::Embeddings e;
  e.words = {"man", "woman", "king", "queen", "girl", "far", "void"};
  const std::vector<std::vector<float>> rows{
      {1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0.6f, 0.8f, 0},
      {-5, 12, 0, 0}, {0, 0, 0, 1}, {0, 0, 0, 0}};
  for (const auto& row : rows) e.vectors.push_row(row.data(), row.size());
  return e;
}

shelf::Embeddings random_embeddings(const std::vector<std::string>& words, std::size_t dim,
                                    unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal;
  shelf::Embeddings e;
  e.words = words;
  e.vectors = shelf::Matrix(words.size(), dim);
  for (std::size_t i = 0; i < e.vectors.size(); ++i) e.vectors.data()[i] = normal(rng);
  return e;
}

std::string ascii_lower(std::string word) {
  for (char& ch : word) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return word;
}

bool exists(const std::string& path) { return std::ifstream(path).good(); }

void check_parse_error(const std::function<void()>& run, const std::string& source,
                       std::size_t line, const std::string& reason) {
  try {
    run();
    FAIL("expected a ParseError");
  } catch (const shelf::ParseError& error) {
    CHECK(error.source() == source);
    CHECK(error.line() == line);
    CHECK(error.reason() == reason);
    CHECK(std::string(error.what()) == source + ":" + std::to_string(line) + ": " + reason);
  }
}

}  // namespace

// tiny_analogies.txt, worked by hand:
//   family: man woman king queen    -> queen: right
//           MAN Woman King Girl     -> queen (folded to lowercase): wrong
//           man woman king unicorn  -> skipped (unknown word)
//   other:  king queen man woman    -> query (1, .6, -.2, 0): woman .6 beats girl 2.2/13: right
//           queen king woman man    -> query (0, .4, .2, 0): girl beats man (0): wrong
//           man woman king void     -> void is id 6: skipped when only 6 words count
TEST_CASE("analogy evaluation follows gensim on a hand-checked file") {
  const shelf::VectorStore store(tiny_embeddings());
  const std::string path = shelf::test::source_path("tests/data/tiny_analogies.txt");

  const auto result = shelf::evaluate_analogies(store, path, 6);
  REQUIRE(result.sections.size() == 2);
  CHECK(result.sections[0].name == "family");
  CHECK(result.sections[0].correct == 1);
  CHECK(result.sections[0].seen == 2);
  CHECK(result.sections[0].skipped == 1);
  CHECK(result.sections[1].name == "other");
  CHECK(result.sections[1].correct == 1);
  CHECK(result.sections[1].seen == 2);
  CHECK(result.sections[1].skipped == 1);
  CHECK(result.correct == 2);
  CHECK(result.seen == 4);
  CHECK(result.skipped == 2);
  CHECK(result.accuracy == doctest::Approx(0.5));

  // Every word known: "man woman king void" is answered (queen) and wrong.
  const auto all = shelf::evaluate_analogies(store, path, 0);
  CHECK(all.sections[1].seen == 3);
  CHECK(all.sections[1].skipped == 0);
  CHECK(all.correct == 2);
  CHECK(all.seen == 5);
  CHECK(all.skipped == 1);
  CHECK(all.accuracy == doctest::Approx(0.4));

  // Case-sensitive: the capitalised question is out of vocabulary.
  const auto exact = shelf::evaluate_analogies(store, path, 6, false);
  CHECK(exact.sections[0].correct == 1);
  CHECK(exact.sections[0].seen == 1);
  CHECK(exact.sections[0].skipped == 2);
}

TEST_CASE("case folding: a capitalised twin of an input word is not an answer") {
  // "Paris" is nearer the query than berlin, but folds to the input "paris", as in gensim.
  shelf::Embeddings e;
  e.words = {"france", "paris", "germany", "Paris", "berlin"};
  const std::vector<std::vector<float>> rows{
      {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 1, 1}, {0, 0.6f, 0.8f}};
  for (const auto& row : rows) e.vectors.push_row(row.data(), row.size());
  const shelf::VectorStore store(std::move(e));
  const std::string text = ": capitals\nFrance Paris Germany Berlin\n";
  const auto folded = shelf::evaluate_analogies_from_text(store, text, "inline");
  CHECK(folded.correct == 1);
  CHECK(folded.seen == 1);
  const auto exact =
      shelf::evaluate_analogies_from_text(store, ": capitals\nfrance paris germany berlin\n",
                                          "inline", 0, false);
  CHECK(exact.correct == 0);  // "Paris" is a word of its own here, and wins
  CHECK(exact.seen == 1);
}

TEST_CASE("Latin-1, Greek and Cyrillic capitals fold to the lowercase vocabulary") {
  shelf::Embeddings e;
  e.words = {"été", "hiver", "ελλάδα", "москва", "œuvre"};
  const std::vector<std::vector<float>> rows{
      {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0}, {0, 1, 1}};
  for (const auto& row : rows) e.vectors.push_row(row.data(), row.size());
  const shelf::VectorStore store(std::move(e));
  const auto result = shelf::evaluate_similarity_from_text(
      store, "ÉTÉ\tHIVER\t1\nΕΛΛΆΔΑ\tМОСКВА\t2\nŒUVRE\tÉté\t3\n", "inline");
  CHECK(result.pairs == 3);
  CHECK(result.skipped == 0);
}

TEST_CASE("analogy files: headers, blank lines, CRLF and errors") {
  const shelf::VectorStore store(tiny_embeddings());
  const auto result = shelf::evaluate_analogies_from_text(
      store, "\xEF\xBB\xBF: first one\r\n\r\nman woman king queen\r\n:   empty  \r\n", "crlf");
  REQUIRE(result.sections.size() == 2);
  CHECK(result.sections[0].name == "first one");
  CHECK(result.sections[0].correct == 1);
  CHECK(result.sections[1].name == "empty");
  CHECK(result.sections[1].seen == 0);
  CHECK(result.accuracy == doctest::Approx(1.0));

  const auto nothing = shelf::evaluate_analogies_from_text(store, "", "empty");
  CHECK(nothing.sections.empty());
  CHECK(nothing.accuracy == 0.0);

  check_parse_error(
      [&] { shelf::evaluate_analogies_from_text(store, ": s\nman woman king queen\nman woman king\n", "q.txt"); },
      "q.txt", 3, "expected 4 words (a b c d), found 3");
  check_parse_error(
      [&] { shelf::evaluate_analogies_from_text(store, ": s\nman woman king queen girl\n", "q.txt"); },
      "q.txt", 2, "expected 4 words (a b c d), found 5");
  check_parse_error(
      [&] { shelf::evaluate_analogies_from_text(store, "\nman woman king queen\n", "q.txt"); },
      "q.txt", 2, "question before any ': section' header");

  const std::string missing = shelf::test::temp_path("no-such-analogies.txt");
  CHECK_THROWS_WITH_AS(shelf::evaluate_analogies(store, missing),
                       ("cannot open analogy file '" + missing + "'").c_str(), shelf::Error);
}

// tiny_similarity.tsv: human [1, 9.5, 9, 0.5, 1] against cosines [0, .8, 12/13, -5/13, 0]
// (MAN/unicorn skipped). Ranks [2.5, 5, 4, 1, 2.5] and [2.5, 4, 5, 1, 2.5]:
// rho = 8.5 / 9.5 = 17/19.
TEST_CASE("similarity evaluation on a hand-checked file") {
  const shelf::VectorStore store(tiny_embeddings());
  const auto result =
      shelf::evaluate_similarity(store, shelf::test::source_path("tests/data/tiny_similarity.tsv"));
  CHECK(result.pairs == 5);
  CHECK(result.skipped == 1);
  CHECK(result.spearman == doctest::Approx(17.0 / 19.0));
  const std::vector<double> human{1, 9.5, 9, 0.5, 1};
  const std::vector<double> cosines{0, 0.8, 12.0 / 13.0, -5.0 / 13.0, 0};
  CHECK(result.pearson == doctest::Approx(shelf::pearson_correlation(human, cosines)).epsilon(1e-5));

  // Only the first 4 words known: girl, far and void pairs drop out.
  const auto restricted = shelf::evaluate_similarity(
      store, shelf::test::source_path("tests/data/tiny_similarity.tsv"), true, 4);
  CHECK(restricted.pairs == 2);
  CHECK(restricted.skipped == 4);
  CHECK(restricted.spearman == doctest::Approx(1.0));

  const auto exact = shelf::evaluate_similarity(
      store, shelf::test::source_path("tests/data/tiny_similarity.tsv"), false);
  CHECK(exact.pairs == 5);  // "MAN unicorn" was skipped either way
  CHECK(exact.skipped == 1);

  const auto none = shelf::evaluate_similarity_from_text(store, "# nothing\n\n", "empty");
  CHECK(none.pairs == 0);
  CHECK(none.spearman == 0.0);
}

TEST_CASE("similarity files: malformed lines and missing files") {
  const shelf::VectorStore store(tiny_embeddings());
  check_parse_error([&] { shelf::evaluate_similarity_from_text(store, "# c\nman\twoman\n", "p.tsv"); },
                    "p.tsv", 2, "expected 3 fields (word, word, score), found 2");
  check_parse_error([&] { shelf::evaluate_similarity_from_text(store, "man woman 1 2\n", "p.tsv"); },
                    "p.tsv", 1, "expected 3 fields (word, word, score), found 4");
  check_parse_error([&] { shelf::evaluate_similarity_from_text(store, "man\twoman\thigh\n", "p.tsv"); },
                    "p.tsv", 1, "score 'high' is not a number");
  check_parse_error([&] { shelf::evaluate_similarity_from_text(store, "man\twoman\t\n", "p.tsv"); },
                    "p.tsv", 1, "score '' is not a number");
  check_parse_error([&] { shelf::evaluate_similarity_from_text(store, "man woman nan\n", "p.tsv"); },
                    "p.tsv", 1, "score 'nan' is not a number");
  const std::string missing = shelf::test::temp_path("no-such-pairs.tsv");
  CHECK_THROWS_WITH_AS(shelf::evaluate_similarity(store, missing),
                       ("cannot open similarity file '" + missing + "'").c_str(), shelf::Error);
}

TEST_CASE("correlations by hand") {
  // Ranks of x with the tie: [1, 2.5, 2.5, 4]; of y: [1, 3, 2, 4]. rho = 4.5 / sqrt(4.5 * 5).
  CHECK(shelf::spearman_correlation({1, 2, 2, 3}, {1, 3, 2, 4}) == doctest::Approx(std::sqrt(0.9)));
  CHECK(shelf::spearman_correlation({1, 2, 3}, {10, 200, 3000}) == doctest::Approx(1.0));
  CHECK(shelf::spearman_correlation({1, 2, 3}, {3, 2, 1}) == doctest::Approx(-1.0));
  // Deviations [-1, 0, 1] and [-7/3, -1/3, 8/3]: r = 5 / sqrt(2 * 114/9).
  CHECK(shelf::pearson_correlation({1, 2, 3}, {2, 4, 7}) == doctest::Approx(5.0 / std::sqrt(228.0 / 9.0)));
  CHECK(shelf::pearson_correlation({1, 1, 1}, {1, 2, 3}) == 0.0);
  CHECK(shelf::pearson_correlation({1}, {2}) == 0.0);
  CHECK(shelf::spearman_correlation({}, {}) == 0.0);
  CHECK_THROWS_AS(shelf::spearman_correlation({1, 2}, {1}), shelf::Error);
  CHECK_THROWS_AS(shelf::pearson_correlation({1, 2}, {1}), shelf::Error);
}

TEST_CASE("batched analogy evaluation agrees with one question at a time") {
  // Enough questions for several batches and enough words for several row blocks.
  std::vector<std::string> words;
  for (int i = 0; i < 700; ++i) words.push_back("w" + std::to_string(i));
  const shelf::VectorStore store(random_embeddings(words, 16, 99));
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> pick(0, 699);
  std::ostringstream text;
  std::size_t expected_correct = 0, expected_seen = 0, expected_skipped = 0;
  const std::size_t restrict_vocab = 500;
  for (int section = 0; section < 3; ++section) {
    text << ": s" << section << "\n";
    for (int q = 0; q < 50; ++q) {
      int id[4];
      do {
        for (int& i : id) i = pick(rng);
      } while (id[0] == id[1] || id[0] == id[2] || id[1] == id[2]);
      // Make some questions answerable: use the store's own 3CosAdd answer as d.
      if (q % 3 == 0 && id[0] < 500 && id[1] < 500 && id[2] < 500) {
        id[3] = store.analogy(words[id[0]], words[id[1]], words[id[2]], 1,
                              shelf::VectorStore::AnalogyMethod::Add, restrict_vocab)[0].id;
      }
      text << words[id[0]] << ' ' << words[id[1]] << ' ' << words[id[2]] << ' ' << words[id[3]] << '\n';
      if (*std::max_element(id, id + 4) >= static_cast<int>(restrict_vocab)) {
        ++expected_skipped;
        continue;
      }
      ++expected_seen;
      const auto best = store.analogy(words[id[0]], words[id[1]], words[id[2]], 1,
                                      shelf::VectorStore::AnalogyMethod::Add, restrict_vocab);
      if (!best.empty() && best[0].id == id[3]) ++expected_correct;
    }
  }
  const auto result = shelf::evaluate_analogies_from_text(store, text.str(), "random", restrict_vocab);
  CHECK(result.sections.size() == 3);
  CHECK(result.seen == expected_seen);
  CHECK(result.skipped == expected_skipped);
  CHECK(result.correct == expected_correct);
  CHECK(expected_correct > 0);
}

TEST_CASE("the shared evaluation sets load in full") {
  const std::string analogies = shelf::test::eval_path("questions-words.txt");
  const std::string pairs = shelf::test::eval_path("wordsim353.tsv");
  if (!exists(analogies) || !exists(pairs)) {
    MESSAGE("shared evaluation sets not found beside the repository; skipped");
    return;
  }
  // A store holding every word of both files, lowercased, with random vectors.
  std::set<std::string> vocabulary;
  {
    std::ifstream in(analogies);
    for (std::string token; in >> token;) {
      if (token != ":") vocabulary.insert(ascii_lower(token));
    }
  }
  {
    std::ifstream in(pairs);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream fields(line);
      std::string a, b;
      fields >> a >> b;
      vocabulary.insert(ascii_lower(a));
      vocabulary.insert(ascii_lower(b));
    }
  }
  const shelf::VectorStore store(
      random_embeddings(std::vector<std::string>(vocabulary.begin(), vocabulary.end()), 24, 1));

  const auto analogy = shelf::evaluate_analogies(store, analogies);
  CHECK(analogy.sections.size() == 14);
  CHECK(analogy.seen + analogy.skipped == 19544);
  CHECK(analogy.skipped == 0);
  CHECK(analogy.sections.front().name == "capital-common-countries");
  CHECK(analogy.sections.back().name == "gram9-plural-verbs");

  const auto similarity = shelf::evaluate_similarity(store, pairs);
  CHECK(similarity.pairs == 353);
  CHECK(similarity.skipped == 0);
  CHECK(std::fabs(similarity.spearman) < 0.3);  // random vectors know nothing
}
