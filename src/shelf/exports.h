// Exports: the current vectors as a file a learner can take away (every word, the word filter
// does not apply: they are the learner's own vectors).
#pragma once
#include <string>

#include "shelf/embeddings.h"
#include "shelf/io.h"

namespace shelf {

struct ProjectorFiles {
  std::string vectors_tsv;
  std::string metadata_tsv;
};

// Word2VecText, Word2VecBinary, GloveText or Int8Compact; shelf::Error for the others (the
// Projector's two files: export_projector).
std::string export_vectors(const Embeddings& embeddings, Format format);
ProjectorFiles export_projector(const Embeddings& embeddings);

}  // namespace shelf
