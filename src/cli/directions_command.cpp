// `shelf directions`: words placed on two axes, each defined by word pairs (shelf/directions.h).
#include <cstdio>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "cli/json.h"
#include "shelf/directions.h"
#include "shelf/io.h"
#include "shelf/vector_store.h"

namespace shelf::cli {

namespace {

const std::vector<Flag> kDirectionFlags = {
    {"--vectors", true, "", "word vectors"},
    {"--x", true, "", "the x axis: word pairs from:to, comma-separated (man:woman,boy:girl)"},
    {"--y", true, "", "the y axis, the same way (man:king,woman:queen)"},
    {"--json", false, "", "JSON output"},
};

std::vector<WordPair> parse_pairs(const std::string& flag, const std::string& text) {
  std::vector<WordPair> pairs;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const std::size_t colon = item.find(':');
    if (colon == std::string::npos || item.find(':', colon + 1) != std::string::npos) {
      throw UsageError("invalid value for " + flag + ": '" + item + "' (expected from:to pairs, comma-separated)");
    }
    pairs.push_back({item.substr(0, colon), item.substr(colon + 1)});
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return pairs;
}

std::string float_array(const std::vector<float>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%s%.6g", i ? "," : "", static_cast<double>(values[i]));
    out += buffer;
  }
  return out + "]";
}

std::string string_array(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + JsonObject::quote(values[i]);
  return out + "]";
}

}  // namespace

int directions_command(int argc, char** argv) {
  if (print_help_if_asked(argc, argv, "directions", "--vectors FILE --x a:b,c:d --y a:b,c:d WORD...",
                          kDirectionFlags)) {
    return 0;
  }
  const Args args(kDirectionFlags, argc, argv, 2);
  args.expect_positional(1, kMaxDirectionWords, "the words to place");
  const auto x = parse_pairs("--x", args.text("--x"));
  const auto y = parse_pairs("--y", args.text("--y"));
  const VectorStore store(read_vectors(args.text("--vectors")));
  const DirectionsPlot plot = plot_directions(store, x, y, args.positional());
  if (args.on("--json")) {
    JsonObject json;
    json.raw("words", string_array(plot.words)).raw("x", float_array(plot.x)).raw("y", float_array(plot.y))
        .raw("unknown", string_array(plot.unknown)).raw("x_agreement", float_array(plot.x_agreement))
        .raw("y_agreement", float_array(plot.y_agreement)).field("axes_cosine", static_cast<double>(plot.axes_cosine));
    std::printf("%s\n", json.str().c_str());
    return 0;
  }
  std::printf("%-20s %8s %8s\n", "word", "x", "y");
  for (std::size_t i = 0; i < plot.words.size(); ++i) {
    std::printf("%-20s %8.4f %8.4f\n", plot.words[i].c_str(), plot.x[i], plot.y[i]);
  }
  for (const auto& word : plot.unknown) std::printf("%-20s (not in the vectors)\n", word.c_str());
  std::printf("the axes' directions: cosine %.4f\n", static_cast<double>(plot.axes_cosine));
  return 0;
}

}  // namespace shelf::cli
