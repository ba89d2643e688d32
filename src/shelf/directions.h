// Directions you can see: words placed on two axes, each the mean step of a few word pairs
// (man → woman, boy → girl, king → queen...), as in the Parallax and Word Embedding Demo tools.
// A word's coordinate on an axis is the cosine between its vector and the axis direction.
#pragma once
#include <string>
#include <vector>

#include "shelf/vector_store.h"

namespace shelf {

struct WordPair {
  std::string from;
  std::string to;
};

struct DirectionsPlot {
  std::vector<std::string> words;      // the plotted words, as the vocabulary spells them
  std::vector<float> x;                // cos(word, x direction), one per plotted word
  std::vector<float> y;
  std::vector<std::string> unknown;    // words asked for that the vectors do not have
  // How well each pair agrees with its axis: cos(unit(to) − unit(from), axis direction).
  std::vector<float> x_agreement;
  std::vector<float> y_agreement;
  float axes_cosine = 0;               // cos between the two axis directions
};

// The most words and pairs one request may ask for.
inline constexpr std::size_t kMaxDirectionWords = 500;
inline constexpr std::size_t kMaxDirectionPairs = 50;

// An axis direction is the mean over its pairs of unit(to) − unit(from), made unit length.
// Words are looked up as typed, then lowercased; unknown plotted words are listed in `unknown`
// (the others are still plotted), and repeated ones plotted once. Throws shelf::Error for an
// axis without pairs, a pair with an empty or unknown word, pairs whose steps cancel out, or
// more than kMaxDirectionWords words or kMaxDirectionPairs pairs an axis.
DirectionsPlot plot_directions(const VectorStore& store, const std::vector<WordPair>& x_pairs,
                               const std::vector<WordPair>& y_pairs, const std::vector<std::string>& words);

}  // namespace shelf
