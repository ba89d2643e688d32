// Exports (exports.h through the Session): the current vectors as a file's bytes, or the
// Projector's two TSV files.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <string>

#include "shelf/session.h"
#include "shelf/wire_names.h"
#include "js_boundary.h"
#include "session_methods.h"

using emscripten::val;
using namespace shelf::js;
using shelf::Session;

namespace {

val bytes_to_js(const std::string& bytes) {
  return val::global("Uint8Array")
      .new_(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data())))["buffer"];
}

val export_vectors(Session& session, const val& format_name) {
  return guarded([&] {
    const shelf::Format format = shelf::format_from_name(text(format_name));
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

void shelf::js::add_exports_methods(const SessionClass& session) {
  session.function("exportVectors", &::export_vectors);
}
