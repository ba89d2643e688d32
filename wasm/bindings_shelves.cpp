// The `clusterWords` request (docs/protocol.md): shelves of words by k-means in the engine
// (src/shelf/word_clusters.h), as a module function over a Session: `clusterWords(session, f)`.
// Its own Embind block; the conventions are bindings.cpp's (arguments as `val`, converted inside
// the guard; results as copies; no C++ exception reaches JS).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <cstdint>
#include <new>
#include <string>
#include <vector>

#include "shelf/session.h"
#include "shelf/word_clusters.h"

using emscripten::val;

namespace {

[[noreturn]] void throw_shelves_error(const std::string& message, const char* code) {
  val error = val::global("Error").new_(message);
  error.set("code", val(code));
  error.throw_();
}

template <class Body>
val shelves_guarded(Body&& body) {
  std::string message;
  const char* code = "internal";
  try {
    return body();
  } catch (const shelf::NotReadyError& e) {
    message = e.what();
    code = "no-model";
  } catch (const shelf::Error& e) {
    message = e.what();
    code = "bad-input";
  } catch (const std::bad_alloc&) {
    message = "the engine ran out of memory while making shelves: choose fewer words";
    code = "out-of-memory";
  } catch (const std::exception& e) {
    message = std::string("internal error: ") + e.what();
  }
  throw_shelves_error(message, code);
}

std::size_t count_of(const val& value, const char* what) {
  const double n = value.as<double>();
  if (!std::isfinite(n) || n < 0 || n != std::floor(n) || n > 1e9) throw shelf::Error(std::string(what) + " must be a whole number >= 0");
  return static_cast<std::size_t>(n);
}

std::vector<std::string> strings_of(const val& array) {
  std::vector<std::string> out;
  const auto n = array["length"].as<std::size_t>();
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(array[i].as<std::string>());
  return out;
}

template <class T>
std::vector<T> numbers_of(const val& array) {
  return emscripten::convertJSArrayToNumberVector<T>(array);
}

val js_strings(const std::vector<std::string>& values) {
  val array = val::array();
  for (std::size_t i = 0; i < values.size(); ++i) array.set(i, val(values[i]));
  return array;
}

template <class T>
val js_typed(const char* type, const std::vector<T>& values) {
  return val::global(type).new_(emscripten::typed_memory_view(values.size(), values.data()));
}

val cluster_words(shelf::Session& session, const val& f) {
  return shelves_guarded([&] {
    shelf::ShelfRequest request;
    if (!f["words"].isUndefined()) request.words = strings_of(f["words"]);
    request.limit = count_of(f["limit"], "limit");
    request.k = count_of(f["k"], "k");
    request.seed = count_of(f["seed"], "seed");
    request.max_iterations = static_cast<int>(count_of(f["maxIterations"], "maxIterations"));
    request.center = f["center"].as<bool>();
    request.representatives = count_of(f["representatives"], "representatives");
    request.components = count_of(f["components"], "components");
    if (!f["topics"].isUndefined()) request.topics = numbers_of<std::int32_t>(f["topics"]);
    if (!f["neighborsOf"].isUndefined()) request.neighbors_of = strings_of(f["neighborsOf"]);
    request.neighbor_count = count_of(f["neighbors"], "neighbors");
    request.add_neighbors = f["addNeighbors"].as<bool>();
    if (!f["previousWords"].isUndefined()) {
      shelf::PreviousShelves earlier;
      earlier.words = strings_of(f["previousWords"]);
      earlier.labels = numbers_of<std::int32_t>(f["previousLabels"]);
      if (!f["previousPoints"].isUndefined()) earlier.points = numbers_of<float>(f["previousPoints"]);
      request.previous = std::move(earlier);
    }

    const shelf::WordShelves shelves = shelf::shelve_words(session.current_vectors(), request);
    val result = val::object();
    result.set("words", js_strings(shelves.words));
    result.set("ids", js_typed("Int32Array", shelves.ids));
    result.set("missing", js_strings(shelves.missing));
    result.set("k", static_cast<double>(shelves.k));
    result.set("labels", js_typed("Int32Array", shelves.labels));
    result.set("fit", js_typed("Float32Array", shelves.fit));
    result.set("sizes", js_typed("Int32Array", shelves.sizes));
    val representatives = val::array();
    for (std::size_t c = 0; c < shelves.representatives.size(); ++c) representatives.set(c, js_strings(shelves.representatives[c]));
    result.set("representatives", representatives);
    result.set("names", js_strings(shelves.names));
    result.set("order", js_typed("Int32Array", shelves.order));
    const shelf::Matrix& similarity = shelves.centroid_similarity;
    result.set("centroidSimilarity", val::global("Float32Array").new_(emscripten::typed_memory_view(similarity.size(), similarity.data())));
    result.set("inertia", shelves.inertia);
    result.set("iterations", shelves.iterations);
    result.set("converged", shelves.converged);
    result.set("warmStarted", shelves.warm_started);
    result.set("compared", static_cast<double>(shelves.compared));
    result.set("moved", static_cast<double>(shelves.moved));
    result.set("topicWords", static_cast<double>(shelves.topic_words));
    if (shelves.purity) result.set("purity", *shelves.purity);
    if (shelves.adjusted_rand) result.set("adjustedRand", *shelves.adjusted_rand);
    result.set("center", request.center);
    result.set("components", static_cast<double>(shelves.components));
    if (shelves.components > 0) {
      result.set("points", js_typed("Float32Array", shelves.points));
      result.set("explained", js_typed("Float64Array", shelves.explained));
      result.set("aligned", shelves.aligned);
    }
    val neighbors = val::array();
    for (std::size_t i = 0; i < shelves.neighbors.size(); ++i) {
      const auto& entry = shelves.neighbors[i];
      val item = val::object();
      item.set("word", val(entry.word));
      item.set("known", entry.known);
      item.set("words", js_strings(entry.words));
      item.set("scores", js_typed("Float32Array", entry.scores));
      neighbors.set(i, item);
    }
    result.set("neighbors", neighbors);
    return result;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(shelf_shelves) {
  emscripten::function("clusterWords", &cluster_words);
}
