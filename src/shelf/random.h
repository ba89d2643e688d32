// A small, fast, seedable generator (xorshift64* seeded through splitmix64). The trainer draws
// several numbers per word, so std::mt19937 and its distributions would dominate the profile;
// this is the same trade word2vec makes with its linear congruential generator.
#pragma once
#include <cmath>
#include <cstdint>

namespace shelf {

class Random {
 public:
  explicit Random(std::uint64_t seed = 1) noexcept {
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    state_ = (z ^ (z >> 31)) | 1;  // never zero
  }

  std::uint64_t next() noexcept {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 0x2545F4914F6CDD1Dull;
  }
  std::uint32_t next32() noexcept { return static_cast<std::uint32_t>(next() >> 32); }
  // Uniform in [0, n), by multiply-shift (no division).
  std::uint32_t below(std::uint32_t n) noexcept {
    return static_cast<std::uint32_t>((static_cast<std::uint64_t>(next32()) * n) >> 32);
  }
  // Uniform in [0, 1).
  float uniform() noexcept { return static_cast<float>(next() >> 40) * (1.0f / 16777216.0f); }
  // Standard normal, by Box-Muller: one of the pair, as keeping the other would be state that
  // a copy of the generator replays.
  double gaussian() noexcept {
    const double u = 1.0 - static_cast<double>(uniform());  // (0, 1]: the logarithm is finite
    const double v = static_cast<double>(uniform());
    return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
  }

 private:
  std::uint64_t state_;
};

}  // namespace shelf
