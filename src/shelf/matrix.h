// A dense row-major float matrix: one row per word (or document, or point).
#pragma once
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace shelf {

class Matrix {
 public:
  Matrix() = default;
  Matrix(std::size_t rows, std::size_t cols, float fill = 0.0f)
      : rows_(rows), cols_(cols), data_(element_count(rows, cols), fill) {}

  std::size_t rows() const noexcept { return rows_; }
  std::size_t cols() const noexcept { return cols_; }
  bool empty() const noexcept { return data_.empty(); }

  float* row(std::size_t r) noexcept { return data_.data() + r * cols_; }
  const float* row(std::size_t r) const noexcept { return data_.data() + r * cols_; }
  float& at(std::size_t r, std::size_t c) noexcept { return data_[r * cols_ + c]; }
  float at(std::size_t r, std::size_t c) const noexcept { return data_[r * cols_ + c]; }

  float* data() noexcept { return data_.data(); }
  const float* data() const noexcept { return data_.data(); }
  std::size_t size() const noexcept { return data_.size(); }

  // Appends one row (cols() values); the first row fixes cols() when the matrix is empty.
  void push_row(const float* values, std::size_t count) {
    if (rows_ == 0 && cols_ == 0) cols_ = count;
    data_.insert(data_.end(), values, values + count);
    ++rows_;
  }
  void reserve_rows(std::size_t rows) { data_.reserve(element_count(rows, cols_)); }

  // A copy whose rows have unit length (zero rows stay zero), for cosine similarity.
  Matrix normalized_rows() const;

 private:
  // rows * cols, or std::length_error when that does not fit a size_t: on wasm32 a product past
  // 4 Gi would wrap around to a small matrix that the caller then writes past.
  static std::size_t element_count(std::size_t rows, std::size_t cols) {
    if (cols != 0 && rows > std::numeric_limits<std::size_t>::max() / cols) {
      throw std::length_error("a matrix of " + std::to_string(rows) + " x " + std::to_string(cols) + " floats");
    }
    return rows * cols;
  }

  std::size_t rows_ = 0;
  std::size_t cols_ = 0;
  std::vector<float> data_;
};

}  // namespace shelf
