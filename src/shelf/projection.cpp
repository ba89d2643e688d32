#include "shelf/projection.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "shelf/eigen.h"
#include "shelf/error.h"
#include "shelf/kernels.h"
#include "shelf/random.h"

namespace shelf {

namespace {

using Vector = std::vector<double>;

double dot(const Vector& a, const Vector& b) { return std::inner_product(a.begin(), a.end(), b.begin(), 0.0); }

void fill_random(Vector& v, Random& random) {
  for (double& x : v) x = static_cast<double>(random.uniform()) - 0.5;
}

// Modified Gram-Schmidt, twice for accuracy. A vector that vanishes (the data has fewer
// dimensions than asked for) is replaced by a random one, so the basis is always complete.
void orthonormalize(std::vector<Vector>& basis, Random& random) {
  for (std::size_t j = 0; j < basis.size(); ++j) {
    Vector& v = basis[j];
    for (int attempt = 0; attempt < 16; ++attempt) {
      const double before = std::sqrt(dot(v, v));
      for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t i = 0; i < j; ++i) {
          const double projection = dot(basis[i], v);
          for (std::size_t k = 0; k < v.size(); ++k) v[k] -= projection * basis[i][k];
        }
      }
      const double after = std::sqrt(dot(v, v));
      if (after > 1e-10 * before && after > 1e-300) {
        for (double& x : v) x /= after;
        break;
      }
      fill_random(v, random);
    }
  }
}

// Covariance (1/n, upper triangle filled and mirrored) of the chosen rows. Blocks of rows are
// transposed so each entry is one long dot product through the SIMD kernels; block sums are
// float, their total double, which keeps 50,000 rows accurate.
Vector covariance(const Matrix& rows, const std::vector<std::int32_t>& ids, const std::vector<float>& mean) {
  constexpr std::size_t kBlock = 256;
  const std::size_t d = rows.cols(), n = ids.size();
  Vector c(d * d, 0.0);
  std::vector<float> block(d * kBlock);  // d x kBlock: column r is centred row r of the block
  for (std::size_t start = 0; start < n; start += kBlock) {
    const std::size_t count = std::min(kBlock, n - start);
    for (std::size_t r = 0; r < count; ++r) {
      const float* x = rows.row(static_cast<std::size_t>(ids[start + r]));
      for (std::size_t i = 0; i < d; ++i) block[i * kBlock + r] = x[i] - mean[i];
    }
    for (std::size_t i = 0; i < d; ++i) {
      for (std::size_t j = i; j < d; ++j) {
        c[i * d + j] += kernels::dot(block.data() + i * kBlock, block.data() + j * kBlock, count);
      }
    }
  }
  for (std::size_t i = 0; i < d; ++i) {
    for (std::size_t j = i; j < d; ++j) c[j * d + i] = c[i * d + j] /= static_cast<double>(n);
  }
  return c;
}

// c q_j for every vector q_j of the block. c is symmetric, so c q = sum_k q[k] row_k(c): the inner
// loop runs along a row, which the compiler vectorizes without reordering any sum.
std::vector<Vector> multiply(const Vector& c, const std::vector<Vector>& block) {
  const std::size_t d = block.front().size();
  std::vector<Vector> out(block.size(), Vector(d, 0.0));
  for (std::size_t k = 0; k < d; ++k) {
    const double* row = c.data() + k * d;
    for (std::size_t j = 0; j < block.size(); ++j) {
      const double weight = block[j][k];
      double* target = out[j].data();
      for (std::size_t i = 0; i < d; ++i) target[i] += weight * row[i];
    }
  }
  return out;
}

// sum_a weights[j][a] * vectors[a] for each j (weights row-major, p x p).
std::vector<Vector> combine(const std::vector<double>& weights, const std::vector<Vector>& vectors) {
  const std::size_t p = vectors.size(), d = vectors.front().size();
  std::vector<Vector> out(p, Vector(d, 0.0));
  for (std::size_t j = 0; j < p; ++j) {
    for (std::size_t a = 0; a < p; ++a) {
      const double weight = weights[j * p + a];
      for (std::size_t i = 0; i < d; ++i) out[j][i] += weight * vectors[a][i];
    }
  }
  return out;
}

