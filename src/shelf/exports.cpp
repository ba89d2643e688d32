#include "shelf/exports.h"

#include "shelf/error.h"

namespace shelf {

std::string export_vectors(const Embeddings& embeddings, Format format) {
  if (format == Format::ProjectorTsv || format == Format::Auto) {
    throw Error("export needs word2vec, word2vec-binary or glove (the Projector's two files: export_projector)");
  }
  return write_vectors_to_bytes(embeddings, format);
}

ProjectorFiles export_projector(const Embeddings& embeddings) {
  return {projector_vectors_tsv(embeddings), projector_metadata_tsv(embeddings)};
}

}  // namespace shelf
