// The `clusterWords` request (docs/protocol.md): shelves of words by k-means in the engine
// (src/shelf/word_clusters.h), as a module function over a Session: `clusterWords(session, f)`.
// Its own Embind block; the conventions are js_boundary.h's (arguments as `val`, converted inside
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
#include "js_boundary.h"

using emscripten::val;
using namespace shelf::js;

namespace {

std::size_t count_of(const val& value, const char* what) {
  const double n = value.as<double>();
  if (!std::isfinite(n) || n < 0 || n != std::floor(n) || n > 1e9) throw shelf::Error(std::string(what) + " must be a whole number >= 0");
  return static_cast<std::size_t>(n);
}

val cluster_words(shelf::Session& session, const val& f) {
  return guarded([&] {
    shelf::ShelfRequest request;
    if (!f["words"].isUndefined()) request.words = strings_of(f["words"]);
    request.limit = count_of(f["limit"], "limit");
    request.k = count_of(f["k"], "k");
    request.fit_k = f["fitK"].as<bool>();
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
    result.set("words", strings(shelves.words));
    result.set("ids", typed_array("Int32Array", shelves.ids));
    result.set("missing", strings(shelves.missing));
    result.set("k", static_cast<double>(shelves.k));
    result.set("labels", typed_array("Int32Array", shelves.labels));
    result.set("fit", typed_array("Float32Array", shelves.fit));
    result.set("sizes", typed_array("Int32Array", shelves.sizes));
    val representatives = val::array();
    for (std::size_t c = 0; c < shelves.representatives.size(); ++c) representatives.set(c, strings(shelves.representatives[c]));
    result.set("representatives", representatives);
    result.set("names", strings(shelves.names));
    result.set("order", typed_array("Int32Array", shelves.order));
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
      result.set("points", typed_array("Float32Array", shelves.points));
      result.set("explained", typed_array("Float64Array", shelves.explained));
      result.set("aligned", shelves.aligned);
    }
    val neighbors = val::array();
    for (std::size_t i = 0; i < shelves.neighbors.size(); ++i) {
      const auto& entry = shelves.neighbors[i];
      val item = val::object();
      item.set("word", val(entry.word));
      item.set("known", entry.known);
      item.set("words", strings(entry.words));
      item.set("scores", typed_array("Float32Array", entry.scores));
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
