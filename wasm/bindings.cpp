// The engine as a JavaScript module (engine.d.ts describes the surface). This file registers the
// Session class and the module-wide `info`; each part of the engine adds its own methods from its
// own file (session_methods.h), and requests that are not Session methods have their own
// EMSCRIPTEN_BINDINGS block (bindings_memory.cpp, bindings_maps.cpp, bindings_directions.cpp, ...).
// Every binding only converts: the conventions of the boundary are in js_boundary.h.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "shelf/kernels.h"
#include "shelf/session.h"
#include "js_boundary.h"
#include "session_methods.h"

using emscripten::val;

namespace {

val info() {
  val result = val::object();
  result.set("simd", shelf::kernels::simd_enabled());
  result.set("instructionSet", val(shelf::kernels::instruction_set()));
  result.set("version", val(shelf::Session::version()));
  return result;
}

}  // namespace

EMSCRIPTEN_BINDINGS(shelf_engine) {
  emscripten::function("info", &info);
  const shelf::js::SessionClass session("Session");
  session.constructor<>();
  shelf::js::add_training_methods(session);
  shelf::js::add_vectors_methods(session);
  shelf::js::add_index_methods(session);
  shelf::js::add_maps_methods(session);
  shelf::js::add_documents_methods(session);
  shelf::js::add_exports_methods(session);
}
