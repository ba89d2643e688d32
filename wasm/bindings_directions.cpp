// `directions`: words placed on two axes defined by word pairs (shelf/directions.h), as one
// request for all the words. Its own Embind block, a free function taking the Session.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <new>
#include <string>
#include <vector>

#include "shelf/directions.h"
#include "shelf/error.h"
#include "shelf/session.h"
#include "js_boundary.h"

using emscripten::val;
using namespace shelf::js;

namespace {

// [[from, to], ...] (checked by the worker's protocol table).
std::vector<shelf::WordPair> pairs_of(const val& array) {
  std::vector<shelf::WordPair> pairs;
  const auto n = array["length"].as<std::size_t>();
  for (std::size_t i = 0; i < n; ++i) {
    pairs.push_back({array[i][0].as<std::string>(), array[i][1].as<std::string>()});
  }
  return pairs;
}

val directions(shelf::Session& session, const val& x, const val& y, const val& words) {
  return guarded([&] {
    const auto plot = shelf::plot_directions(session.current_vectors(), pairs_of(x), pairs_of(y), strings_of(words));
    val result = val::object();
    result.set("words", strings(plot.words));
    result.set("x", typed_array("Float32Array", plot.x));
    result.set("y", typed_array("Float32Array", plot.y));
    result.set("unknown", strings(plot.unknown));
    result.set("xAgreement", typed_array("Float32Array", plot.x_agreement));
    result.set("yAgreement", typed_array("Float32Array", plot.y_agreement));
    result.set("axesCosine", plot.axes_cosine);
    return result;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(shelf_directions) {
  emscripten::function("directions", &directions);
}
