#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "shelf/error.h"
#include "shelf/wire_names.h"

using shelf::Format;

TEST_CASE("every choice's name parses back to it, in any case") {
  for (const auto model : {shelf::Model::SkipGram, shelf::Model::Cbow}) {
    CHECK(shelf::model_from_name(shelf::model_name(model)) == model);
  }
  for (const auto pooling : {shelf::Pooling::Mean, shelf::Pooling::Sif}) {
    CHECK(shelf::pooling_from_name(shelf::pooling_name(pooling)) == pooling);
  }
  for (const auto method : {shelf::VectorStore::AnalogyMethod::Add, shelf::VectorStore::AnalogyMethod::Mul}) {
    CHECK(shelf::analogy_method_from_name(shelf::analogy_method_name(method)) == method);
  }
  for (const auto kind : {shelf::IndexKind::Hnsw, shelf::IndexKind::ExactScan}) {
    CHECK(shelf::index_kind_from_name(shelf::index_kind_name(kind)) == kind);
  }
  for (const auto q : {shelf::Quantization::None, shelf::Quantization::Int8}) {
    CHECK(shelf::quantization_from_name(shelf::quantization_name(q)) == q);
  }
  CHECK(shelf::model_from_name("CBOW") == shelf::Model::Cbow);
  CHECK(shelf::index_kind_from_name("HNSW") == shelf::IndexKind::Hnsw);
}

TEST_CASE("the page's format names and the command line's aliases name the same formats") {
  // The page's names, then the command line's short ones.
  const std::pair<const char*, Format> names[] = {
      {"shelf-int8", Format::Int8Compact}, {"q8", Format::Int8Compact},      {"vec", Format::Word2VecText},
      {"text", Format::Word2VecText},      {"binary", Format::Word2VecBinary}, {"tsv", Format::ProjectorTsv},
      {"glove-text", Format::GloveText},
  };
  for (const auto& entry : names) {
    CAPTURE(entry.first);
    CHECK(shelf::format_from_name(entry.first) == entry.second);
  }
  CHECK(shelf::model_from_name("sg") == shelf::Model::SkipGram);
}

TEST_CASE("an unknown name is refused with the names that would do") {
  CHECK_THROWS_WITH_AS(shelf::pooling_from_name("max"), "unknown pooling 'max' (expected mean or sif)", shelf::Error);
  CHECK_THROWS_WITH_AS(shelf::analogy_method_from_name("sub"), "unknown analogy method 'sub' (expected add or mul)",
                       shelf::Error);
  CHECK_THROWS_WITH_AS(shelf::format_from_name("csv"),
                       doctest::Contains("(expected auto, word2vec, word2vec-binary, glove, projector or shelf-int8;"),
                       shelf::Error);
  CHECK_THROWS_AS(shelf::model_from_name(""), shelf::Error);
}
