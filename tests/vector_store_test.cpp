#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "shelf/error.h"
#include "shelf/vector_store.h"

namespace {

using Method = shelf::VectorStore::AnalogyMethod;

// a = man = e1, b = woman = e2, c = king = e3, so for a candidate x of unit length
// cos(x, a), cos(x, b), cos(x, c) are simply its first three components, and the 3CosAdd query
// is (-1, 1, 1, 0) / sqrt(3).
//   queen = (0, 0.6, 0.8, 0):      Add 1.4/sqrt3 = 0.808   Mul 0.9*0.8/(0.5+0.001)    = 1.437
//   girl  = (-5, 12, 0, 0) / 13:   Add (17/13)/sqrt3 = 0.755  Mul (25/26)(1/2)/(8/26+0.001) = 1.557
//   far   = e4, void = 0:          Add 0                   Mul 0.25/0.501             = 0.499
//   woman, king (inputs):          Add 1/sqrt3 = 0.577     Mul 0.5/0.501              = 0.998
//   man (input):                   Add -1/sqrt3            Mul 0.25/1.001             = 0.250
// 3CosAdd prefers queen, 3CosMul (which punishes a weak link to king) prefers girl.
shelf::Embeddings tiny_embeddings() {
  shelf::Embeddings e;
  e.words = {"man", "woman", "king", "queen", "girl", "far", "void"};
  const std::vector<std::vector<float>> rows{
      {1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0.6f, 0.8f, 0},
      {-5, 12, 0, 0}, {0, 0, 0, 1}, {0, 0, 0, 0}};
  for (const auto& row : rows) e.vectors.push_row(row.data(), row.size());
  return e;
}

std::vector<std::string> words_of(const shelf::VectorStore& store,
                                  const std::vector<shelf::Neighbor>& neighbors) {
  std::vector<std::string> words;
  for (const auto& n : neighbors) words.push_back(store.word(n.id));
  return words;
}

const float kSqrt3 = std::sqrt(3.0f);

}  // namespace

TEST_CASE("VectorStore looks words up exactly") {
  const shelf::VectorStore store(tiny_embeddings());
  CHECK(store.size() == 7);
  CHECK(store.dim() == 4);
  CHECK(store.find("queen") == 3);
  CHECK(store.find("Queen") == -1);
  CHECK(store.find("unicorn") == -1);
  CHECK(store.id_of("girl") == 4);
  CHECK(store.word(5) == "far");
  CHECK_THROWS_WITH_AS(store.id_of("unicorn"), "unknown word 'unicorn'", shelf::Error);
  CHECK_THROWS_AS(store.word(7), shelf::Error);
  CHECK_THROWS_AS(store.word(-1), shelf::Error);
  CHECK(store.unit_vectors().at(4, 1) == doctest::Approx(12.0f / 13.0f));
  CHECK(store.embeddings().vectors.at(4, 1) == 12.0f);  // raw vectors are kept as given
}

TEST_CASE("VectorStore rejects inconsistent embeddings") {
  shelf::Embeddings mismatched = tiny_embeddings();
  mismatched.words.pop_back();
  CHECK_THROWS_WITH_AS(shelf::VectorStore(std::move(mismatched)), "6 words but 7 vectors",
                       shelf::Error);
  shelf::Embeddings duplicated = tiny_embeddings();
  duplicated.words[6] = "king";
  CHECK_THROWS_WITH_AS(shelf::VectorStore(std::move(duplicated)), "duplicate word 'king'",
                       shelf::Error);
  const shelf::VectorStore empty{shelf::Embeddings{}};
  CHECK(empty.size() == 0);
  CHECK(empty.find("x") == -1);
}

TEST_CASE("VectorStore keeps working after a move") {
  shelf::VectorStore original(tiny_embeddings());
  shelf::VectorStore moved(std::move(original));
  CHECK(moved.id_of("queen") == 3);
  shelf::VectorStore assigned{shelf::Embeddings{}};
  assigned = std::move(moved);
  CHECK(assigned.id_of("girl") == 4);
  CHECK(assigned.similarity("queen", "king") == doctest::Approx(0.8f));
}

TEST_CASE("similarity is the cosine; a zero vector gives 0, not NaN") {
  const shelf::VectorStore store(tiny_embeddings());
  CHECK(store.similarity("queen", "king") == doctest::Approx(0.8f));
  CHECK(store.similarity("girl", "woman") == doctest::Approx(12.0f / 13.0f));
  CHECK(store.similarity("man", "girl") == doctest::Approx(-5.0f / 13.0f));
  CHECK(store.similarity("man", "woman") == 0.0f);
  CHECK(store.similarity("queen", "queen") == doctest::Approx(1.0f));
  CHECK(store.similarity("void", "man") == 0.0f);
  CHECK(store.similarity("void", "void") == 0.0f);
  CHECK_THROWS_WITH_AS(store.similarity("man", "unicorn"), "unknown word 'unicorn'", shelf::Error);
}

