// Words and their vectors: what every reader produces, every writer consumes, and the trainer
// outputs. Row i of `vectors` belongs to words[i]; words are unique.
#pragma once
#include <string>
#include <vector>

#include "shelf/matrix.h"

namespace shelf {

struct Embeddings {
  std::vector<std::string> words;
  Matrix vectors;

  std::size_t size() const noexcept { return words.size(); }
  std::size_t dim() const noexcept { return vectors.cols(); }
};

}  // namespace shelf
