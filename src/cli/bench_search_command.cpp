// `shelf bench-search`: exact scan against the HNSW index on the same vectors and queries.
//
// Queries are held out: --queries rows drawn at random (seeded) from the vectors are removed
// from what is indexed and asked for their neighbours among the rest, as ANN benchmarks split
// base and query sets. With --n/--dim the vectors are Gaussian, normalised (no neighbourhood
// structure: recall there is a worst case, not a target). Recall@k is the share of the exact
// top-k ids the index returns.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "cli/json.h"
#include "shelf/error.h"
#include "shelf/exact_index.h"
#include "shelf/exact_search.h"
#include "shelf/hnsw_index.h"
#include "shelf/io.h"
#include "shelf/kernels.h"
#include "shelf/random.h"
#include "shelf/wire_names.h"

namespace shelf::cli {

namespace {

const std::vector<Flag> kBenchSearchFlags = {
    {"--vectors", true, "", "word vectors to search (else random Gaussian unit vectors)"},
    {"--n", true, "100000", "random vectors: how many are indexed"},
    {"--dim", true, "128", "random vectors: dimensions"},
    {"--queries", true, "1000", "held-out query rows"},
    {"-k", true, "10", "neighbours per query"},
    {"--ef", true, "64", "search width; a comma-separated list sweeps (e.g. 16,32,64,128)"},
    {"--m", true, "16", "HNSW links per node (twice that on layer 0)"},
    {"--ef-construction", true, "100", "HNSW build width"},
    {"--quantize", true, "none", "none (float32) or int8 (re-ranked with floats)"},
    {"--target-recall", true, "0.95", "with several --ef: report the first reaching this recall"},
    {"--seed", true, "1", "random vectors, query draw and HNSW layers"},
    {"--repeat", true, "3", "time each ef sweep point this many times and keep the fastest (shared machines)"},
    {"--dump", true, "", "write base.f32, queries.f32, truth.i32 and meta.json to this folder"},
    {"--load", true, "", "read base.f32 and queries.f32 (from --dump) from this folder; needs --dim"},
    {"--compact", false, "", "also compact the built graph and sweep again (same answers, fewer bytes)"},
    {"--exact-only", false, "", "measure exact search only (no graph is built; sweep is [])"},
    {"--json", false, "", "one JSON line on stdout"},
};

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Data {
  Matrix base;
  Matrix queries;
  std::string source;
};

Data random_data(std::size_t n, std::size_t dim, std::size_t queries, std::uint64_t seed) {
  Random random(seed);
  Data data{Matrix(n, dim), Matrix(queries, dim), "random gaussian"};
  for (Matrix* m : {&data.base, &data.queries}) {
    for (std::size_t i = 0; i < m->size(); ++i) m->data()[i] = static_cast<float>(random.gaussian());
    for (std::size_t r = 0; r < m->rows(); ++r) kernels::normalize(m->row(r), dim);
  }
  return data;
}

Data held_out_data(const std::string& path, std::size_t queries, std::uint64_t seed) {
  const Matrix unit = read_vectors(path).vectors.normalized_rows();
  if (queries >= unit.rows()) {
    throw Error("--queries " + std::to_string(queries) + " leaves no rows to index ('" + path + "' has " +
                std::to_string(unit.rows()) + ")");
  }
  // A partial Fisher-Yates shuffle picks the held-out rows; the rest keep their order.
  std::vector<std::uint32_t> order(unit.rows());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::uint32_t>(i);
  Random random(seed);
  for (std::size_t i = 0; i < queries; ++i) {
    const std::size_t j = i + random.below(static_cast<std::uint32_t>(order.size() - i));
    std::swap(order[i], order[j]);
  }
  std::vector<bool> is_query(unit.rows(), false);
  Data data{Matrix(), Matrix(), path};
  data.queries.reserve_rows(queries);
  for (std::size_t i = 0; i < queries; ++i) {
    is_query[order[i]] = true;
    data.queries.push_row(unit.row(order[i]), unit.cols());
  }
  data.base = Matrix(0, unit.cols());
  data.base.reserve_rows(unit.rows() - queries);
  for (std::size_t r = 0; r < unit.rows(); ++r) {
    if (!is_query[r]) data.base.push_row(unit.row(r), unit.cols());
  }
  return data;
}

Matrix read_rows(const std::string& path, std::size_t dim) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw Error("cannot open '" + path + "'");
  const auto bytes = static_cast<std::size_t>(in.tellg());
  if (bytes % (dim * sizeof(float)) != 0) {
    throw Error("'" + path + "' holds " + std::to_string(bytes) + " bytes, not whole rows of " + std::to_string(dim) +
                " floats");
  }
  Matrix rows(bytes / (dim * sizeof(float)), dim);
  in.seekg(0);
  in.read(reinterpret_cast<char*>(rows.data()), static_cast<std::streamsize>(bytes));
  if (!in) throw Error("cannot read '" + path + "'");
  return rows;
}

// The exact rows another run dumped (little-endian float32), so that peers and both builds
// search the very same numbers.
Data loaded_data(const std::string& dir, std::size_t dim, std::size_t queries) {
  Data data{read_rows(dir + "/base.f32", dim), read_rows(dir + "/queries.f32", dim), dir};
  if (data.queries.rows() < queries) {
    throw Error("'" + dir + "/queries.f32' holds " + std::to_string(data.queries.rows()) + " queries, not " +
                std::to_string(queries));
  }
  Matrix first(0, dim);
  for (std::size_t q = 0; q < queries; ++q) first.push_row(data.queries.row(q), dim);
  data.queries = std::move(first);
  return data;
}

std::vector<std::size_t> parse_ef_list(const std::string& text) {
  std::vector<std::size_t> values;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    char* end = nullptr;
    const long long value = std::strtoll(item.c_str(), &end, 10);
    if (item.empty() || *end != '\0' || value < 1 || value > 1000000) {
      throw UsageError("invalid value for --ef: '" + text + "' (expected whole numbers >= 1, comma-separated)");
    }
    values.push_back(static_cast<std::size_t>(value));
  }
  if (values.empty()) throw UsageError("invalid value for --ef: '" + text + "'");
  return values;
}

