// Eigenvalues and eigenvectors of small symmetric matrices (cyclic Jacobi rotations, in double).
// Exact to rounding and simple; O(n^3) per sweep, so meant for n up to a few dozen: the Ritz
// matrices of PCA, the 3 x 3 products of Procrustes alignment, and reference values in tests.
#pragma once
#include <cstddef>
#include <vector>

namespace shelf {

struct SymmetricEigen {
  std::vector<double> values;   // descending
  std::vector<double> vectors;  // row-major n x n; row i is the unit eigenvector of values[i]
};

// `matrix` is row-major n x n and symmetric (only its upper triangle is read).
// Throws shelf::Error when its size is not n * n or it holds a NaN or infinity.
SymmetricEigen symmetric_eigen(std::vector<double> matrix, std::size_t n);

}  // namespace shelf
