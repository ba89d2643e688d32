// What every Embind file of the engine shares, so that each binding is conversions only: engine
// errors leave as JS Errors whose `code` is the protocol's (docs/protocol.md), and values cross
// as JS arrays and typed-array copies.
//
// Conventions that keep the boundary safe:
// - Strings and arrays arrive as `val` and are converted inside the guarded body. Embind's own
//   string arguments are malloc'ed by JS and freed after the call, which never happens when the
//   call throws, so every failed call would leak its arguments.
// - Typed arrays leave as copies (new Float32Array(view)): a view into the wasm heap is detached
//   as soon as memory grows, and results are transferred to the page anyway.
// - No C++ exception reaches JS (under -fwasm-exceptions it would be an opaque
//   WebAssembly.Exception): each method catches and throws a JS Error whose `code` is the
//   protocol's error code.
#pragma once
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <cstdint>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "shelf/error.h"
#include "shelf/memory_estimate.h"
#include "shelf/session.h"
#include "shelf/trainer.h"
#include "shelf/training_params.h"
#include "shelf/wire_names.h"

namespace shelf::js {

using emscripten::val;

// The engine's memory limit and what is in use now, measured where the wasm heap is known
// (bindings_memory.cpp); the decisions taken on it are the core's (memory_estimate.h).
MemoryBudget memory_budget();

[[noreturn]] inline void throw_error(const std::string& message, const char* code) {
  val error = val::global("Error").new_(message);
  error.set("code", val(code));
  error.throw_();
}

// Runs `body`; an engine error becomes a JS Error with the protocol's code, so no C++ exception
// reaches JS (under -fwasm-exceptions it would be an opaque WebAssembly.Exception).
template <class Body>
auto guarded(Body&& body) -> decltype(body()) {
  std::string message;
  const char* code = "internal";
  try {
    return body();
  } catch (const NotReadyError& e) {
    // Something is not there yet (vectors, a trainer, an index, documents): see error.h.
    message = e.what();
    code = "no-model";
  } catch (const MemoryLimitError& e) {
    message = e.what();
    code = "out-of-memory";
  } catch (const Error& e) {
    message = e.what();
    code = "bad-input";
  } catch (const std::bad_alloc&) {
    message = out_of_memory_message(memory_budget());
    code = "out-of-memory";
  } catch (const std::length_error&) {
    // A container asked for more than it can hold: the same wall, hit by a size computation.
    message = out_of_memory_message(memory_budget());
    code = "out-of-memory";
  } catch (const std::exception& e) {
    message = std::string("internal error: ") + e.what();
  }
  throw_error(message, code);
}

inline std::string text(const val& value) { return value.as<std::string>(); }

// Counts and sizes arrive as JS numbers; the worker has checked them, this only refuses what
// would wrap around.
inline std::uint64_t whole(double value, const char* what) {
  if (!std::isfinite(value) || value < 0 || value != std::floor(value) || value > 9007199254740991.0) {
    throw Error(std::string(what) + " must be a whole number >= 0");
  }
  return static_cast<std::uint64_t>(value);
}

inline int small(double value, const char* what) {
  const std::uint64_t n = whole(value, what);
  // Beyond int the engine's own range check would see a wrapped-around value.
  return n > 1000000000 ? 1000000000 : static_cast<int>(n);
}

template <class T>
val typed_array(const char* type, const std::vector<T>& values) {
  return val::global(type).new_(emscripten::typed_memory_view(values.size(), values.data()));
}

inline val strings(const std::vector<std::string>& values) {
  val array = val::array();
  for (std::size_t i = 0; i < values.size(); ++i) array.set(i, val(values[i]));
  return array;
}

inline std::vector<std::string> strings_of(const val& array) {
  std::vector<std::string> out;
  const auto n = array["length"].as<std::size_t>();
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(array[i].as<std::string>());
  return out;
}

template <class T>
std::vector<T> numbers_of(const val& array) {
  return emscripten::convertJSArrayToNumberVector<T>(array);
}

inline std::string bytes_of(const val& array) {
  std::string bytes(array["length"].as<std::size_t>(), '\0');
  val(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<std::uint8_t*>(bytes.data())))
      .call<void>("set", array);
  return bytes;
}

inline val neighbors_to_js(const Neighbors& n) {
  val result = val::object();
  result.set("ids", typed_array("Int32Array", n.ids));
  result.set("words", strings(n.words));
  result.set("scores", typed_array("Float32Array", n.scores));
  return result;
}

// TrainingParams from a configure request's fields, one line per setting of the table
// (training_params.h); a field left out keeps the engine's default. Throws shelf::Error for a
// value out of range before it is stored (an int member cannot hold every double).
inline TrainingParams training_params_from(const val& options) {
  TrainingParams params;
  if (!options["model"].isUndefined()) params.model = model_from_name(text(options["model"]));
  for (const TrainingSetting& setting : training_settings()) {
    const val given = options[setting.wire];
    if (given.isUndefined()) continue;
    const double value = setting.whole ? static_cast<double>(whole(given.as<double>(), setting.wire)) : given.as<double>();
    check_setting(setting.limit, value, setting.what);
    setting.set(params, value);
  }
  return params;
}

inline val progress_to_js(const TrainingProgress& p) {
  val result = val::object();
  result.set("wordsDone", static_cast<double>(p.words_done));
  result.set("wordsTotal", static_cast<double>(p.words_total));
  result.set("epoch", p.epoch);
  result.set("epochs", p.epochs);
  result.set("learningRate", p.learning_rate);
  result.set("loss", p.loss);
  result.set("averageLoss", p.average_loss);
  result.set("seconds", p.seconds);
  result.set("wordsPerSecond", p.words_per_second);
  result.set("finished", p.finished);
  result.set("fraction", p.fraction());
  return result;
}

}  // namespace shelf::js
