// The current vectors and the word questions (current_vectors.h through the Session): load
// vectors, the vocabulary, a word's vector, similarity, exact neighbours, analogies.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <optional>
#include <string>

#include "shelf/session.h"
#include "shelf/wire_names.h"
#include "js_boundary.h"
#include "session_methods.h"

using emscripten::val;
using namespace shelf::js;
using shelf::Session;

namespace {

shelf::VectorsSummary load_vectors(Session& session, const val& bytes, const val& name, const val& format,
                                   double max_words) {
  return guarded([&] {
    const std::string contents = bytes_of(bytes);
    return session.load_vectors_from_bytes(contents, text(name), shelf::format_from_name(text(format)),
                                           whole(max_words, "maxWords"));
  });
}

shelf::VectorsSummary load_projector(Session& session, const val& vectors_tsv, const val& metadata_tsv,
                                     const val& name, double max_words) {
  return guarded([&] {
    return session.load_projector(text(vectors_tsv), text(metadata_tsv), text(name), whole(max_words, "maxWords"));
  });
}

val vocabulary(Session& session, double limit) {
  return guarded([&] {
    const auto vocab = session.vocabulary(whole(limit, "limit"));
    val result = val::object();
    result.set("words", strings(vocab.words));
    result.set("counts", typed_array("Float64Array", vocab.counts));
    return result;
  });
}

val vector(Session& session, const val& word) {
  return guarded([&] {
    const auto found = session.vector(text(word));
    val result = val::object();
    result.set("word", found.word);
    result.set("id", found.id);
    result.set("vector", typed_array("Float32Array", found.vector));
    return result;
  });
}

shelf::Similarity similarity(Session& session, const val& a, const val& b) {
  return guarded([&] { return session.similarity(text(a), text(b)); });
}

val neighbors(Session& session, const val& word, double k) {
  return guarded([&] { return neighbors_to_js(session.neighbors(text(word), whole(k, "k"))); });
}

val neighbors_of_vector(Session& session, const val& vector, double k) {
  return guarded([&] {
    const auto values = numbers_of<float>(vector);
    return neighbors_to_js(session.neighbors_of_vector(values.data(), values.size(), whole(k, "k")));
  });
}

val analogy(Session& session, const val& a, const val& b, const val& c, double k, const val& method,
            const val& answer) {
  return guarded([&] {
    const bool has_answer = !answer.isUndefined() && !answer.isNull();
    const std::string expected = has_answer ? text(answer) : std::string();
    const auto found = session.analogy(text(a), text(b), text(c), whole(k, "k"),
                                       shelf::analogy_method_from_name(text(method)),
                                       has_answer ? std::optional<std::string_view>(expected) : std::nullopt);
    val result = neighbors_to_js(found);
    if (found.rank) result.set("rank", static_cast<double>(*found.rank));
    if (found.rank_with_inputs) result.set("rankWithInputs", static_cast<double>(*found.rank_with_inputs));
    return result;
  });
}

}  // namespace

void shelf::js::add_vectors_methods(const SessionClass& session) {
  session.function("loadVectors", &::load_vectors)
      .function("loadProjector", &::load_projector)
      .function("vocabulary", &::vocabulary)
      .function("vector", &::vector)
      .function("similarity", &::similarity)
      .function("neighbors", &::neighbors)
      .function("neighborsOfVector", &::neighbors_of_vector)
      .function("analogy", &::analogy);
}

EMSCRIPTEN_BINDINGS(shelf_vectors) {
  emscripten::value_object<shelf::VectorsSummary>("VectorsSummary")
      .field("vocab", &shelf::VectorsSummary::vocab)
      .field("dim", &shelf::VectorsSummary::dim);
  emscripten::value_object<shelf::Similarity>("Similarity")
      .field("cosine", &shelf::Similarity::cosine)
      .field("distance", &shelf::Similarity::distance);
}
