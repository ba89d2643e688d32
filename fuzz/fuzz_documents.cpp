// Fuzzes document chunking and search: the first byte sets max_tokens (1-16) and pooling, the rest
// is the text, also used as the query. Chunks are ordered, disjoint slices of the text.
#include <cmath>

#include "fuzz_support.h"
#include "shelf/documents.h"
#include "shelf/tokenizer.h"

namespace {

const shelf::DocumentEmbedder& tiny_embedder() {
  static const shelf::Embeddings words = [] {
    shelf::Embeddings e;
    e.words = {"the", "a", "cat", "dog", "sea", "ship", "zero"};
    const float rows[7][3] = {{1, 1, 1}, {1, 0, 1}, {3, 0, 0}, {2, 1, 0}, {0, 0, 3}, {0, 1, 2}, {0, 0, 0}};
    for (const auto& row : rows) e.vectors.push_row(row, 3);
    return e;
  }();
  static const shelf::DocumentEmbedder embedder(words);
  return embedder;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelf;
  if (size == 0) return 0;
  const std::size_t max_tokens = data[0] % 16 + 1;
  const Pooling pooling = data[0] & 0x10 ? Pooling::Sif : Pooling::Mean;
  const std::string_view text = fuzz::as_text(data + 1, size - 1);

  const std::vector<Chunk> chunks = split_into_chunks(text, max_tokens);
  std::size_t previous_end = 0;
  for (const Chunk& chunk : chunks) {
    fuzz::check(chunk.begin >= previous_end && chunk.begin < chunk.end && chunk.end <= text.size(),
                "chunks out of order, empty or outside the text");
    fuzz::check(chunk.text == text.substr(chunk.begin, chunk.end - chunk.begin),
                "a chunk's text is not its slice");
    fuzz::check(!tokenize(chunk.text).empty(), "a chunk without tokens");
    previous_end = chunk.end;
  }

  const DocumentIndex index(tiny_embedder(), text, pooling, max_tokens, data[0] & 0x20);
  const auto hits = fuzz::refused_or("", [&] { return index.search(text, 3); });
  if (!hits) return 0;
  fuzz::check(hits->size() <= std::min<std::size_t>(3, chunks.size()), "more hits than asked");
  for (const auto& hit : *hits) {
    fuzz::check(hit.chunk < chunks.size(), "hit outside the chunks");
    fuzz::check(std::isfinite(hit.score), "a non-finite score");
  }
  return 0;
}
