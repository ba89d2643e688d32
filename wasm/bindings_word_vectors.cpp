// `wordVectors`: the vectors of a few words in one request (the analogy lesson's parallelogram,
// the check-yourself questions' known answers) instead of one `vector` request a word. Its own
// Embind block, a free function taking the Session.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "shelf/error.h"
#include "shelf/session.h"
#include "js_boundary.h"

using emscripten::val;
using namespace shelf::js;

namespace {

// A word the vectors do not know (or the classroom filter hides) gets id -1 and a row of zeros,
// and is listed in `unknown`; no vectors at all is still `no-model`.
val word_vectors(shelf::Session& session, const val& words) {
  return guarded([&] {
    std::vector<std::string> spelled = strings_of(words);
    std::vector<std::int32_t> ids(spelled.size(), -1);
    std::vector<std::vector<float>> rows(spelled.size());
    std::vector<std::string> unknown;
    std::size_t dim = 0;
    for (std::size_t i = 0; i < spelled.size(); ++i) {
      try {
        shelf::WordVector found = session.vector(spelled[i]);
        spelled[i] = found.word;
        ids[i] = found.id;
        dim = found.vector.size();
        rows[i] = std::move(found.vector);
      } catch (const shelf::NotReadyError&) {
        throw;
      } catch (const shelf::Error&) {
        unknown.push_back(spelled[i]);
      }
    }
    std::vector<float> vectors(spelled.size() * dim, 0.0f);
    for (std::size_t i = 0; i < rows.size(); ++i) std::copy(rows[i].begin(), rows[i].end(), vectors.begin() + i * dim);
    val result = val::object();
    result.set("words", strings(spelled));
    result.set("ids", typed_array("Int32Array", ids));
    result.set("dim", static_cast<double>(dim));
    result.set("vectors", typed_array("Float32Array", vectors));
    result.set("unknown", strings(unknown));
    return result;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(shelf_word_vectors) { emscripten::function("wordVectors", &word_vectors); }
