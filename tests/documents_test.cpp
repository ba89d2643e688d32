#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "shelf/documents.h"
#include "shelf/eigen.h"
#include "shelf/error.h"
#include "shelf/kernels.h"
#include "shelf/random.h"
#include "shelf/tokenizer.h"
#include "fixtures.h"

namespace {

using shelf::test::kTopicText;
using shelf::test::topic_embeddings;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Properties every chunking must have: in order, not overlapping, trimmed, text equal to its
// bytes, within the token limit where whitespace allows, and together holding exactly the tokens of the text.
void check_chunking(const std::string& text, const std::vector<shelf::Chunk>& chunks, std::size_t max_tokens) {
  std::vector<std::string> all_tokens;
  std::size_t previous_end = 0;
  for (const auto& chunk : chunks) {
    REQUIRE(chunk.begin < chunk.end);
    CHECK(chunk.begin >= previous_end);
    CHECK(chunk.text == text.substr(chunk.begin, chunk.end - chunk.begin));
    CHECK_FALSE(is_space(chunk.text.front()));
    CHECK_FALSE(is_space(chunk.text.back()));
    const auto tokens = shelf::tokenize(chunk.text);
    CHECK(!tokens.empty());
    // Only a run without whitespace may exceed the limit: it has nowhere to be cut.
    CHECK((tokens.size() <= max_tokens || chunk.text.find_first_of(" \t\n\r") == std::string::npos));
    all_tokens.insert(all_tokens.end(), tokens.begin(), tokens.end());
    previous_end = chunk.end;
  }
  CHECK(all_tokens == shelf::tokenize(text));
}

float cosine(const std::vector<float>& a, const float* b) {
  const auto d = a.size();
  return shelf::kernels::dot(a.data(), b, d) / (shelf::kernels::norm(a.data(), d) * shelf::kernels::norm(b, d));
}

}  // namespace

TEST_CASE("empty and blank texts give no chunks") {
  CHECK(shelf::split_into_chunks("").empty());
  CHECK(shelf::split_into_chunks(" \n\n\t\r\n  ").empty());
  CHECK(shelf::split_into_chunks("* * *\n\n---").empty());  // nothing to embed
  CHECK_THROWS_AS(shelf::split_into_chunks("words", 0), shelf::Error);
}

TEST_CASE("paragraphs become chunks whole when they fit") {
  const std::string text = "  First line of one.\nSecond line of it.\n \t\r\n\nAnother paragraph here.\r\n\r\nLast.";
  const auto chunks = shelf::split_into_chunks(text);
  REQUIRE(chunks.size() == 3);
  CHECK(chunks[0].text == "First line of one.\nSecond line of it.");
  CHECK(chunks[1].text == "Another paragraph here.");
  CHECK(chunks[2].text == "Last.");
  for (std::size_t i = 0; i < 3; ++i) CHECK(chunks[i].paragraph == i);
  check_chunking(text, chunks, 120);
}

TEST_CASE("a paragraph of only punctuation is skipped but still counted") {
  const auto chunks = shelf::split_into_chunks("Hello there.\n\n* * *\n\nBye now.");
  REQUIRE(chunks.size() == 2);
  CHECK(chunks[0].paragraph == 0);
  CHECK(chunks[1].paragraph == 2);
}

TEST_CASE("long paragraphs are cut at sentence ends and short sentences packed") {
  std::string text;
  for (int s = 0; s < 10; ++s) text += "Alpha beta gamma delta epsilon" + std::string(s % 2 ? "! " : ". ");
  const auto chunks = shelf::split_into_chunks(text, 12);
  REQUIRE(chunks.size() == 5);  // two 5-token sentences fit in 12, a third would not
  for (const auto& chunk : chunks) {
    CHECK(shelf::tokenize(chunk.text).size() == 10);
    CHECK(chunk.paragraph == 0);
  }
  CHECK(chunks[0].text == "Alpha beta gamma delta epsilon. Alpha beta gamma delta epsilon!");
  check_chunking(text, chunks, 12);
}

