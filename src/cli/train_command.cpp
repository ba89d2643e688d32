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
#include "shelf/wire_names.h"

namespace shelf::cli {

namespace {

const std::vector<Flag> kTrainFlags = {
    {"--input", true, "", "corpus text file (UTF-8; a newline ends a sentence)"},
    {"--output", true, "", "vectors to write (.vec word2vec text, .bin binary, .tsv Projector)"},
    {"--model", true, "skipgram", "skipgram or cbow"},
    {"--dim", true, "100", "vector dimensions"},
    {"--window", true, "5", "largest context distance"},
    {"--negative", true, "5", "negative samples per positive pair"},
    {"--min-count", true, "5", "drop words seen fewer times"},
    {"--max-vocab", true, "0", "keep only the most frequent N words (0 = all)"},
    {"--sample", true, "1e-4", "subsampling threshold for frequent words (0 = off)"},
    {"--epochs", true, "5", "passes over the corpus"},
    {"--lr", true, "0.025", "starting learning rate (decays linearly to 0)"},
    {"--negatives-per", true, "window", "window: one draw of negatives per centre word, shared by its context (fast); pair: a draw per (context, centre) pair, as word2vec"},
    {"--threads", true, "1", "training threads (Hogwild!; 1 = deterministic)"},
    {"--seed", true, "1", "random seed"},
    {"--init-range", true, "1", "input vectors start uniform in ±init-range/dim (word2vec.c: 0.5)"},
    {"--json", false, "", "print one JSON line with the results on stdout"},
    {"--quiet", false, "", "no progress on stderr"},
};

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
  params.dim = static_cast<int>(args.integer("--dim", 1, 4096));
  params.window = static_cast<int>(args.integer("--window", 1, 100));
  params.negative = static_cast<int>(args.integer("--negative", 1, 100));
  params.sample = args.number("--sample", 0, 0.999);
  params.epochs = static_cast<int>(args.integer("--epochs", 1, 1000));
  params.learning_rate = static_cast<float>(args.number("--lr", 1e-9, 10));
  params.seed = static_cast<std::uint64_t>(args.integer("--seed", 0, 1LL << 62));
  params.init_range = static_cast<float>(args.number("--init-range", 1e-6, 100));
  const std::string negatives_per = args.text("--negatives-per");
  if (negatives_per != "window" && negatives_per != "pair") {
    throw UsageError("invalid value for --negatives-per: '" + negatives_per + "' (expected window or pair)");
  }
  params.shared_negatives = negatives_per == "window";
  const int threads = static_cast<int>(args.integer("--threads", 1, 256));
  VocabOptions vocab_options;
  vocab_options.min_count = args.integer("--min-count", 1, 1LL << 40);
  vocab_options.max_vocab = static_cast<std::size_t>(args.integer("--max-vocab", 0, 100000000));
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
