#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "shelf/corpus.h"
#include "shelf/error.h"
#include "shelf/kernels.h"
#include "shelf/random.h"
#include "shelf/trainer.h"
#include "fixtures.h"

namespace {

using shelf::test::two_topic_text;

float cosine(const shelf::Matrix& m, std::int32_t a, std::int32_t b) {
  const auto dim = m.cols();
  const float* x = m.row(static_cast<std::size_t>(a));
  const float* y = m.row(static_cast<std::size_t>(b));
  return shelf::kernels::dot(x, y, dim) / (shelf::kernels::norm(x, dim) * shelf::kernels::norm(y, dim));
}

// Mean cosine within the same topic minus mean cosine across topics.
double topic_separation(const shelf::Trainer& trainer) {
  const std::vector<std::string> animals{"cat", "dog", "horse", "cow", "sheep"};
  const std::vector<std::string> places{"france", "spain", "italy", "germany", "paris"};
  double within = 0, across = 0;
  int n_within = 0, n_across = 0;
  const auto& vocab = trainer.vocab();
  for (const auto& a : animals) {
    for (const auto& b : animals) {
      if (a < b) within += cosine(trainer.input_vectors(), vocab.find(a), vocab.find(b)), ++n_within;
    }
    for (const auto& p : places) across += cosine(trainer.input_vectors(), vocab.find(a), vocab.find(p)), ++n_across;
  }
  for (const auto& a : places) {
    for (const auto& b : places) {
      if (a < b) within += cosine(trainer.input_vectors(), vocab.find(a), vocab.find(b)), ++n_within;
    }
  }
  return within / n_within - across / n_across;
}

shelf::TrainingParams small_params(shelf::Model model) {
  shelf::TrainingParams params;
  params.model = model;
  params.dim = 16;
  params.window = 3;
  params.epochs = 5;
  params.sample = 0;
  params.seed = 42;
  return params;
}

}  // namespace

TEST_CASE("skip-gram and CBOW put words of one topic nearer than words of different topics") {
  const auto corpus = shelf::build_corpus(two_topic_text(3000, 1), {1, 0});
  for (int variant = 0; variant < 3; ++variant) {
    const auto model = variant == 2 ? shelf::Model::Cbow : shelf::Model::SkipGram;
    CAPTURE(variant);
    auto params = small_params(model);
    params.shared_negatives = variant == 1;
    shelf::Trainer trainer(corpus, params);
    const double before = topic_separation(trainer);
    while (!trainer.finished()) trainer.step(5000);
    const double after = topic_separation(trainer);
    CHECK(std::fabs(before) < 0.2);  // random start: no structure yet
    CHECK(after > 0.3);
  }
}

TEST_CASE("the loss goes down and progress runs from zero to finished") {
  const auto corpus = shelf::build_corpus(two_topic_text(2000, 2), {1, 0});
  shelf::Trainer trainer(corpus, small_params(shelf::Model::SkipGram));
  const auto first = trainer.step(2000);
  CHECK(first.words_done >= 2000);
  CHECK_FALSE(first.finished);
  CHECK(first.learning_rate < 0.025f);
  shelf::TrainingProgress last = first;
  int steps = 1;
  while (!trainer.finished()) last = trainer.step(2000), ++steps;
  CHECK(steps > 10);
  CHECK(last.finished);
  CHECK(last.words_done == last.words_total);
  CHECK(last.words_total == corpus.ids.size() * 5);
  CHECK(last.epoch == 4);
  CHECK(last.loss < first.loss * 0.9);
  CHECK(last.average_loss > 0);
  CHECK(std::isfinite(last.average_loss));
  // Once finished, stepping does nothing more.
  const auto after = trainer.step(1000);
  CHECK(after.words_done == last.words_done);
}

