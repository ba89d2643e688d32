#include <cstdio>
#include <ctime>
#include <string>
#include <unistd.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "cli/json.h"
#include "shelf/corpus.h"
#include "shelf/io.h"
#include "shelf/trainer.h"
#include "shelf/training_limits.h"
#include "shelf/wire_names.h"

namespace shelf::cli {

namespace {

// Defaults and ranges are the engine's (TrainingParams{} and its table in shelf/training_params.h,
// VocabOptions{} and kVocabLimits in shelf/training_limits.h), not retyped here; the page's
// declaration (wasm/training-settings.js) names the same flags and is tested against
// `shelf train --help`.
const TrainingParams kDefaults{};
const VocabOptions kVocabDefaults{};

std::string ranged(const std::string& help, const SettingLimit& limit) { return help + " " + interval(limit); }

// The fixed flags, then one per numeric training setting (training_params.cpp), then the rest.
std::vector<Flag> train_flags() {
  std::vector<Flag> flags = {
      {"--input", true, "", "corpus text file (UTF-8; a newline ends a sentence)"},
      {"--output", true, "", "vectors to write (.vec word2vec text, .bin binary, .tsv Projector)"},
      {"--model", true, kDefaults.model == Model::SkipGram ? "skipgram" : "cbow", "skipgram or cbow"},
  };
  for (const TrainingSetting& setting : training_settings()) {
    flags.push_back({setting.flag, true, setting_text(setting.get(kDefaults)), ranged(setting.help, setting.limit)});
  }
  const std::vector<Flag> rest = {
      {"--min-count", true, setting_text(static_cast<double>(kVocabDefaults.min_count)),
       ranged("drop words seen fewer times", kVocabLimits.min_count)},
      {"--max-vocab", true, setting_text(static_cast<double>(kVocabDefaults.max_vocab)),
       ranged("keep only the most frequent N words (0 = all)", kVocabLimits.max_vocab)},
      {"--negatives-per", true, kDefaults.shared_negatives ? "window" : "pair",
       "window: one draw of negatives per centre word, shared by its context (fast); pair: a draw per (context, centre) pair, as word2vec"},
      {"--threads", true, "1", "training threads (Hogwild!; 1 = deterministic)"},
      {"--json", false, "", "print one JSON line with the results on stdout"},
      {"--quiet", false, "", "no progress on stderr"},
  };
  flags.insert(flags.end(), rest.begin(), rest.end());
  return flags;
}
const std::vector<Flag> kTrainFlags = train_flags();

// A flag's value within the engine's limits (a usage error outside them).
long long whole_in(const Args& args, const std::string& name, const SettingLimit& limit) {
  return args.integer(name, static_cast<long long>(limit.min), static_cast<long long>(limit.max));
}
double number_in(const Args& args, const std::string& name, const SettingLimit& limit) {
  const double value = args.number(name, limit.min, limit.max);
  if (!limit.contains(value)) {
    throw UsageError("invalid value for " + name + ": " + args.text(name) + " (expected a number " + describe(limit) + ")");
  }
  return value;
}

class ProgressPrinter {
 public:
  explicit ProgressPrinter(bool quiet) : quiet_(quiet), interactive_(isatty(2)) {}
  void operator()(const TrainingProgress& p) {
    if (quiet_) return;
    const int percent = static_cast<int>(p.fraction() * 100);
    if (!interactive_ && percent < next_percent_ && !p.finished) return;
    next_percent_ = percent + 10;
    std::fprintf(stderr, "%sprogress %5.1f%%  epoch %d/%d  words/s %9.0f  lr %.6f  loss %.4f%s",
                 interactive_ ? "\r" : "", p.fraction() * 100, p.epoch + 1, p.epochs, p.words_per_second,
                 p.learning_rate, p.loss, interactive_ ? "" : "\n");
    if (interactive_ && p.finished) std::fputc('\n', stderr);
  }

 private:
  bool quiet_;
  bool interactive_;
  int next_percent_ = 0;
};

}  // namespace

int train_command(int argc, char** argv) {
  if (print_help_if_asked(argc, argv, "train", "--input CORPUS --output VECTORS [options]", kTrainFlags)) return 0;
  const Args args(kTrainFlags, argc, argv, 2);
  args.expect_positional(0, 0, "no positional arguments");

  TrainingParams params;
  params.model = choice(args, "--model", model_from_name);
  for (const TrainingSetting& setting : training_settings()) {
    setting.set(params, setting.whole ? static_cast<double>(whole_in(args, setting.flag, setting.limit))
                                      : number_in(args, setting.flag, setting.limit));
  }
  const std::string negatives_per = args.text("--negatives-per");
  if (negatives_per != "window" && negatives_per != "pair") {
    throw UsageError("invalid value for --negatives-per: '" + negatives_per + "' (expected window or pair)");
  }
  params.shared_negatives = negatives_per == "window";
  const int threads = static_cast<int>(args.integer("--threads", 1, 256));
  VocabOptions vocab_options;
  vocab_options.min_count = whole_in(args, "--min-count", kVocabLimits.min_count);
  vocab_options.max_vocab = static_cast<std::size_t>(whole_in(args, "--max-vocab", kVocabLimits.max_vocab));
  const std::string input = args.text("--input");
  const std::string output = args.text("--output");
  const bool quiet = args.on("--quiet");
  // Refuse an unwritable output before spending minutes training.
  const Format output_format = format_from_path(output);

  CorpusBuilder builder;
  builder.add_file(input);
  const Corpus corpus = builder.build(vocab_options);
  if (!quiet) {
    std::fprintf(stderr, "read %llu words, %zu distinct kept (min count %lld), %zu sentences\n",
                 static_cast<unsigned long long>(corpus.raw_words), corpus.vocab.size(),
                 static_cast<long long>(vocab_options.min_count), corpus.sentence_count());
  }

  Trainer trainer(corpus, params);
  ProgressPrinter printer(quiet);
  // Processor time of all threads: on a shared machine, words per processor-second tells how
  // well the threads scale even when the wall clock cannot (another job held a core).
  const std::clock_t processor_start = std::clock();
  const TrainingProgress done = trainer.train_parallel(threads, std::ref(printer), 0.5);
  const double cpu_seconds = static_cast<double>(std::clock() - processor_start) / CLOCKS_PER_SEC;
  write_vectors(trainer.embeddings(), output, output_format);

  const double raw_words = static_cast<double>(corpus.raw_words) * params.epochs;
  const double words_per_second = done.seconds > 0 ? raw_words / done.seconds : 0.0;
  if (!quiet) std::fprintf(stderr, "wrote %zu vectors to %s\n", corpus.vocab.size(), output.c_str());
  if (args.on("--json")) {
    JsonObject json;
    json.field("tokens", static_cast<unsigned long long>(corpus.raw_words))
        .field("vocab", corpus.vocab.size())
        .field("sentences", corpus.sentence_count())
        .field("seconds", done.seconds)
        .field("words_per_second", words_per_second)
        .field("cpu_seconds", cpu_seconds)
        .field("loss", done.average_loss)
        .field("final_loss", done.loss)
        .field("threads", threads)
        .field("negatives_per", negatives_per)
        .field("model", model_name(params.model))
        .field("dim", params.dim)
        .field("epochs", params.epochs)
        .field("output", output);
    std::printf("%s\n", json.str().c_str());
  }
  return 0;
}

}  // namespace shelf::cli
