// The engine as a JavaScript module: one Embind class over shelf::Session, one method per
// protocol request. Nothing but conversions here; engine.d.ts describes the surface.
//
// Conventions that keep the boundary safe:
// - Strings and arrays arrive as `val` and are converted inside the guarded body. Embind's own
//   string arguments are malloc'ed by JS and freed after the call, which never happens when the
//   call throws, so every failed call would leak its arguments.
// - Typed arrays leave as copies (new Float32Array(view)): a view into the wasm heap is detached
//   as soon as memory grows, and results are transferred to the page anyway.
// - No C++ exception reaches JS (under -fwasm-exceptions it would be an opaque
//   WebAssembly.Exception): each method catches and throws a JS Error whose `code` is the
//   protocol's error code.
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <new>
#include <string>
#include <vector>

#include "shelf/kernels.h"
#include "shelf/memory_estimate.h"
#include "shelf/projection.h"
#include "shelf/session.h"
#include "js_boundary.h"

using emscripten::val;
using namespace shelf::js;
using shelf::Session;

namespace {

// -sMAXIMUM_MEMORY, from cmake/wasm.cmake; `setMemoryLimit` may lower it (tests, or a host page
// that wants a smaller budget), never raise it.
constexpr std::uint64_t kMaximumMemory = SHELF_WASM_MAXIMUM_MEMORY;
static_assert(kMaximumMemory <= shelf::kWasm32MaxMemory, "wasm32 cannot address more than 4 GiB");
std::uint64_t memory_limit = kMaximumMemory;

// Memory that cannot be handed out again: everything below the break (static data, stack, the
// malloc arena) less the arena's free chunks. The wasm memory itself never shrinks, so its size
// says nothing of what was freed.
std::uint64_t memory_in_use() {
  const struct mallinfo info = mallinfo();
  const auto brk = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(sbrk(0)));
  const auto free_bytes = static_cast<std::uint64_t>(info.fordblks);
  return brk > free_bytes ? brk - free_bytes : brk;
}

shelf::MemoryBudget memory_budget() { return {memory_limit, memory_in_use()}; }

}  // namespace

std::string shelf::js::out_of_memory_message() {
  return "the engine ran out of memory (it can use at most " + shelf::format_bytes(memory_limit) + ", and " +
         shelf::format_bytes(memory_in_use()) +
         " is in use now). Try a smaller vocabulary (max vocabulary), fewer dimensions, or a part of the text.";
}

namespace {

std::string bytes_of(const val& array) {
  std::string bytes(array["length"].as<std::size_t>(), '\0');
  val(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<std::uint8_t*>(bytes.data())))
      .call<void>("set", array);
  return bytes;
}

val bytes_to_js(const std::string& bytes) {
  return val::global("Uint8Array")
      .new_(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data())))["buffer"];
}


val neighbors_to_js(const shelf::Neighbors& n) {
  val result = val::object();
  result.set("ids", typed_array("Int32Array", n.ids));
  result.set("words", strings(n.words));
  result.set("scores", typed_array("Float32Array", n.scores));
  return result;
}

val vectors_summary_to_js(const shelf::VectorsSummary& summary) {
  val result = val::object();
  result.set("vocab", static_cast<double>(summary.vocab));
  result.set("dim", static_cast<double>(summary.dim));
  return result;
}

val info() {
  val result = val::object();
  result.set("simd", shelf::kernels::simd_enabled());
  result.set("instructionSet", val(shelf::kernels::instruction_set()));
  result.set("version", val(Session::version()));
  return result;
}

val load_corpus(Session& session, const val& corpus, double min_count, double max_vocab) {
  return guarded([&] {
    const auto summary = session.load_corpus(text(corpus), static_cast<std::int64_t>(whole(min_count, "minCount")),
                                             whole(max_vocab, "maxVocab"));
    val result = val::object();
    result.set("rawWords", static_cast<double>(summary.raw_words));
    result.set("vocab", static_cast<double>(summary.vocab));
    result.set("sentences", static_cast<double>(summary.sentences));
    return result;
  });
}

val configure(Session& session, const val& options) {
  return guarded([&] {
    shelf::TrainingParams params;
    params.model = shelf::model_from_name(text(options["model"]));
    params.dim = small(options["dim"].as<double>(), "dim");
    params.window = small(options["window"].as<double>(), "window");
    params.negative = small(options["negative"].as<double>(), "negative");
    params.sample = options["sample"].as<double>();
    params.epochs = small(options["epochs"].as<double>(), "epochs");
    params.learning_rate = options["learningRate"].as<float>();
    params.seed = whole(options["seed"].as<double>(), "seed");
    if (session.has_corpus()) {
      // A retrain frees the old run before it allocates the new one: that memory counts as free.
      shelf::MemoryBudget budget = memory_budget();
      budget.in_use -= std::min(budget.in_use, session.bytes_freed_by_configure());
      shelf::require_memory(shelf::estimate_training_memory(session.corpus_vocab_size(),
                                                             static_cast<std::size_t>(params.dim)),
                            budget, "");
    }
    return progress_to_js(session.configure(params));
  });
}

