// Vectors to a 2-D or 3-D map: principal component analysis (PCA), and orthogonal Procrustes
// alignment so a map redrawn after more training turns back to where the previous one was.
#pragma once
#include <cstdint>
#include <vector>

#include "shelf/matrix.h"

namespace shelf {

struct Projection {
  Matrix points;                             // n x components: the centred rows in component coordinates
  Matrix components;                         // components x dim, orthonormal rows
  std::vector<float> mean;                   // dim: the mean that was subtracted
  std::vector<double> explained_variance;    // eigenvalue of each component (population covariance, 1/n)
  std::vector<double> explained_variance_ratio;  // of the total variance; all 0 when there is none
};

// The top principal components of the rows: the covariance matrix (dim x dim) through the SIMD
// kernels, then its top eigenvectors by Chebyshev-filtered subspace iteration started from
// shelf::Random(seed), so the same input always gives the same output. Sign rule: each component's largest-magnitude entry (the first, on ties)
// is positive. Throws shelf::Error for no rows, components 0 or > dim, or non-finite values.
Projection pca(const Matrix& rows, std::size_t components = 2, std::uint64_t seed = 1);
// The same on a subset of the rows (e.g. the 2,000 most frequent words); points follow `subset`.
// Throws shelf::Error for an empty subset or an id outside the rows.
Projection pca(const Matrix& rows, const std::vector<std::int32_t>& subset, std::size_t components,
               std::uint64_t seed = 1);

// Orthogonal Procrustes: with A and B the centred `moving` and `reference` (n x k, same shape),
// finds the rotation or reflection R minimising ||A R - B|| (from the SVD of A^T B) and returns
// A R moved onto B's centre, i.e. `moving` turned to lie as close as possible on `reference`.
// Throws shelf::Error when the shapes differ or are empty.
Matrix align_to(const Matrix& moving, const Matrix& reference);

}  // namespace shelf
