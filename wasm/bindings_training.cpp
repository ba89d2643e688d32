// The training run's requests (training_run.h through the Session): load a corpus, configure,
// step, progress, cancel. The memory check before a run is the core's (Session::configure with
// the budget measured in bindings_memory.cpp).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>

#include "shelf/session.h"
#include "js_boundary.h"
#include "session_methods.h"

using emscripten::val;
using namespace shelf::js;
using shelf::Session;

namespace {

val load_corpus(Session& session, const val& corpus, double min_count, double max_vocab) {
  return guarded([&] {
    const auto summary = session.load_corpus(text(corpus), static_cast<std::int64_t>(whole(min_count, "minCount")),
                                             whole(max_vocab, "maxVocab"));
    val result = val::object();
    result.set("rawWords", static_cast<double>(summary.raw_words));
    result.set("vocab", static_cast<double>(summary.vocab));
    result.set("sentences", static_cast<double>(summary.sentences));
    return result;
  });
}

val configure(Session& session, const val& options) {
  return guarded([&] {
    const shelf::TrainingParams params = training_params_from(options);
    return progress_to_js(session.configure(params, memory_budget()));
  });
}

val step(Session& session, double words) {
  return guarded([&] { return progress_to_js(session.step(whole(words, "words"))); });
}

val progress(Session& session) {
  return guarded([&] { return progress_to_js(session.progress()); });
}

bool has_trainer(Session& session) { return session.has_trainer(); }
bool training_finished(Session& session) { return session.training_finished(); }

val cancel_training(Session& session) {
  return guarded([&] {
    session.cancel_training();
    return val::undefined();
  });
}

}  // namespace

void shelf::js::add_training_methods(const SessionClass& session) {
  session.function("loadCorpus", &::load_corpus)
      .function("configure", &::configure)
      .function("step", &::step)
      .function("progress", &::progress)
      .function("hasTrainer", &::has_trainer)
      .function("cancelTraining", &::cancel_training)
      .function("trainingFinished", &::training_finished);
}
