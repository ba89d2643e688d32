// Document search (document_search.h through the Session): index a text, search it by meaning.
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

val index_documents(Session& session, const val& documents, double max_tokens, const val& pooling) {
  return guarded([&] {
    const auto chunks = session.index_documents(text(documents), whole(max_tokens, "maxTokens"),
                                                shelf::pooling_from_name(text(pooling)));
    val list = val::array();
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      val chunk = val::object();
      chunk.set("text", chunks[i].text);
      chunk.set("begin", static_cast<double>(chunks[i].begin));
      chunk.set("end", static_cast<double>(chunks[i].end));
      list.set(i, chunk);
    }
    val result = val::object();
    result.set("chunks", list);
    return result;
  });
}

val search(Session& session, const val& query, double k) {
  return guarded([&] {
    const auto found = session.search(text(query), whole(k, "k"));
    val hits = val::array();
    for (std::size_t i = 0; i < found.hits.size(); ++i) {
      const auto& hit = found.hits[i];
      val item = val::object();
      item.set("chunk", static_cast<double>(hit.chunk));
      item.set("score", hit.score);
      item.set("text", hit.text);
      item.set("begin", static_cast<double>(hit.begin));
      item.set("end", static_cast<double>(hit.end));
      item.set("matched", strings(hit.matched));
      hits.set(i, item);
    }
    val result = val::object();
    result.set("hits", hits);
    result.set("prompt", found.prompt);
    return result;
  });
}

}  // namespace

void shelf::js::add_documents_methods(const SessionClass& session) {
  session.function("indexDocuments", &::index_documents).function("search", &::search);
}
