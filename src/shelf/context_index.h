// Where each word occurs in a corpus, and the contexts around it: the keyword-in-context lines,
// the words seen near it (within the training window, inside one sentence, as the trainer sees
// them), the words whose contexts overlap its own, and two words' contexts side by side.
//
// Built once (one counting pass and one filling pass over the corpus: positions grouped by word
// id), after which a word's contexts cost one visit to each of its occurrences. The corpus must
// outlive the index.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "shelf/corpus.h"

namespace shelf {

// One occurrence of a word with the words before and after it in its sentence.
struct ContextLine {
  std::size_t sentence = 0;
  std::size_t position = 0;           // index into Corpus::ids
  std::vector<std::int32_t> left;     // nearest last; at most window + extra words
  std::vector<std::int32_t> right;    // nearest first
};

// A word seen near another, `count` times within the window.
struct ContextCount {
  std::int32_t id = -1;
  std::int64_t count = 0;
  double share = 0;                   // count / all the word's context slots
  double pmi = 0;                     // log(P(c | w) / P(c)); > 0: more often than chance
};

// A word whose contexts overlap the query word's.
struct SharingWord {
  std::int32_t id = -1;
  double overlap = 0;                 // in [0, 1]: see ContextIndex::sharing
  std::size_t shared = 0;             // how many of the query's telling contexts it also has
};

// Two words' telling contexts: those both have, and those only one has.
struct PairContexts {
  struct Entry {
    std::int32_t id = -1;
    std::int64_t count_a = 0;
    std::int64_t count_b = 0;
  };
  std::vector<Entry> shared;          // most telling for both first
  std::vector<Entry> only_a;
  std::vector<Entry> only_b;
  double overlap = 0;                 // share of a's and b's context slots on contexts both have
  std::size_t distinct_a = 0;         // how many different context words each has
  std::size_t distinct_b = 0;
};

class ContextIndex {
 public:
  static constexpr std::size_t kSampledOccurrences = 5000;
  // `window`: how far on each side a context reaches (the trainer's largest window).
  ContextIndex(const Corpus& corpus, std::size_t window);

  std::size_t window() const noexcept { return window_; }
  std::size_t occurrences(std::int32_t id) const;
  // Occurrences [offset, offset + limit) of `id` in corpus order, `extra` words beyond the window.
  std::vector<ContextLine> lines(std::int32_t id, std::size_t offset, std::size_t limit, std::size_t extra) const;
  // Every word seen within the window of `id`, most often first (ties: lower id first).
  std::vector<ContextCount> contexts(std::int32_t id) const;
  // The `k` words whose contexts overlap those of `id` most. The query's telling contexts are its
  // `top` contexts by count x PMI (frequent and specific; "the" and "of" drop out); a word's
  // overlap is the sum over those contexts of min(share for id, share for the word), divided by
  // id's share on them: the part of id's telling contexts the other word has as well. Words seen
  // fewer than `min_count` times are left out (one occurrence matches anything by chance). A
  // context seen more than kSampledOccurrences times is read from an even sample of them.
  std::vector<SharingWord> sharing(std::int32_t id, std::size_t k, std::size_t top = 50, std::int64_t min_count = 10) const;
  // The contexts of a and b, each list cut at `k`, ranked by count x PMI.
  PairContexts pair(std::int32_t a, std::int32_t b, std::size_t k) const;
  // The index's own memory (positions and tables; the corpus not included).
  std::size_t memory_bytes() const noexcept;

 private:
  // Counts of the words within the window of every occurrence of `id`, into `counts` (vocabulary
  // sized, zero on entry); the ids touched go to `touched`.
  // With `most` > 0 only about `most` occurrences, evenly spaced, are visited (the counts are then
  // a sample, to be scaled by the returned stride).
  std::size_t count_contexts(std::int32_t id, std::vector<std::int64_t>& counts, std::vector<std::int32_t>& touched,
                             std::size_t most = 0) const;
  double pmi(std::int32_t word, std::int32_t context, std::int64_t count) const;
  std::size_t sentence_of(std::size_t position) const;

  const Corpus& corpus_;
  std::size_t window_;
  std::vector<std::uint32_t> starts_;     // word id -> first slot in positions_ (vocab + 1)
  std::vector<std::uint32_t> positions_;  // positions in Corpus::ids, grouped by word, ascending
  std::vector<std::int64_t> slots_;       // word id -> context slots over all its occurrences
  double total_slots_ = 0;
};

}  // namespace shelf
