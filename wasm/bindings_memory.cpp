// The engine's memory: how much it uses and may use (`memoryUsage`, `setMemoryLimit`), and the
// estimate asked before a corpus or vectors file is read (`estimateMemory`). The heap is measured
// here, where the wasm memory is known; what fits and what to advise is memory_estimate.h's.
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>
#include <malloc.h>
#include <unistd.h>

#include <cstdint>
#include <string>

#include "shelf/memory_estimate.h"
#include "shelf/wire_names.h"
#include "js_boundary.h"

using emscripten::val;
using namespace shelf::js;

namespace {

// -sMAXIMUM_MEMORY, from cmake/wasm.cmake; `setMemoryLimit` may lower it (tests, or a host page
// that wants a smaller budget), never raise it.
constexpr std::uint64_t kMaximumMemory = SHELF_WASM_MAXIMUM_MEMORY;
static_assert(kMaximumMemory <= shelf::kWasm32MaxMemory, "wasm32 cannot address more than 4 GiB");
std::uint64_t memory_limit = kMaximumMemory;

// Memory that cannot be handed out again: everything below the break (static data, stack, the
// malloc arena) less the arena's free chunks. The wasm memory itself never shrinks, so its size
// says nothing of what was freed.
std::uint64_t memory_in_use() {
  const struct mallinfo info = mallinfo();
  const auto brk = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(sbrk(0)));
  const auto free_bytes = static_cast<std::uint64_t>(info.fordblks);
  return brk > free_bytes ? brk - free_bytes : brk;
}

val memory_usage() {
  const struct mallinfo info = mallinfo();
  const shelf::MemoryBudget budget = memory_budget();
  val result = val::object();
  result.set("heapUsed", static_cast<double>(info.uordblks));
  result.set("inUse", static_cast<double>(budget.in_use));
  result.set("wasmBytes", static_cast<double>(emscripten_get_heap_size()));
  result.set("limit", static_cast<double>(budget.limit));
  result.set("available", static_cast<double>(budget.available()));
  return result;
}

val set_memory_limit(double bytes) {
  return guarded([&] {
    memory_limit = shelf::clamp_memory_limit(whole(bytes, "memoryLimit"), kMaximumMemory);
    return memory_usage();
  });
}

// The estimate and the advice for a corpus or a vectors file of `bytes` bytes whose start is
// `head` (a string or bytes): asked before the file is read, and by the worker before a load.
val estimate_memory(const val& options) {
  return guarded([&] {
    const std::string kind = text(options["kind"]);
    const val head_value = options["head"];
    const std::string head = head_value.isString() ? text(head_value) : bytes_of(head_value);
    const std::uint64_t size = whole(options["bytes"].as<double>(), "bytes");
    const std::string name = text(options["name"]);
    shelf::CorpusPlan plan;
    plan.dim = static_cast<std::size_t>(small(options["dim"].as<double>(), "dim"));
    plan.min_count = static_cast<std::int64_t>(small(options["minCount"].as<double>(), "minCount"));
    plan.max_vocab = static_cast<std::size_t>(whole(options["maxVocab"].as<double>(), "maxVocab"));
    shelf::MemoryEstimate estimate;
    if (kind == "corpus") {
      estimate = shelf::estimate_corpus_memory(size, head, plan);
    } else if (kind == "vectors") {
      estimate = shelf::estimate_vectors_memory(size, head, shelf::format_from_name(text(options["format"])));
    } else {
      throw shelf::Error("kind must be 'corpus' or 'vectors'");
    }
    const shelf::MemoryAdvice advice = shelf::advise_memory(estimate, memory_budget(), name, head, plan);
    val result = val::object();
    result.set("fits", advice.fits);
    result.set("needed", static_cast<double>(advice.needed));
    result.set("available", static_cast<double>(advice.available));
    result.set("limit", static_cast<double>(advice.limit));
    result.set("maxWords", static_cast<double>(advice.max_words));
    result.set("sampleBytes", static_cast<double>(advice.sample_bytes));
    result.set("message", advice.message);
    val parts = val::object();
    parts.set("tokens", static_cast<double>(estimate.tokens));
    parts.set("words", static_cast<double>(estimate.words));
    parts.set("keptWords", static_cast<double>(estimate.kept_words));
    parts.set("dim", static_cast<double>(estimate.dim));
    parts.set("loadingBytes", static_cast<double>(estimate.loading_bytes));
    parts.set("modelBytes", static_cast<double>(estimate.model_bytes));
    result.set("estimate", parts);
    return result;
  });
}

}  // namespace

shelf::MemoryBudget shelf::js::memory_budget() { return {memory_limit, memory_in_use()}; }

EMSCRIPTEN_BINDINGS(shelf_memory) {
  emscripten::function("memoryUsage", &memory_usage);
  emscripten::function("setMemoryLimit", &set_memory_limit);
  emscripten::function("estimateMemory", &estimate_memory);
}