TEST_CASE("sentence ends allow closing quotes and brackets, not decimal points") {
  const std::string text = "He said \"stop.\" Then pi is 3.14 today. (Really?) Yes";
  const auto chunks = shelf::split_into_chunks(text, 6);
  REQUIRE(chunks.size() == 3);
  CHECK(chunks[0].text == "He said \"stop.\"");
  CHECK(chunks[1].text == "Then pi is 3.14 today.");
  CHECK(chunks[2].text == "(Really?) Yes");
  check_chunking(text, chunks, 6);
}

TEST_CASE("line breaks end sentences inside a long paragraph") {
  const std::string text = "one two three\nfour five six\nseven";
  auto chunks = shelf::split_into_chunks(text, 3);
  REQUIRE(chunks.size() == 3);
  CHECK(chunks[0].text == "one two three");
  CHECK(chunks[1].text == "four five six");
  CHECK(chunks[2].text == "seven");
  chunks = shelf::split_into_chunks(text, 4);  // the short last line joins the one before
  REQUIRE(chunks.size() == 2);
  CHECK(chunks[1].text == "four five six\nseven");
}

TEST_CASE("a sentence longer than the limit is cut at whitespace") {
  std::string text;
  for (int w = 0; w < 30; ++w) text += "word" + std::to_string(w) + (w % 3 ? " " : "\t");
  const auto chunks = shelf::split_into_chunks(text, 8);
  REQUIRE(chunks.size() == 4);
  CHECK(shelf::tokenize(chunks[0].text).size() == 8);
  CHECK(shelf::tokenize(chunks[3].text).size() == 6);
  for (const auto& chunk : chunks) {
    CHECK((chunk.begin == 0 || is_space(text[chunk.begin - 1])));
    CHECK((chunk.end == text.size() || is_space(text[chunk.end])));
  }
  check_chunking(text, chunks, 8);
}

TEST_CASE("a run of tokens without whitespace has nowhere to be cut and stays whole") {
  std::string run;
  for (int i = 0; i < 20; ++i) run += "t" + std::to_string(i) + ",";
  const auto chunks = shelf::split_into_chunks("short one. " + run + " tail", 5);
  REQUIRE(chunks.size() == 3);
  CHECK(chunks[1].text == run);
  CHECK(shelf::tokenize(chunks[1].text).size() == 20);
}

TEST_CASE("random texts chunk without losing or repeating a token") {
  const std::vector<std::string> words{"the", "Cat", "sat", "don't", "well-known", "3.5", "caf\xC3\xA9", "x"};
  const std::vector<std::string> gaps{" ", " ", " ", ". ", "! ", "? ", "\n", "\n\n", " \n \n", ", ", ".\" "};
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    shelf::Random random(seed);
    std::string text;
    const int length = 20 + static_cast<int>(random.below(400));
    for (int i = 0; i < length; ++i) {
      text += words[random.below(static_cast<std::uint32_t>(words.size()))];
      text += gaps[random.below(static_cast<std::uint32_t>(gaps.size()))];
    }
    for (std::size_t max_tokens : {1u, 3u, 7u, 40u, 120u}) {
      CAPTURE(seed);
      CAPTURE(max_tokens);
      check_chunking(text, shelf::split_into_chunks(text, max_tokens), max_tokens);
    }
  }
}

TEST_CASE("mean pooling averages the known tokens and skips unknown ones") {
  const auto e = topic_embeddings();
  const shelf::DocumentEmbedder embedder(e);
  CHECK(embedder.dim() == 4);
  std::size_t known = 99;
  const auto v = embedder.embed("The cats, the DOGS! zebra", shelf::Pooling::Mean, &known);
  CHECK(known == 4);
  for (std::size_t i = 0; i < 4; ++i) {
    const float expected = (2 * e.vectors.at(0, i) + e.vectors.at(4, i) + e.vectors.at(5, i)) / 4;
    CHECK(v[i] == doctest::Approx(expected));
  }
  const auto none = embedder.embed("zebra quokka", shelf::Pooling::Mean, &known);
  CHECK(known == 0);
  CHECK(none == std::vector<float>(4, 0.0f));
  CHECK(embedder.embed("", shelf::Pooling::Sif).size() == 4);
}