TEST_CASE("nearest by word and by vector") {
  const shelf::VectorStore store(tiny_embeddings());
  // cos to woman: girl 12/13, queen 0.6, then man/king/far/void all 0 (lower id first).
  const auto near_woman = store.nearest("woman", 4);
  CHECK(words_of(store, near_woman) == std::vector<std::string>{"girl", "queen", "man", "king"});
  CHECK(near_woman[0].score == doctest::Approx(12.0f / 13.0f));
  CHECK(near_woman[1].score == doctest::Approx(0.6f));

  CHECK(store.nearest("woman", 100).size() == 6);  // everyone but woman
  CHECK(store.nearest("woman", 0).empty());

  const auto near_void = store.nearest("void", 3);
  REQUIRE(near_void.size() == 3);
  for (const auto& n : near_void) CHECK(n.score == 0.0f);
  CHECK(words_of(store, near_void) == std::vector<std::string>{"man", "woman", "king"});

  const float query[] = {0.0f, 3.0f, 4.0f, 0.0f};  // not unit length: the store normalises it
  const auto near_query = store.nearest(query, 2);
  CHECK(words_of(store, near_query) == std::vector<std::string>{"queen", "king"});
  CHECK(near_query[0].score == doctest::Approx(0.6f * 0.6f + 0.8f * 0.8f));
  const auto excluding = store.nearest(query, 1, {3});
  CHECK(words_of(store, excluding) == std::vector<std::string>{"king"});
  CHECK(excluding[0].score == doctest::Approx(0.8f));

  const float zero[] = {0, 0, 0, 0};
  for (const auto& n : store.nearest(zero, 7)) CHECK(n.score == 0.0f);

  CHECK_THROWS_WITH_AS(store.nearest("unicorn", 3), "unknown word 'unicorn'", shelf::Error);
}

TEST_CASE("3CosAdd and 3CosMul answers by hand") {
  const shelf::VectorStore store(tiny_embeddings());
  const auto add = store.analogy("man", "woman", "king", 10, Method::Add);
  CHECK(words_of(store, add) == std::vector<std::string>{"queen", "girl", "far", "void"});
  CHECK(add[0].score == doctest::Approx(1.4f / kSqrt3));
  CHECK(add[1].score == doctest::Approx(17.0f / 13.0f / kSqrt3));
  CHECK(add[2].score == 0.0f);

  const auto mul = store.analogy("man", "woman", "king", 10, Method::Mul);
  CHECK(words_of(store, mul) == std::vector<std::string>{"girl", "queen", "far", "void"});
  CHECK(mul[0].score == doctest::Approx((25.0f / 26.0f) * 0.5f / (8.0f / 26.0f + 0.001f)));
  CHECK(mul[1].score == doctest::Approx(0.9f * 0.8f / 0.501f));
  CHECK(mul[2].score == doctest::Approx(0.25f / 0.501f));
  CHECK(mul[3].score == doctest::Approx(0.25f / 0.501f));

  // Only the first N ids compete: queen is id 3, girl id 4.
  CHECK(words_of(store, store.analogy("man", "woman", "king", 10, Method::Mul, 4)) ==
        std::vector<std::string>{"queen"});
  CHECK(store.analogy("man", "woman", "king", 10, Method::Add, 3).empty());
  CHECK(store.analogy("man", "woman", "king", 1).size() == 1);

  CHECK_THROWS_WITH_AS(store.analogy("man", "unicorn", "king", 3), "unknown word 'unicorn'",
                       shelf::Error);
}

TEST_CASE("analogy ranks with and without the inputs") {
  const shelf::VectorStore store(tiny_embeddings());
  // 3CosAdd order over all words: queen, girl, woman, king (tie: lower id), far, void, man.
  CHECK(store.analogy_rank("man", "woman", "king", "queen", Method::Add, true) == 1);
  CHECK(store.analogy_rank("man", "woman", "king", "queen", Method::Add, false) == 1);
  CHECK(store.analogy_rank("man", "woman", "king", "far", Method::Add, true) == 3);
  CHECK(store.analogy_rank("man", "woman", "king", "far", Method::Add, false) == 5);
  CHECK(store.analogy_rank("man", "woman", "king", "void", Method::Add, false) == 6);
  CHECK(store.analogy_rank("man", "woman", "king", "king", Method::Add, false) == 4);
  CHECK(store.analogy_rank("man", "woman", "king", "man", Method::Add, false) == 7);
  // An input as the answer still gets a rank: among the non-inputs it beats nothing but itself.
  CHECK(store.analogy_rank("man", "woman", "king", "man", Method::Add, true) == 5);
  // 3CosMul order: girl, queen, woman, king, far, void, man.
  CHECK(store.analogy_rank("man", "woman", "king", "queen", Method::Mul, true) == 2);
  CHECK(store.analogy_rank("man", "woman", "king", "girl", Method::Mul, false) == 1);
  CHECK(store.analogy_rank("man", "woman", "king", "far", Method::Mul, false) == 5);
  CHECK(store.analogy_rank("man", "woman", "king", "far", Method::Mul, true) == 3);

  CHECK(store.analogy_rank("man", "woman", "king", "unicorn", Method::Add, true) == 0);
  CHECK_THROWS_WITH_AS(store.analogy_rank("unicorn", "woman", "king", "queen", Method::Add, true),
                       "unknown word 'unicorn'", shelf::Error);
}

TEST_CASE("analogies with a zero vector stay finite") {
  const shelf::VectorStore store(tiny_embeddings());
  for (Method method : {Method::Add, Method::Mul}) {
    for (const auto& n : store.analogy("void", "void", "void", 7, method)) {
      CHECK(std::isfinite(n.score));
    }
    for (const auto& n : store.analogy("void", "woman", "king", 7, method)) {
      CHECK(std::isfinite(n.score));
    }
  }
  // normalise(woman + king - 0) points between them: queen (0.6 + 0.8) / sqrt2 leads.
  const auto add = store.analogy("void", "woman", "king", 1);
  REQUIRE(add.size() == 1);
  CHECK(store.word(add[0].id) == "queen");
  CHECK(add[0].score == doctest::Approx(1.4f / std::sqrt(2.0f)));
}
