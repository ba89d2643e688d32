#include <doctest/doctest.h>

#include <cmath>

#include "shelf/random.h"

TEST_CASE("Random::gaussian draws a standard normal, the same stream for the same seed") {
  shelf::Random random(7), again(7);
  const int n = 200000;
  double sum = 0, squares = 0;
  int beyond_two = 0;
  for (int i = 0; i < n; ++i) {
    const double x = random.gaussian();
    REQUIRE(std::isfinite(x));
    CHECK(x == again.gaussian());
    sum += x;
    squares += x * x;
    if (std::fabs(x) > 2) ++beyond_two;
  }
  const double mean = sum / n, variance = squares / n - mean * mean;
  // Standard errors: 1 / sqrt(n) ~ 0.0022 for the mean, sqrt(2 / n) ~ 0.0032 for the variance.
  CHECK(std::fabs(mean) < 0.015);
  CHECK(std::fabs(variance - 1) < 0.02);
  // P(|x| > 2) = 0.0455 for a normal; a uniform of the same variance never gets there.
  CHECK(std::fabs(beyond_two / double(n) - 0.0455) < 0.003);
}