val step(Session& session, double words) {
  return guarded([&] { return progress_to_js(session.step(whole(words, "words"))); });
}

val progress(Session& session) {
  return guarded([&] { return progress_to_js(session.progress()); });
}

bool has_trainer(Session& session) { return session.has_trainer(); }
bool training_finished(Session& session) { return session.training_finished(); }

val load_vectors(Session& session, const val& bytes, const val& name, const val& format, double max_words) {
  return guarded([&] {
    const std::string contents = bytes_of(bytes);
    return vectors_summary_to_js(session.load_vectors_from_bytes(
        contents, text(name), shelf::vectors_format_from_name(text(format)), whole(max_words, "maxWords")));
  });
}

val load_projector(Session& session, const val& vectors_tsv, const val& metadata_tsv, const val& name,
                   double max_words) {
  return guarded([&] {
    return vectors_summary_to_js(
        session.load_projector(text(vectors_tsv), text(metadata_tsv), text(name), whole(max_words, "maxWords")));
  });
}

val cancel_training(Session& session) {
  return guarded([&] {
    session.cancel_training();
    return val::undefined();
  });
}

val memory_usage() {
  const struct mallinfo info = mallinfo();
  const shelf::MemoryBudget budget = memory_budget();
  val result = val::object();
  result.set("heapUsed", static_cast<double>(info.uordblks));
  result.set("inUse", static_cast<double>(budget.in_use));
  result.set("wasmBytes", static_cast<double>(emscripten_get_heap_size()));
  result.set("limit", static_cast<double>(budget.limit));
  result.set("available", static_cast<double>(budget.available()));
  return result;
}

val set_memory_limit(double bytes) {
  return guarded([&] {
    memory_limit = std::min<std::uint64_t>(std::max<std::uint64_t>(whole(bytes, "memoryLimit"), 1), kMaximumMemory);
    return memory_usage();
  });
}

// The estimate and the advice for a corpus or a vectors file of `bytes` bytes whose start is
// `head` (a string or bytes): asked before the file is read, and by the worker before a load.
val estimate_memory(const val& options) {
  return guarded([&] {
    const std::string kind = text(options["kind"]);
    const val head_value = options["head"];
    const std::string head = head_value.isString() ? text(head_value) : bytes_of(head_value);
    const std::uint64_t size = whole(options["bytes"].as<double>(), "bytes");
    const std::string name = text(options["name"]);
    shelf::CorpusPlan plan;
    plan.dim = static_cast<std::size_t>(small(options["dim"].as<double>(), "dim"));
    plan.min_count = static_cast<std::int64_t>(small(options["minCount"].as<double>(), "minCount"));
    plan.max_vocab = static_cast<std::size_t>(whole(options["maxVocab"].as<double>(), "maxVocab"));
    shelf::MemoryEstimate estimate;
    if (kind == "corpus") {
      estimate = shelf::estimate_corpus_memory(size, head, plan);
    } else if (kind == "vectors") {
      const std::string format = text(options["format"]);
      estimate = shelf::estimate_vectors_memory(
          size, head, format == "projector" ? shelf::Format::ProjectorTsv : shelf::vectors_format_from_name(format));
    } else {
      throw shelf::Error("kind must be 'corpus' or 'vectors'");
    }
    const shelf::MemoryAdvice advice = shelf::advise_memory(estimate, memory_budget(), name, head, plan);
    val result = val::object();
    result.set("fits", advice.fits);
    result.set("needed", static_cast<double>(advice.needed));
    result.set("available", static_cast<double>(advice.available));
    result.set("limit", static_cast<double>(advice.limit));
    result.set("maxWords", static_cast<double>(advice.max_words));
    result.set("sampleBytes", static_cast<double>(advice.sample_bytes));
    result.set("message", advice.message);
    val parts = val::object();
    parts.set("tokens", static_cast<double>(estimate.tokens));
    parts.set("words", static_cast<double>(estimate.words));
    parts.set("keptWords", static_cast<double>(estimate.kept_words));
    parts.set("dim", static_cast<double>(estimate.dim));
    parts.set("loadingBytes", static_cast<double>(estimate.loading_bytes));
    parts.set("modelBytes", static_cast<double>(estimate.model_bytes));
    result.set("estimate", parts);
    return result;
  });
}

