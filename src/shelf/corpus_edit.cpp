#include "shelf/corpus_edit.h"

#include <algorithm>
#include <cctype>

#include "shelf/error.h"
#include "shelf/random.h"
#include "shelf/tokenizer.h"

namespace shelf {

namespace {

// A quick filter before tokenizing: ASCII case-insensitive substring search.
bool may_contain(std::string_view line, std::string_view word) {
  const auto same = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  };
  return std::search(line.begin(), line.end(), word.begin(), word.end(), same) != line.end();
}

std::string one_word(std::string_view given, const char* what) {
  const std::vector<std::string> tokens = tokenize(given);
  if (tokens.size() != 1) throw Error(std::string(what) + " must be one word, got '" + std::string(given) + "'");
  return tokens.front();
}

}  // namespace

EditedCorpus edit_corpus(std::string_view text, const CorpusEdit& edit) {
  EditedCorpus result;
  const bool removing = !edit.remove_a.empty() || !edit.remove_b.empty();
  std::string a;
  std::string b;
  if (removing) {
    a = one_word(edit.remove_a, "the first word to separate");
    b = one_word(edit.remove_b, "the second word to separate");
  }
  result.text.reserve(text.size() + edit.added.size() + 1);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    bool drop = false;
    if (removing && may_contain(line, a) && may_contain(line, b)) {
      const std::vector<std::string> tokens = tokenize(line);
      drop = std::find(tokens.begin(), tokens.end(), a) != tokens.end() &&
             std::find(tokens.begin(), tokens.end(), b) != tokens.end();
    }
    if (drop) {
      ++result.removed_lines;
    } else {
      result.text.append(line);
      result.text.push_back('\n');
    }
    start = end + 1;
  }
  std::size_t from = 0;
  while (from < edit.added.size()) {
    std::size_t end = edit.added.find('\n', from);
    if (end == std::string::npos) end = edit.added.size();
    const std::string_view line = std::string_view(edit.added).substr(from, end - from);
    if (!tokenize(line).empty()) {
      result.text.append(line);
      result.text.push_back('\n');
      ++result.added_lines;
    }
    from = end + 1;
  }
  return result;
}

Corpus build_shuffled_corpus(std::string_view text, const VocabOptions& options, std::uint64_t seed) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  Random random(seed);
  for (std::size_t i = lines.size(); i > 1; --i) {
    const std::size_t j = random.below(static_cast<std::uint32_t>(i));
    std::swap(lines[i - 1], lines[j]);
  }
  CorpusBuilder builder;
  for (const std::string_view line : lines) {
    builder.add_text(line);
    builder.add_text("\n");
  }
  return builder.build(options);
}

}  // namespace shelf
