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

void normalize_rows(Matrix& m) {
  for (std::size_t r = 0; r < m.rows(); ++r) shelf::kernels::normalize(m.row(r), m.cols());
}

// Unit vectors in Gaussian clusters around random centres: neighbourhoods like trained
// embeddings have, unlike uniform random vectors.
Matrix clustered(std::size_t rows, std::size_t dim, std::size_t clusters, float spread, std::uint64_t seed) {
  shelf::Random random(seed);
  Matrix centres(clusters, dim);
  for (std::size_t i = 0; i < centres.size(); ++i) centres.data()[i] = static_cast<float>(random.gaussian());
  normalize_rows(centres);
  Matrix m(rows, dim);
  for (std::size_t r = 0; r < rows; ++r) {
    const float* centre = centres.row(random.below(static_cast<std::uint32_t>(clusters)));
    for (std::size_t c = 0; c < dim; ++c) m.at(r, c) = centre[c] + spread * static_cast<float>(random.gaussian()) / std::sqrt(float(dim));
  }
  normalize_rows(m);
  return m;
}

std::set<std::int32_t> ids_of(const std::vector<Neighbor>& found) {
  std::set<std::int32_t> ids;
  for (const auto& n : found) ids.insert(n.id);
  return ids;
}

// Mean share of the exact top-k that the index finds.
double recall(const HnswIndex& index, const Matrix& rows, const Matrix& queries, std::size_t k, std::size_t ef = 0,
              const std::vector<std::int32_t>& exclude = {}) {
  double hits = 0, wanted = 0;
  for (std::size_t q = 0; q < queries.rows(); ++q) {
    const auto truth = ids_of(shelf::top_k_inner_product(rows, queries.row(q), k, exclude));
    for (const auto id : ids_of(index.search(queries.row(q), k, ef, exclude))) hits += truth.count(id);
    wanted += static_cast<double>(truth.size());
  }
  return wanted > 0 ? hits / wanted : 1.0;
}

// Results come best first, without repeats, with the scores exact search gives the same ids.
void check_well_formed(const std::vector<Neighbor>& found, const Matrix& rows, const float* query) {
  CHECK(ids_of(found).size() == found.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    CAPTURE(i);
    REQUIRE(found[i].id >= 0);
    REQUIRE(static_cast<std::size_t>(found[i].id) < rows.rows());
    CHECK(found[i].score == shelf::kernels::dot(rows.row(static_cast<std::size_t>(found[i].id)), query, rows.cols()));
    if (i > 0) CHECK(found[i - 1].score >= found[i].score);
  }
}

HnswParams with(Quantization quantization, std::uint64_t seed = 1) {
  HnswParams params;
  params.quantization = quantization;
  params.seed = seed;
  return params;
}

}  // namespace

TEST_CASE("dot_i8 equals the scalar reference, extremes included") {
  namespace k = shelf::kernels;
  shelf::Random random(5);
  for (std::size_t n : {0u, 1u, 7u, 15u, 16u, 17u, 33u, 100u, 128u, 301u}) {
    CAPTURE(n);
    std::vector<std::int8_t> a(n), b(n);
    for (std::size_t i = 0; i < n; ++i) {
      a[i] = static_cast<std::int8_t>(static_cast<int>(random.below(256)) - 128);
      b[i] = static_cast<std::int8_t>(static_cast<int>(random.below(256)) - 128);
    }
    CHECK(k::dot_i8(a.data(), b.data(), n) == k::scalar::dot_i8(a.data(), b.data(), n));
    std::vector<std::int8_t> low(n, -128), high(n, 127);
    CHECK(k::dot_i8(low.data(), low.data(), n) == static_cast<std::int32_t>(n) * 16384);
    CHECK(k::dot_i8(low.data(), high.data(), n) == k::scalar::dot_i8(low.data(), high.data(), n));
  }
}

TEST_CASE("HNSW finds the exact neighbours of clustered data: float32 and int8 with re-ranking") {
  const Matrix rows = clustered(4000, 32, 40, 0.8f, 11);
  const Matrix queries = clustered(200, 32, 40, 0.8f, 12);  // same seed family, other points
  for (const auto quantization : {Quantization::None, Quantization::Int8}) {
    CAPTURE(quantization == Quantization::Int8);
    const HnswIndex index = shelf::build_hnsw(rows, with(quantization));
    CHECK(index.size() == rows.rows());
    CHECK(index.complete());
    CHECK(recall(index, rows, queries, 10) >= 0.95);
    // A wider search finds more.
    CHECK(recall(index, rows, queries, 10, 200) >= recall(index, rows, queries, 10, 12));
    for (std::size_t q = 0; q < 20; ++q) check_well_formed(index.search(queries.row(q), 10), rows, queries.row(q));
  }
}

