#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "shelf/error.h"
#include "shelf/exact_search.h"
#include "shelf/hnsw_index.h"
#include "shelf/kernels.h"
#include "shelf/random.h"

namespace {

using shelf::HnswIndex;
using shelf::HnswParams;
using shelf::Matrix;
using shelf::Neighbor;
using shelf::Quantization;

// Unit vectors in Gaussian clusters around random centres, as trained embeddings cluster.
Matrix clustered(std::size_t rows, std::size_t dim, std::size_t clusters, float spread, std::uint64_t seed) {
  shelf::Random random(seed);
  Matrix centres(clusters, dim);
  for (std::size_t i = 0; i < centres.size(); ++i) centres.data()[i] = static_cast<float>(random.gaussian());
  for (std::size_t r = 0; r < clusters; ++r) shelf::kernels::normalize(centres.row(r), dim);
  Matrix m(rows, dim);
  for (std::size_t r = 0; r < rows; ++r) {
    const float* centre = centres.row(random.below(static_cast<std::uint32_t>(clusters)));
    for (std::size_t c = 0; c < dim; ++c) m.at(r, c) = centre[c] + spread * static_cast<float>(random.gaussian()) / std::sqrt(float(dim));
    shelf::kernels::normalize(m.row(r), dim);
  }
  return m;
}

HnswParams with(Quantization quantization, std::size_t m = 16) {
  HnswParams params;
  params.quantization = quantization;
  params.m = m;
  params.seed = 7;
  return params;
}

// The compacted index must give the very same answers as the built one, in row ids.
void check_same_answers(const HnswIndex& built, const HnswIndex& compacted, const Matrix& rows,
                        const Matrix& queries, const std::vector<std::size_t>& efs,
                        const std::vector<std::int32_t>& exclude = {}) {
  for (const std::size_t ef : efs) {
    for (std::size_t q = 0; q < queries.rows(); ++q) {
      CAPTURE(ef);
      CAPTURE(q);
      const auto a = built.search(queries.row(q), 10, ef, exclude);
      const auto b = compacted.search(queries.row(q), 10, ef, exclude);
      REQUIRE(a.size() == b.size());
      for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].id == b[i].id);
        CHECK(a[i].score == b[i].score);
        // The id is the row's own: its score is that row's dot product with the query.
        CHECK(b[i].score == shelf::kernels::dot(rows.row(static_cast<std::size_t>(b[i].id)), queries.row(q), rows.cols()));
      }
    }
  }
}

double recall_at_10(const HnswIndex& index, const Matrix& rows, const Matrix& queries, std::size_t ef) {
  double hits = 0;
  for (std::size_t q = 0; q < queries.rows(); ++q) {
    std::set<std::int32_t> truth;
    for (const auto& n : shelf::top_k_inner_product(rows, queries.row(q), 10)) truth.insert(n.id);
    for (const auto& n : index.search(queries.row(q), 10, ef)) hits += static_cast<double>(truth.count(n.id));
  }
  return hits / (10.0 * static_cast<double>(queries.rows()));
}

}  // namespace

TEST_CASE("a compacted HNSW index answers exactly as the built one, in row ids, with fewer bytes") {
  const Matrix rows = clustered(4000, 32, 40, 0.8f, 11);
  const Matrix queries = clustered(150, 32, 40, 0.8f, 12);
  for (const auto quantization : {Quantization::None, Quantization::Int8}) {
    CAPTURE(quantization == Quantization::Int8);
    const HnswIndex built = shelf::build_hnsw(rows, with(quantization));
    HnswIndex compacted = shelf::build_hnsw(rows, with(quantization));
    CHECK_FALSE(compacted.compacted());
    compacted.compact();
    CHECK(compacted.compacted());
    check_same_answers(built, compacted, rows, queries, {0, 10, 24, 100});
    check_same_answers(built, compacted, rows, queries, {16}, {5, 17, 400, 3999});
    CHECK(recall_at_10(compacted, rows, queries, 0) >= 0.95);
    CHECK(compacted.vector_bytes() == built.vector_bytes());
    CHECK(compacted.graph_bytes() < built.graph_bytes() / 2);
    CHECK(compacted.memory_bytes() > compacted.graph_bytes() + compacted.vector_bytes());
    // Compacting again changes nothing.
    const std::size_t bytes = compacted.memory_bytes();
    compacted.compact();
    CHECK(compacted.memory_bytes() == bytes);
    check_same_answers(built, compacted, rows, queries, {32});
  }
}

