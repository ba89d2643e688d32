// The contexts lesson's engine (shelf::ContextLab) as an Embind class: one method per `contexts*`
// request of docs/protocol.md. Conversions only, with the conventions of js_boundary.h:
// strings arrive as `val`, typed arrays leave as copies, and engine errors leave as JS Errors
// whose `code` is the protocol's.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "shelf/context_lab.h"
#include "shelf/corpus_edit.h"
#include "shelf/memory_estimate.h"
#include "shelf/session.h"
#include "js_boundary.h"

using emscripten::val;
using namespace shelf::js;
using shelf::ContextLab;

namespace {

val words_of(const ContextLab& lab, const std::vector<std::int32_t>& ids) {
  val array = val::array();
  for (std::size_t i = 0; i < ids.size(); ++i) array.set(i, val(lab.vocab().word(ids[i])));
  return array;
}

val load(ContextLab& lab, const val& options) {
  return guarded([&] {
    shelf::CorpusEdit edit;
    edit.added = text(options["added"]);
    edit.remove_a = text(options["removeA"]);
    edit.remove_b = text(options["removeB"]);
    const bool edited = !edit.added.empty() || !edit.remove_a.empty() || !edit.remove_b.empty();
    shelf::EditedCorpus changed;
    if (edited) changed = shelf::edit_corpus(text(options["text"]), edit);
    const auto summary = lab.load(edited ? changed.text : text(options["text"]),
                                  static_cast<std::int64_t>(whole(options["minCount"].as<double>(), "minCount")),
                                  whole(options["maxVocab"].as<double>(), "maxVocab"),
                                  whole(options["window"].as<double>(), "window"));
    val result = val::object();
    result.set("rawWords", static_cast<double>(summary.raw_words));
    result.set("vocab", static_cast<double>(summary.vocab));
    result.set("sentences", static_cast<double>(summary.sentences));
    result.set("window", static_cast<double>(summary.window));
    result.set("indexSeconds", summary.index_seconds);
    result.set("indexBytes", static_cast<double>(summary.index_bytes));
    result.set("removedLines", static_cast<double>(changed.removed_lines));
    result.set("addedLines", static_cast<double>(changed.added_lines));
    return result;
  });
}

val configure(ContextLab& lab, const val& options) {
  return guarded([&] {
    // The lab sets the model (skip-gram) and the window (its index's) itself.
    return progress_to_js(lab.configure(training_params_from(options)));
  });
}

// Trains a slice (none for 0 words), then reports the cosine of each [a, b] of `pairs` (NaN for an unknown word).
val step(ContextLab& lab, double words, const val& pairs) {
  return guarded([&] {
    val result = val::object();
    const std::uint64_t count = whole(words, "words");  // 0: no training, only the cosines
    result.set("progress", progress_to_js(count ? lab.step(count) : lab.progress()));
    std::vector<float> cosines;
    const auto n = pairs["length"].as<std::size_t>();
    for (std::size_t i = 0; i < n; ++i) cosines.push_back(lab.cosine(text(pairs[i][0]), text(pairs[i][1])));
    result.set("cosines", typed_array("Float32Array", cosines));
    return result;
  });
}

val contexts(ContextLab& lab, const val& word, double offset, double limit, double k) {
  return guarded([&] {
    const std::int32_t id = lab.resolve(text(word));
    const shelf::ContextIndex& index = lab.index();
    const std::size_t extra = 4;
    val lines = val::array();
    const auto found = index.lines(id, whole(offset, "offset"), whole(limit, "limit"), extra);
    for (std::size_t i = 0; i < found.size(); ++i) {
      val line = val::object();
      line.set("sentence", static_cast<double>(found[i].sentence));
      line.set("left", words_of(lab, found[i].left));
      line.set("right", words_of(lab, found[i].right));
      lines.set(i, line);
    }
    const std::size_t top = whole(k, "k");
    val counts = val::array();
    const auto seen = index.contexts(id);
    for (std::size_t i = 0; i < seen.size() && i < top; ++i) {
      val item = val::object();
      item.set("word", lab.vocab().word(seen[i].id));
      item.set("count", static_cast<double>(seen[i].count));
      item.set("share", seen[i].share);
      item.set("pmi", seen[i].pmi);
      counts.set(i, item);
    }
    val sharing = val::array();
    const auto sharers = index.sharing(id, top);
    for (std::size_t i = 0; i < sharers.size(); ++i) {
      val item = val::object();
      item.set("word", lab.vocab().word(sharers[i].id));
      item.set("overlap", sharers[i].overlap);
      item.set("shared", static_cast<double>(sharers[i].shared));
      sharing.set(i, item);
    }
    val result = val::object();
    result.set("word", lab.vocab().word(id));
    result.set("count", static_cast<double>(index.occurrences(id)));
    result.set("window", static_cast<double>(index.window()));
    result.set("extra", static_cast<double>(extra));
    result.set("distinct", static_cast<double>(seen.size()));
    result.set("lines", lines);
    result.set("contexts", counts);
    result.set("sharing", sharing);
    return result;
  });
}

val entries(const ContextLab& lab, const std::vector<shelf::PairContexts::Entry>& list) {
  val array = val::array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    val item = val::object();
    item.set("word", lab.vocab().word(list[i].id));
    item.set("countA", static_cast<double>(list[i].count_a));
    item.set("countB", static_cast<double>(list[i].count_b));
    array.set(i, item);
  }
  return array;
}