val vocabulary(Session& session, double limit) {
  return guarded([&] {
    const auto vocab = session.vocabulary(whole(limit, "limit"));
    val result = val::object();
    result.set("words", strings(vocab.words));
    result.set("counts", typed_array("Float64Array", vocab.counts));
    return result;
  });
}

val vector(Session& session, const val& word) {
  return guarded([&] {
    const auto found = session.vector(text(word));
    val result = val::object();
    result.set("word", found.word);
    result.set("id", found.id);
    result.set("vector", typed_array("Float32Array", found.vector));
    return result;
  });
}

val similarity(Session& session, const val& a, const val& b) {
  return guarded([&] {
    const auto s = session.similarity(text(a), text(b));
    val result = val::object();
    result.set("cosine", s.cosine);
    result.set("distance", s.distance);
    return result;
  });
}

val neighbors(Session& session, const val& word, double k) {
  return guarded([&] { return neighbors_to_js(session.neighbors(text(word), whole(k, "k"))); });
}

val neighbors_of_vector(Session& session, const val& vector, double k) {
  return guarded([&] {
    const auto values = emscripten::convertJSArrayToNumberVector<float>(vector);
    return neighbors_to_js(session.neighbors_of_vector(values.data(), values.size(), whole(k, "k")));
  });
}

val approximate_neighbors(Session& session, const val& word, double k, double ef) {
  return guarded([&] {
    const shelf::SearchMode mode{true, static_cast<std::size_t>(whole(ef, "ef"))};
    return neighbors_to_js(session.neighbors(text(word), whole(k, "k"), mode));
  });
}

val approximate_neighbors_of_vector(Session& session, const val& vector, double k, double ef) {
  return guarded([&] {
    const auto values = emscripten::convertJSArrayToNumberVector<float>(vector);
    const shelf::SearchMode mode{true, static_cast<std::size_t>(whole(ef, "ef"))};
    return neighbors_to_js(session.neighbors_of_vector(values.data(), values.size(), whole(k, "k"), mode));
  });
}

val index_status_to_js(const shelf::IndexStatus& status) {
  val result = val::object();
  result.set("kind", val(shelf::index_kind_name(status.kind)));
  result.set("quantize", val(shelf::quantization_name(status.quantization)));
  result.set("done", static_cast<double>(status.done));
  result.set("total", static_cast<double>(status.total));
  result.set("complete", status.complete);
  result.set("bytes", static_cast<double>(status.bytes));
  result.set("float32Bytes", static_cast<double>(status.float32_bytes));
  result.set("seconds", status.seconds);
  return result;
}

val begin_index(Session& session, const val& options) {
  return guarded([&] {
    shelf::IndexOptions index;
    index.kind = shelf::index_kind_from_name(text(options["kind"]));
    index.hnsw.quantization = shelf::quantization_from_name(text(options["quantize"]));
    index.hnsw.m = static_cast<std::size_t>(small(options["m"].as<double>(), "m"));
    index.hnsw.ef_construction = static_cast<std::size_t>(small(options["efConstruction"].as<double>(), "efConstruction"));
    index.hnsw.seed = whole(options["seed"].as<double>(), "seed");
    // An int8 index asks for the smallest form: once built, the graph is compacted (same
    // answers, a fraction of the link bytes); the index is rebuilt, never extended, anyway.
    index.hnsw.compact = index.hnsw.quantization == shelf::Quantization::Int8;
    return index_status_to_js(session.begin_index(index));
  });
}

val index_step(Session& session, double items) {
  return guarded([&] { return index_status_to_js(session.index_step(whole(items, "items"))); });
}

val analogy(Session& session, const val& a, const val& b, const val& c, double k, const val& method,
            const val& answer) {
  return guarded([&] {
    const bool has_answer = !answer.isUndefined() && !answer.isNull();
    const std::string expected = has_answer ? text(answer) : std::string();
    const auto found = session.analogy(text(a), text(b), text(c), whole(k, "k"),
                                       shelf::analogy_method_from_name(text(method)),
                                       has_answer ? std::optional<std::string_view>(expected) : std::nullopt);
    val result = neighbors_to_js(found);
    if (found.rank) result.set("rank", static_cast<double>(*found.rank));
    if (found.rank_with_inputs) result.set("rankWithInputs", static_cast<double>(*found.rank_with_inputs));
    return result;
  });
}

