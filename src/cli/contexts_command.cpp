// `shelf contexts`: builds the context index of a corpus and times its questions: the
// keyword-in-context lines, the context counts, the words sharing contexts and a pair compared,
// for words spread over the whole frequency range (the most frequent word is the slowest).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "cli/json.h"
#include "shelf/context_index.h"
#include "shelf/corpus.h"
#include "shelf/error.h"
#include "shelf/tokenizer.h"

namespace shelf::cli {

namespace {

const std::vector<Flag> kContextsFlags = {
    {"--input", true, "", "the corpus (UTF-8 text, one sentence per line)"},
    {"--word", true, "king", "a word to show, and the first of the pair"},
    {"--pair", true, "queen", "the second word of the pair"},
    {"--window", true, "5", "context words on each side"},
    {"--min-count", true, "5", "drop words seen fewer times"},
    {"--max-vocab", true, "20000", "keep at most this many words (0 = all)"},
    {"--queries", true, "200", "query words, evenly spread over the frequency ranks"},
    {"--json", false, "", "one JSON line on stdout"},
};

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Wall time, and processor time (std::clock), which a loaded shared machine inflates far less.
struct Timing {
  double mean_ms = 0;
  double max_ms = 0;
  double cpu_mean_ms = 0;
};

template <class Query>
Timing time_queries(const std::vector<std::int32_t>& words, Query&& query) {
  Timing t;
  for (const std::int32_t id : words) {
    const auto start = Clock::now();
    const std::clock_t cpu_start = std::clock();
    query(id);
    t.cpu_mean_ms += static_cast<double>(std::clock() - cpu_start) * 1000.0 / CLOCKS_PER_SEC;
    const double ms = seconds_since(start) * 1000.0;
    t.mean_ms += ms;
    t.max_ms = std::max(t.max_ms, ms);
  }
  if (!words.empty()) {
    t.mean_ms /= static_cast<double>(words.size());
    t.cpu_mean_ms /= static_cast<double>(words.size());
  }
  return t;
}

std::string timing_json(const Timing& t) {
  JsonObject o;
  o.field("mean_ms", t.mean_ms).field("max_ms", t.max_ms).field("cpu_mean_ms", t.cpu_mean_ms);
  return o.str();
}

std::string words_of(const Vocab& vocab, const std::vector<std::int32_t>& ids) {
  std::string out;
  for (const std::int32_t id : ids) out += (out.empty() ? "" : " ") + vocab.word(id);
  return out;
}

}  // namespace

int contexts_command(int argc, char** argv) {
  if (print_help_if_asked(argc, argv, "contexts", "--input FILE [--word king --pair queen] [--queries 200] [--json]",
                          kContextsFlags)) {
    return 0;
  }
  const Args args(kContextsFlags, argc, argv, 2);
  args.expect_positional(0, 0, "no positional arguments");
  const auto window = static_cast<std::size_t>(args.integer("--window", 1, 100));
  VocabOptions options;
  options.min_count = args.integer("--min-count", 1, 1LL << 40);
  options.max_vocab = static_cast<std::size_t>(args.integer("--max-vocab", 0, 1LL << 40));
  const auto queries = static_cast<std::size_t>(args.integer("--queries", 1, 1000000));

  auto start = Clock::now();
  std::clock_t cpu_start = std::clock();
  CorpusBuilder builder;
  builder.add_file(args.text("--input"));
  const Corpus corpus = builder.build(options);
  const double corpus_seconds = seconds_since(start);

  start = Clock::now();
  cpu_start = std::clock();
  const ContextIndex index(corpus, window);
  const double index_seconds = seconds_since(start);
  const double index_cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;

  const Vocab& vocab = corpus.vocab;
  auto resolve = [&](const std::string& word) {
    const std::int32_t id = vocab.find(lowercase(word));
    if (id < 0) throw Error("unknown word '" + word + "'");
    return id;
  };
  const std::int32_t a = resolve(args.text("--word"));
  const std::int32_t b = resolve(args.text("--pair"));
  std::vector<std::int32_t> words;
  const std::size_t n = std::min(queries, vocab.size());
  for (std::size_t i = 0; i < n; ++i) {
    words.push_back(static_cast<std::int32_t>(n > 1 ? i * (vocab.size() - 1) / (n - 1) : 0));
  }
  const Timing lines = time_queries(words, [&](std::int32_t id) { return index.lines(id, 0, 20, 4).size(); });
  const Timing contexts = time_queries(words, [&](std::int32_t id) { return index.contexts(id).size(); });
  const Timing sharing = time_queries(words, [&](std::int32_t id) { return index.sharing(id, 10).size(); });
  const Timing pair = time_queries(words, [&](std::int32_t id) { return index.pair(id, a, 10).shared.size(); });
  const Timing named = time_queries({a}, [&](std::int32_t id) { return index.sharing(id, 10).size(); });
  std::vector<std::int32_t> sharers;
  for (const SharingWord& s : index.sharing(a, 10)) sharers.push_back(s.id);
  const PairContexts compared = index.pair(a, b, 10);
  std::vector<std::int32_t> shared;
  for (const auto& e : compared.shared) shared.push_back(e.id);

  if (args.on("--json")) {
    JsonObject o;
    o.field("tokens", static_cast<std::size_t>(corpus.ids.size()))
        .field("vocab", vocab.size())
        .field("sentences", corpus.sentence_count())
        .field("window", window)
        .field("corpus_seconds", corpus_seconds)
        .field("index_seconds", index_seconds)
        .field("index_cpu_seconds", index_cpu_seconds)
        .field("index_bytes", index.memory_bytes())
        .field("queries", words.size())
        .raw("lines20", timing_json(lines))
        .raw("contexts", timing_json(contexts))
        .raw("sharing10", timing_json(sharing))
        .raw("pair10", timing_json(pair))
        .field("word", vocab.word(a))
        .field("sharing_ms", named.mean_ms)
        .field("sharing_words", words_of(vocab, sharers))
        .field("pair", vocab.word(b))
        .field("pair_overlap", compared.overlap)
        .field("pair_shared", words_of(vocab, shared));
    std::printf("%s\n", o.str().c_str());
    return 0;
  }
  std::printf("corpus: %zu words, %zu in the vocabulary, %zu sentences (read in %.2f s)\n", corpus.ids.size(),
              vocab.size(), corpus.sentence_count(), corpus_seconds);
  std::printf("index: window %zu, built in %.3f s (%.3f s of processor time), %.1f MB\n", window, index_seconds,
              index_cpu_seconds, static_cast<double>(index.memory_bytes()) / 1e6);
  std::printf("queries over %zu words (mean / max ms): lines %.3f / %.3f, contexts %.3f / %.3f, sharing %.3f / %.3f, pair %.3f / %.3f\n",
              words.size(), lines.mean_ms, lines.max_ms, contexts.mean_ms, contexts.max_ms, sharing.mean_ms,
              sharing.max_ms, pair.mean_ms, pair.max_ms);
  std::printf("%s shares contexts with: %s\n", vocab.word(a).c_str(), words_of(vocab, sharers).c_str());
  std::printf("%s and %s: %.0f%% of their contexts shared; most telling: %s\n", vocab.word(a).c_str(),
              vocab.word(b).c_str(), compared.overlap * 100, words_of(vocab, shared).c_str());
  return 0;
}

}  // namespace shelf::cli
