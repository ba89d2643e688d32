// `detectFormat`: what a file's first bytes are, as the engine reads them (the sniff of
// `loadVectors { format: 'auto' }`, shelf::detect_format_of_bytes), so that the page asks the
// engine instead of guessing from the bytes or the name. Its own Embind block.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>

#include "shelf/error.h"
#include "shelf/io.h"
#include "shelf/wire_names.h"
#include "js_boundary.h"

using emscripten::val;
using namespace shelf::js;

namespace {

// `head`: a string, an ArrayBuffer or a Uint8Array (Embind's std::string takes all three); the
// engine looks at its first megabyte. Not vectors: `format` null and `problem` the reader's reason.
val detect_format(const std::string& head, const std::string& name) {
  return guarded([&] {
    val result = val::object();
    try {
      result.set("format", std::string(shelf::format_name(shelf::detect_format_of_bytes(head, name))));
      result.set("problem", val::null());
    } catch (const shelf::ParseError& error) {
      result.set("format", val::null());
      result.set("problem", std::string(error.what()));
    }
    return result;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(shelf_formats) { emscripten::function("detectFormat", &detect_format); }
