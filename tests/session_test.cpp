#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "shelf/error.h"
#include "shelf/random.h"
#include "shelf/session.h"
#include "shelf/wire_names.h"
#include "fixtures.h"

namespace {

using shelf::test::kAnimals;
using shelf::test::kPlaces;
using shelf::test::small_params;
using shelf::test::two_topic_text;

// A session trained to the end on the two-topic text.
void train(shelf::Session& session, int sentences = 2000) {
  shelf::test::train_session(session, two_topic_text(sentences, 1), small_params());
}

bool contains(const std::vector<std::string>& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

double squared_gap(const std::vector<float>& a, const std::vector<float>& b) {
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += (a[i] - b[i]) * (a[i] - b[i]);
  return sum;
}

const char* kSmallVec =
    "4 3\n"
    "king 0.5 0.1 0.2\n"
    "queen 0.45 0.2 0.25\n"
    "Paris -0.3 0.9 0.1\n"
    "apple 0.1 -0.2 0.95\n";

}  // namespace

TEST_CASE("a fresh session says what is missing") {
  shelf::Session session;
  CHECK_THROWS_WITH_AS(session.neighbors("cat", 5), "no vectors yet: load a corpus and train, or load vectors",
                       shelf::NotReadyError);
  CHECK_THROWS_AS(session.configure(small_params()), shelf::NotReadyError);
  CHECK_THROWS_AS(session.step(100), shelf::NotReadyError);
  CHECK_THROWS_AS(session.progress(), shelf::NotReadyError);
  CHECK_THROWS_AS(session.vocabulary(0), shelf::NotReadyError);
  CHECK_THROWS_AS(session.search("cat", 3), shelf::NotReadyError);
  CHECK_THROWS_AS(session.export_vectors(shelf::Format::Word2VecText), shelf::NotReadyError);
  CHECK_FALSE(session.has_trainer());
  CHECK_FALSE(session.training_finished());
}

TEST_CASE("loading a corpus summarises it and refuses bad options") {
  shelf::Session session;
  const auto summary = session.load_corpus("the cat sat\nthe dog sat\nthe end", 2, 0);
  CHECK(summary.raw_words == 8);
  CHECK(summary.vocab == 2);  // "the" and "sat"
  CHECK(summary.sentences >= 2);
  CHECK(session.vocabulary(0).words == std::vector<std::string>{"the", "sat"});
  CHECK(session.vocabulary(0).counts == std::vector<double>{3, 2});
  CHECK(session.vocabulary(1).words.size() == 1);
  CHECK_THROWS_WITH_AS(session.load_corpus("a b c", 0, 0), "min count must be at least 1", shelf::Error);
  CHECK_THROWS_AS(session.load_corpus("", 1, 0), shelf::Error);
  // A refused corpus leaves the previous one in place.
  CHECK(session.vocabulary(0).words.size() == 2);
  CHECK_THROWS_WITH_AS(session.neighbors("the", 3), doctest::Contains("no vectors yet"), shelf::NotReadyError);
}

TEST_CASE("training steps move the vectors that queries see") {
  shelf::Session session;
  session.load_corpus(two_topic_text(1000, 1), 1, 0);
  const auto start = session.configure(small_params());
  CHECK(start.words_done == 0);
  CHECK(session.has_trainer());
  const auto before = session.vector("cat").vector;
  const auto progress = session.step(3000);
  CHECK(progress.words_done >= 3000);
  CHECK(session.progress().words_done == progress.words_done);
  CHECK(session.progress().loss == progress.loss);
  const auto after = session.vector("cat").vector;
  CHECK(squared_gap(before, after) > 0);
  while (!session.training_finished()) session.step(5000);
  CHECK(session.progress().finished);
  // Stepping a finished trainer changes nothing.
  const auto done = session.vector("cat").vector;
  session.step(1000);
  CHECK(session.vector("cat").vector == done);

  auto bad = small_params();
  bad.window = 0;
  CHECK_THROWS_WITH_AS(session.configure(bad), doctest::Contains("window"), shelf::Error);
}

TEST_CASE("typed words are trimmed, then found as typed or lowercased") {
  shelf::Session session;
  train(session, 400);
  const auto cat = session.vector("  Cat ");
  CHECK(cat.word == "cat");
  CHECK(cat.id >= 0);
  CHECK(cat.vector.size() == 16);
  CHECK_THROWS_WITH_AS(session.vector("xyz"), "unknown word 'xyz'", shelf::Error);
  CHECK_THROWS_WITH_AS(session.neighbors("zebra", 3), "unknown word 'zebra'", shelf::Error);
  CHECK_THROWS_WITH_AS(session.similarity("cat", "zebra"), "unknown word 'zebra'", shelf::Error);
  CHECK_THROWS_WITH_AS(session.vector("   "), doctest::Contains("empty word"), shelf::Error);

  // Loaded files may keep case: an exact match wins, and a lowercase query still finds it.
  session.load_vectors_from_bytes(kSmallVec, "small.vec");
  CHECK(session.vector("Paris").word == "Paris");
  CHECK_THROWS_AS(session.vector("paris"), shelf::Error);  // lowercasing goes one way only
  CHECK(session.vector("KING").word == "king");
}

TEST_CASE("neighbours, similarity and analogies answer from the trained vectors") {
  shelf::Session session;
  train(session);
  const auto near = session.neighbors("cat", 5);
  REQUIRE(near.ids.size() == 5);
  CHECK(near.words.size() == 5);
  CHECK(near.scores.size() == 5);
  CHECK_FALSE(contains(near.words, "cat"));
  int animals = 0;
  for (const auto& w : near.words) animals += contains(kAnimals, w);
  CHECK(animals >= 4);
  CHECK(std::is_sorted(near.scores.rbegin(), near.scores.rend()));
  CHECK_THROWS_WITH_AS(session.neighbors("cat", 0), "k must be at least 1", shelf::Error);

  const auto s = session.similarity("cat", "dog");
  CHECK(s.cosine + s.distance == doctest::Approx(1.0));
  CHECK(session.similarity("dog", "cat").cosine == doctest::Approx(s.cosine));
  CHECK(session.similarity("cat", "cat").cosine == doctest::Approx(1.0));
  CHECK(s.cosine > session.similarity("cat", "paris").cosine);

  // By vector nothing is excluded: the word itself comes first.
  const auto cat = session.vector("cat");
  const auto by_vector = session.neighbors_of_vector(cat.vector.data(), cat.vector.size(), 3);
  CHECK(by_vector.words.front() == "cat");
  CHECK_THROWS_WITH_AS(session.neighbors_of_vector(cat.vector.data(), 3, 3),
                       "the vector has 3 values, the model 16", shelf::Error);

  const auto plain = session.analogy("france", "paris", "spain", 3, shelf::VectorStore::AnalogyMethod::Add);
  CHECK(plain.ids.size() == 3);
  CHECK_FALSE(plain.rank.has_value());
  for (const auto& w : plain.words) CHECK((w != "france" && w != "paris" && w != "spain"));
  const auto ranked = session.analogy("france", "paris", "spain", 3, shelf::VectorStore::AnalogyMethod::Mul,
                                      std::string_view("Madrid"));
  REQUIRE(ranked.rank.has_value());
  REQUIRE(ranked.rank_with_inputs.has_value());
  CHECK(*ranked.rank >= 1);
  CHECK(*ranked.rank_with_inputs >= *ranked.rank);
  CHECK_THROWS_WITH_AS(session.analogy("france", "paris", "spain", 3, shelf::VectorStore::AnalogyMethod::Add,
                                       std::string_view("atlantis")),
                       "unknown word 'atlantis'", shelf::Error);
}

TEST_CASE("the same seed gives the same answers") {
  shelf::Session a, b;
  train(a, 600);
  train(b, 600);
  CHECK(a.neighbors("dog", 5).words == b.neighbors("dog", 5).words);
  CHECK(a.vector("dog").vector == b.vector("dog").vector);
}

TEST_CASE("loaded vectors replace the trainer and keep the corpus") {
  shelf::Session session;
  train(session, 200);
  const auto summary = session.load_vectors_from_bytes(kSmallVec, "small.vec", shelf::Format::Auto);
  CHECK(summary.vocab == 4);
  CHECK(summary.dim == 3);
  CHECK_FALSE(session.has_trainer());
  const auto vocab = session.vocabulary(0);
  CHECK(vocab.words == std::vector<std::string>{"king", "queen", "Paris", "apple"});
  CHECK(vocab.counts == std::vector<double>(4, 0.0));
  CHECK(session.neighbors("king", 1).words.front() == "queen");

  // A refused file changes nothing.
  CHECK_THROWS_WITH_AS(session.load_vectors_from_bytes("2 3\nking 1 2 3\n", "broken.vec"),
                       doctest::Contains("broken.vec"), shelf::Error);
  CHECK(session.vocabulary(0).words.size() == 4);
  CHECK_THROWS_AS(session.load_vectors_from_bytes(kSmallVec, "x", shelf::Format::ProjectorTsv), shelf::Error);

  // The corpus is still there: configure trains on it again.
  session.configure(small_params());
  CHECK(session.has_trainer());
  CHECK(contains(session.vocabulary(0).words, "cat"));
}

TEST_CASE("exported vectors load back bit for bit, in every format") {
  shelf::Session session;
  train(session, 300);
  const auto original = session.vector("horse");
  for (auto format : {shelf::Format::Word2VecBinary, shelf::Format::Word2VecText, shelf::Format::GloveText}) {
    CAPTURE(static_cast<int>(format));
    shelf::Session copy;
    copy.load_vectors_from_bytes(session.export_vectors(format), "export", format);
    CHECK(copy.vocabulary(0).words == session.vocabulary(0).words);
    const auto loaded = copy.vector("horse");
    REQUIRE(loaded.vector.size() == original.vector.size());
    CHECK(std::memcmp(loaded.vector.data(), original.vector.data(), loaded.vector.size() * sizeof(float)) == 0);
  }
  const auto files = session.export_projector();
  shelf::Session projector;
  CHECK(projector.load_projector(files.vectors_tsv, files.metadata_tsv, "export").vocab ==
        session.vocabulary(0).words.size());
  CHECK(projector.vector("horse").vector == original.vector);
  CHECK_THROWS_AS(session.export_vectors(shelf::Format::ProjectorTsv), shelf::Error);
}

TEST_CASE("maps have one point per frequent word and hold still between training steps") {
  shelf::Session aligned, unaligned;
  for (auto* session : {&aligned, &unaligned}) {
    session->load_corpus(two_topic_text(1000, 3), 1, 0);
    session->configure(small_params());
    session->step(20000);
  }
  const auto first = aligned.project(15, 2, true);
  CHECK(first.words.size() == 15);
  CHECK(first.ids.size() == 15);
  CHECK(first.points.size() == 30);
  CHECK(first.components == 2);
  REQUIRE(first.explained.size() == 2);
  CHECK(first.explained[0] >= first.explained[1]);
  CHECK(first.explained[0] + first.explained[1] <= 1.0 + 1e-9);
  CHECK_FALSE(first.aligned);  // nothing to align to yet
  CHECK(first.words.front() == aligned.vocabulary(1).words.front());

  for (auto* session : {&aligned, &unaligned}) session->step(20000);
  const auto turned = aligned.project(15, 2, true);
  const auto free = unaligned.project(15, 2, false);
  CHECK(turned.aligned);
  CHECK_FALSE(free.aligned);
  CHECK(squared_gap(turned.points, first.points) <= squared_gap(free.points, first.points) + 1e-6);

  // A map with words the previous one lacked cannot be aligned; more words than the vocabulary
  // gives the whole vocabulary.
  const auto all = aligned.project(1000, 3, true);
  CHECK(all.words.size() == aligned.vocabulary(0).words.size());
  CHECK(all.points.size() == all.words.size() * 3);
  CHECK_FALSE(all.aligned);
  CHECK_THROWS_AS(aligned.project(0, 2, true), shelf::Error);
  CHECK_THROWS_AS(aligned.project(10, 0, true), shelf::Error);
  CHECK_THROWS_AS(aligned.project(10, 17, true), shelf::Error);  // more components than dimensions
}

TEST_CASE("the neighbour graph of the frequent words is their exact neighbours among themselves") {
  shelf::Session session;
  train(session);
  const std::size_t vocab = session.vocabulary(0).words.size();
  const std::size_t k = 4;
  // Over the whole vocabulary each row is what a neighbours question answers.
  const auto all = session.neighbor_graph(1000, k);
  REQUIRE(all.words.size() == vocab);
  CHECK(all.k == k);
  CHECK(all.neighbors.size() == vocab * k);
  CHECK(all.scores.size() == vocab * k);
  for (std::size_t i = 0; i < vocab; ++i) {
    const auto expected = session.neighbors(all.words[i], k);
    CHECK(all.ids[i] == static_cast<std::int32_t>(i));
    for (std::size_t j = 0; j < k; ++j) {
      CHECK(all.neighbors[i * k + j] == expected.ids[j]);
      CHECK(all.scores[i * k + j] == doctest::Approx(expected.scores[j]).epsilon(1e-5));
    }
  }
  // Over fewer words, neighbours stay among them, never the word itself, best first.
  const auto few = session.neighbor_graph(8, 3);
  REQUIRE(few.words.size() == 8);
  for (std::size_t i = 0; i < 8; ++i) {
    for (std::size_t j = 0; j < 3; ++j) {
      const auto id = few.neighbors[i * 3 + j];
      CHECK(id >= 0);
      CHECK(id < 8);
      CHECK(id != static_cast<std::int32_t>(i));
      if (j > 0) CHECK(few.scores[i * 3 + j] <= few.scores[i * 3 + j - 1]);
    }
  }
  CHECK_THROWS_AS(session.neighbor_graph(8, 8), shelf::Error);  // only 7 others
  CHECK_THROWS_AS(session.neighbor_graph(8, 0), shelf::Error);
  CHECK_THROWS_AS(session.neighbor_graph(0, 3), shelf::Error);
  shelf::Session empty;
  CHECK_THROWS_AS(empty.neighbor_graph(8, 3), shelf::NotReadyError);
}

TEST_CASE("clusters split the two topics") {
  shelf::Session session;
  train(session);
  // All 22 words: the 20 topic words and the two fillers, which are the most frequent.
  const auto clusters = session.cluster(2, 22, 1);
  REQUIRE(clusters.ids.size() == 22);
  REQUIRE(clusters.labels.size() == 22);
  CHECK(clusters.inertia >= 0);
  const auto words = session.vocabulary(22).words;
  auto label_of = [&](const std::string& word) {
    const auto at = static_cast<std::size_t>(std::find(words.begin(), words.end(), word) - words.begin());
    REQUIRE(at < clusters.labels.size());
    return clusters.labels[at];
  };
  int animals_with_cat = 0, places_with_cat = 0;
  for (const auto& w : kAnimals) animals_with_cat += label_of(w) == label_of("cat");
  for (const auto& w : kPlaces) places_with_cat += label_of(w) == label_of("cat");
  CHECK(animals_with_cat >= 8);
  CHECK(places_with_cat <= 2);
  for (const auto label : clusters.labels) CHECK((label == 0 || label == 1));

  const auto again = session.cluster(2, 22, 1);
  CHECK(again.labels == clusters.labels);
  CHECK_THROWS_WITH_AS(session.cluster(30, 20, 1), "k is 30 but there are only 20 words to cluster", shelf::Error);
  CHECK_THROWS_AS(session.cluster(0, 20, 1), shelf::Error);
}

TEST_CASE("positions tell 'dog bites man' from 'man bites dog'") {
  shelf::Session session;
  session.load_vectors_from_bytes(
      "3 4\ndog 1 0 0 0\nbites 0 1 0 0\nman 0 0 1 0\n", "three.vec");
  const auto forward = session.positions("Dog bites man", 1.0);
  const auto backward = session.positions("man bites dog", 1.0);
  CHECK(forward.tokens == std::vector<std::string>{"dog", "bites", "man"});
  CHECK(forward.dim == 4);
  REQUIRE(forward.inputs.size() == 12);
  CHECK(forward.token_vectors.size() == 12);
  CHECK(forward.position_vectors.size() == 12);
  // Same positions, same words, different order: the inputs differ, the sums of rows do not.
  CHECK(forward.position_vectors == backward.position_vectors);
  CHECK(forward.inputs != backward.inputs);
  for (std::size_t i = 0; i < forward.inputs.size(); ++i) {
    CHECK(forward.inputs[i] == doctest::Approx(forward.token_vectors[i] + forward.position_vectors[i]));
  }
  const auto unknown = session.positions("dog eats", 0.0);
  CHECK(unknown.known == std::vector<bool>{true, false});
  for (const auto v : unknown.position_vectors) CHECK(v == 0.0f);
  for (std::size_t c = 4; c < 8; ++c) CHECK(unknown.token_vectors[c] == 0.0f);
  CHECK_THROWS_AS(session.positions("  ...  ", 1.0), shelf::Error);
}

TEST_CASE("documents are indexed once and searched with the current vectors") {
  shelf::Session session;
  const std::string docs =
      "The cat and the dog sleep by the fire. The horse grazes.\n\n"
      "Paris and Rome are capitals — caf\xC3\xA9 \xF0\x9F\x98\x80 in France and Italy.\n\n"
      "The cow and the sheep have fur.";
  const auto chunks = session.index_documents(docs, 120, shelf::Pooling::Mean);
  REQUIRE(chunks.size() == 3);
  CHECK(chunks[0].begin == 0);
  CHECK(chunks[0].text.rfind("The cat", 0) == 0);
  // Offsets count UTF-16 units: "—" is 1 unit (3 bytes), "é" 1 (2 bytes), the emoji 2 (4 bytes).
  const std::size_t third_bytes = docs.rfind("The cow");
  CHECK(chunks[2].begin == third_bytes - 2 - 1 - 2);
  CHECK(chunks[2].end == docs.size() - 2 - 1 - 2);
  CHECK(chunks[1].end - chunks[1].begin == chunks[1].text.size() - 2 - 1 - 2);

  CHECK_THROWS_WITH_AS(session.search("cat", 3), doctest::Contains("no vectors yet"), shelf::NotReadyError);
  train(session, 600);
  const auto found = session.search("Which animals graze and have fur?", 2);
  REQUIRE(found.hits.size() == 2);
  CHECK(found.hits[0].score >= found.hits[1].score);
  CHECK(found.hits[0].chunk != 1);
  CHECK(found.hits[0].text == chunks[found.hits[0].chunk].text);
  CHECK(found.hits[0].begin == chunks[found.hits[0].chunk].begin);
  CHECK_FALSE(found.hits[0].matched.empty());
  CHECK(found.prompt.find("Which animals graze and have fur?") != std::string::npos);
  CHECK(found.prompt.find(found.hits[0].text.substr(0, 20)) != std::string::npos);

  // Training on moves the vectors; the index follows without being asked.
  session.configure(small_params());
  session.step(2000);
  CHECK(session.search("fur", 1).hits.size() == 1);
  CHECK_THROWS_AS(session.search("", 1), shelf::Error);
  CHECK_THROWS_AS(session.search("fur", 0), shelf::Error);
  CHECK_THROWS_AS(session.index_documents("...", 120, shelf::Pooling::Sif), shelf::Error);
  CHECK_THROWS_AS(session.index_documents(docs, 0, shelf::Pooling::Sif), shelf::Error);

  const auto sif_chunks = session.index_documents(docs, 8, shelf::Pooling::Sif);
  CHECK(sif_chunks.size() > 3);
  CHECK(session.search("horse fire", 1).hits.size() == 1);
}

TEST_CASE("wire names map to the engine's options and unknown names are refused") {
  CHECK(shelf::model_from_name("cbow") == shelf::Model::Cbow);
  CHECK(shelf::model_from_name("skipgram") == shelf::Model::SkipGram);
  CHECK_THROWS_WITH_AS(shelf::model_from_name("glove"), "unknown model 'glove' (expected skipgram or cbow)",
                       shelf::Error);
  CHECK(shelf::format_from_name("word2vec") == shelf::Format::Word2VecText);
  CHECK(shelf::format_from_name("word2vec-binary") == shelf::Format::Word2VecBinary);
  CHECK(shelf::format_from_name("glove") == shelf::Format::GloveText);
  CHECK(shelf::format_from_name("auto") == shelf::Format::Auto);
  CHECK(shelf::format_from_name("projector") == shelf::Format::ProjectorTsv);
  CHECK_THROWS_AS(shelf::format_from_name("csv"), shelf::Error);
  CHECK(shelf::pooling_from_name("sif") == shelf::Pooling::Sif);
  CHECK_THROWS_AS(shelf::pooling_from_name("max"), shelf::Error);
  CHECK(shelf::analogy_method_from_name("mul") == shelf::VectorStore::AnalogyMethod::Mul);
  CHECK_THROWS_AS(shelf::analogy_method_from_name("sub"), shelf::Error);
  CHECK(std::string(shelf::Session::version()).size() > 0);
}

namespace {

// `words` words in `dim` dimensions, in a few tight clusters: a text vector file.
std::string clustered_vec(int words, int dim, std::uint64_t seed) {
  shelf::Random random(seed);
  std::vector<std::vector<float>> centres(8, std::vector<float>(static_cast<std::size_t>(dim)));
  for (auto& c : centres) {
    for (auto& x : c) x = random.uniform() * 2 - 1;
  }
  std::string text = std::to_string(words) + " " + std::to_string(dim) + "\n";
  for (int w = 0; w < words; ++w) {
    const auto& c = centres[random.below(8)];
    text += "w" + std::to_string(w);
    for (int d = 0; d < dim; ++d) text += " " + std::to_string(c[static_cast<std::size_t>(d)] + 0.3f * (random.uniform() - 0.5f));
    text += "\n";
  }
  return text;
}

}  // namespace

TEST_CASE("approximate neighbours come from an index built in slices over the current vectors") {
  shelf::Session session;
  session.load_vectors_from_bytes(clustered_vec(1500, 24, 3), "clusters.vec", shelf::Format::Auto);
  const shelf::SearchMode approximate{true, 0};
  CHECK_THROWS_AS(session.neighbors("w1", 10, approximate), shelf::NotReadyError);
  CHECK_THROWS_AS(session.index_step(100), shelf::NotReadyError);

  shelf::IndexOptions options;
  auto status = session.begin_index(options);
  CHECK(status.done == 0);
  CHECK(status.total == 1500);
  CHECK_FALSE(status.complete);
  CHECK(status.float32_bytes == 1500 * 24 * sizeof(float));
  CHECK_THROWS_WITH_AS(session.neighbors("w1", 10, approximate), "the index is still being built (0 of 1500 vectors)",
                       shelf::NotReadyError);
  int steps = 0;
  while (!status.complete) {
    const auto before = status.done;
    status = session.index_step(400);
    CHECK(status.done == std::min<std::size_t>(before + 400, 1500));
    ++steps;
  }
  CHECK(steps == 4);
  CHECK(status.bytes > 0);
  CHECK(status.kind == shelf::IndexKind::Hnsw);

  double hits = 0;
  for (int w = 0; w < 100; ++w) {
    const std::string word = "w" + std::to_string(w * 7);
    const auto exact = session.neighbors(word, 10);
    const auto ann = session.neighbors(word, 10, approximate);
    CHECK(std::find(ann.words.begin(), ann.words.end(), word) == ann.words.end());
    CHECK(ann.words.size() == 10);
    for (const auto id : ann.ids) hits += std::count(exact.ids.begin(), exact.ids.end(), id);
    // Scores are the same cosines as the exact answer's.
    if (!ann.ids.empty() && ann.ids.front() == exact.ids.front()) CHECK(ann.scores.front() == doctest::Approx(exact.scores.front()));
  }
  CHECK(hits / 1000.0 >= 0.95);

  // By vector: any length, normalised first; nothing excluded.
  auto v = session.vector("w42").vector;
  for (auto& x : v) x *= 3.0f;
  const auto by_vector = session.neighbors_of_vector(v.data(), v.size(), 3, {true, 200});
  CHECK(by_vector.words.front() == "w42");
  CHECK(by_vector.scores.front() == doctest::Approx(1.0f));

  // Int8 holds less; the exact kind answers exactly.
  options.hnsw.quantization = shelf::Quantization::Int8;
  const auto int8 = shelf::test::build_index(session, options);
  CHECK(int8.complete);
  CHECK(int8.bytes < status.bytes);
  CHECK(session.neighbors("w5", 5, approximate).words.size() == 5);
  options.kind = shelf::IndexKind::ExactScan;
  const auto exact_status = shelf::test::build_index(session, options);
  CHECK(exact_status.complete);
  CHECK(exact_status.bytes == 0);
  CHECK(session.neighbors("w5", 8, approximate).ids == session.neighbors("w5", 8).ids);

  // New vectors drop the index.
  session.load_vectors_from_bytes(kSmallVec, "small.vec", shelf::Format::Auto);
  CHECK_THROWS_WITH_AS(session.neighbors("king", 1, approximate), "no index for the current vectors: index them first",
                       shelf::NotReadyError);
  CHECK_THROWS_AS(session.index_step(10), shelf::NotReadyError);
}

TEST_CASE("a training step drops the index") {
  shelf::Session session;
  session.load_corpus(two_topic_text(300, 1), 1, 0);
  session.configure(small_params());
  session.step(2000);
  shelf::IndexOptions options;
  options.hnsw.m = 4;
  CHECK(shelf::test::build_index(session, options).complete);
  CHECK(session.neighbors("cat", 3, {true, 0}).ids.size() == 3);
  session.step(2000);
  CHECK_THROWS_AS(session.neighbors("cat", 3, {true, 0}), shelf::NotReadyError);
  CHECK(shelf::test::build_index(session, options).complete);
  CHECK(session.neighbors("cat", 3, {true, 0}).ids.size() == 3);
}

TEST_CASE("index wire names") {
  CHECK(shelf::index_kind_from_name("hnsw") == shelf::IndexKind::Hnsw);
  CHECK(shelf::index_kind_from_name("exact") == shelf::IndexKind::ExactScan);
  CHECK(shelf::quantization_from_name("int8") == shelf::Quantization::Int8);
  CHECK(shelf::quantization_from_name("none") == shelf::Quantization::None);
  CHECK_THROWS_WITH_AS(shelf::index_kind_from_name("lsh"), "unknown index kind 'lsh' (expected hnsw or exact)", shelf::Error);
  CHECK_THROWS_WITH_AS(shelf::quantization_from_name("pq"), "unknown quantisation 'pq' (expected none or int8)",
                       shelf::Error);
  CHECK(std::string(shelf::index_kind_name(shelf::IndexKind::ExactScan)) == "exact");
  CHECK(std::string(shelf::quantization_name(shelf::Quantization::Int8)) == "int8");
}

TEST_CASE("cancelling training drops the trainer and the corpus; loaded vectors stay") {
  shelf::Session session;
  train(session, 200);
  REQUIRE(session.has_trainer());
  session.neighbors("cat", 2);  // builds the store from the trainer
  session.cancel_training();
  CHECK_FALSE(session.has_trainer());
  CHECK_FALSE(session.has_corpus());
  CHECK_THROWS_AS(session.neighbors("cat", 2), shelf::NotReadyError);
  CHECK_THROWS_AS(session.progress(), shelf::NotReadyError);
  CHECK_THROWS_AS(session.configure(small_params()), shelf::NotReadyError);

  session.load_vectors_from_bytes(kSmallVec, "small.vec");
  session.cancel_training();  // nothing to cancel: the loaded vectors answer still
  CHECK(session.neighbors("king", 1).words.front() == "queen");
}

TEST_CASE("a retrain counts on the old run's memory: configure frees it before it allocates") {
  shelf::Session session;
  CHECK(session.bytes_freed_by_configure() == 0);
  session.load_corpus(two_topic_text(200, 1), 1, 0);
  CHECK(session.bytes_freed_by_configure() == 0);  // the corpus stays
  session.configure(small_params());
  const std::size_t matrix = session.vocabulary(0).words.size() * 16 * sizeof(float);
  CHECK(session.bytes_freed_by_configure() == 2 * matrix);  // the trainer's input and output
  session.step(1000);
  session.neighbors("cat", 2);  // the store: vectors and unit vectors
  CHECK(session.bytes_freed_by_configure() == 4 * matrix);
  // A retrain with other settings works from the same corpus, and starts from random vectors.
  shelf::TrainingParams wider = small_params();
  wider.dim = 32;
  session.configure(wider);
  CHECK(session.progress().words_done == 0);
  CHECK(session.vector("cat").vector.size() == 32);
  session.cancel_training();
  CHECK(session.bytes_freed_by_configure() == 0);
}