val pair(ContextLab& lab, const val& a_word, const val& b_word, double k) {
  return guarded([&] {
    const std::int32_t a = lab.resolve(text(a_word));
    const std::int32_t b = lab.resolve(text(b_word));
    const auto compared = lab.index().pair(a, b, whole(k, "k"));
    val result = val::object();
    result.set("a", lab.vocab().word(a));
    result.set("b", lab.vocab().word(b));
    result.set("countA", static_cast<double>(lab.index().occurrences(a)));
    result.set("countB", static_cast<double>(lab.index().occurrences(b)));
    result.set("overlap", compared.overlap);
    result.set("distinctA", static_cast<double>(compared.distinct_a));
    result.set("distinctB", static_cast<double>(compared.distinct_b));
    result.set("shared", entries(lab, compared.shared));
    result.set("onlyA", entries(lab, compared.only_a));
    result.set("onlyB", entries(lab, compared.only_b));
    return result;
  });
}

val pushes(ContextLab& lab, const val& word, double count, double neighbours, double max_words) {
  return guarded([&] {
    const auto batch = lab.pushes(text(word), whole(count, "count"), whole(neighbours, "neighbours"),
                                  whole(max_words, "maxWords"));
    val list = val::array();
    for (std::size_t i = 0; i < batch.pushes.size(); ++i) {
      const shelf::Push& p = batch.pushes[i];
      val item = val::object();
      item.set("number", static_cast<double>(p.number));
      item.set("sentence", static_cast<double>(p.sentence));
      item.set("window", words_of(lab, p.window));
      item.set("centre", static_cast<double>(p.centre));
      item.set("probe", static_cast<double>(p.probe));
      item.set("positive", lab.vocab().word(p.positive));
      item.set("negatives", words_of(lab, p.negatives));
      item.set("beforeScores", typed_array("Float32Array", p.before_scores));
      item.set("afterScores", typed_array("Float32Array", p.after_scores));
      item.set("learningRate", p.learning_rate);
      item.set("moved", p.moved);
      item.set("neighbourBefore", typed_array("Float32Array", p.neighbour_before));
      item.set("neighbourAfter", typed_array("Float32Array", p.neighbour_after));
      list.set(i, item);
    }
    val names = val::array();
    for (std::size_t i = 0; i < batch.neighbours.size(); ++i) names.set(i, val(batch.neighbours[i]));
    val result = val::object();
    result.set("probe", batch.probe);
    result.set("neighbours", names);
    result.set("pushes", list);
    result.set("seen", static_cast<double>(batch.seen));
    result.set("progress", progress_to_js(batch.progress));
    return result;
  });
}

val predictions(const ContextLab& lab, const std::vector<shelf::Prediction>& list) {
  val array = val::array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    val item = val::object();
    item.set("word", lab.vocab().word(list[i].id));
    item.set("probability", list[i].probability);
    item.set("share", list[i].share);
    array.set(i, item);
  }
  return array;
}

val predict(ContextLab& lab, const val& word, double k) {
  return guarded([&] {
    const auto found = lab.predict(text(word), whole(k, "k"));
    val result = val::object();
    result.set("word", lab.vocab().word(lab.resolve(text(word))));
    result.set("predicted", predictions(lab, found.predicted));
    result.set("actual", predictions(lab, found.actual));
    result.set("agreement", static_cast<double>(found.agreement));
    result.set("meanActual", found.mean_actual);
    result.set("meanAll", found.mean_all);
    return result;
  });
}

val neighbours(ContextLab& lab, const val& word, double k) {
  return guarded([&] {
    const auto found = lab.neighbours(text(word), whole(k, "k"));
    val words = val::array();
    std::vector<float> scores;
    for (std::size_t i = 0; i < found.size(); ++i) {
      words.set(i, val(lab.vocab().word(found[i].first)));
      scores.push_back(found[i].second);
    }
    val result = val::object();
    result.set("words", words);
    result.set("scores", typed_array("Float32Array", scores));
    return result;
  });
}

bool has_trainer(ContextLab& lab) { return lab.has_trainer(); }

}  // namespace

EMSCRIPTEN_BINDINGS(shelf_contexts) {
  emscripten::class_<ContextLab>("ContextLab")
      .constructor<>()
      .function("load", &load)
      .function("configure", &configure)
      .function("step", &step)
      .function("contexts", &contexts)
      .function("pair", &pair)
      .function("pushes", &pushes)
      .function("predict", &predict)
      .function("neighbours", &neighbours)
      .function("hasTrainer", &has_trainer);
}
