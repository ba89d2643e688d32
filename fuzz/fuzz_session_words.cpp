// Fuzzes what people type into the playground: words, sentences and questions go to the session
// the worker wraps, over small fixed vectors (one of them all zero). The input is split at NUL
// bytes into up to three words; the first byte of the input also sets k (0-15). Unknown words are
// refused with shelf::Error; every score that comes back is finite.
#include <vector>

#include "fuzz_support.h"
#include "shelf/session.h"

namespace {

shelf::Session& tiny_session() {
  static shelf::Session* session = [] {
    auto* s = new shelf::Session();
    const std::string vec =
        "6 3\nking 1 2 0\nqueen 1 2 1\nman 2 0 0\nwoman 2 0 1\nzero 0 0 0\nCafé -1 1 1\n";
    s->load_vectors_from_bytes(vec, "tiny.vec");
    s->index_documents("The king and the queen.\n\nA man, a woman; zero.", 4, shelf::Pooling::Mean);
    return s;
  }();
  return *session;
}

void check_scores(const std::vector<float>& scores) {
  for (const float score : scores) shelf::fuzz::check(std::isfinite(score), "a non-finite score");
}

template <class Ask>
void ask(Ask question) {
  shelf::fuzz::refused_or("", question);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelf;
  if (size == 0) return 0;
  const std::size_t k = data[0] % 16;
  const std::string_view text = fuzz::as_text(data + 1, size - 1);
  std::vector<std::string_view> words;
  for (std::size_t start = 0; words.size() < 3;) {
    const std::size_t nul = text.find('\0', start);
    words.push_back(text.substr(start, nul == std::string_view::npos ? nul : nul - start));
    if (nul == std::string_view::npos) break;
    start = nul + 1;
  }
  while (words.size() < 3) words.push_back("king");
  Session& session = tiny_session();

  ask([&] { return session.vector(words[0]).id; });
  ask([&] {
    const Similarity s = session.similarity(words[0], words[1]);
    fuzz::check(std::isfinite(s.cosine) && std::isfinite(s.distance), "a non-finite similarity");
    return 0;
  });
  ask([&] {
    check_scores(session.neighbors(words[0], k).scores);
    return 0;
  });
  ask([&] {
    check_scores(session.analogy(words[0], words[1], words[2], k, VectorStore::AnalogyMethod::Add, words[0]).scores);
    check_scores(session.analogy(words[0], words[1], words[2], k, VectorStore::AnalogyMethod::Mul).scores);
    return 0;
  });
  ask([&] {
    const SentencePositions p = session.positions(text, 1.0);
    fuzz::check(p.known.size() == p.tokens.size() && p.inputs.size() == p.tokens.size() * p.dim,
                "positions: sizes disagree");
    return 0;
  });
  ask([&] {
    for (const SearchHit& hit : session.search(text, k).hits) {
      fuzz::check(std::isfinite(hit.score), "a non-finite search score");
    }
    return 0;
  });
  if (text.size() >= 3 * sizeof(float)) {
    float vector[3];
    std::memcpy(vector, text.data(), sizeof vector);
    ask([&] {
      check_scores(session.neighbors_of_vector(vector, 3, k).scores);
      return 0;
    });
  }
  return 0;
}