TEST_CASE("the same seed gives identical vectors; another seed gives others") {
  const auto corpus = shelf::build_corpus(two_topic_text(500, 3), {1, 0});
  auto train = [&](std::uint64_t seed, std::uint64_t step_words) {
    auto params = small_params(shelf::Model::SkipGram);
    params.seed = seed;
    params.sample = 1e-2;
    shelf::Trainer trainer(corpus, params);
    while (!trainer.finished()) trainer.step(step_words);
    return trainer.embeddings();
  };
  const auto a = train(7, 1000);
  const auto b = train(7, 333);  // how the caller slices the work does not matter
  const auto c = train(8, 1000);
  REQUIRE(a.vectors.size() == b.vectors.size());
  bool identical = true, differs = false;
  for (std::size_t i = 0; i < a.vectors.size(); ++i) {
    identical = identical && a.vectors.data()[i] == b.vectors.data()[i];
    differs = differs || a.vectors.data()[i] != c.vectors.data()[i];
  }
  CHECK(identical);
  CHECK(differs);
  CHECK(a.words == b.words);
}

TEST_CASE("initial vectors are uniform in ±init_range/dim") {
  const auto corpus = shelf::build_corpus(two_topic_text(100, 4), {1, 0});
  for (float range : {0.5f, 1.0f}) {
    auto params = small_params(shelf::Model::SkipGram);
    params.init_range = range;
    shelf::Trainer trainer(corpus, params);
    const auto& m = trainer.input_vectors();
    float lo = 1, hi = -1;
    for (std::size_t i = 0; i < m.size(); ++i) lo = std::min(lo, m.data()[i]), hi = std::max(hi, m.data()[i]);
    CHECK(lo >= -range / 16);
    CHECK(hi <= range / 16);
    CHECK(hi - lo > 1.6f * range / 16);
  }
}

TEST_CASE("bad parameters are refused with the parameter named") {
  const auto corpus = shelf::build_corpus(two_topic_text(100, 5), {1, 0});
  auto params = small_params(shelf::Model::SkipGram);
  params.dim = 0;
  CHECK_THROWS_WITH_AS(shelf::Trainer(corpus, params), doctest::Contains("dimensions"), shelf::Error);
  params = small_params(shelf::Model::SkipGram);
  params.window = 0;
  CHECK_THROWS_WITH_AS(shelf::Trainer(corpus, params), doctest::Contains("window"), shelf::Error);
  params = small_params(shelf::Model::SkipGram);
  params.learning_rate = -1;
  CHECK_THROWS_WITH_AS(shelf::Trainer(corpus, params), doctest::Contains("learning rate"), shelf::Error);
}

TEST_CASE("a one-word vocabulary trains without crashing") {
  const auto corpus = shelf::build_corpus("solo solo solo\nsolo solo", {1, 0});
  shelf::Trainer trainer(corpus, small_params(shelf::Model::SkipGram));
  while (!trainer.finished()) trainer.step(100);
  for (std::size_t i = 0; i < trainer.input_vectors().size(); ++i) {
    CHECK(std::isfinite(trainer.input_vectors().data()[i]));
  }
}

TEST_CASE("training on several threads learns the same structure (natively)") {
  const auto corpus = shelf::build_corpus(two_topic_text(3000, 6), {1, 0});
  shelf::Trainer trainer(corpus, small_params(shelf::Model::SkipGram));
#if defined(__EMSCRIPTEN__)
  CHECK_THROWS_AS(trainer.train_parallel(2, nullptr), shelf::Error);
#else
  int reports = 0;
  const auto done = trainer.train_parallel(2, [&](const shelf::TrainingProgress&) { ++reports; }, 0.01);
  CHECK(done.finished);
  CHECK(reports >= 1);
  CHECK(topic_separation(trainer) > 0.3);
#endif
}

TEST_CASE("sharing negatives across a window learns as well as drawing them per pair") {
  const auto corpus = shelf::build_corpus(two_topic_text(3000, 9), {1, 0});
  auto train = [&](bool shared) {
    auto params = small_params(shelf::Model::SkipGram);
    params.shared_negatives = shared;
    shelf::Trainer trainer(corpus, params);
    shelf::TrainingProgress p;
    while (!trainer.finished()) p = trainer.step(5000);
    return std::make_pair(topic_separation(trainer), p.average_loss);
  };
  const auto [separation_pair, loss_pair] = train(false);
  const auto [separation_window, loss_window] = train(true);
  CHECK(separation_window == doctest::Approx(separation_pair).epsilon(0.15));
  CHECK(loss_window == doctest::Approx(loss_pair).epsilon(0.05));
}
