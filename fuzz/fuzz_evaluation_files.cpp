// Fuzzes the evaluation files (Google analogies, word-pair similarity) against a tiny fixed model:
// the input is read as both. Results stay consistent; refusals are ParseErrors naming the file.
#include <cmath>

#include "fuzz_support.h"
#include "shelf/evaluation.h"
#include "shelf/vector_store.h"

namespace {

const shelf::VectorStore& tiny_store() {
  static const shelf::VectorStore store = [] {
    shelf::Embeddings e;
    e.words = {"king", "queen", "man", "woman", "paris", "france", "zero", "Rome"};
    const float rows[8][3] = {{1, 2, 0}, {1, 2, 1}, {2, 0, 0}, {2, 0, 1},
                              {0, 1, 3}, {0, 2, 3}, {0, 0, 0}, {-1, 1, 1}};
    for (const auto& row : rows) e.vectors.push_row(row, 3);
    return shelf::VectorStore(std::move(e));
  }();
  return store;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelf;
  const std::string_view text = fuzz::as_text(data, size);
  const auto analogies = fuzz::refused_or("questions.txt", [&] {
    return evaluate_analogies_from_text(tiny_store(), text, "questions.txt", size % 5);
  });
  if (analogies) {
    fuzz::check(analogies->correct <= analogies->seen, "more correct than seen");
    fuzz::check(analogies->accuracy >= 0 && analogies->accuracy <= 1, "accuracy outside [0, 1]");
  }
  const auto pairs = fuzz::refused_or("pairs.tsv", [&] {
    return evaluate_similarity_from_text(tiny_store(), text, "pairs.tsv", size % 2 == 0);
  });
  if (pairs) {
    fuzz::check(std::isfinite(pairs->spearman) && std::fabs(pairs->spearman) <= 1 + 1e-9,
                "spearman outside [-1, 1]");
    fuzz::check(std::isfinite(pairs->pearson) && std::fabs(pairs->pearson) <= 1 + 1e-9,
                "pearson outside [-1, 1]");
  }
  return 0;
}
