// Fuzzes a corpus text as the playground loads it: Session::load_corpus, then a few words of
// training when a vocabulary came out. The first byte sets min_count (1-4) and max_vocab (0-3).
// The corpus the builder makes must be consistent, and training on whatever it is (one word,
// one sentence of one word) must not fail.
#include "fuzz_support.h"
#include "shelf/corpus.h"
#include "shelf/session.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelf;
  if (size == 0) return 0;
  VocabOptions options;
  options.min_count = data[0] % 4 + 1;
  options.max_vocab = (data[0] >> 2) % 4;
  const std::string_view text = fuzz::as_text(data + 1, size - 1);

  std::optional<Corpus> corpus;
  try {
    CorpusBuilder builder;
    builder.add_text(text.substr(0, text.size() / 2));
    builder.add_text(text.substr(text.size() / 2));
    corpus = builder.build(options);
  } catch (const Error& error) {
    fuzz::check(std::string(error.what()).size() > 10, "a refusal without a reason");
    return 0;
  }
  const std::size_t vocab = corpus->vocab.size();
  fuzz::check(vocab > 0, "an empty vocabulary was accepted");
  fuzz::check(options.max_vocab == 0 || vocab <= options.max_vocab, "max_vocab not kept");
  for (const std::int32_t id : corpus->ids) {
    fuzz::check(id >= 0 && static_cast<std::size_t>(id) < vocab, "id outside the vocabulary");
  }
  fuzz::check(!corpus->sentence_starts.empty() && corpus->sentence_starts.front() == 0 &&
                  corpus->sentence_starts.back() == corpus->ids.size(),
              "sentence starts do not span the ids");
  for (std::size_t s = 0; s < corpus->sentence_count(); ++s) {
    const std::size_t length = corpus->sentence_starts[s + 1] - corpus->sentence_starts[s];
    fuzz::check(length > 0 && length <= kMaxSentenceWords, "empty or overlong sentence");
  }
  fuzz::check(corpus->raw_words >= corpus->ids.size(), "more ids than raw words");

  Session session;
  session.load_corpus(text, options.min_count, options.max_vocab);
  TrainingParams params;
  params.dim = 4;
  params.window = 2;
  params.negative = 2;
  params.epochs = 1;
  session.configure(params);
  const TrainingProgress progress = session.step(64);
  fuzz::check(std::isfinite(progress.loss), "training gave a non-finite loss");
  const WordList words = session.vocabulary(1);
  const Similarity self = session.similarity(words.words.at(0), words.words.at(0));
  fuzz::check(std::isfinite(self.cosine), "a word's similarity to itself is not finite");
  return 0;
}
