// Word maps and layouts (word_maps.h through the Session): PCA maps, neighbour graphs, UMAP runs
// stepped from JS, k-means clusters, and the positions lesson's sentence vectors; plus two free
// functions for layouts the worker holds (umapOfGraph, alignPoints).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "shelf/projection.h"
#include "shelf/session.h"
#include "js_boundary.h"
#include "session_methods.h"

using emscripten::val;
using namespace shelf::js;
using shelf::Session;

namespace {

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
  if (!initial.isUndefined() && !initial.isNull()) umap.initial = numbers_of<float>(initial);
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
    shelf::UmapLayout layout(numbers_of<std::int32_t>(graph["neighbors"]), numbers_of<float>(graph["scores"]), k,
                             umap_options(options));
    return shelf::WordLayout{strings_of(graph["words"]), numbers_of<std::int32_t>(graph["ids"]), k,
                             std::move(layout)};
  });
}

shelf::UmapProgress umap_step(shelf::WordLayout& run, double epochs) {
  return guarded([&] { return run.layout.step(whole(epochs, "epochs")); });
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
    const auto a = numbers_of<float>(moving);
    const auto b = numbers_of<float>(reference);
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

}  // namespace

void shelf::js::add_maps_methods(const SessionClass& session) {
  session.function("project", &::project)
      .function("neighborGraph", &::neighbor_graph)
      .function("beginUmap", &::begin_umap)
      .function("cluster", &::cluster)
      .function("positions", &::positions);
}

EMSCRIPTEN_BINDINGS(shelf_maps) {
  emscripten::function("alignPoints", &align_points);
  emscripten::function("umapOfGraph", &umap_of_graph);
  emscripten::value_object<shelf::UmapProgress>("UmapProgress")
      .field("epoch", &shelf::UmapProgress::epoch)
      .field("epochs", &shelf::UmapProgress::epochs)
      .field("finished", &shelf::UmapProgress::finished);
  // A layout being stepped.
  emscripten::class_<shelf::WordLayout>("WordLayout")
      .function("step", &umap_step)
      .function("points", &umap_points)
      .function("words", &umap_words)
      .function("ids", &umap_ids)
      .function("neighbors", &umap_neighbors);
}