TEST_CASE("compaction as a build parameter, after a sliced build") {
  const Matrix rows = clustered(1500, 16, 20, 0.8f, 31);
  const Matrix queries = clustered(40, 16, 20, 0.8f, 32);
  const HnswIndex built = shelf::build_hnsw(rows, with(Quantization::Int8));
  HnswParams params = with(Quantization::Int8);
  params.compact = true;
  HnswIndex sliced(rows, params);
  while (!sliced.complete()) {
    CHECK_FALSE(sliced.compacted());
    sliced.build_step(400);
  }
  CHECK(sliced.compacted());
  check_same_answers(built, sliced, rows, queries, {0, 40});
}

TEST_CASE("large m, duplicates and tiny indexes compact losslessly") {
  // m = 600: a node's links may take 6000 bytes, so fewer nodes share a 16-bit block offset.
  const Matrix rows = clustered(1300, 8, 5, 0.5f, 41);
  const Matrix queries = clustered(20, 8, 5, 0.5f, 42);
  const HnswIndex wide_built = shelf::build_hnsw(rows, with(Quantization::None, 600));
  HnswIndex wide = shelf::build_hnsw(rows, with(Quantization::None, 600));
  wide.compact();
  check_same_answers(wide_built, wide, rows, queries, {10, 50});

  Matrix copies(300, 8);
  for (std::size_t r = 0; r < copies.rows(); ++r) {
    for (std::size_t c = 0; c < 8; ++c) copies.at(r, c) = rows.at(r % 7, c);
  }
  const HnswIndex copies_built = shelf::build_hnsw(copies, with(Quantization::Int8));
  HnswIndex copies_compacted = shelf::build_hnsw(copies, with(Quantization::Int8));
  copies_compacted.compact();
  check_same_answers(copies_built, copies_compacted, copies, queries, {10, 50});

  for (const std::size_t n : {0u, 1u, 2u}) {
    CAPTURE(n);
    Matrix few(n, 8);
    for (std::size_t r = 0; r < n; ++r) std::copy_n(rows.row(r), 8, few.row(r));
    const HnswIndex few_built = shelf::build_hnsw(few, with(Quantization::None));
    HnswIndex few_compacted = shelf::build_hnsw(few, with(Quantization::None));
    few_compacted.compact();
    check_same_answers(few_built, few_compacted, few, queries, {0});
  }
}

TEST_CASE("compacted answers equal built ones across sizes, dimensions and m") {
  struct Shape {
    std::size_t rows, dim, m;
  };
  for (const Shape shape : {Shape{1, 8, 16}, Shape{3, 5, 2}, Shape{70, 4, 2}, Shape{700, 24, 8},
                            Shape{2500, 16, 12}, Shape{2000, 48, 32}}) {
    for (const auto quantization : {Quantization::None, Quantization::Int8}) {
      CAPTURE(shape.rows);
      CAPTURE(shape.m);
      CAPTURE(quantization == Quantization::Int8);
      const Matrix rows = clustered(shape.rows, shape.dim, 1 + shape.rows / 100, 0.7f, 100 + shape.rows);
      const Matrix queries = clustered(30, shape.dim, 1 + shape.rows / 100, 0.7f, 200 + shape.rows);
      const HnswIndex built = shelf::build_hnsw(rows, with(quantization, shape.m));
      HnswIndex compacted = shelf::build_hnsw(rows, with(quantization, shape.m));
      compacted.compact();
      check_same_answers(built, compacted, rows, queries, {0, 10, 40});
      check_same_answers(built, compacted, rows, queries, {12}, {0, static_cast<std::int32_t>(shape.rows - 1)});
    }
  }
}