TEST_CASE("SIF pooling weights each word by a / (a + p(w))") {
  const auto e = topic_embeddings();
  std::vector<double> p(e.size(), 0.001);
  p[0] = 0.5;  // "the"
  const double a = 0.01;
  const shelf::DocumentEmbedder embedder(e, p, a);
  const auto v = embedder.embed("the cats", shelf::Pooling::Sif);
  const double w_the = a / (a + 0.5), w_cats = a / (a + 0.001);
  CHECK(embedder.sif_weight(0) == doctest::Approx(w_the));
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(v[i] == doctest::Approx((w_the * e.vectors.at(0, i) + w_cats * e.vectors.at(4, i)) / 2).epsilon(1e-5));
  }
}

TEST_CASE("without probabilities, Zipf's law estimates them from the row") {
  const auto e = topic_embeddings();
  const shelf::DocumentEmbedder embedder(e);
  double total = 0;
  for (std::size_t r = 0; r < e.size(); ++r) total += embedder.probability(r);
  CHECK(total == doctest::Approx(1.0));
  CHECK(embedder.probability(0) == doctest::Approx(2 * embedder.probability(1)));
  CHECK(embedder.probability(0) == doctest::Approx(10 * embedder.probability(9)));
}

TEST_CASE("lookups prefer the exact word and fall back to the most frequent casing") {
  shelf::Embeddings e;
  const float x[2] = {1, 0}, y[2] = {0, 1};
  for (const char* word : {"Paris", "PARIS", "Rome", "rome"}) {
    e.words.push_back(word);
    e.vectors.push_row(e.words.size() % 2 ? x : y, 2);
  }
  const shelf::DocumentEmbedder embedder(e);
  CHECK(embedder.find("paris") == 0);
  CHECK(embedder.find("rome") == 3);
  CHECK(embedder.find("london") == -1);
}

TEST_CASE("the embedder rejects bad probabilities and parameters") {
  const auto e = topic_embeddings();
  CHECK_THROWS_AS(shelf::DocumentEmbedder(e, std::vector<double>(3, 0.1)), shelf::Error);
  std::vector<double> p(e.size(), 0.01);
  p[2] = -1;
  CHECK_THROWS_AS(shelf::DocumentEmbedder(e, p), shelf::Error);
  p[2] = std::nan("");
  CHECK_THROWS_AS(shelf::DocumentEmbedder(e, p), shelf::Error);
  CHECK_THROWS_AS(shelf::DocumentEmbedder(e, {}, 0.0), shelf::Error);
  shelf::Embeddings broken = e;
  broken.words.push_back("extra");
  CHECK_THROWS_AS(shelf::DocumentEmbedder{broken}, shelf::Error);
}

TEST_CASE("search finds the chunk on the question's topic") {
  const auto e = topic_embeddings();
  const shelf::DocumentEmbedder embedder(e);
  const shelf::DocumentIndex index(embedder, kTopicText);
  REQUIRE(index.chunks().size() == 3);
  CHECK(index.chunk_vectors().rows() == 3);

  const auto hits = index.search("What is the capital of FRANCE?", 3);
  REQUIRE(hits.size() == 3);
  CHECK(hits[0].chunk == 1);
  CHECK(hits[0].matched_words == std::vector<std::string>{"is", "the", "capital", "of", "france"});
  CHECK(hits[2].chunk == 0);
  CHECK(hits[2].matched_words.empty());
  for (std::size_t i = 1; i < hits.size(); ++i) CHECK(hits[i - 1].score >= hits[i].score);
  // Scores are cosines of the pooled vectors.
  const auto query = embedder.embed("What is the capital of FRANCE?", shelf::Pooling::Mean);
  for (const auto& hit : hits) {
    CHECK(hit.score == doctest::Approx(cosine(query, index.chunk_vectors().row(hit.chunk))).epsilon(1e-5));
  }

  CHECK(index.search("pets", 10).size() == 3);
  CHECK(index.search("pets", 1)[0].chunk == 0);
  CHECK(index.search("pets", 0).empty());
}

