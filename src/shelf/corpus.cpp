#include "shelf/corpus.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "shelf/error.h"
#include "shelf/training_limits.h"

namespace shelf {

struct CorpusBuilder::Sink {
  CorpusBuilder& builder;
  void token(std::string_view word) {
    auto [it, inserted] = builder.provisional_ids_.try_emplace(
        std::string(word), static_cast<std::int32_t>(builder.words_.size()));
    if (inserted) {
      builder.words_.emplace_back(word);
      builder.counts_.push_back(0);
    }
    ++builder.counts_[static_cast<std::size_t>(it->second)];
    builder.tokens_.push_back(it->second);
  }
  void sentence_end() { builder.sentence_ends_.push_back(builder.tokens_.size()); }
};

void CorpusBuilder::add_text(std::string_view text) {
  Sink sink{*this};
  tokenizer_.feed(text, sink);
}

void CorpusBuilder::add_file(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) throw Error("cannot open corpus '" + path + "': " + std::strerror(errno));
  std::vector<char> block(1 << 20);
  std::size_t got = 0;
  while ((got = std::fread(block.data(), 1, block.size(), file)) > 0) {
    add_text(std::string_view(block.data(), got));
  }
  const bool failed = std::ferror(file);
  std::fclose(file);
  if (failed) throw Error("cannot read corpus '" + path + "'");
}

std::size_t CorpusBuilder::memory_bytes() const noexcept {
  std::size_t bytes = tokens_.capacity() * sizeof(std::int32_t) +
                      sentence_ends_.capacity() * sizeof(std::size_t) +
                      counts_.capacity() * sizeof(std::int64_t);
  for (const auto& w : words_) bytes += sizeof(std::string) + w.capacity() + 32;  // + hash node
  return bytes;
}

Corpus CorpusBuilder::build(const VocabOptions& options) {
  check_setting(kVocabLimits.min_count, static_cast<double>(options.min_count), "min count");
  check_setting(kVocabLimits.max_vocab, static_cast<double>(options.max_vocab), "max vocab");
  if (!finished_) {
    Sink sink{*this};
    tokenizer_.finish(sink);
    finished_ = true;
  }
  Corpus corpus;
  corpus.raw_words = tokens_.size();
  std::vector<std::int32_t> new_ids;
  corpus.vocab = Vocab::from_counts(words_, counts_, options, &new_ids);
  if (corpus.vocab.empty()) {
    throw Error(tokens_.empty() ? "the corpus has no words"
                                : "no word of the corpus occurs at least " +
                                      std::to_string(options.min_count) +
                                      " times; lower the minimum count");
  }

  corpus.ids.reserve(tokens_.size());
  corpus.sentence_starts.push_back(0);
  std::size_t begin = 0;
  for (const std::size_t end : sentence_ends_) {
    std::size_t in_sentence = 0;
    for (std::size_t t = begin; t < end; ++t) {
      const std::int32_t id = new_ids[static_cast<std::size_t>(tokens_[t])];
      if (id < 0) continue;
      if (in_sentence == kMaxSentenceWords) {
        corpus.sentence_starts.push_back(corpus.ids.size());
        in_sentence = 0;
      }
      corpus.ids.push_back(id);
      ++in_sentence;
    }
    if (in_sentence > 0) corpus.sentence_starts.push_back(corpus.ids.size());
    begin = end;
  }
  corpus.ids.shrink_to_fit();
  return corpus;
}

Corpus build_corpus(std::string_view text, const VocabOptions& options) {
  CorpusBuilder builder;
  builder.add_text(text);
  return builder.build(options);
}

}  // namespace shelf