void write_binary(const std::string& path, const void* data, std::size_t bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(bytes));
  if (!out) throw Error("cannot write '" + path + "'");
}

struct Sweep {
  std::size_t ef;
  double qps;
  double recall;
};

}  // namespace

int bench_search_command(int argc, char** argv) {
  if (print_help_if_asked(argc, argv, "bench-search",
                          "[--vectors FILE | --n N --dim D | --load DIR --dim D] [--queries Q] [-k 10] [--ef 64]",
                          kBenchSearchFlags)) {
    return 0;
  }
  const Args args(kBenchSearchFlags, argc, argv, 2);
  args.expect_positional(0, 0, "no positional arguments");
  const auto queries = static_cast<std::size_t>(args.integer("--queries", 1, 10000000));
  const auto k = static_cast<std::size_t>(args.integer("-k", 1, 100000));
  const auto seed = static_cast<std::uint64_t>(args.integer("--seed", 0, 1LL << 62));
  const std::vector<std::size_t> efs = parse_ef_list(args.text("--ef"));
  const double target = args.number("--target-recall", 0.0, 1.0);
  const Quantization quantization = choice(args, "--quantize", quantization_from_name);
  HnswParams params;
  params.m = static_cast<std::size_t>(args.integer("--m", 2, 1000));
  params.ef_construction = static_cast<std::size_t>(args.integer("--ef-construction", 1, 1000000));
  params.seed = seed;
  params.quantization = quantization;

  if (args.has("--vectors") && args.has("--load")) throw UsageError("give --vectors or --load, not both");
  if (args.has("--load") && !args.has("--dim")) throw UsageError("--load needs --dim (the files hold bare floats)");
  const auto dim_flag = static_cast<std::size_t>(args.integer("--dim", 1, 100000));
  const Data data = args.has("--vectors") ? held_out_data(args.text("--vectors"), queries, seed)
                    : args.has("--load")
                        ? loaded_data(args.text("--load"), dim_flag, queries)
                        : random_data(static_cast<std::size_t>(args.integer("--n", 1, 100000000)), dim_flag, queries, seed);
  const Matrix& base = data.base;
  const std::size_t n = base.rows(), dim = base.cols();

  // Exact: the reference ids from the float scan (top_k_inner_product), and its speed.
  std::vector<std::set<std::int32_t>> truth(queries);
  std::vector<std::int32_t> truth_ids;
  std::vector<std::vector<Neighbor>> scanned(queries);
  auto start = Clock::now();
  for (std::size_t q = 0; q < queries; ++q) scanned[q] = top_k_inner_product(base, data.queries.row(q), k);
  const double scan_seconds = seconds_since(start);
  for (std::size_t q = 0; q < queries; ++q) {
    for (const auto& hit : scanned[q]) {
      truth[q].insert(hit.id);
      truth_ids.push_back(hit.id);
    }
  }
  const auto check_same = [&](const std::vector<std::vector<Neighbor>>& answers, const char* what) {
    for (std::size_t q = 0; q < queries; ++q) {
      bool same = answers[q].size() == scanned[q].size();
      for (std::size_t i = 0; same && i < answers[q].size(); ++i) {
        same = answers[q][i].id == scanned[q][i].id && answers[q][i].score == scanned[q][i].score;
      }
      if (!same) throw std::logic_error(std::string(what) + " and the float scan disagree");
    }
  };
  // The engine's exact single-query search: int8 approximations with error bounds, refined
  // with floats (ExactIndex), the same answers read from a quarter of the bytes.
  start = Clock::now();
  const ExactIndex exact_index(base);
  const double exact_build_seconds = seconds_since(start);
  std::vector<std::vector<Neighbor>> exact_answers(queries);
  start = Clock::now();
  for (std::size_t q = 0; q < queries; ++q) exact_answers[q] = exact_index.search(data.queries.row(q), k);
  const double exact_seconds = seconds_since(start);
  check_same(exact_answers, "the exact index");
  // The same answers for all queries in one call: the rows stream from memory once per group
  // of queries (as faiss answers a batch).
  start = Clock::now();
  const auto batch = top_k_inner_product_batch(base, data.queries, k);
  const double exact_batch_seconds = seconds_since(start);
  check_same(batch, "the batched scan");

  if (args.has("--dump")) {
    const std::string dir = args.text("--dump");
    write_binary(dir + "/base.f32", base.data(), base.size() * sizeof(float));
    write_binary(dir + "/queries.f32", data.queries.data(), data.queries.size() * sizeof(float));
    write_binary(dir + "/truth.i32", truth_ids.data(), truth_ids.size() * sizeof(std::int32_t));
    JsonObject meta;
    meta.field("n", n).field("dim", dim).field("queries", queries).field("k", k).field("source", data.source)
        .field("seed", static_cast<unsigned long long>(seed));
    std::ofstream(dir + "/meta.json") << meta.str() << "\n";
  }
  const double exact_qps = static_cast<double>(queries) / exact_seconds;
  const double exact_batch_qps = static_cast<double>(queries) / exact_batch_seconds;
  const double exact_scan_qps = static_cast<double>(queries) / scan_seconds;
  // What every report starts with: the data and the exact search (the --exact-only report entire).
  const auto exact_json = [&] {
    JsonObject json;
    json.field("source", data.source).field("n", n).field("dim", dim).field("queries", queries).field("k", k)
        .field("kernels", kernels::instruction_set()).field("exact_qps", exact_qps)
        .field("exact_scan_qps", exact_scan_qps).field("exact_batch_qps", exact_batch_qps)
        .field("exact_build_seconds", exact_build_seconds).field("exact_index_bytes", exact_index.memory_bytes())
        .field("float32_bytes", n * dim * sizeof(float));
    return json;
  };
  const auto print_exact = [&] {
    std::printf("%zu x %zu (%s), %zu held-out queries, k = %zu, kernels %s\n", n, dim, data.source.c_str(), queries,
                k, kernels::instruction_set());
    std::printf("exact       %10.1f q/s  (float scan %.1f q/s; all queries in one call: %.1f q/s; index %.2f s, %.2f MB)\n",
                exact_qps, exact_scan_qps, exact_batch_qps, exact_build_seconds, exact_index.memory_bytes() / 1e6);
  };
  if (args.on("--exact-only")) {
    if (args.on("--json")) {
      std::printf("%s\n", exact_json().field("exact_only", true).raw("sweep", "[]").str().c_str());
    } else {
      print_exact();
    }
    return 0;
  }

  start = Clock::now();
  HnswIndex index = build_hnsw(base, params);
  const double build_seconds = seconds_since(start);

  const auto repeat = static_cast<int>(args.integer("--repeat", 1, 100));
  // One answer list per ef and query: the compacted graph must answer as the built one.
  std::vector<std::vector<std::vector<Neighbor>>> all_answers;
  const auto run_sweep = [&]() {
  std::vector<Sweep> sweep;
  all_answers.clear();
  for (const std::size_t ef : efs) {
    std::size_t hits = 0, wanted = 0;
    std::vector<std::vector<Neighbor>> answers(queries);
    double ann_seconds = 0;
    for (int r = 0; r < repeat; ++r) {
      start = Clock::now();
      for (std::size_t q = 0; q < queries; ++q) answers[q] = index.search(data.queries.row(q), k, ef);
      const double seconds = seconds_since(start);
      ann_seconds = r == 0 ? seconds : std::min(ann_seconds, seconds);
    }
    for (std::size_t q = 0; q < queries; ++q) {
      for (const auto& hit : answers[q]) hits += truth[q].count(hit.id);
      wanted += truth[q].size();
    }
    sweep.push_back({ef, static_cast<double>(queries) / ann_seconds, wanted ? double(hits) / double(wanted) : 1.0});
    all_answers.push_back(std::move(answers));
  }
  return sweep;
  };
  std::vector<Sweep> sweep = run_sweep();
  const bool compact = args.on("--compact");
  const std::vector<Sweep> built_sweep = sweep;
  const std::size_t built_index_bytes = index.memory_bytes();
  double compact_seconds = 0;
  if (compact) {
    const auto built_answers = all_answers;
    start = Clock::now();
    index.compact();
    compact_seconds = seconds_since(start);
    sweep = run_sweep();
    for (std::size_t e = 0; e < efs.size(); ++e) {
      for (std::size_t q = 0; q < queries; ++q) {
        const auto& a = all_answers[e][q];
        const auto& b = built_answers[e][q];
        bool same = a.size() == b.size();
        for (std::size_t i = 0; same && i < a.size(); ++i) same = a[i].id == b[i].id && a[i].score == b[i].score;
        if (!same) throw std::logic_error("the compacted and the built graph disagree");
      }
    }
  }
  // The reported point: the first ef reaching the target recall, else the widest.
  const Sweep* chosen = &sweep.back();
  for (const auto& s : sweep) {
    if (s.recall >= target) {
      chosen = &s;
      break;
    }
  }


  const std::size_t float32_bytes = n * dim * sizeof(float);
  if (args.on("--json")) {
    const auto sweep_to_json = [](const std::vector<Sweep>& points) {
      std::string text = "[";
      for (const auto& s : points) {
        JsonObject item;
        item.field("ef", s.ef).field("ann_qps", s.qps).field("ann_recall", s.recall);
        text += (text.size() > 1 ? "," : "") + item.str();
      }
      return text + "]";
    };
    JsonObject json = exact_json();
    json.field("quantize", quantization_name(quantization)).field("m", params.m).field("ef_construction", params.ef_construction)
        .field("ef", chosen->ef).field("ann_qps", chosen->qps).field("ann_recall", chosen->recall);
    if (k == 10) json.field("ann_recall_at_10", chosen->recall);
    json.field("speedup", chosen->qps / exact_qps).field("build_seconds", build_seconds)
        .field("index_bytes", index.memory_bytes()).field("graph_bytes", index.graph_bytes())
        .field("vector_bytes", index.vector_bytes())
        .field("top_layer", index.top_layer()).field("compact", compact).raw("sweep", sweep_to_json(sweep));
    const HnswIndex::Footprint parts = index.footprint();
    JsonObject bytes;
    bytes.field("layer0", parts.layer0).field("upper", parts.upper).field("row_map", parts.row_map)
        .field("vectors", parts.vectors).field("visited", parts.visited);
    json.raw("index_bytes_by_part", bytes.str());
    if (compact) {
      json.field("compact_seconds", compact_seconds).field("built_index_bytes", built_index_bytes)
          .raw("built_sweep", sweep_to_json(built_sweep));
    }
    std::printf("%s\n", json.str().c_str());
  } else {
    print_exact();
    std::printf("hnsw build  %10.2f s   (m %zu, ef_construction %zu, %s)\n", build_seconds, params.m,
                params.ef_construction, quantization_name(quantization));
    for (std::size_t i = 0; i < sweep.size(); ++i) {
      const Sweep& s = sweep[i];
      std::printf("hnsw ef %-4zu %9.1f q/s  recall@%zu %.4f  (%.1fx exact)", s.ef, s.qps, k, s.recall,
                  s.qps / exact_qps);
      if (compact) std::printf("  built graph %.1f q/s", built_sweep[i].qps);
      std::printf("\n");
    }
    if (compact) {
      std::printf("compacted   %10.2f s   (index %.2f MB before)\n", compact_seconds, built_index_bytes / 1e6);
    }
    std::printf("index       %10.2f MB  (graph %.2f MB + vectors %.2f MB; float32 vectors %.2f MB)\n",
                index.memory_bytes() / 1e6, index.graph_bytes() / 1e6, index.vector_bytes() / 1e6,
                float32_bytes / 1e6);
  }
  return 0;
}

}  // namespace shelf::cli