TEST_CASE("int8 codes take a quarter of the float size") {
  const Matrix rows = clustered(1000, 64, 10, 0.5f, 3);
  const HnswIndex floats = shelf::build_hnsw(rows, with(Quantization::None));
  const HnswIndex bytes = shelf::build_hnsw(rows, with(Quantization::Int8));
  CHECK(floats.vector_bytes() == rows.size() * sizeof(float));
  CHECK(bytes.vector_bytes() == rows.size() + rows.rows() * sizeof(float));  // codes + one scale per row
  // The graph is built on the floats either way: the same seed gives the same links.
  CHECK(floats.graph_bytes() == bytes.graph_bytes());
  CHECK(bytes.memory_bytes() < floats.memory_bytes());
  CHECK(floats.memory_bytes() >= floats.graph_bytes() + floats.vector_bytes());
}

TEST_CASE("k beyond the rows returns every row, exactly") {
  const Matrix rows = clustered(50, 8, 3, 0.5f, 4);
  for (const auto quantization : {Quantization::None, Quantization::Int8}) {
    const HnswIndex index = shelf::build_hnsw(rows, with(quantization));
    const auto found = index.search(rows.row(7), 80);
    const auto exact = shelf::top_k_inner_product(rows, rows.row(7), 80);
    REQUIRE(found.size() == 50);
    for (std::size_t i = 0; i < found.size(); ++i) {
      CHECK(found[i].id == exact[i].id);
      CHECK(found[i].score == exact[i].score);
    }
  }
}

TEST_CASE("excluded ids are never returned, and the rest are still found") {
  const Matrix rows = clustered(3000, 24, 30, 0.8f, 21);
  const Matrix queries = clustered(50, 24, 30, 0.8f, 22);
  for (const auto quantization : {Quantization::None, Quantization::Int8}) {
    const HnswIndex index = shelf::build_hnsw(rows, with(quantization));
    double hits = 0;
    for (std::size_t q = 0; q < queries.rows(); ++q) {
      // Exclude the three true nearest: the next ten must come instead.
      std::vector<std::int32_t> exclude;
      for (const auto& n : shelf::top_k_inner_product(rows, queries.row(q), 3)) exclude.push_back(n.id);
      std::reverse(exclude.begin(), exclude.end());  // any order
      const auto found = index.search(queries.row(q), 10, 0, exclude);
      CHECK(found.size() == 10);
      for (const auto& n : found) CHECK(std::find(exclude.begin(), exclude.end(), n.id) == exclude.end());
      const auto truth = ids_of(shelf::top_k_inner_product(rows, queries.row(q), 10, exclude));
      for (const auto id : ids_of(found)) hits += truth.count(id);
    }
    CHECK(hits / (10.0 * queries.rows()) >= 0.95);
    // Through the exact path too (ef beyond the rows).
    const auto all = index.search(queries.row(0), 5, 5000, {1, 2, 3});
    for (const auto& n : all) CHECK((n.id < 1 || n.id > 3));
  }
}

TEST_CASE("one seed, one graph; a sliced build equals a one-call build") {
  const Matrix rows = clustered(1500, 16, 20, 0.8f, 31);
  const Matrix queries = clustered(30, 16, 20, 0.8f, 32);
  const HnswIndex a = shelf::build_hnsw(rows, with(Quantization::None, 9));
  const HnswIndex b = shelf::build_hnsw(rows, with(Quantization::None, 9));
  HnswIndex sliced(rows, with(Quantization::None, 9));
  std::size_t steps = 0;
  while (!sliced.complete()) {
    const std::size_t before = sliced.size();
    CHECK(sliced.build_step(137) == std::min<std::size_t>(before + 137, rows.rows()));
    ++steps;
  }
  CHECK(steps == 11);
  CHECK(sliced.build_step(10) == rows.rows());
  CHECK(a.top_layer() == b.top_layer());
  CHECK(a.memory_bytes() == sliced.memory_bytes());
  for (std::size_t q = 0; q < queries.rows(); ++q) {
    const auto x = a.search(queries.row(q), 10, 32);
    const auto y = b.search(queries.row(q), 10, 32);
    const auto z = sliced.search(queries.row(q), 10, 32);
    REQUIRE(x.size() == y.size());
    REQUIRE(x.size() == z.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      CHECK(x[i].id == y[i].id);
      CHECK(x[i].id == z[i].id);
      CHECK(x[i].score == y[i].score);
    }
  }
}

