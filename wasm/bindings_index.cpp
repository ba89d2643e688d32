// The approximate index (ann_index.h through the Session): build it in slices, and answer
// neighbour questions from it.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "shelf/session.h"
#include "shelf/wire_names.h"
#include "js_boundary.h"
#include "session_methods.h"

using emscripten::val;
using namespace shelf::js;
using shelf::Session;

namespace {

shelf::SearchMode approximate(double ef) { return {true, static_cast<std::size_t>(whole(ef, "ef"))}; }

val approximate_neighbors(Session& session, const val& word, double k, double ef) {
  return guarded([&] { return neighbors_to_js(session.neighbors(text(word), whole(k, "k"), approximate(ef))); });
}

val approximate_neighbors_of_vector(Session& session, const val& vector, double k, double ef) {
  return guarded([&] {
    const auto values = numbers_of<float>(vector);
    return neighbors_to_js(session.neighbors_of_vector(values.data(), values.size(), whole(k, "k"), approximate(ef)));
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
    return index_status_to_js(session.begin_index(index));
  });
}

val index_step(Session& session, double items) {
  return guarded([&] { return index_status_to_js(session.index_step(whole(items, "items"))); });
}

}  // namespace

void shelf::js::add_index_methods(const SessionClass& session) {
  session.function("approximateNeighbors", &::approximate_neighbors)
      .function("approximateNeighborsOfVector", &::approximate_neighbors_of_vector)
      .function("beginIndex", &::begin_index)
      .function("indexStep", &::index_step);
}
