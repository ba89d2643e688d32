// How much memory a corpus or a vectors file will take once loaded, estimated from its size and
// its first bytes before anything big is allocated, and what to offer when it will not fit. The
// browser's engine is a wasm32 module: it can never hold more than 4 GiB, and running out
// mid-load kills the tab's engine. Refusing early, with a way out, is the point.
//
// The estimate is deliberately simple and errs on the high side:
// - corpus: the text twice (the JS string is copied into the heap through a staging buffer),
//   tokens measured on the sample and scaled to the whole size, distinct words by Heaps' law
//   (V = V_sample * (N / N_sample)^beta, beta fitted on the two halves of the sample), the
//   tokenizer's per-token and per-word tables alongside the finished corpus, then the trainer's two
//   matrices and the query store's two copies (vectors and unit vectors) of the kept words;
// - vectors: the file's bytes, the matrix, the unit matrix and the words, rows and dim read from
//   the header (word2vec) or the first row and the average line length (GloVe, Projector TSV).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "shelf/error.h"
#include "shelf/io.h"

namespace shelf {

// The most a wasm32 module can address: 65,536 pages of 64 KiB.
constexpr std::uint64_t kWasm32MaxMemory = std::uint64_t{4} << 30;

// Loading would need more memory than the engine may use. The message says how much, the limit,
// and what can be done.
class MemoryLimitError : public Error {
 public:
  using Error::Error;
};

// How a corpus will be read and trained.
struct CorpusPlan {
  std::int64_t min_count = 5;
  std::size_t max_vocab = 0;   // 0 = no cap
  std::size_t dim = 100;       // of the training matrices
};

struct MemoryEstimate {
  enum class Kind { Corpus, Vectors, Training } kind = Kind::Corpus;
  std::uint64_t input_bytes = 0;   // the text or the file
  std::uint64_t tokens = 0;        // corpus: every token of the text
  std::uint64_t words = 0;         // corpus: distinct words; vectors: rows
  std::uint64_t kept_words = 0;    // rows of the matrices (corpus: after min_count and max_vocab)
  std::size_t dim = 0;
  std::uint64_t loading_bytes = 0; // the peak while reading (input, tokenizer tables, corpus)
  std::uint64_t model_bytes = 0;   // what stays for training and questions
  std::uint64_t total_bytes = 0;   // the larger of the two phases' peaks
};

// `sample` is the start of the text (a megabyte is plenty); `text_bytes` its whole size in UTF-8.
MemoryEstimate estimate_corpus_memory(std::uint64_t text_bytes, std::string_view sample, const CorpusPlan& plan);
// `head` is the start of the file (64 KiB is plenty). Format::Auto sniffs it as the readers do;
// a head that is not a vectors file gives rows from its size alone (one float per 2 bytes).
MemoryEstimate estimate_vectors_memory(std::uint64_t file_bytes, std::string_view head, Format format = Format::Auto);

// A trainer on an already loaded corpus of `vocab` words: its two matrices, its tables and the
// query store's two copies (what configure allocates, the corpus being there already).
MemoryEstimate estimate_training_memory(std::uint64_t vocab, std::size_t dim);

// What the engine may still allocate: its limit less what is in use now.
struct MemoryBudget {
  std::uint64_t limit = kWasm32MaxMemory;
  std::uint64_t in_use = 0;
  std::uint64_t available() const noexcept { return in_use < limit ? limit - in_use : 0; }
};

// The verdict, and the ways out when it does not fit.
struct MemoryAdvice {
  bool fits = true;
  std::uint64_t needed = 0;
  std::uint64_t available = 0;
  std::uint64_t limit = 0;
  // A vocabulary cap (corpus: max_vocab; vectors: the first N rows) that would fit; 0 = none would.
  std::uint64_t max_words = 0;
  // Corpus: the first this many bytes of the text would train within the budget; 0 = none would.
  std::uint64_t sample_bytes = 0;
  std::string message;  // empty when it fits
};

// `name` names the input in the message; `plan` is the corpus plan (ignored for vectors).
MemoryAdvice advise_memory(const MemoryEstimate& estimate, const MemoryBudget& budget, std::string_view name,
                           std::string_view sample = {}, const CorpusPlan& plan = {});

// Throws MemoryLimitError with advice.message when it does not fit.
void require_memory(const MemoryEstimate& estimate, const MemoryBudget& budget, std::string_view name,
                    std::string_view sample = {}, const CorpusPlan& plan = {});

// The limit a host asks for (`setMemoryLimit`): at least one byte, never above `maximum`, the
// most the build allows.
std::uint64_t clamp_memory_limit(std::uint64_t requested, std::uint64_t maximum) noexcept;
// What an engine that ran out of memory mid-request says: its limit, what is in use, what to try.
std::string out_of_memory_message(const MemoryBudget& budget);

// "1.5 GB", "820 MB", "12 KB" (decimal units, as file managers show sizes).
std::string format_bytes(std::uint64_t bytes);

}  // namespace shelf