TEST_CASE("a partly built index searches the rows inserted so far") {
  const Matrix rows = clustered(600, 16, 6, 0.8f, 41);
  HnswIndex index(rows);
  CHECK(index.search(rows.row(0), 5).empty());
  index.build_step(200);
  CHECK(index.size() == 200);
  for (std::size_t q = 0; q < 10; ++q) {
    const auto found = index.search(rows.row(300 + q), 10, 16);
    CHECK(found.size() == 10);
    for (const auto& n : found) CHECK(n.id < 200);
  }
}

TEST_CASE("an empty index and a one-row index") {
  const Matrix empty(0, 8);
  const HnswIndex none = shelf::build_hnsw(empty);
  const std::vector<float> query(8, 0.5f);
  CHECK(none.size() == 0);
  CHECK(none.top_layer() == -1);
  CHECK(none.search(query.data(), 10).empty());
  CHECK(none.memory_bytes() == 0);

  Matrix one(1, 8, 0.0f);
  one.at(0, 3) = 1.0f;
  for (const auto quantization : {Quantization::None, Quantization::Int8}) {
    const HnswIndex index = shelf::build_hnsw(one, with(quantization));
    const auto found = index.search(query.data(), 10);
    REQUIRE(found.size() == 1);
    CHECK(found[0].id == 0);
    CHECK(found[0].score == doctest::Approx(0.5));
    CHECK(index.search(query.data(), 10, 0, {0}).empty());
    CHECK(index.search(query.data(), 0).empty());
  }
}

TEST_CASE("duplicate vectors are all found") {
  Matrix rows = clustered(1200, 16, 12, 0.8f, 51);
  // Rows 100..139 repeat row 5.
  for (std::size_t r = 100; r < 140; ++r) std::copy(rows.row(5), rows.row(5) + 16, rows.row(r));
  for (const auto quantization : {Quantization::None, Quantization::Int8}) {
    const HnswIndex index = shelf::build_hnsw(rows, with(quantization));
    const auto found = ids_of(index.search(rows.row(5), 41, 128));
    std::size_t copies = found.count(5);
    for (std::int32_t r = 100; r < 140; ++r) copies += found.count(r);
    CHECK(copies >= 39);  // of 41
    const Matrix queries = clustered(50, 16, 12, 0.8f, 52);
    CHECK(recall(index, rows, queries, 10) >= 0.95);
  }
}

TEST_CASE("zero vectors: in the index and as the query") {
  Matrix rows = clustered(800, 16, 8, 0.8f, 61);
  for (std::size_t r = 0; r < rows.rows(); r += 9) std::fill(rows.row(r), rows.row(r) + 16, 0.0f);
  const Matrix queries = clustered(40, 16, 8, 0.8f, 62);
  for (const auto quantization : {Quantization::None, Quantization::Int8}) {
    const HnswIndex index = shelf::build_hnsw(rows, with(quantization));
    for (std::size_t q = 0; q < queries.rows(); ++q) check_well_formed(index.search(queries.row(q), 10), rows, queries.row(q));
    CHECK(recall(index, rows, queries, 10) >= 0.95);
    const std::vector<float> zero(16, 0.0f);
    const auto found = index.search(zero.data(), 10);
    CHECK(found.size() == 10);
    for (const auto& n : found) CHECK(n.score == 0.0f);
  }
}

TEST_CASE("bad parameters are refused with a message") {
  const Matrix rows = clustered(10, 4, 2, 0.5f, 71);
  HnswParams params;
  params.m = 1;
  CHECK_THROWS_WITH_AS(HnswIndex(rows, params), "HNSW m must be between 2 and 1000, not 1", shelf::Error);
  params.m = 16;
  params.ef_construction = 0;
  CHECK_THROWS_AS(HnswIndex(rows, params), shelf::Error);
  const Matrix wide(1, shelf::kernels::kMaxInt8Dim + 1);
  CHECK_NOTHROW(HnswIndex(wide, HnswParams{}));
  CHECK_THROWS_AS(HnswIndex(wide, with(Quantization::Int8)), shelf::Error);
}
