#include <cstdio>
#include <string>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "cli/json.h"
#include "shelf/evaluation.h"
#include "shelf/io.h"
#include "shelf/vector_store.h"

namespace shelf::cli {

namespace {
const std::vector<Flag> kEvalFlags = {
    {"--vectors", true, "", "word vectors (word2vec text/binary, GloVe; sniffed)"},
    {"--analogies", true, "", "Google-format analogy file (': section' headers, 'a b c d' lines)"},
    {"--similarity", true, "", "word-pair file: word1, word2, human score (tab or space separated)"},
    {"--restrict", true, "30000", "analogies use only the N most frequent words, as gensim does"},
    {"--case-sensitive", false, "", "compare words exactly (default: lowercase the test words)"},
    {"--json", false, "", "print one JSON line with the results on stdout"},
};
}  // namespace

int eval_command(int argc, char** argv) {
  if (print_help_if_asked(argc, argv, "eval", "--vectors FILE [--analogies FILE] [--similarity FILE]", kEvalFlags)) {
    return 0;
  }
  const Args args(kEvalFlags, argc, argv, 2);
  args.expect_positional(0, 0, "no positional arguments");
  if (!args.has("--analogies") && !args.has("--similarity")) {
    throw UsageError("give --analogies FILE, --similarity FILE or both");
  }
  const auto restrict_vocab = static_cast<std::size_t>(args.integer("--restrict", 0, 1LL << 40));
  const bool case_insensitive = !args.on("--case-sensitive");
  const VectorStore store(read_vectors(args.text("--vectors")));

  JsonObject json;
  json.field("vocab", store.size()).field("dim", store.dim());
  if (args.has("--analogies")) {
    const auto result = evaluate_analogies(store, args.text("--analogies"), restrict_vocab, case_insensitive);
    json.field("analogy_accuracy", result.accuracy)
        .field("analogy_correct", result.correct)
        .field("analogy_seen", result.seen)
        .field("analogy_skipped", result.skipped);
    std::string sections = "[";
    for (const auto& s : result.sections) {
      JsonObject section;
      section.field("name", s.name)
          .field("correct", s.correct)
          .field("seen", s.seen)
          .field("skipped", s.skipped)
          .field("accuracy", s.seen ? double(s.correct) / double(s.seen) : 0.0);
      sections += (sections.size() > 1 ? "," : "") + section.str();
      if (!args.on("--json")) {
        std::printf("%-28s %6.2f%%  (%zu/%zu, %zu skipped)\n", s.name.c_str(),
                    s.seen ? 100.0 * double(s.correct) / double(s.seen) : 0.0, s.correct, s.seen, s.skipped);
      }
    }
    json.raw("sections", sections + "]");
    if (!args.on("--json")) {
      std::printf("analogy accuracy %.4f (%zu/%zu correct, %zu skipped)\n", result.accuracy, result.correct,
                  result.seen, result.skipped);
    }
  }
  if (args.has("--similarity")) {
    const auto result = evaluate_similarity(store, args.text("--similarity"), case_insensitive);
    json.field("spearman", result.spearman)
        .field("pearson", result.pearson)
        .field("similarity_pairs", result.pairs)
        .field("similarity_skipped", result.skipped);
    if (!args.on("--json")) {
      std::printf("similarity spearman %.4f  pearson %.4f  (%zu pairs, %zu skipped)\n", result.spearman,
                  result.pearson, result.pairs, result.skipped);
    }
  }
  if (args.on("--json")) std::printf("%s\n", json.str().c_str());
  return 0;
}

}  // namespace shelf::cli