val project(Session& session, double limit, double components, bool align) {
  return guarded([&] {
    const auto map = session.project(whole(limit, "limit"), whole(components, "components"), align);
    val result = val::object();
    result.set("words", strings(map.words));
    result.set("ids", typed_array("Int32Array", map.ids));
    result.set("components", static_cast<double>(map.components));
    result.set("points", typed_array("Float32Array", map.points));
    val explained = val::array();
    for (std::size_t i = 0; i < map.explained.size(); ++i) explained.set(i, map.explained[i]);
    result.set("explained", explained);
    result.set("aligned", map.aligned);
    return result;
  });
}

val neighbor_graph(Session& session, double limit, double k) {
  return guarded([&] {
    const auto graph = session.neighbor_graph(whole(limit, "limit"), whole(k, "k"));
    val result = val::object();
    result.set("words", strings(graph.words));
    result.set("ids", typed_array("Int32Array", graph.ids));
    result.set("k", static_cast<double>(graph.k));
    result.set("neighbors", typed_array("Int32Array", graph.neighbors));
    result.set("scores", typed_array("Float32Array", graph.scores));
    return result;
  });
}

// UMAP: beginUmap builds the graph and the layout, which JS then steps (a few epochs per call,
// so the worker can answer between calls) and must delete() when done or given up.
shelf::UmapOptions umap_options(const val& options) {
  shelf::UmapOptions umap;
  umap.min_dist = options["minDist"].as<double>();
  umap.epochs = whole(options["epochs"].as<double>(), "epochs");
  umap.learning_rate = options["learningRate"].as<double>();
  umap.seed = whole(options["seed"].as<double>(), "seed");
  const val initial = options["initial"];
  if (!initial.isUndefined() && !initial.isNull()) umap.initial = emscripten::convertJSArrayToNumberVector<float>(initial);
  return umap;
}

shelf::WordLayout begin_umap(Session& session, double limit, double k, const val& options) {
  return guarded([&] { return session.begin_umap(whole(limit, "limit"), whole(k, "k"), umap_options(options)); });
}

// The same for a graph given as a `neighborGraph` result (the benchmark times the layout apart
// from the graph this way).
shelf::WordLayout umap_of_graph(const val& graph, const val& options) {
  return guarded([&] {
    const std::size_t k = whole(graph["k"].as<double>(), "k");
    shelf::UmapLayout layout(emscripten::convertJSArrayToNumberVector<std::int32_t>(graph["neighbors"]),
                             emscripten::convertJSArrayToNumberVector<float>(graph["scores"]), k, umap_options(options));
    return shelf::WordLayout{emscripten::vecFromJSArray<std::string>(graph["words"]),
                             emscripten::convertJSArrayToNumberVector<std::int32_t>(graph["ids"]), k, std::move(layout)};
  });
}

val umap_step(shelf::WordLayout& run, double epochs) {
  return guarded([&] {
    const shelf::UmapProgress progress = run.layout.step(whole(epochs, "epochs"));
    val result = val::object();
    result.set("epoch", static_cast<double>(progress.epoch));
    result.set("epochs", static_cast<double>(progress.epochs));
    result.set("finished", progress.finished);
    return result;
  });
}

val umap_points(const shelf::WordLayout& run) { return typed_array("Float32Array", run.layout.points()); }
val umap_words(const shelf::WordLayout& run) { return strings(run.words); }
val umap_ids(const shelf::WordLayout& run) { return typed_array("Int32Array", run.ids); }
double umap_neighbors(const shelf::WordLayout& run) { return static_cast<double>(run.neighbors); }

// Orthogonal Procrustes for layouts the worker turns onto another (a UMAP onto where it started):
// `moving` turned and moved to lie on `reference`, both n x components, row-major.
val align_points(const val& moving, const val& reference, double components) {
  return guarded([&] {
    const std::size_t k = whole(components, "components");
    const auto a = emscripten::convertJSArrayToNumberVector<float>(moving);
    const auto b = emscripten::convertJSArrayToNumberVector<float>(reference);
    if (k == 0 || a.size() % k != 0 || b.size() != a.size()) {
      throw shelf::Error("cannot align " + std::to_string(a.size()) + " values to " + std::to_string(b.size()) +
                         " in rows of " + std::to_string(k));
    }
    shelf::Matrix from(a.size() / k, k), to(b.size() / k, k);
    std::copy(a.begin(), a.end(), from.data());
    std::copy(b.begin(), b.end(), to.data());
    const shelf::Matrix turned = shelf::align_to(from, to);
    return typed_array("Float32Array", std::vector<float>(turned.data(), turned.data() + turned.size()));
  });
}

