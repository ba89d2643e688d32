// Wire names: every name by which the page (docs/protocol.md) and the `shelf` command pick one of
// the engine's choices: model, vectors format, pooling, analogy method, index kind, quantisation.
// They are spelled here once, so the page, the CLI and the error messages cannot drift apart.
// Parsing ignores case; each parser throws shelf::Error naming the value and the accepted names.
#pragma once
#include <string_view>

#include "shelf/ann_index.h"
#include "shelf/documents.h"
#include "shelf/hnsw_index.h"
#include "shelf/io.h"
#include "shelf/trainer.h"
#include "shelf/vector_store.h"

namespace shelf {

Model model_from_name(std::string_view name);                 // skipgram (or sg), cbow
const char* model_name(Model model) noexcept;

// The wire's auto, word2vec, word2vec-binary, glove, projector, shelf-int8; also the names
// format_name() gives and the command line's short ones (vec, text, bin, binary, tsv, int8, q8).
Format format_from_name(std::string_view name);
// "auto", "word2vec-text", "word2vec-binary", "glove-text", "projector-tsv", "shelf-int8": the
// names messages and the command line's reports use.
const char* format_name(Format format) noexcept;

Pooling pooling_from_name(std::string_view name);             // mean, sif
const char* pooling_name(Pooling pooling) noexcept;

VectorStore::AnalogyMethod analogy_method_from_name(std::string_view name);  // add, mul
const char* analogy_method_name(VectorStore::AnalogyMethod method) noexcept;

IndexKind index_kind_from_name(std::string_view name);        // hnsw, exact
const char* index_kind_name(IndexKind kind) noexcept;

Quantization quantization_from_name(std::string_view name);   // none, int8
const char* quantization_name(Quantization quantization) noexcept;

}  // namespace shelf
