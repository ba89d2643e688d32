// `shelf categories`: how well k-means, run on a few labelled word lists alone, finds the lists
// again (adjusted Rand index and purity over several k-means seeds). The clustering is the
// engine's own (shelf/clustering.h); this file only reads the lists and reports.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "cli/json.h"
#include "shelf/clustering.h"
#include "shelf/error.h"
#include "shelf/io.h"
#include "shelf/tokenizer.h"
#include "shelf/vector_store.h"

namespace shelf::cli {

namespace {

const std::vector<Flag> kCategoryFlags = {
    {"--vectors", true, "", "word vectors"},
    {"--categories", true, "", "one category a line: \"name: word word ...\" (# starts a comment)"},
    {"-k", true, "0", "clusters (0: as many as categories)"},
    {"--seeds", true, "10", "k-means runs, with seeds 1, 2, ..."},
    {"--json", false, "", "JSON output"},
};

struct Category {
  std::string name;
  std::vector<std::string> words;
};

std::vector<Category> read_categories(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot open '" + path + "'");
  std::vector<Category> categories;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const auto hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto colon = line.find(':');
    if (colon == std::string::npos) {
      throw Error(path + ":" + std::to_string(number) + ": expected \"name: word word ...\"");
    }
    Category category;
    std::istringstream name(line.substr(0, colon));
    name >> category.name;
    std::istringstream words(line.substr(colon + 1));
    for (std::string word; words >> word;) category.words.push_back(lowercase(word));
    if (category.name.empty() || category.words.empty()) {
      throw Error(path + ":" + std::to_string(number) + ": a category needs a name and at least one word");
    }
    categories.push_back(std::move(category));
  }
  if (categories.size() < 2) throw Error(path + ": needs at least two categories");
  return categories;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

int categories_command(int argc, char** argv) {
  if (print_help_if_asked(argc, argv, "categories", "--vectors FILE --categories FILE [-k 0] [--seeds 10]",
                          kCategoryFlags)) {
    return 0;
  }
  const Args args(kCategoryFlags, argc, argv, 2);
  args.expect_positional(0, 0, "no positional words");
  const auto seeds = static_cast<int>(args.integer("--seeds", 1, 1000));
  const auto categories = read_categories(args.text("--categories"));
  const auto k = static_cast<std::size_t>(args.integer("-k", 0, 1000)) == 0
                     ? categories.size()
                     : static_cast<std::size_t>(args.integer("-k", 1, 1000));
  const VectorStore store(read_vectors(args.text("--vectors")));

  std::vector<std::int32_t> subset;
  std::vector<std::int32_t> classes;
  std::string missing;
  for (std::size_t c = 0; c < categories.size(); ++c) {
    for (const auto& word : categories[c].words) {
      const std::int32_t id = store.find(word);
      if (id < 0) {
        missing += (missing.empty() ? "" : ", ") + word;
        continue;
      }
      subset.push_back(id);
      classes.push_back(static_cast<std::int32_t>(c));
    }
  }
  if (!missing.empty()) throw Error("not in the vectors: " + missing);

  std::vector<double> aris;
  std::vector<double> purities;
  std::string runs = "[";
  for (int seed = 1; seed <= seeds; ++seed) {
    const Clustering result = kmeans(store.embeddings().vectors, subset, k, static_cast<std::uint64_t>(seed));
    aris.push_back(adjusted_rand_index(result.labels, classes));
    purities.push_back(purity(result.labels, classes));
    JsonObject run;
    run.field("seed", seed).field("ari", aris.back()).field("purity", purities.back());
    runs += (runs.size() > 1 ? "," : "") + run.str();
    if (!args.on("--json")) {
      std::printf("seed %-3d adjusted Rand index %.4f  purity %.4f\n", seed, aris.back(), purities.back());
    }
  }
  const double median_ari = median(aris);
  const double median_purity = median(purities);
  if (args.on("--json")) {
    JsonObject json;
    json.field("words", subset.size()).field("categories", categories.size()).field("k", k)
        .field("median_ari", median_ari).field("min_ari", *std::min_element(aris.begin(), aris.end()))
        .field("median_purity", median_purity).raw("runs", runs + "]");
    std::printf("%s\n", json.str().c_str());
  } else {
    std::printf("%zu words in %zu categories, k = %zu: median adjusted Rand index %.4f (min %.4f), "
                "median purity %.4f over %d seeds\n",
                subset.size(), categories.size(), k, median_ari, *std::min_element(aris.begin(), aris.end()),
                median_purity, seeds);
  }
  return 0;
}

}  // namespace shelf::cli