TEST_CASE("search rejects questions it cannot embed") {
  const auto e = topic_embeddings();
  const shelf::DocumentEmbedder embedder(e);
  const shelf::DocumentIndex index(embedder, kTopicText);
  CHECK_THROWS_AS(index.search("", 3), shelf::Error);
  CHECK_THROWS_AS(index.search("?!", 3), shelf::Error);
  CHECK_THROWS_WITH_AS(index.search("zebra quokka", 3), doctest::Contains("zebra quokka"), shelf::Error);
}

TEST_CASE("chunks without known words score 0, and an empty text finds nothing") {
  const auto e = topic_embeddings();
  const shelf::DocumentEmbedder embedder(e);
  const shelf::DocumentIndex index(embedder, "Zebra quokka.\n\nCats are pets.");
  const auto hits = index.search("cats", 2);
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].chunk == 1);
  CHECK(hits[1].chunk == 0);
  CHECK(hits[1].score == 0.0f);

  const shelf::DocumentIndex empty(embedder, "");
  CHECK(empty.chunks().empty());
  CHECK(empty.search("cats", 5).empty());
}

TEST_CASE("SIF pooling in the index embeds chunks like the embedder does") {
  const auto e = topic_embeddings();
  const shelf::DocumentEmbedder embedder(e);
  const shelf::DocumentIndex index(embedder, kTopicText, shelf::Pooling::Sif);
  CHECK(index.pooling() == shelf::Pooling::Sif);
  for (std::size_t c = 0; c < index.chunks().size(); ++c) {
    const auto v = embedder.embed(index.chunks()[c].text, shelf::Pooling::Sif);
    for (std::size_t i = 0; i < v.size(); ++i) CHECK(index.chunk_vectors().at(c, i) == doctest::Approx(v[i]));
  }
  CHECK(index.search("capital of italy", 1)[0].chunk == 2);
}

TEST_CASE("removing the common component takes out the top singular direction") {
  const auto e = topic_embeddings();
  const shelf::DocumentEmbedder embedder(e);
  const shelf::DocumentIndex plain(embedder, kTopicText, shelf::Pooling::Mean);
  const shelf::DocumentIndex index(embedder, kTopicText, shelf::Pooling::Mean, 120, true);
  const auto& u = index.common_component();
  REQUIRE(u.size() == 4);
  CHECK(shelf::kernels::norm(u.data(), 4) == doctest::Approx(1.0f));

  // Reference: the top eigenvector of X^T X for the chunk vectors before removal.
  const auto& x = plain.chunk_vectors();
  std::vector<double> gram(16, 0.0);
  for (std::size_t r = 0; r < x.rows(); ++r) {
    for (std::size_t i = 0; i < 4; ++i) {
      for (std::size_t j = 0; j < 4; ++j) gram[i * 4 + j] += double(x.at(r, i)) * x.at(r, j);
    }
  }
  const auto exact = shelf::symmetric_eigen(gram, 4);
  double agreement = 0;
  for (std::size_t i = 0; i < 4; ++i) agreement += exact.vectors[i] * u[i];
  CHECK(std::fabs(agreement) > 0.9999);

  for (std::size_t r = 0; r < 3; ++r) {
    CHECK(std::fabs(shelf::kernels::dot(index.chunk_vectors().row(r), u.data(), 4)) < 1e-5f);
  }
  CHECK(index.search("capital of france", 1)[0].chunk == 1);

  const shelf::DocumentIndex single(embedder, "Cats are pets.", shelf::Pooling::Mean, 120, true);
  CHECK(single.common_component().empty());  // one chunk: nothing is common to several
}

TEST_CASE("the prompt numbers the retrieved passages in rank order") {
  const std::string prompt = shelf::build_prompt({"Paris is the\ncapital.", "  Rome too. "}, "What is\nthe capital?");
  const auto first = prompt.find("[1] Paris is the capital.\n");
  const auto second = prompt.find("[2] Rome too.\n");
  const auto question = prompt.find("Question: What is the capital?");
  REQUIRE(first != std::string::npos);
  REQUIRE(second != std::string::npos);
  REQUIRE(question != std::string::npos);
  CHECK(first > 0);  // after the instruction
  CHECK(first < second);
  CHECK(second < question);
  CHECK(prompt.find("[3]") == std::string::npos);
  CHECK(shelf::build_prompt({}, "Why?").find("no passages") != std::string::npos);
}
