// Fixtures shared by the test suites: a two-topic corpus whose topics never share a sentence (so a
// trained model must separate them), a small training configuration, and tiny hand-made vectors
// with documents about the same topics. One copy each, so the suites cannot drift apart.
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "shelf/embeddings.h"
#include "shelf/random.h"
#include "shelf/session.h"
#include "shelf/trainer.h"

namespace shelf::test {

// Animals and what they do; countries and their cities.
inline const std::vector<std::string> kAnimals{"cat", "dog", "horse", "cow", "sheep", "barks", "grazes", "fur", "tail", "paw"};
inline const std::vector<std::string> kPlaces{"france", "spain", "italy", "germany", "paris", "madrid", "rome", "berlin", "border", "capital"};

// Odd sentences draw from `odd`, even ones from `even`, each followed by the filler "the and"
// (shared, as in real text). Sentences are 8 words long, or with `varied_length` 3 to 10.
inline std::string two_topic_text(int sentences, std::uint64_t seed, const std::vector<std::string>& odd = kAnimals,
                                  const std::vector<std::string>& even = kPlaces, bool varied_length = false) {
  Random random(seed);
  std::string text;
  for (int s = 0; s < sentences; ++s) {
    const auto& topic = (s % 2) ? odd : even;
    const int length = varied_length ? 3 + static_cast<int>(random.below(8)) : 8;
    for (int w = 0; w < length; ++w) text += topic[random.below(static_cast<std::uint32_t>(topic.size()))] + " ";
    text += "the and\n";
  }
  return text;
}

// Small and quick to train: 16 dimensions, window 3, no subsampling.
inline TrainingParams small_params(int epochs = 5) {
  TrainingParams params;
  params.dim = 16;
  params.window = 3;
  params.epochs = epochs;
  params.sample = 0;
  params.seed = 42;
  return params;
}

// A session trained to the end on `text`.
inline void train_session(Session& session, const std::string& text, const TrainingParams& params) {
  session.load_corpus(text, 1, 0);
  session.configure(params);
  while (!session.training_finished()) session.step(5000);
}

// Indexes the session's vectors in one go: begin_index, then every vector in one step.
inline IndexStatus build_index(Session& session, const IndexOptions& options) {
  const IndexStatus begun = session.begin_index(options);
  return session.index_step(std::max<std::size_t>(begun.total, 1));
}

// Four dimensions: pets, France, Italy, and the function words' own. With `near_synonyms`,
// "puppies" and "seine" too, words no document contains.
inline Embeddings topic_embeddings(bool near_synonyms = false) {
  Embeddings e;
  const std::vector<std::pair<std::string, std::vector<float>>> rows{
      {"the", {0.1f, 0.1f, 0.1f, 1.0f}},     {"is", {0.0f, 0.1f, 0.1f, 0.9f}},
      {"of", {0.1f, 0.0f, 0.1f, 0.9f}},      {"and", {0.1f, 0.1f, 0.0f, 0.9f}},
      {"cats", {1.0f, 0.0f, 0.1f, 0.2f}},    {"dogs", {0.9f, 0.1f, 0.0f, 0.2f}},
      {"pets", {0.8f, 0.0f, 0.0f, 0.3f}},    {"puppies", {0.95f, 0.05f, 0.0f, 0.2f}},
      {"paris", {0.0f, 1.0f, 0.1f, 0.2f}},   {"capital", {0.1f, 0.7f, 0.6f, 0.3f}},
      {"france", {0.0f, 0.9f, 0.0f, 0.2f}},  {"rome", {0.0f, 0.1f, 1.0f, 0.2f}},
      {"italy", {0.1f, 0.0f, 0.9f, 0.2f}},   {"seine", {0.0f, 0.95f, 0.05f, 0.2f}},
  };
  for (const auto& [word, vector] : rows) {
    if (!near_synonyms && (word == "puppies" || word == "seine")) continue;
    e.words.push_back(word);
    e.vectors.push_row(vector.data(), vector.size());
  }
  return e;
}

// Three documents, one per topic of topic_embeddings.
inline const char* const kTopicText =
    "Cats and dogs are pets.\n\n"
    "Paris is the capital of France.\n\n"
    "Rome is the capital of Italy.\n";

}  // namespace shelf::test
