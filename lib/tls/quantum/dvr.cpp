// Colbert-Miller DVR Hamiltonian assembled in R and diagonalised with Eigen.
#include "tls/quantum/dvr.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <numbers>

#include "tls/core/error.hpp"

namespace tls {

template <class R>
std::vector<R> dvr_levels(const std::function<R(R)>& potential, R a, R b, R c, int n_points, int count) {
  if (n_points < 3 || count < 1 || count > n_points - 1 || !(b > a) || !(c > 0))
    throw InternalError("dvr_levels: bad arguments");
  const int n = n_points - 1;
  const R pi = std::numbers::pi_v<R>;
  const R length = b - a;
  const R prefactor = c * pi * pi / (2 * length * length);
  const R nn = n_points;
  using Matrix = Eigen::Matrix<R, Eigen::Dynamic, Eigen::Dynamic>;
  Matrix h(n, n);
  for (int i = 1; i <= n; ++i) {
    for (int j = 1; j <= i; ++j) {
      R t;
      if (i == j) {
        const R si = std::sin(pi * i / nn);
        t = (2 * nn * nn + 1) / 3 - 1 / (si * si);
      } else {
        const R sm = std::sin(pi * (i - j) / (2 * nn)), sp = std::sin(pi * (i + j) / (2 * nn));
        t = ((i - j) % 2 ? -1 : 1) * (1 / (sm * sm) - 1 / (sp * sp));
      }
      h(i - 1, j - 1) = h(j - 1, i - 1) = prefactor * t;
    }
    h(i - 1, i - 1) += potential(a + length * i / nn);
  }
  Eigen::SelfAdjointEigenSolver<Matrix> solver(h, Eigen::EigenvaluesOnly);
  if (solver.info() != Eigen::Success) throw InternalError("dvr_levels: eigensolver failed");
  std::vector<R> out(static_cast<std::size_t>(count));
  for (int k = 0; k < count; ++k) out[static_cast<std::size_t>(k)] = solver.eigenvalues()[k];
  return out;
}

template std::vector<double> dvr_levels<double>(const std::function<double(double)>&, double, double, double, int, int);
template std::vector<long double> dvr_levels<long double>(const std::function<long double(long double)>&, long double,
                                                          long double, long double, int, int);

}  // namespace tls
