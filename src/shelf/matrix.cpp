#include "shelf/matrix.h"

#include "shelf/kernels.h"

namespace shelf {

Matrix Matrix::normalized_rows() const {
  Matrix unit = *this;
  for (std::size_t r = 0; r < rows_; ++r) kernels::normalize(unit.row(r), cols_);
  return unit;
}

}  // namespace shelf