TEST_CASE("an index of one repeated vector compacts losslessly") {
  Matrix same(500, 12);
  for (std::size_t r = 0; r < same.rows(); ++r) {
    for (std::size_t c = 0; c < same.cols(); ++c) same.at(r, c) = c % 3 == 0 ? 0.5f : 0.0f;
  }
  const Matrix queries = clustered(20, 12, 3, 0.5f, 61);
  for (const auto quantization : {Quantization::None, Quantization::Int8}) {
    CAPTURE(quantization == Quantization::Int8);
    const HnswIndex built = shelf::build_hnsw(same, with(quantization, 4));
    HnswIndex compacted = shelf::build_hnsw(same, with(quantization, 4));
    compacted.compact();
    check_same_answers(built, compacted, same, queries, {0, 10, 30});
  }
}

TEST_CASE("a compacted index with links far apart in number (gaps over 2^16 ids)") {
  // 70,000 rows in 2 dimensions with m = 2: the numbering cannot keep every link within 2^16
  // (upper-layer links join nodes from all over): at seed 71 some 300 gaps need more than 16 bits.
  const Matrix rows = clustered(70000, 2, 1, 2.0f, 71);
  const Matrix queries = clustered(20, 2, 1, 2.0f, 72);
  HnswParams params = with(Quantization::Int8, 2);
  params.ef_construction = 8;
  const HnswIndex built = shelf::build_hnsw(rows, params);
  HnswIndex compacted = shelf::build_hnsw(rows, params);
  compacted.compact();
  check_same_answers(built, compacted, rows, queries, {10, 60});
}

TEST_CASE("an index's bytes are the sum of its parts, as they are sized") {
  const Matrix rows = clustered(3000, 20, 30, 0.8f, 81);
  for (const auto quantization : {Quantization::None, Quantization::Int8}) {
    CAPTURE(quantization == Quantization::Int8);
    const std::size_t n = rows.rows(), dim = rows.cols(), m = 12;
    HnswIndex index = shelf::build_hnsw(rows, with(quantization, m));
    const std::size_t visited_words = (n + 63) / 64;
    const std::size_t vectors = quantization == Quantization::Int8 ? n * dim + n * sizeof(float) : n * dim * sizeof(float);
    for (const bool compacted : {false, true}) {
      CAPTURE(compacted);
      if (compacted) index.compact();
      const HnswIndex::Footprint parts = index.footprint();
      CHECK(index.memory_bytes() == parts.total());
      CHECK(index.memory_bytes() == parts.layer0 + parts.upper + parts.row_map + parts.vectors + parts.visited);
      CHECK(index.graph_bytes() == parts.layer0 + parts.upper + parts.row_map);
      CHECK(index.vector_bytes() == parts.vectors);
      CHECK(parts.vectors == vectors);
      // One bit a node, and a list of the words one walk set.
      CHECK(parts.visited == visited_words * sizeof(std::uint64_t) + visited_words * sizeof(std::uint32_t));
      if (!compacted) {
        CHECK(parts.layer0 == n * (1 + 2 * m) * sizeof(std::int32_t));
        CHECK(parts.row_map == 0);
      } else {
        // 3000 rows: 12 bits a row, and an 8-byte tail for the unaligned reads.
        CHECK(parts.row_map == (n * 12 + 7) / 8 + 8);
        // Fewer than 16 bits a link on clustered data (a link took 32 bits).
        CHECK(parts.layer0 < n * 2 * m * 2);
        CHECK(parts.upper > 0);
      }
    }
  }
}

TEST_CASE("a compacted index refuses inserts; an incomplete one refuses compaction") {
  const Matrix rows = clustered(200, 8, 4, 0.5f, 51);
  HnswIndex partial(rows, with(Quantization::None));
  partial.build_step(50);
  CHECK_THROWS_WITH_AS(partial.compact(), "an HNSW index can be compacted only once built (50 of 200 rows in)",
                       shelf::Error);
  CHECK_FALSE(partial.compacted());
  partial.build();
  partial.compact();
  CHECK_THROWS_WITH_AS(partial.build_step(1), "this HNSW index is compacted (read-only): no rows can be inserted",
                       shelf::Error);
  CHECK_THROWS_AS(partial.build(), shelf::Error);
  CHECK(partial.size() == rows.rows());
}
