#include "shelf/memory_estimate.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "shelf/corpus.h"

namespace {

using shelf::CorpusPlan;
using shelf::MemoryBudget;
using shelf::MemoryEstimate;

// Zipf-like text: word i drawn with weight 1/(i+1), a line every ~12 words.
std::string zipf_text(std::size_t bytes, unsigned seed, std::size_t vocabulary = 20000) {
  std::mt19937 rng(seed);
  std::vector<double> weights(vocabulary);
  for (std::size_t i = 0; i < vocabulary; ++i) weights[i] = 1.0 / static_cast<double>(i + 1);
  std::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());
  std::string text;
  text.reserve(bytes + 64);
  std::size_t on_line = 0;
  while (text.size() < bytes) {
    text += "w" + std::to_string(pick(rng));
    text += ++on_line % 12 == 0 ? '\n' : ' ';
  }
  return text;
}

std::size_t true_tokens(const std::string& text) {
  shelf::CorpusBuilder builder;
  builder.add_text(text);
  return builder.raw_words();
}

}  // namespace

TEST_CASE("a corpus estimate scales its sample: tokens close, memory above what the tokenizer holds") {
  const std::string text = zipf_text(4'000'000, 1);
  const std::string_view sample = std::string_view(text).substr(0, 1'000'000);
  CorpusPlan plan;
  plan.dim = 50;
  plan.min_count = 1;
  const MemoryEstimate e = shelf::estimate_corpus_memory(text.size(), sample, plan);
  const double tokens = static_cast<double>(true_tokens(text));
  CHECK(static_cast<double>(e.tokens) > 0.95 * tokens);
  CHECK(static_cast<double>(e.tokens) < 1.05 * tokens);

  shelf::CorpusBuilder builder;
  builder.add_text(text);
  const std::size_t held = builder.memory_bytes();
  const shelf::Corpus corpus = builder.build({1, 0});
  // Heaps' law from a quarter of the text: the right order of magnitude.
  CHECK(e.words > corpus.vocab.size() / 2);
  CHECK(e.words < corpus.vocab.size() * 2);
  CHECK(e.loading_bytes > held + text.size());
  CHECK(e.loading_bytes < 10 * (held + text.size()));
  CHECK(e.model_bytes >= e.kept_words * plan.dim * 4 * 4);
  CHECK(e.total_bytes == std::max(e.loading_bytes, e.model_bytes));
}

