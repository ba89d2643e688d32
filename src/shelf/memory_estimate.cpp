#include "shelf/memory_estimate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "shelf/corpus.h"
#include "shelf/io_internal.h"

namespace shelf {
namespace {

// A std::string, its share of a hash table node and bucket, and a count: per distinct word
// while the tokenizer reads (CorpusBuilder), and again per kept word in the vocabulary.
constexpr std::uint64_t kBytesPerWordEntry = 96;
// The tokenizer's token list grows by doubling: while it moves, old and new live together.
constexpr double kGrowthSlack = 2.0;
// Heaps' exponent when the sample is too small to fit one.
constexpr double kDefaultHeapsBeta = 0.7;
// With no sample to measure, assume a token every 5 bytes (English text with its spaces).
constexpr double kDefaultTokensPerByte = 0.2;
// The trainer's sampling tables per kept word (alias table, keep probabilities, counts).
constexpr std::uint64_t kTrainerBytesPerWord = 32;

struct SampleCounts {
  std::uint64_t bytes = 0;
  std::uint64_t tokens = 0;
  std::uint64_t distinct = 0;
  std::uint64_t sentences = 0;
};

SampleCounts count_sample(std::string_view sample) {
  SampleCounts counts;
  counts.bytes = sample.size();
  if (sample.empty()) return counts;
  CorpusBuilder builder;
  builder.add_text(sample);
  counts.tokens = builder.raw_words();
  if (counts.tokens == 0) return counts;
  VocabOptions all;
  all.min_count = 1;
  const Corpus corpus = builder.build(all);
  counts.distinct = corpus.vocab.size();
  counts.sentences = corpus.sentence_count();
  return counts;
}

// The last newline at or before `size`, so that a cut sample does not end mid-word.
std::string_view whole_lines(std::string_view text, std::size_t size) {
  const std::size_t end = text.rfind('\n', size == 0 ? 0 : size - 1);
  return end == std::string_view::npos ? text.substr(0, size) : text.substr(0, end + 1);
}

double fitted_heaps_beta(std::string_view sample, const SampleCounts& whole) {
  if (whole.tokens < 2000) return kDefaultHeapsBeta;
  const SampleCounts half = count_sample(whole_lines(sample, sample.size() / 2));
  if (half.tokens == 0 || half.distinct == 0 || half.tokens >= whole.tokens) return kDefaultHeapsBeta;
  const double beta = std::log(static_cast<double>(whole.distinct) / static_cast<double>(half.distinct)) /
                      std::log(static_cast<double>(whole.tokens) / static_cast<double>(half.tokens));
  // A sample of one repeated line would say 0; a list of unique words would say 1.
  return std::clamp(std::isfinite(beta) ? beta : kDefaultHeapsBeta, 0.4, 1.0);
}

std::uint64_t scaled(double value) { return value <= 0 ? 0 : static_cast<std::uint64_t>(std::ceil(value)); }

std::uint64_t matrices_bytes(std::uint64_t rows, std::size_t dim, int copies) {
  return rows * dim * sizeof(float) * static_cast<std::uint64_t>(copies);
}

}  // namespace

MemoryEstimate estimate_corpus_memory(std::uint64_t text_bytes, std::string_view sample, const CorpusPlan& plan) {
  if (sample.size() > text_bytes) sample = sample.substr(0, static_cast<std::size_t>(text_bytes));
  const SampleCounts counts = count_sample(sample);
  MemoryEstimate e;
  e.kind = MemoryEstimate::Kind::Corpus;
  e.input_bytes = text_bytes;
  e.dim = plan.dim;

  const double ratio = counts.bytes ? static_cast<double>(text_bytes) / static_cast<double>(counts.bytes) : 0;
  const bool measured = counts.tokens > 0;
  e.tokens = measured ? scaled(static_cast<double>(counts.tokens) * ratio)
                      : scaled(static_cast<double>(text_bytes) * kDefaultTokensPerByte);
  if (measured) {
    const double beta = fitted_heaps_beta(sample, counts);
    e.words = scaled(static_cast<double>(counts.distinct) * std::pow(std::max(ratio, 1.0), beta));
  } else {
    e.words = scaled(std::sqrt(static_cast<double>(e.tokens)) * 30);
  }
  e.words = std::min(e.words, e.tokens);
  const std::uint64_t sentences =
      e.tokens == 0 ? 0
                    : std::max(measured ? scaled(static_cast<double>(counts.sentences) * ratio) : 0,
                               e.tokens / kMaxSentenceWords + 1);

  std::uint64_t kept = e.words;
  if (plan.min_count > 1) kept = std::min<std::uint64_t>(kept, e.tokens / static_cast<std::uint64_t>(plan.min_count));
  if (plan.max_vocab > 0) kept = std::min<std::uint64_t>(kept, plan.max_vocab);
  e.kept_words = kept;

  // Reading: the text (copied into the heap through a staging buffer: twice), the tokenizer's
  // provisional ids and word table, and the finished corpus beside them.
  const std::uint64_t corpus_bytes = e.tokens * sizeof(std::int32_t) + sentences * sizeof(std::size_t) +
                                     kept * kBytesPerWordEntry;
  const std::uint64_t builder_bytes = scaled(static_cast<double>(e.tokens * sizeof(std::int32_t)) * kGrowthSlack) +
                                      sentences * sizeof(std::size_t) + e.words * kBytesPerWordEntry;
  e.loading_bytes = 2 * text_bytes + builder_bytes + corpus_bytes;
  // Training and questions: the corpus, the trainer's input and output matrices, its tables, and
  // the store questions are answered from (the vectors and their unit copies).
  e.model_bytes = corpus_bytes + matrices_bytes(kept, plan.dim, 4) + kept * (kTrainerBytesPerWord + kBytesPerWordEntry);
  e.total_bytes = std::max(e.loading_bytes, e.model_bytes);
  return e;
}

MemoryEstimate estimate_training_memory(std::uint64_t vocab, std::size_t dim) {
  MemoryEstimate e;
  e.kind = MemoryEstimate::Kind::Training;
  e.words = vocab;
  e.kept_words = vocab;
  e.dim = dim;
  e.model_bytes = matrices_bytes(vocab, dim, 4) + vocab * (kTrainerBytesPerWord + kBytesPerWordEntry);
  e.total_bytes = e.model_bytes;
  return e;
}

MemoryEstimate estimate_vectors_memory(std::uint64_t file_bytes, std::string_view head, Format format) {
  using namespace io_detail;
  MemoryEstimate e;
  e.kind = MemoryEstimate::Kind::Vectors;
  e.input_bytes = file_bytes;
  head = strip_byte_order_mark(head);
  const std::size_t newline = head.find('\n');
  std::string_view first = trim_trailing_blanks(head.substr(0, newline));
  if (!first.empty() && first.back() == '\r') first.remove_suffix(1);

  Header header;
  // shelf-int8 (io_compact.cpp) names the same two numbers after its magic word.
  if (is_int8_compact_header(first)) first = first.substr(first.find(' ') + 1);
  const bool has_header = format != Format::GloveText && format != Format::ProjectorTsv &&
                          first.find('\t') == std::string_view::npos && split_header(first, header);
  std::uint64_t word_bytes = 8;
  if (has_header) {
    e.words = header.count;
    e.dim = static_cast<std::size_t>(std::min<std::uint64_t>(header.dim, kMaxDim));
  } else if (!first.empty() && newline != std::string_view::npos) {
    const auto fields = split_blanks(first);
    const bool projector = format == Format::ProjectorTsv || (format == Format::Auto && all_numeric(fields));
    e.dim = projector ? fields.size() : (fields.size() > 1 ? fields.size() - 1 : 0);
    if (!projector && !fields.empty()) word_bytes = fields.front().size();
    // Rows from the average length of the whole lines in the head.
    const std::size_t last = head.rfind('\n');
    const std::string_view lines = head.substr(0, last + 1);
    const auto line_count = static_cast<std::uint64_t>(std::count(lines.begin(), lines.end(), '\n'));
    e.words = scaled(static_cast<double>(file_bytes) * static_cast<double>(line_count) / static_cast<double>(lines.size()));
  }
  if (e.dim == 0) {
    // Not a vectors file we can read the shape of: bound it by its size (a value takes at least
    // two bytes of text, "0 ").
    e.words = 1;
    e.dim = static_cast<std::size_t>(std::max<std::uint64_t>(1, file_bytes / 2));
  }
  e.kept_words = e.words;
  e.tokens = 0;
  // The file's bytes in the heap, the matrix being read, the words; then the store's unit copy
  // and its word index while the file's bytes are still held.
  const std::uint64_t words_bytes = e.words * (word_bytes + 2 * kBytesPerWordEntry);
  e.model_bytes = matrices_bytes(e.words, e.dim, 2) + words_bytes;
  e.loading_bytes = file_bytes + e.model_bytes;
  e.total_bytes = e.loading_bytes;
  return e;
}

namespace {

// `extra` more decimals than people usually read, for sizes that would otherwise read the same.
std::string format_bytes_with(std::uint64_t bytes, int extra) {
  char text[40];
  const double b = static_cast<double>(bytes);
  const double scale = std::pow(10.0, extra);
  if (b >= 1e9) {
    std::snprintf(text, sizeof text, "%.*f GB", 1 + extra, b / 1e9);
  } else if (b >= 1e6) {
    std::snprintf(text, sizeof text, "%.*f MB", extra, std::ceil(b / 1e6 * scale) / scale);
  } else if (b >= 1e3) {
    std::snprintf(text, sizeof text, "%.*f KB", extra, std::ceil(b / 1e3 * scale) / scale);
  } else {
    std::snprintf(text, sizeof text, "%llu bytes", static_cast<unsigned long long>(bytes));
  }
  return text;
}

}  // namespace

std::string format_bytes(std::uint64_t bytes) { return format_bytes_with(bytes, 0); }

namespace {

std::string with_commas(std::uint64_t n) {
  std::string digits = std::to_string(n);
  for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return digits;
}

// The largest x in [0, high] with fits(x), for a monotone predicate; 0 when none (or only 0).
template <class Fits>
std::uint64_t largest_fitting(std::uint64_t high, Fits fits) {
  std::uint64_t low = 0;
  while (low < high) {
    const std::uint64_t mid = low + (high - low + 1) / 2;
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

// The sizes a refusal names, each readable apart from the others: two different sizes that would
// read the same ("4.3 GB" needed of a "4.3 GB" limit) are both shown with more decimals.
struct SizeTexts {
  std::string needed, limit, in_use, free;  // in_use, free: empty when not worth saying
};

SizeTexts size_texts(const MemoryAdvice& advice) {
  const std::uint64_t in_use = advice.limit > advice.available ? advice.limit - advice.available : 0;
  const bool say_free = in_use > 0 && format_bytes(advice.available) != format_bytes(advice.limit);
  std::vector<std::uint64_t> values{advice.needed, advice.limit, in_use, advice.available};
  const std::vector<bool> said{true, true, in_use > 0, say_free};
  std::vector<int> extra(values.size(), 0);
  const auto text = [&](std::size_t i) { return format_bytes_with(values[i], extra[i]); };
  for (bool clash = true; clash;) {
    clash = false;
    for (std::size_t i = 0; i < values.size(); ++i) {
      for (std::size_t j = i + 1; j < values.size(); ++j) {
        if (!said[i] || !said[j] || values[i] == values[j] || text(i) != text(j)) continue;
        if (extra[i] >= 3 && extra[j] >= 3) continue;
        extra[i] = std::min(extra[i] + 1, 3);
        extra[j] = std::min(extra[j] + 1, 3);
        clash = true;
      }
    }
  }
  SizeTexts texts;
  texts.needed = text(0);
  texts.limit = text(1);
  if (said[2]) texts.in_use = text(2);
  if (said[3]) texts.free = text(3);
  return texts;
}

}  // namespace

MemoryAdvice advise_memory(const MemoryEstimate& estimate, const MemoryBudget& budget, std::string_view name,
                           std::string_view sample, const CorpusPlan& plan) {
  MemoryAdvice advice;
  advice.needed = estimate.total_bytes;
  advice.available = budget.available();
  advice.limit = budget.limit;
  advice.fits = advice.needed <= advice.available;
  if (advice.fits) return advice;

  const std::uint64_t available = advice.available;
  const SizeTexts sizes = size_texts(advice);
  std::string what;
  std::string ways;
  if (estimate.kind == MemoryEstimate::Kind::Training) {
    // Fewer dimensions, or (on the next reading of the corpus) fewer words.
    const std::uint64_t per_dim = estimate.words * 4 * sizeof(float);
    const std::uint64_t fixed = estimate.total_bytes - per_dim * estimate.dim;
    const std::uint64_t dims = available > fixed && per_dim ? (available - fixed) / per_dim : 0;
    const std::uint64_t per_word = estimate.words ? estimate.total_bytes / estimate.words + 1 : 0;
    advice.max_words = per_word ? available / per_word : 0;
    what = "training " + with_commas(estimate.words) + " words with " + std::to_string(estimate.dim) +
           " dimensions needs about " + sizes.needed + " of memory";
    if (dims > 0) ways = "train with at most " + std::to_string(dims) + " dimensions";
    if (advice.max_words > 0) {
      if (!ways.empty()) ways += ", or ";
      ways += "cap the vocabulary at " + with_commas(advice.max_words) + " words (max vocabulary)";
    }
    if (ways.empty()) ways = "use a smaller text";
  } else if (estimate.kind == MemoryEstimate::Kind::Corpus) {
    // A vocabulary cap shrinks the matrices, not the reading.
    if (estimate.loading_bytes <= available) {
      advice.max_words = largest_fitting(estimate.kept_words, [&](std::uint64_t words) {
        CorpusPlan capped = plan;
        capped.max_vocab = static_cast<std::size_t>(words);
        return estimate_corpus_memory(estimate.input_bytes, sample, capped).total_bytes <= available;
      });
    }
    // Whole megabytes of the start of the text, under the same plan.
    const std::uint64_t megabytes = largest_fitting(estimate.input_bytes / 1000000, [&](std::uint64_t mb) {
      return estimate_corpus_memory(mb * 1000000, sample, plan).total_bytes <= available;
    });
    advice.sample_bytes = megabytes * 1000000;
    what = std::string(name) + " (" + format_bytes(estimate.input_bytes) + " of text, about " +
           with_commas(estimate.tokens) + " words) needs about " + sizes.needed +
           " of memory to train with " + std::to_string(estimate.dim) + " dimensions";
    if (advice.max_words > 0) {
      ways += "cap the vocabulary at " + with_commas(advice.max_words) + " words (max vocabulary)";
    }
    if (advice.sample_bytes > 0) {
      if (!ways.empty()) ways += ", or ";
      ways += "train on the first " + format_bytes(advice.sample_bytes) + " of the text";
    }
    if (ways.empty()) ways = "use a smaller text";
  } else {
    // Each row costs its share of the file and of the model.
    const double per_row = estimate.words
        ? static_cast<double>(estimate.input_bytes + estimate.model_bytes) / static_cast<double>(estimate.words)
        : 0;
    advice.max_words = largest_fitting(estimate.words, [&](std::uint64_t rows) {
      return static_cast<double>(rows) * per_row <= static_cast<double>(available);
    });
    what = std::string(name) + " (" + format_bytes(estimate.input_bytes) + ", " + with_commas(estimate.words) +
           " words x " + std::to_string(estimate.dim) + " dimensions) needs about " +
           sizes.needed + " of memory";
    ways = advice.max_words > 0 ? "load only its first " + with_commas(advice.max_words) + " words"
                                : "use a smaller file";
  }
  // Each size once: the need, the limit, what is already in use, and what is left when that
  // reads differently from the limit (a few megabytes in use leave "4.3 GB" of "4.3 GB").
  std::string room = "its limit is " + sizes.limit;
  if (!sizes.in_use.empty()) room += ", and " + sizes.in_use + " of it is already in use";
  if (!sizes.free.empty()) room += " (" + sizes.free + " free)";
  advice.message = what + ", more than the engine can hold: " + room + ". Nothing was loaded. You can " + ways + ".";
  return advice;
}

void require_memory(const MemoryEstimate& estimate, const MemoryBudget& budget, std::string_view name,
                    std::string_view sample, const CorpusPlan& plan) {
  const MemoryAdvice advice = advise_memory(estimate, budget, name, sample, plan);
  if (!advice.fits) throw MemoryLimitError(advice.message);
}

std::uint64_t clamp_memory_limit(std::uint64_t requested, std::uint64_t maximum) noexcept {
  return std::min<std::uint64_t>(std::max<std::uint64_t>(requested, 1), maximum);
}

std::string out_of_memory_message(const MemoryBudget& budget) {
  return "the engine ran out of memory (it can use at most " + format_bytes(budget.limit) + ", and " +
         format_bytes(budget.in_use) +
         " is in use now). Try a smaller vocabulary (max vocabulary), fewer dimensions, or a part of the text.";
}

}  // namespace shelf
