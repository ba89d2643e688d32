#include "shelf/exact_index.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "shelf/error.h"
#include "shelf/int8_codes.h"
#include "shelf/kernels.h"

namespace shelf {

namespace {

constexpr float kInfinity = std::numeric_limits<float>::infinity();

// The float at or above `value`: bounds computed in double must not shrink when stored.
float round_up(double value) {
  const auto nearest = static_cast<float>(value);
  return static_cast<double>(nearest) >= value ? nearest : std::nextafter(nearest, kInfinity);
}

struct Residual {
  double error_norm;  // |values - scale * codes|
  double norm;        // |values|
  double code_norm;   // |scale * codes|
  bool finite;
};

// Products of a float and a small integer and their differences are exact in double; the sums
// of squares carry a relative error near dim * 2^-53, far below the float rounding up above.
Residual residual(const float* values, const std::int8_t* codes, float scale, std::size_t n) {
  Residual r{0.0, 0.0, 0.0, true};
  for (std::size_t i = 0; i < n; ++i) {
    const double value = values[i];
    const double approximation = static_cast<double>(scale) * codes[i];
    r.finite = r.finite && std::isfinite(values[i]);
    r.error_norm += (value - approximation) * (value - approximation);
    r.norm += value * value;
    r.code_norm += approximation * approximation;
  }
  r.error_norm = std::sqrt(r.error_norm);
  r.norm = std::sqrt(r.norm);
  r.code_norm = std::sqrt(r.code_norm);
  return r;
}

}  // namespace

ExactIndex::ExactIndex(const Matrix& rows) : rows_(&rows), dim_(rows.cols()), stride_((dim_ + 15) / 16 * 16) {
  const std::size_t n = rows.rows();
  if (n > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    throw Error("too many rows to search: " + std::to_string(n));
  }
  if (dim_ > kernels::kMaxInt8Dim) {
    throw Error("the exact index supports at most " + std::to_string(kernels::kMaxInt8Dim) + " dimensions, not " +
                std::to_string(dim_));
  }
  codes_.assign(n * stride_, 0);
  scales_.resize(n);
  error_norms_.resize(n);
  norms_.resize(n);
  for (std::size_t r = 0; r < n; ++r) {
    std::int8_t* codes = codes_.data() + r * stride_;
    scales_[r] = quantize_int8(rows.row(r), dim_, codes);
    const Residual res = residual(rows.row(r), codes, scales_[r], dim_);
    error_norms_[r] = res.finite ? round_up(res.error_norm) : kInfinity;
    norms_[r] = res.finite ? round_up(res.norm) : kInfinity;
  }
}

std::size_t ExactIndex::memory_bytes() const noexcept {
  return codes_.size() + (scales_.size() + error_norms_.size() + norms_.size()) * sizeof(float);
}

std::vector<Neighbor> ExactIndex::search(const float* query, std::size_t k,
                                         const std::vector<std::int32_t>& exclude, Stats* stats) const {
  const std::size_t n = size();
  TopK top(k, exclude);
  if (k == 0 || n == 0) return top.take();

  std::vector<std::int8_t> query_codes(stride_, 0);
  const float query_scale = quantize_int8(query, dim_, query_codes.data());
  const Residual q = residual(query, query_codes.data(), query_scale, dim_);
  // Bound of the approximation error, per row: code_norm * |e_x| + error_norm * |x|. The margin
  // (dim + 8) * 2^-22 * |q| |x| covers the float score's own rounding (at most about
  // dim * 2^-24 * |q| |x|) and the few roundings in computing the bound below; `floor` covers
  // products that underflow below the smallest normal float, whose error is absolute. A non-finite
  // query makes every bound NaN or infinite, so every row is refined: slow, still exact.
  const double margin = static_cast<double>(dim_ + 8) * std::ldexp(1.0, -22);
  const float code_norm = q.finite ? round_up(q.code_norm) : kInfinity;
  const float slack = q.finite ? round_up(q.error_norm + margin * q.norm) : kInfinity;
  const float floor = round_up(static_cast<double>(dim_ + 8) * std::ldexp(1.0, -140));

  const Matrix& rows = *rows_;
  std::size_t refined = 0;
  std::int32_t dots[kScoreBlockRows];
  float upper[kScoreBlockRows];
  for (std::size_t start = 0; start < n; start += kScoreBlockRows) {
    const std::size_t count = std::min(kScoreBlockRows, n - start);
    kernels::dot_rows_i8(codes_.data() + start * stride_, count, stride_, query_codes.data(), dots);
    // Every row's bound first, in a loop of independent lanes the compiler vectorises; then the
    // few rows that can still enter are refined.
    const float* scales = scales_.data() + start;
    const float* error_norms = error_norms_.data() + start;
    const float* norms = norms_.data() + start;
    for (std::size_t i = 0; i < count; ++i) {
      upper[i] = query_scale * scales[i] * static_cast<float>(dots[i]) + code_norm * error_norms[i] +
                 slack * norms[i] + floor;
    }
    float threshold = top.threshold();
    for (std::size_t i = 0; i < count; ++i) {
      if (upper[i] < threshold) continue;  // a NaN bound fails this test: the row is refined
      const std::size_t r = start + i;
      const float score = kernels::dot(rows.row(r), query, dim_);
      ++refined;
      top.push(&score, 1, static_cast<std::int32_t>(r));
      threshold = top.threshold();
    }
  }
  if (stats) stats->refined = refined;
  return top.take();
}

}  // namespace shelf
