// Commands that ask questions of trained vectors: neighbours, analogies, document search.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "cli/json.h"
#include "shelf/documents.h"
#include "shelf/error.h"
#include "shelf/io.h"
#include "shelf/tokenizer.h"
#include "shelf/vector_store.h"
#include "shelf/wire_names.h"

namespace shelf::cli {

namespace {

std::string neighbors_json(const VectorStore& store, const std::vector<Neighbor>& found) {
  std::string out = "[";
  for (const auto& n : found) {
    JsonObject item;
    item.field("word", store.word(n.id)).field("score", static_cast<double>(n.score));
    out += (out.size() > 1 ? "," : "") + item.str();
  }
  return out + "]";
}

void print_neighbors(const VectorStore& store, const std::vector<Neighbor>& found) {
  for (const auto& n : found) std::printf("%-24s %.4f\n", store.word(n.id).c_str(), n.score);
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::vector<Flag> kNeighborFlags = {
    {"--vectors", true, "", "word vectors"},
    {"-k", true, "10", "how many neighbours"},
    {"--json", false, "", "JSON output"},
};

const std::vector<Flag> kAnalogyFlags = {
    {"--vectors", true, "", "word vectors"},
    {"-k", true, "5", "how many answers"},
    {"--method", true, "add", "add (3CosAdd) or mul (3CosMul)"},
    {"--answer", true, "", "also report the rank of this word, with and without the inputs excluded"},
    {"--json", false, "", "JSON output"},
};

const std::vector<Flag> kSearchFlags = {
    {"--vectors", true, "", "word vectors"},
    {"--docs", true, "", "text to search, split into chunks (paragraphs, then sentences)"},
    {"-k", true, "5", "how many chunks"},
    {"--pooling", true, "mean", "mean or sif (smooth inverse frequency weights, common component removed)"},
    {"--max-tokens", true, "120", "largest chunk, in tokens"},
    {"--prompt", false, "", "print the retrieval-augmented prompt too"},
    {"--json", false, "", "JSON output"},
};

}  // namespace

int neighbors_command(int argc, char** argv) {
  if (print_help_if_asked(argc, argv, "neighbors", "--vectors FILE WORD [-k 10]", kNeighborFlags)) return 0;
  const Args args(kNeighborFlags, argc, argv, 2);
  args.expect_positional(1, 1, "one WORD");
  const auto k = static_cast<std::size_t>(args.integer("-k", 1, 100000));
  const VectorStore store(read_vectors(args.text("--vectors")));
  const std::string word = lowercase(args.positional()[0]);
  const auto found = store.nearest(word, k);
  if (args.on("--json")) {
    std::printf("%s\n", JsonObject().field("word", word).raw("neighbors", neighbors_json(store, found)).str().c_str());
  } else {
    print_neighbors(store, found);
  }
  return 0;
}

int analogy_command(int argc, char** argv) {
  if (print_help_if_asked(argc, argv, "analogy", "--vectors FILE A B C   (A is to B as C is to ?)", kAnalogyFlags)) {
    return 0;
  }
  const Args args(kAnalogyFlags, argc, argv, 2);
  args.expect_positional(3, 3, "three words A B C");
  const auto k = static_cast<std::size_t>(args.integer("-k", 1, 100000));
  const auto method = choice(args, "--method", analogy_method_from_name);
  const VectorStore store(read_vectors(args.text("--vectors")));
  const std::string a = lowercase(args.positional()[0]);
  const std::string b = lowercase(args.positional()[1]);
  const std::string c = lowercase(args.positional()[2]);
  const auto found = store.analogy(a, b, c, k, method);
  JsonObject json;
  json.field("a", a).field("b", b).field("c", c).field("method", analogy_method_name(method));
  json.raw("answers", neighbors_json(store, found));
  if (args.has("--answer")) {
    const std::string answer = lowercase(args.text("--answer"));
    store.id_of(answer);  // unknown answer words are an error, not rank 0
    const auto excluded = store.analogy_rank(a, b, c, answer, method, true);
    const auto included = store.analogy_rank(a, b, c, answer, method, false);
    json.field("answer", answer).field("rank", excluded).field("rank_with_inputs", included);
    if (!args.on("--json")) {
      std::printf("rank of '%s': %zu (inputs excluded), %zu (inputs included)\n", answer.c_str(), excluded, included);
    }
  }
  if (args.on("--json")) {
    std::printf("%s\n", json.str().c_str());
  } else {
    print_neighbors(store, found);
  }
  return 0;
}

int search_command(int argc, char** argv) {
  if (print_help_if_asked(argc, argv, "search", "--vectors FILE --docs FILE [-k 5] \"query\"", kSearchFlags)) return 0;
  const Args args(kSearchFlags, argc, argv, 2);
  args.expect_positional(1, 1, "one quoted QUERY");
  const auto k = static_cast<std::size_t>(args.integer("-k", 1, 100000));
  const auto max_tokens = static_cast<std::size_t>(args.integer("--max-tokens", 1, 100000));
  const Pooling pooling = choice(args, "--pooling", pooling_from_name);
  const Embeddings words = read_vectors(args.text("--vectors"));
  const std::string docs = read_text_file(args.text("--docs"));
  const DocumentEmbedder embedder(words);
  // SIF as the page's lesson computes it (Arora et al.): the weights, then the common direction removed.
  const DocumentIndex index(embedder, docs, pooling, max_tokens, pooling == Pooling::Sif);
  const std::string& query = args.positional()[0];
  const auto hits = index.search(query, k);

  std::vector<std::string> retrieved;
  std::string hits_json = "[";
  for (const auto& hit : hits) {
    const auto& chunk = index.chunks()[hit.chunk];
    retrieved.push_back(chunk.text);
    std::string matched = "[";
    for (const auto& w : hit.matched_words) matched += (matched.size() > 1 ? "," : "") + JsonObject::quote(w);
    JsonObject item;
    item.field("chunk", hit.chunk).field("score", static_cast<double>(hit.score)).field("text", chunk.text)
        .field("begin", chunk.begin).field("end", chunk.end).raw("matched", matched + "]");
    hits_json += (hits_json.size() > 1 ? "," : "") + item.str();
    if (!args.on("--json")) std::printf("[%.4f] %s\n\n", hit.score, chunk.text.c_str());
  }
  const std::string prompt = build_prompt(retrieved, query);
  if (args.on("--json")) {
    JsonObject json;
    json.field("query", query).field("chunks", index.chunks().size()).raw("hits", hits_json + "]");
    if (args.on("--prompt")) json.field("prompt", prompt);
    std::printf("%s\n", json.str().c_str());
  } else if (args.on("--prompt")) {
    std::printf("--- prompt ---\n%s\n", prompt.c_str());
  }
  return 0;
}

}  // namespace shelf::cli
