// `shelf`: the engine on the command line, natively and as WebAssembly under Node.
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include "cli/args.h"
#include "cli/commands.h"
#include "shelf/error.h"
#include "shelf/kernels.h"

namespace {

constexpr const char* kUsage =
    "usage: shelf COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  train      learn word vectors from a text corpus (skip-gram or CBOW)\n"
    "  eval       analogy accuracy and word-similarity correlation of vectors\n"
    "  neighbors  nearest words of a word\n"
    "  analogy    A is to B as C is to ?\n"
    "  search     the chunks of a document nearest to a query\n"
    "  convert    between word2vec text/binary, GloVe and Projector TSV\n"
    "  bench-search  exact scan against the HNSW index: queries/s, recall, memory\n"
    "  categories  k-means on labelled word lists: adjusted Rand index over seeds\n"
    "  directions  words placed on two axes defined by word pairs (man:woman, ...)\n"
    "\n"
    "`shelf COMMAND --help` lists a command's options.\n";

int run(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string command = argv[1];
  using namespace shelf::cli;
  if (command == "train") return train_command(argc, argv);
  if (command == "eval") return eval_command(argc, argv);
  if (command == "neighbors" || command == "neighbours") return neighbors_command(argc, argv);
  if (command == "analogy") return analogy_command(argc, argv);
  if (command == "search") return search_command(argc, argv);
  if (command == "convert") return convert_command(argc, argv);
  if (command == "bench-search") return bench_search_command(argc, argv);
  if (command == "categories") return categories_command(argc, argv);
  if (command == "directions") return directions_command(argc, argv);
  if (command == "help" || command == "--help" || command == "-h") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (command == "version" || command == "--version") {
    std::printf("shelf 0.1.0 (kernels: %s)\n", shelf::kernels::instruction_set());
    return 0;
  }
  throw shelf::cli::UsageError("unknown command '" + command + "' (try `shelf help`)");
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const shelf::cli::UsageError& e) {
    std::fprintf(stderr, "shelf: %s\n", e.what());
    return 2;
  } catch (const shelf::Error& e) {
    std::fprintf(stderr, "shelf: %s\n", e.what());
    return 2;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "shelf: out of memory\n");
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "shelf: internal error: %s\n", e.what());
    return 1;
  }
}
