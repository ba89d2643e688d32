// The classroom word filter's two requests (docs/protocol.md, `wordFilter`): functions over the
// Session object, in a binding block of their own (Embind allows several). All logic is in
// src/shelf/word_filter.h and the session; this only converts.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <new>
#include <string>
#include <vector>

#include "shelf/session.h"
#include "shelf/word_filter.h"
#include "js_boundary.h"

using emscripten::val;
using namespace shelf::js;

namespace {

val status_to_js(const shelf::WordFilterStatus& status) {
  val result = val::object();
  result.set("listed", static_cast<double>(status.listed));
  result.set("hidden", static_cast<double>(status.hidden));
  result.set("vocab", static_cast<double>(status.vocab));
  return result;
}

// words: an array of strings (the worker has checked it); an empty array turns the filter off.
val set_word_filter(shelf::Session& session, const val& words) {
  return guarded([&] {
    const auto length = words["length"].as<std::size_t>();
    std::vector<std::string> entries;
    entries.reserve(length);
    for (std::size_t i = 0; i < length; ++i) entries.push_back(words[i].as<std::string>());
    return status_to_js(session.set_word_filter(shelf::WordFilter(entries)));
  });
}

val word_filter_status(shelf::Session& session) {
  return guarded([&] { return status_to_js(session.word_filter_status()); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(shelf_word_filter) {
  emscripten::function("setWordFilter", &set_word_filter);
  emscripten::function("wordFilterStatus", &word_filter_status);
}
