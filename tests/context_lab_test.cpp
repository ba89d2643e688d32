#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "shelf/context_lab.h"
#include "shelf/corpus_edit.h"
#include "shelf/error.h"
#include "shelf/push_watch.h"
#include "shelf/random.h"
#include "shelf/session.h"
#include "shelf/trainer.h"
#include "fixtures.h"

namespace {

std::string topic_text(int sentences, std::uint64_t seed) { return shelf::test::two_topic_text(sentences, seed); }

shelf::TrainingParams lab_params() {
  shelf::TrainingParams params;
  params.dim = 16;
  params.epochs = 4;
  params.sample = 0;
  params.seed = 5;
  return params;
}

void train_to_end(shelf::ContextLab& lab) {
  while (!lab.step(5000).finished) {
  }
}

}  // namespace

TEST_CASE("watching a word's updates trains exactly the vectors an unwatched run trains") {
  const std::string text = topic_text(600, 1);
  shelf::VocabOptions options;
  options.min_count = 1;
  const shelf::Corpus corpus = shelf::build_corpus(text, options);
  shelf::TrainingParams params = lab_params();
  shelf::Trainer plain(corpus, params);
  shelf::Trainer watched(corpus, params);
  shelf::PushWatch watch;
  watch.probe = corpus.vocab.find("cat");
  watch.limit = 50;
  watched.watch(&watch);
  while (!plain.step(3000).finished) {
  }
  while (!watched.step(3000).finished) {
  }
  const auto& a = plain.input_vectors();
  const auto& b = watched.input_vectors();
  CHECK(std::equal(a.data(), a.data() + a.size(), b.data()));
  CHECK(watch.pushes.size() == 50);
  CHECK(watch.seen > 50);
}

TEST_CASE("each push names its window, its positive and negatives, and moves the probe") {
  shelf::ContextLab lab;
  lab.load(topic_text(600, 2), 1, 0, 4);
  lab.configure(lab_params());
  lab.step(4000);
  const auto batch = lab.pushes("cat", 6, 5, 100000);
  REQUIRE(batch.pushes.size() == 6);
  CHECK(batch.probe == "cat");
  CHECK(batch.neighbours.size() == 5);
  const std::int32_t cat = lab.find("cat");
  for (const auto& push : batch.pushes) {
    REQUIRE(push.probe < push.window.size());
    REQUIRE(push.centre < push.window.size());
    CHECK(push.window[push.probe] == cat);
    CHECK(push.window[push.centre] == push.positive);
    CHECK(push.probe != push.centre);
    CHECK(push.window.size() <= 2 * 4 + 1);
    for (const auto negative : push.negatives) CHECK(negative != push.positive);
    CHECK(push.before_scores.size() == push.negatives.size() + 1);
    // Trained towards its positive: the score of the positive can only rise.
    CHECK(push.after_scores[0] >= push.before_scores[0]);
    CHECK(push.moved > 0.0f);
    CHECK(push.neighbour_before.size() == 5);
    CHECK(push.neighbour_after.size() == 5);
  }
  CHECK(batch.pushes[1].number > batch.pushes[0].number);
  CHECK(batch.progress.words_done > 4000);
}

TEST_CASE("the pair of one topic grows closer over training; a word of the other does not") {
  shelf::ContextLab lab;
  const auto summary = lab.load(topic_text(1500, 3), 1, 0, 4);
  CHECK(summary.vocab == 22);
  CHECK(summary.index_bytes > 0);
  lab.configure(lab_params());
  const float start = lab.cosine("cat", "dog");
  train_to_end(lab);
  CHECK(lab.cosine("cat", "dog") > start + 0.3f);
  CHECK(lab.cosine("cat", "dog") > lab.cosine("cat", "paris") + 0.3f);
  CHECK(std::isnan(lab.cosine("cat", "unicorn")));
  const auto near = lab.neighbours("cat", 3);
  REQUIRE(near.size() == 3);
  const std::set<std::string> animals{"dog", "horse", "cow", "sheep", "barks", "grazes", "fur", "tail", "paw"};
  for (const auto& [id, score] : near) CHECK(animals.count(lab.vocab().word(id)) == 1);
}