// Chebyshev filter of degree m on the interval [0, 2e]: applied to a block, it keeps the parts
// along eigenvalues above 2e and damps those in [0, 2e] (a covariance has no eigenvalue below 0)
// far more per product with c than multiplying by c does. cx is c x, already at hand.
std::vector<Vector> chebyshev_filter(const Vector& c, std::vector<Vector> x, const std::vector<Vector>& cx, int m,
                                     double e) {
  const std::size_t p = x.size(), d = x.front().size();
  std::vector<Vector> y(p, Vector(d));
  for (std::size_t j = 0; j < p; ++j) {
    for (std::size_t i = 0; i < d; ++i) y[j][i] = cx[j][i] / e - x[j][i];
  }
  for (int degree = 2; degree <= m; ++degree) {  // T_(k+1)(t) = 2 t T_k(t) - T_(k-1)(t), t = (lambda - e) / e
    const std::vector<Vector> cy = multiply(c, y);
    for (std::size_t j = 0; j < p; ++j) {
      for (std::size_t i = 0; i < d; ++i) x[j][i] = 2 * (cy[j][i] / e - y[j][i]) - x[j][i];
    }
    std::swap(x, y);
  }
  return y;
}

struct Eigenpairs {
  std::vector<Vector> vectors;
  Vector values;
};

// The top `wanted` eigenpairs of the symmetric positive semi-definite d x d matrix c, by
// Chebyshev-filtered subspace iteration (Zhou and Saad, 2007) with Rayleigh-Ritz. Extra vectors
// ride along in the block, so the wanted ones separate from the first eigenvalue left outside it,
// and the filter makes that separation fast even where the top of the spectrum is nearly flat
// (vectors early in training are close to isotropic noise). Stops when every wanted pair has a
// residual |c y - lambda y| below 1e-6 lambda_1, well within what float input can resolve.
Eigenpairs top_eigenpairs(const Vector& c, std::size_t d, std::size_t wanted, Random& random) {
  constexpr int kMaxRounds = 60, kMaxDegree = 8;
  const std::size_t p = std::min(d, std::max(2 * wanted, wanted + 10));
  std::vector<Vector> q(p, Vector(d));
  for (Vector& v : q) fill_random(v, random);
  orthonormalize(q, random);
  for (int round = 0;; ++round) {
    const std::vector<Vector> z = multiply(c, q);
    Vector h(p * p);
    for (std::size_t a = 0; a < p; ++a) {
      for (std::size_t b = a; b < p; ++b) h[a * p + b] = h[b * p + a] = 0.5 * (dot(q[a], z[b]) + dot(q[b], z[a]));
    }
    const SymmetricEigen ritz = symmetric_eigen(h, p);
    // Ritz vectors y_j = Q v_j, and c y_j = Z v_j without another product with c.
    std::vector<Vector> y = combine(ritz.vectors, q), cy = combine(ritz.vectors, z);
    const double top = ritz.values[0];
    bool converged = true;
    for (std::size_t j = 0; j < wanted && converged; ++j) {
      double residual = 0;
      for (std::size_t i = 0; i < d; ++i) residual += std::pow(cy[j][i] - ritz.values[j] * y[j][i], 2);
      converged = std::sqrt(residual) <= 1e-6 * std::fabs(top);
    }
    // With p == d the block spans everything and Rayleigh-Ritz is already exact.
    if (converged || p == d || round == kMaxRounds) {
      y.resize(wanted);
      return {std::move(y), Vector(ritz.values.begin(), ritz.values.begin() + static_cast<std::ptrdiff_t>(wanted))};
    }
    // Damp everything up to the block's smallest Ritz value. The degree is capped so the top
    // direction gains at most ~1e8 on the others per round: more would drown them in rounding.
    const double e = std::max(ritz.values[p - 1], 1e-3 * top) / 2;
    const double reach = std::acosh(std::max(top / e - 1, 1.0001));
    const int degree = std::clamp(static_cast<int>(18.4 / reach), 1, kMaxDegree);
    q = chebyshev_filter(c, std::move(y), cy, degree, e);
    orthonormalize(q, random);
  }
}

}  // namespace

Projection pca(const Matrix& rows, std::size_t components, std::uint64_t seed) {
  std::vector<std::int32_t> all(rows.rows());
  std::iota(all.begin(), all.end(), 0);
  return pca(rows, all, components, seed);
}

