// Retrieval by meaning, by words and both (src/shelf/retrieval.h) over the session's indexed
// documents: two free functions taking the Session, in their own Embind block. The conventions
// are js_boundary.h's: strings and arrays arrive as `val` and are read inside the guard, no C++
// exception reaches JS (each becomes a JS Error with the protocol's `code`), arrays leave as copies.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <new>
#include <string>
#include <vector>

#include "shelf/retrieval.h"
#include "shelf/session.h"
#include "js_boundary.h"

using emscripten::val;
using namespace shelf::js;
using shelf::Session;

namespace {

std::size_t count(double value, const char* what) {
  if (!std::isfinite(value) || value < 1 || value != std::floor(value) || value > 1e9) {
    throw shelf::Error(std::string(what) + " must be a whole number >= 1");
  }
  return static_cast<std::size_t>(value);
}

val hits_to_js(const std::vector<shelf::RankedChunk>& ranked, const shelf::DocumentsView& docs) {
  val hits = val::array();
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const auto& hit = ranked[i];
    const auto& chunk = docs.chunks.at(hit.chunk);
    val item = val::object();
    item.set("chunk", static_cast<double>(hit.chunk));
    item.set("score", hit.score);
    item.set("meaningRank", static_cast<double>(hit.meaning_rank));
    item.set("wordsRank", static_cast<double>(hit.words_rank));
    item.set("text", chunk.text);
    item.set("begin", static_cast<double>(chunk.begin));
    item.set("end", static_cast<double>(chunk.end));
    item.set("matched", strings(hit.matched));
    hits.set(i, item);
  }
  return hits;
}

// { meaning, words, hybrid: hits[], meaningProblem, prompt } — the prompt from `promptFrom`'s hits.
val compare_retrieval(Session& session, const val& query, double k, const val& prompt_from) {
  return guarded([&] {
    const std::string question = query.as<std::string>();
    const shelf::RetrievalMethod from = shelf::retrieval_method_from_name(prompt_from.as<std::string>());
    const shelf::DocumentsView docs = session.documents();
    const auto found = shelf::compare_retrieval(docs.meaning, docs.words, question, count(k, "k"));
    const auto& chosen = from == shelf::RetrievalMethod::Meaning ? found.meaning
                         : from == shelf::RetrievalMethod::Words ? found.words
                                                                 : found.hybrid;
    std::vector<std::string> retrieved;
    for (const auto& hit : chosen) retrieved.push_back(docs.chunks.at(hit.chunk).text);
    val result = val::object();
    result.set("meaning", hits_to_js(found.meaning, docs));
    result.set("words", hits_to_js(found.words, docs));
    result.set("hybrid", hits_to_js(found.hybrid, docs));
    result.set("meaningProblem", found.meaning_problem);
    result.set("promptFrom", std::string(shelf::retrieval_method_name(from)));
    result.set("prompt", shelf::build_prompt(retrieved, question));
    return result;
  });
}

// { ks, methods: [{ name, method, pooling, ranks: Int32Array, recall: number[], meanReciprocalRank }] }
val retrieval_recall(Session& session, const val& questions, const val& paragraphs, const val& ks) {
  return guarded([&] {
    const std::size_t n = questions["length"].as<std::size_t>();
    if (paragraphs["length"].as<std::size_t>() != n) throw shelf::Error("give one paragraph per question");
    std::vector<shelf::LabelledQuestion> labelled;
    for (std::size_t i = 0; i < n; ++i) {
      const double paragraph = paragraphs[i].as<double>();
      if (!std::isfinite(paragraph) || paragraph < 0 || paragraph != std::floor(paragraph) || paragraph > 1e9) {
        throw shelf::Error("paragraphs must be whole numbers >= 0");
      }
      labelled.push_back({questions[i].as<std::string>(), static_cast<std::size_t>(paragraph)});
    }
    std::vector<std::size_t> cutoffs;
    for (std::size_t i = 0; i < ks["length"].as<std::size_t>(); ++i) cutoffs.push_back(count(ks[i].as<double>(), "k"));
    const shelf::DocumentsView docs = session.documents();
    const auto methods = shelf::evaluate_retrieval(docs.embedder, docs.text, docs.max_tokens, labelled, cutoffs);
    val list = val::array();
    for (std::size_t m = 0; m < methods.size(); ++m) {
      const auto& method = methods[m];
      val item = val::object();
      item.set("name", method.name);
      item.set("method", std::string(shelf::retrieval_method_name(method.method)));
      item.set("pooling", std::string(method.pooling == shelf::Pooling::Sif ? "sif" : "mean"));
      item.set("ranks", val::global("Int32Array").new_(emscripten::typed_memory_view(method.ranks.size(), method.ranks.data())));
      val recall = val::array();
      for (std::size_t i = 0; i < method.recall.size(); ++i) recall.set(i, method.recall[i]);
      item.set("recall", recall);
      item.set("meanReciprocalRank", method.mean_reciprocal_rank);
      list.set(m, item);
    }
    val cut = val::array();
    for (std::size_t i = 0; i < cutoffs.size(); ++i) cut.set(i, static_cast<double>(cutoffs[i]));
    val result = val::object();
    result.set("ks", cut);
    result.set("methods", list);
    return result;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(shelf_retrieval) {
  emscripten::function("compareRetrieval", &compare_retrieval);
  emscripten::function("retrievalRecall", &retrieval_recall);
}
