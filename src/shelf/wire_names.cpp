#include "shelf/wire_names.h"

#include <string>

#include "shelf/error.h"

namespace shelf {

namespace {

// One choice: its name (listed in messages), and other spellings accepted for it.
template <class Enum>
struct Named {
  Enum value;
  std::string_view name;
  std::string_view aliases[3] = {};  // unused ones stay empty
};

template <class Enum, std::size_t N>
using Names = Named<Enum>[N];

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// "unknown model 'x' (expected skipgram or cbow)"; `more` is appended inside the brackets.
template <class Enum, std::size_t N>
[[noreturn]] void refuse(const Names<Enum, N>& names, std::string_view name, const char* what,
                         const std::string& more = {}) {
  std::string expected;
  std::size_t i = 0;
  for (const auto& entry : names) {
    if (i++) expected += i == N ? " or " : ", ";
    expected += entry.name;
  }
  throw Error("unknown " + std::string(what) + " '" + std::string(name) + "' (expected " + expected + more + ")");
}

template <class Enum>
bool matches(const Named<Enum>& entry, std::string_view name) {
  if (same_ignoring_case(name, entry.name)) return true;
  for (const auto alias : entry.aliases) {
    if (!alias.empty() && same_ignoring_case(name, alias)) return true;
  }
  return false;
}

template <class Enum, std::size_t N>
Enum parse(const Names<Enum, N>& names, std::string_view name, const char* what) {
  for (const auto& entry : names) {
    if (matches(entry, name)) return entry.value;
  }
  refuse(names, name, what);
}

template <class Enum, std::size_t N>
const char* name_of(const Names<Enum, N>& names, Enum value) noexcept {
  for (const auto& entry : names) {
    if (entry.value == value) return entry.name.data();
  }
  return "unknown";
}

}  // namespace

using Method = VectorStore::AnalogyMethod;

// Each table lists the choices in the order messages name them; a table's const gives it
// internal linkage.

const Named<Model> kModels[] = {{Model::SkipGram, "skipgram", {"sg"}}, {Model::Cbow, "cbow", {}}};
Model model_from_name(std::string_view name) { return parse(kModels, name, "model"); }
const char* model_name(Model model) noexcept { return name_of(kModels, model); }

const Named<Format> kFormats[] = {
    {Format::Auto, "auto", {}},
    {Format::Word2VecText, "word2vec", {"word2vec-text", "vec", "text"}},
    {Format::Word2VecBinary, "word2vec-binary", {"bin", "binary"}},
    {Format::GloveText, "glove", {"glove-text"}},
    {Format::ProjectorTsv, "projector", {"projector-tsv", "tsv"}},
    {Format::Int8Compact, "shelf-int8", {"int8", "q8"}},
};

Format format_from_name(std::string_view name) {
  for (const auto& entry : kFormats) {
    if (matches(entry, name)) return entry.value;
  }
  std::string aliases;
  for (const auto& entry : kFormats) {
    for (const auto alias : entry.aliases) {
      if (!alias.empty()) aliases += (aliases.empty() ? "" : ", ") + std::string(alias);
    }
  }
  refuse(kFormats, name, "format", "; also " + aliases);
}

const char* format_name(Format format) noexcept {
  switch (format) {
    case Format::Auto:
      return "auto";
    case Format::Word2VecText:
      return "word2vec-text";
    case Format::Word2VecBinary:
      return "word2vec-binary";
    case Format::GloveText:
      return "glove-text";
    case Format::ProjectorTsv:
      return "projector-tsv";
    case Format::Int8Compact:
      return "shelf-int8";
  }
  return "unknown";
}

const Named<Pooling> kPoolings[] = {{Pooling::Mean, "mean", {}}, {Pooling::Sif, "sif", {}}};
Pooling pooling_from_name(std::string_view name) { return parse(kPoolings, name, "pooling"); }
const char* pooling_name(Pooling pooling) noexcept { return name_of(kPoolings, pooling); }

const Named<Method> kMethods[] = {{Method::Add, "add", {}}, {Method::Mul, "mul", {}}};
Method analogy_method_from_name(std::string_view name) { return parse(kMethods, name, "analogy method"); }
const char* analogy_method_name(Method method) noexcept { return name_of(kMethods, method); }

const Named<IndexKind> kIndexKinds[] = {{IndexKind::Hnsw, "hnsw", {}}, {IndexKind::ExactScan, "exact", {}}};
IndexKind index_kind_from_name(std::string_view name) { return parse(kIndexKinds, name, "index kind"); }
const char* index_kind_name(IndexKind kind) noexcept { return name_of(kIndexKinds, kind); }

const Named<Quantization> kQuantizations[] = {{Quantization::None, "none", {}}, {Quantization::Int8, "int8", {}}};
Quantization quantization_from_name(std::string_view name) { return parse(kQuantizations, name, "quantisation"); }
const char* quantization_name(Quantization quantization) noexcept { return name_of(kQuantizations, quantization); }

}  // namespace shelf