TEST_CASE("the model's predicted contexts come to agree with the corpus's") {
  shelf::ContextLab lab;
  lab.load(topic_text(1500, 4), 1, 0, 4);
  lab.configure(lab_params());
  const auto before = lab.predict("paris", 5);
  train_to_end(lab);
  const auto after = lab.predict("paris", 5);
  CHECK(after.predicted.size() == 5);
  CHECK(after.actual.size() == 5);
  CHECK(after.mean_actual > after.mean_all);
  CHECK(after.mean_actual - after.mean_all > before.mean_actual - before.mean_all + 0.1);
  CHECK(after.agreement >= 3);
  for (std::size_t i = 1; i < after.predicted.size(); ++i) {
    CHECK(after.predicted[i - 1].probability >= after.predicted[i].probability);
  }
}

TEST_CASE("sentences that put a word in another's contexts pull them together; taking them out parts them") {
  const std::string base = topic_text(1500, 6);
  // Paris where cat stands: each line with cat, cat replaced by paris (as the lesson suggests).
  std::string together;
  std::size_t substituted = 0;
  for (std::size_t start = 0, end; start < base.size(); start = end + 1) {
    end = base.find('\n', start);
    std::string line = base.substr(start, end - start);
    if (line.find("cat ") == std::string::npos) continue;
    for (std::size_t at; (at = line.find("cat ")) != std::string::npos;) line.replace(at, 3, "paris");
    together += line + " barks\n";
    ++substituted;
  }
  REQUIRE(substituted > 100);
  auto trained_cosine = [](const std::string& text) {
    shelf::ContextLab lab;
    lab.load(text, 1, 0, 4);
    lab.configure(lab_params());
    train_to_end(lab);
    return lab.cosine("cat", "paris");
  };
  const float plain = trained_cosine(base);
  shelf::CorpusEdit add;
  add.added = together;
  const auto added = shelf::edit_corpus(base, add);
  CHECK(added.added_lines == substituted);
  const float joined = trained_cosine(added.text);
  CHECK(joined > plain + 0.05f);
  shelf::CorpusEdit remove;
  remove.remove_a = "Paris";
  remove.remove_b = "barks";
  const auto removed = shelf::edit_corpus(added.text, remove);
  CHECK(removed.removed_lines == substituted);
  CHECK(removed.text == base);
  // The same text again trains the same vectors (one seed, one line order).
  const float parted = trained_cosine(removed.text);
  CHECK(parted == plain);
  CHECK(parted < joined - 0.05f);
}

TEST_CASE("bad questions to the lab get clear errors") {
  shelf::ContextLab lab;
  CHECK_THROWS_AS(lab.configure(lab_params()), shelf::NotReadyError);
  CHECK_THROWS_AS(lab.load("a b c\n", 1, 0, 0), shelf::Error);
  lab.load(topic_text(50, 1), 1, 0, 3);
  CHECK_THROWS_AS(lab.step(10), shelf::NotReadyError);
  lab.configure(lab_params());
  CHECK_THROWS_WITH_AS(lab.predict("unicorn", 3), "unknown word 'unicorn'", shelf::Error);
  CHECK_THROWS_AS(lab.pushes("unicorn", 3, 3, 1000), shelf::Error);
  shelf::CorpusEdit edit;
  edit.remove_a = "cat";
  CHECK_THROWS_AS(shelf::edit_corpus("cat\n", edit), shelf::Error);
  edit.remove_b = "two words";
  CHECK_THROWS_AS(shelf::edit_corpus("cat\n", edit), shelf::Error);
}

TEST_CASE("the lab's corpus holds every line once, in an order fixed by the seed") {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "w" + std::to_string(i) + " common\n";
  shelf::VocabOptions options;
  options.min_count = 1;
  const auto plain = shelf::build_corpus(text, options);
  const auto once = shelf::build_shuffled_corpus(text, options, 1);
  const auto again = shelf::build_shuffled_corpus(text, options, 1);
  const auto other = shelf::build_shuffled_corpus(text, options, 2);
  REQUIRE(once.sentence_count() == plain.sentence_count());
  auto first_words = [](const shelf::Corpus& c) {
    std::vector<std::string> words;
    for (std::size_t s = 0; s < c.sentence_count(); ++s) words.push_back(c.vocab.word(c.ids[c.sentence_starts[s]]));
    return words;
  };
  CHECK(first_words(once) == first_words(again));
  CHECK(first_words(once) != first_words(other));
  CHECK(first_words(once) != first_words(plain));
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  CHECK(sorted(first_words(once)) == sorted(first_words(plain)));
}