TEST_CASE("the vocabulary cap and min count bound the matrices; a larger dim needs more") {
  const std::string text = zipf_text(500'000, 2);
  CorpusPlan plan;
  plan.min_count = 1;
  plan.dim = 100;
  const MemoryEstimate open = shelf::estimate_corpus_memory(text.size(), text, plan);
  plan.max_vocab = 100;
  const MemoryEstimate capped = shelf::estimate_corpus_memory(text.size(), text, plan);
  CHECK(capped.kept_words == 100);
  CHECK(capped.model_bytes < open.model_bytes);
  // The tokenizer still sees every word: reading shrinks less than the model.
  CHECK(open.loading_bytes - capped.loading_bytes < open.model_bytes - capped.model_bytes);
  plan.max_vocab = 0;
  plan.min_count = 1000000;
  CHECK(shelf::estimate_corpus_memory(text.size(), text, plan).kept_words == 0);
  plan.min_count = 1;
  plan.dim = 300;
  CHECK(shelf::estimate_corpus_memory(text.size(), text, plan).model_bytes > open.model_bytes);
}

TEST_CASE("an empty or wordless sample still gives an estimate from the size") {
  const MemoryEstimate none = shelf::estimate_corpus_memory(1'000'000, "", {});
  CHECK(none.tokens > 0);
  CHECK(none.total_bytes >= 2'000'000);
  const MemoryEstimate punctuation = shelf::estimate_corpus_memory(1'000'000, "... !!! ???\n", {});
  CHECK(punctuation.total_bytes >= 2'000'000);
  CHECK(shelf::estimate_corpus_memory(0, "", {}).total_bytes == 0);
}

TEST_CASE("a corpus larger than the wasm32 limit is refused with the sizes and two ways out") {
  // The real limit and a 5 GB text (its size only: the estimate reads a sample).
  const std::string sample = zipf_text(1'000'000, 3);
  const std::uint64_t size = 5'000'000'000ull;
  CorpusPlan plan;
  plan.dim = 50;
  const MemoryBudget budget{shelf::kWasm32MaxMemory, 30'000'000};
  const MemoryEstimate e = shelf::estimate_corpus_memory(size, sample, plan);
  CHECK(e.total_bytes > shelf::kWasm32MaxMemory);
  const shelf::MemoryAdvice advice = shelf::advise_memory(e, budget, "big.txt", sample, plan);
  REQUIRE_FALSE(advice.fits);
  CHECK(advice.limit == shelf::kWasm32MaxMemory);
  CHECK(advice.available == shelf::kWasm32MaxMemory - 30'000'000);
  CHECK(advice.message.find("big.txt (5.0 GB of text") == 0);
  CHECK(advice.message.find("4.3 GB") != std::string::npos);  // the limit
  CHECK(advice.message.find("Nothing was loaded") != std::string::npos);
  // Reading 5 GB cannot fit whatever the vocabulary: the way out is a sample, the largest that fits.
  CHECK(advice.max_words == 0);
  REQUIRE(advice.sample_bytes > 0);
  CHECK(advice.sample_bytes < size);
  CHECK(advice.message.find("train on the first " + shelf::format_bytes(advice.sample_bytes)) != std::string::npos);
  CHECK(shelf::estimate_corpus_memory(advice.sample_bytes, sample, plan).total_bytes <= advice.available);
  CHECK(shelf::estimate_corpus_memory(advice.sample_bytes + 1'000'000, sample, plan).total_bytes > advice.available);
  CHECK_THROWS_AS(shelf::require_memory(e, budget, "big.txt", sample, plan), shelf::MemoryLimitError);
}

TEST_CASE("when only the matrices are too big, a vocabulary cap is offered") {
  const std::string sample = zipf_text(1'000'000, 4, 200000);
  CorpusPlan plan;
  plan.dim = 300;
  plan.min_count = 1;
  const MemoryEstimate e = shelf::estimate_corpus_memory(sample.size(), sample, plan);
  // A budget between the reading and the model's needs.
  const MemoryBudget budget{e.loading_bytes + (e.model_bytes - e.loading_bytes) / 4, 0};
  REQUIRE(e.model_bytes > e.loading_bytes);
  const shelf::MemoryAdvice advice = shelf::advise_memory(e, budget, "wide", sample, plan);
  REQUIRE_FALSE(advice.fits);
  REQUIRE(advice.max_words > 0);
  CHECK(advice.max_words < e.kept_words);
  CHECK(advice.message.find("cap the vocabulary at") != std::string::npos);
  plan.max_vocab = static_cast<std::size_t>(advice.max_words);
  CHECK(shelf::estimate_corpus_memory(sample.size(), sample, plan).total_bytes <= budget.available());
}

TEST_CASE("what fits passes silently") {
  const std::string text = zipf_text(100'000, 5);
  const MemoryEstimate e = shelf::estimate_corpus_memory(text.size(), text, {});
  const shelf::MemoryAdvice advice = shelf::advise_memory(e, {}, "small.txt", text);
  CHECK(advice.fits);
  CHECK(advice.message.empty());
  CHECK_NOTHROW(shelf::require_memory(e, {}, "small.txt", text));
  CHECK(MemoryBudget{100, 200}.available() == 0);
}

TEST_CASE("vectors: rows and dim from a word2vec header, refused above the limit with a row cap") {
  // word2vec binary's header and the start of its first row: 3 million words x 300 dimensions.
  std::string head = "3000000 300\nthe ";
  head.append(300 * 4, '\0');
  const std::uint64_t size = 3'000'000ull * (300 * 4 + 6);
  const MemoryEstimate e = shelf::estimate_vectors_memory(size, head);
  CHECK(e.words == 3'000'000);
  CHECK(e.dim == 300);
  CHECK(e.model_bytes >= 2ull * 3'000'000 * 300 * 4);
  const MemoryBudget budget{shelf::kWasm32MaxMemory, 0};
  const shelf::MemoryAdvice advice = shelf::advise_memory(e, budget, "GoogleNews.bin");
  REQUIRE_FALSE(advice.fits);
  CHECK(advice.message.find("3,000,000 words x 300 dimensions") != std::string::npos);
  REQUIRE(advice.max_words > 0);
  CHECK(advice.max_words < 3'000'000);
  CHECK(advice.message.find("load only its first") != std::string::npos);
  // The offered share of the rows fits.
  const double share = static_cast<double>(advice.max_words) / 3e6;
  CHECK(share * static_cast<double>(e.total_bytes) <= static_cast<double>(budget.available()));
}

TEST_CASE("vectors without a header: rows from the line length (GloVe, Projector TSV)") {
  std::string glove;
  for (int i = 0; i < 1000; ++i) glove += "word" + std::to_string(i) + " 0.125 -0.5 0.25\n";
  const MemoryEstimate e = shelf::estimate_vectors_memory(glove.size(), std::string_view(glove).substr(0, 4000));
  CHECK(e.dim == 3);
  CHECK(e.words > 900);
  CHECK(e.words < 1100);
  std::string tsv;
  for (int i = 0; i < 500; ++i) tsv += "0.125\t-0.5\t0.25\t1\n";
  const MemoryEstimate p = shelf::estimate_vectors_memory(tsv.size(), tsv, shelf::Format::ProjectorTsv);
  CHECK(p.dim == 4);
  CHECK(p.words == 500);
  // Not a vectors file: bounded by its size.
  const MemoryEstimate junk = shelf::estimate_vectors_memory(1000, "");
  CHECK(junk.total_bytes >= 1000 + 2 * 500 * 4);
}

TEST_CASE("sizes read as people read them") {
  CHECK(shelf::format_bytes(999) == "999 bytes");
  CHECK(shelf::format_bytes(1500) == "2 KB");
  CHECK(shelf::format_bytes(820'000'000) == "820 MB");
  CHECK(shelf::format_bytes(shelf::kWasm32MaxMemory) == "4.3 GB");
}

TEST_CASE("training on a loaded corpus: four matrices; too wide offers fewer dimensions or words") {
  const MemoryEstimate e = shelf::estimate_training_memory(1'000'000, 300);
  CHECK(e.total_bytes >= 4ull * 1'000'000 * 300 * 4);
  const MemoryBudget budget{shelf::kWasm32MaxMemory, 500'000'000};
  const shelf::MemoryAdvice advice = shelf::advise_memory(e, budget, "");
  REQUIRE_FALSE(advice.fits);
  CHECK(advice.message.find("training 1,000,000 words with 300 dimensions") == 0);
  CHECK(advice.message.find("train with at most ") != std::string::npos);
  CHECK(advice.max_words > 0);
  CHECK(shelf::estimate_training_memory(advice.max_words, 300).total_bytes <= budget.available());
  CHECK(shelf::advise_memory(shelf::estimate_training_memory(20'000, 100), budget, "").fits);
}

namespace {

// Every size a message names ("4.3 GB", "30 MB", "4.26 GB"), in order.
std::vector<std::string> sizes_in(const std::string& message) {
  std::vector<std::string> sizes;
  const std::regex size(R"([\d.]+ (GB|MB|KB))");
  for (auto it = std::sregex_iterator(message.begin(), message.end(), size); it != std::sregex_iterator(); ++it) {
    sizes.push_back(it->str());
  }
  return sizes;
}

bool all_different(std::vector<std::string> sizes) {
  std::sort(sizes.begin(), sizes.end());
  return std::adjacent_find(sizes.begin(), sizes.end()) == sizes.end();
}

}  // namespace

TEST_CASE("a refusal says each size once: the need, the limit, what is in use, and what is free when that reads apart") {
  const MemoryEstimate wide = shelf::estimate_training_memory(1'000'000, 1200);  // about 19 GB

  // A few megabytes in use leave "4.3 GB" of a "4.3 GB" limit: the free room is not said again.
  const shelf::MemoryAdvice few = shelf::advise_memory(wide, {shelf::kWasm32MaxMemory, 30'000'000}, "");
  REQUIRE_FALSE(few.fits);
  CHECK(few.message.find("its limit is 4.3 GB, and 30 MB of it is already in use") != std::string::npos);
  CHECK(few.message.find("free") == std::string::npos);
  CHECK(sizes_in(few.message).size() == 3);  // needed, limit, in use
  CHECK(all_different(sizes_in(few.message)));

  // With much in use, what is left is said too.
  const shelf::MemoryAdvice half = shelf::advise_memory(wide, {shelf::kWasm32MaxMemory, 2'000'000'000}, "");
  CHECK(half.message.find("its limit is 4.3 GB, and 2.0 GB of it is already in use (2.3 GB free)") != std::string::npos);
  CHECK(all_different(sizes_in(half.message)));

  // A need just under the limit (4.26 GB) would read "4.3 GB" like the limit: both get a decimal more.
  const MemoryEstimate close = shelf::estimate_training_memory(2'465'000, 100);
  REQUIRE(shelf::format_bytes(close.total_bytes) == shelf::format_bytes(shelf::kWasm32MaxMemory));
  const shelf::MemoryAdvice near = shelf::advise_memory(close, {shelf::kWasm32MaxMemory, 100'000'000}, "");
  REQUIRE_FALSE(near.fits);
  CHECK(near.message.find("needs about 4.26 GB of memory") != std::string::npos);
  CHECK(near.message.find("its limit is 4.29 GB") != std::string::npos);
  CHECK(sizes_in(near.message).size() == 4);
  CHECK(all_different(sizes_in(near.message)));
}