val cluster(Session& session, double k, double limit, double seed) {
  return guarded([&] {
    const auto clusters = session.cluster(whole(k, "k"), whole(limit, "limit"), whole(seed, "seed"));
    val result = val::object();
    result.set("ids", typed_array("Int32Array", clusters.ids));
    result.set("labels", typed_array("Int32Array", clusters.labels));
    result.set("inertia", clusters.inertia);
    return result;
  });
}

val positions(Session& session, const val& sentence, double scale) {
  return guarded([&] {
    const auto p = session.positions(text(sentence), scale);
    val result = val::object();
    result.set("tokens", strings(p.tokens));
    val known = val::array();
    for (std::size_t i = 0; i < p.known.size(); ++i) known.set(i, static_cast<bool>(p.known[i]));
    result.set("known", known);
    result.set("dim", static_cast<double>(p.dim));
    result.set("tokenVectors", typed_array("Float32Array", p.token_vectors));
    result.set("positionVectors", typed_array("Float32Array", p.position_vectors));
    result.set("inputs", typed_array("Float32Array", p.inputs));
    return result;
  });
}

val index_documents(Session& session, const val& documents, double max_tokens, const val& pooling) {
  return guarded([&] {
    const auto chunks = session.index_documents(text(documents), whole(max_tokens, "maxTokens"),
                                                shelf::pooling_from_name(text(pooling)));
    val list = val::array();
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      val chunk = val::object();
      chunk.set("text", chunks[i].text);
      chunk.set("begin", static_cast<double>(chunks[i].begin));
      chunk.set("end", static_cast<double>(chunks[i].end));
      list.set(i, chunk);
    }
    val result = val::object();
    result.set("chunks", list);
    return result;
  });
}

val search(Session& session, const val& query, double k) {
  return guarded([&] {
    const auto found = session.search(text(query), whole(k, "k"));
    val hits = val::array();
    for (std::size_t i = 0; i < found.hits.size(); ++i) {
      const auto& hit = found.hits[i];
      val item = val::object();
      item.set("chunk", static_cast<double>(hit.chunk));
      item.set("score", hit.score);
      item.set("text", hit.text);
      item.set("begin", static_cast<double>(hit.begin));
      item.set("end", static_cast<double>(hit.end));
      item.set("matched", strings(hit.matched));
      hits.set(i, item);
    }
    val result = val::object();
    result.set("hits", hits);
    result.set("prompt", found.prompt);
    return result;
  });
}

val export_vectors(Session& session, const val& format_name) {
  return guarded([&] {
    const shelf::Format format = shelf::vectors_format_from_name(text(format_name));
    val result = val::object();
    if (format == shelf::Format::ProjectorTsv) {
      const auto files = session.export_projector();
      result.set("vectorsTsv", files.vectors_tsv);
      result.set("metadataTsv", files.metadata_tsv);
    } else {
      result.set("bytes", bytes_to_js(session.export_vectors(format)));
    }
    return result;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(shelf_engine) {
  emscripten::function("info", &info);
  emscripten::function("memoryUsage", &memory_usage);
  emscripten::function("setMemoryLimit", &set_memory_limit);
  emscripten::function("estimateMemory", &estimate_memory);
  emscripten::function("alignPoints", &align_points);
  emscripten::function("umapOfGraph", &umap_of_graph);
  emscripten::class_<shelf::WordLayout>("UmapRun")
      .function("step", &umap_step)
      .function("points", &umap_points)
      .function("words", &umap_words)
      .function("ids", &umap_ids)
      .function("neighbors", &umap_neighbors);
  emscripten::class_<Session>("Session")
      .constructor<>()
      .function("loadCorpus", &load_corpus)
      .function("configure", &configure)
      .function("step", &step)
      .function("progress", &progress)
      .function("hasTrainer", &has_trainer)
      .function("cancelTraining", &cancel_training)
      .function("trainingFinished", &training_finished)
      .function("loadVectors", &load_vectors)
      .function("loadProjector", &load_projector)
      .function("vocabulary", &vocabulary)
      .function("vector", &vector)
      .function("similarity", &similarity)
      .function("neighbors", &neighbors)
      .function("neighborsOfVector", &neighbors_of_vector)
      .function("approximateNeighbors", &approximate_neighbors)
      .function("approximateNeighborsOfVector", &approximate_neighbors_of_vector)
      .function("beginIndex", &begin_index)
      .function("indexStep", &index_step)
      .function("analogy", &analogy)
      .function("project", &project)
      .function("neighborGraph", &neighbor_graph)
      .function("beginUmap", &begin_umap)
      .function("cluster", &cluster)
      .function("positions", &positions)
      .function("indexDocuments", &index_documents)
      .function("search", &search)
      .function("exportVectors", &export_vectors);
}
