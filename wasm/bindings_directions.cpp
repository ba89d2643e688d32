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

using emscripten::val;

namespace {

[[noreturn]] void throw_js(const std::string& message, const char* code) {
  val error = val::global("Error").new_(message);
  error.set("code", val(code));
  error.throw_();
}

// [[from, to], ...] (checked by the worker's protocol table).
std::vector<shelf::WordPair> pairs_of(const val& array) {
  std::vector<shelf::WordPair> pairs;
  const auto n = array["length"].as<std::size_t>();
  for (std::size_t i = 0; i < n; ++i) {
    pairs.push_back({array[i][0].as<std::string>(), array[i][1].as<std::string>()});
  }
  return pairs;
}

val floats(const std::vector<float>& values) {
  return val::global("Float32Array").new_(emscripten::typed_memory_view(values.size(), values.data()));
}

val strings(const std::vector<std::string>& values) {
  val array = val::array();
  for (std::size_t i = 0; i < values.size(); ++i) array.set(i, val(values[i]));
  return array;
}

val directions(shelf::Session& session, const val& x, const val& y, const val& words) {
  std::string message;
  const char* code = "internal";
  try {
    const auto plot = shelf::plot_directions(session.current_vectors(), pairs_of(x), pairs_of(y),
                                             emscripten::vecFromJSArray<std::string>(words));
    val result = val::object();
    result.set("words", strings(plot.words));
    result.set("x", floats(plot.x));
    result.set("y", floats(plot.y));
    result.set("unknown", strings(plot.unknown));
    result.set("xAgreement", floats(plot.x_agreement));
    result.set("yAgreement", floats(plot.y_agreement));
    result.set("axesCosine", plot.axes_cosine);
    return result;
  } catch (const shelf::NotReadyError& e) {
    message = e.what();
    code = "no-model";
  } catch (const shelf::Error& e) {
    message = e.what();
    code = "bad-input";
  } catch (const std::bad_alloc&) {
    message = "the engine ran out of memory";
    code = "out-of-memory";
  } catch (const std::exception& e) {
    message = std::string("internal error: ") + e.what();
  }
  throw_js(message, code);
}

}  // namespace

EMSCRIPTEN_BINDINGS(shelf_directions) {
  emscripten::function("directions", &directions);
}