Projection pca(const Matrix& rows, const std::vector<std::int32_t>& subset, std::size_t components,
               std::uint64_t seed) {
  const std::size_t d = rows.cols(), n = subset.size();
  if (n == 0) throw Error("PCA needs at least one vector");
  if (components == 0) throw Error("PCA needs at least 1 component");
  if (components > d) {
    throw Error("cannot find " + std::to_string(components) + " principal components in " + std::to_string(d) +
                "-dimensional vectors");
  }
  for (std::int32_t id : subset) {
    if (id < 0 || static_cast<std::size_t>(id) >= rows.rows()) {
      throw Error("row " + std::to_string(id) + " is outside the " + std::to_string(rows.rows()) + " vectors");
    }
  }

  Projection projection;
  Vector mean(d, 0.0);
  for (std::int32_t id : subset) {
    const float* x = rows.row(static_cast<std::size_t>(id));
    for (std::size_t i = 0; i < d; ++i) mean[i] += x[i];
  }
  projection.mean.resize(d);
  for (std::size_t i = 0; i < d; ++i) projection.mean[i] = static_cast<float>(mean[i] / static_cast<double>(n));

  const Vector c = covariance(rows, subset, projection.mean);
  double total_variance = 0;
  for (std::size_t i = 0; i < d; ++i) total_variance += c[i * d + i];
  if (!std::isfinite(total_variance)) throw Error("the vectors hold NaN or infinite values");

  Random random(seed);
  Eigenpairs top = top_eigenpairs(c, d, components, random);
  projection.components = Matrix(components, d);
  for (std::size_t j = 0; j < components; ++j) {
    Vector& v = top.vectors[j];
    std::size_t largest = 0;
    for (std::size_t i = 1; i < d; ++i) {
      if (std::fabs(v[i]) > std::fabs(v[largest])) largest = i;
    }
    const double sign = v[largest] < 0 ? -1.0 : 1.0;
    for (std::size_t i = 0; i < d; ++i) projection.components.at(j, i) = static_cast<float>(sign * v[i]);
    kernels::normalize(projection.components.row(j), d);
    const double variance = std::max(0.0, top.values[j]);
    projection.explained_variance.push_back(variance);
    projection.explained_variance_ratio.push_back(total_variance > 0 ? variance / total_variance : 0.0);
  }

  projection.points = Matrix(n, components);
  std::vector<float> centred(d);
  for (std::size_t r = 0; r < n; ++r) {
    const float* x = rows.row(static_cast<std::size_t>(subset[r]));
    for (std::size_t i = 0; i < d; ++i) centred[i] = x[i] - projection.mean[i];
    kernels::dot_rows(projection.components.data(), components, d, centred.data(), projection.points.row(r));
  }
  return projection;
}

Matrix align_to(const Matrix& moving, const Matrix& reference) {
  const std::size_t n = moving.rows(), k = moving.cols();
  if (n != reference.rows() || k != reference.cols()) {
    throw Error("cannot align " + std::to_string(n) + " x " + std::to_string(k) + " points to " +
                std::to_string(reference.rows()) + " x " + std::to_string(reference.cols()));
  }
  if (n == 0 || k == 0) throw Error("cannot align an empty set of points");

  Vector mean_a(k, 0.0), mean_b(k, 0.0);
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t i = 0; i < k; ++i) mean_a[i] += moving.at(r, i), mean_b[i] += reference.at(r, i);
  }
  for (std::size_t i = 0; i < k; ++i) mean_a[i] /= static_cast<double>(n), mean_b[i] /= static_cast<double>(n);

  Vector m(k * k, 0.0);  // A^T B
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t i = 0; i < k; ++i) {
      for (std::size_t j = 0; j < k; ++j) m[i * k + j] += (moving.at(r, i) - mean_a[i]) * (reference.at(r, j) - mean_b[j]);
    }
  }
  // SVD m = U S V^T: V and S^2 from the eigen-decomposition of m^T m, then u_i = m v_i / s_i.
  // Directions with (near) zero singular value are free; Gram-Schmidt completes U there.
  Vector mtm(k * k, 0.0);
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      for (std::size_t l = 0; l < k; ++l) mtm[i * k + j] += m[l * k + i] * m[l * k + j];
    }
  }
  const SymmetricEigen eigen = symmetric_eigen(mtm, k);
  std::vector<Vector> v(k, Vector(k)), u(k, Vector(k, 0.0));
  const double largest = std::sqrt(std::max(eigen.values[0], 0.0));
  Random random(1);
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j) v[i][j] = eigen.vectors[i * k + j];
    const double singular = std::sqrt(std::max(eigen.values[i], 0.0));
    if (singular > 1e-7 * largest && singular > 0) {
      for (std::size_t l = 0; l < k; ++l) u[i][l] = dot(Vector(m.begin() + l * k, m.begin() + (l + 1) * k), v[i]);
    } else {
      u[i][i] = 1.0;  // a start for the free direction; orthonormalize makes it fit
    }
  }
  orthonormalize(u, random);
  Vector rotation(k * k, 0.0);  // R = U V^T
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      for (std::size_t l = 0; l < k; ++l) rotation[i * k + j] += u[l][i] * v[l][j];
    }
  }

  Matrix aligned(n, k);
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t j = 0; j < k; ++j) {
      double value = mean_b[j];
      for (std::size_t i = 0; i < k; ++i) value += (moving.at(r, i) - mean_a[i]) * rotation[i * k + j];
      aligned.at(r, j) = static_cast<float>(value);
    }
  }
  return aligned;
}

}  // namespace shelf
