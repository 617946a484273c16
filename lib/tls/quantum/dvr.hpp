// Colbert-Miller discrete variable representation on an interval with hard walls: an independent
// solver of -c psi'' + V psi = E psi, spectrally accurate, dense (O(N^3)), used to cross-check the
// Numerov-Sturm solver (tests, tls-bench) and as a reference in long double.
// D. T. Colbert and W. H. Miller, J. Chem. Phys. 96, 1982 (1992), Eq. (A6) (the (a, b) interval).
#pragma once

#include <functional>
#include <vector>

namespace tls {

/// The `count` lowest eigenvalues of -c psi'' + V psi on (a, b) with psi(a) = psi(b) = 0, on the
/// N - 1 interior DVR points x_i = a + i (b - a)/N. `c` = hbar^2/(2 m d^2) (1/(2 m~ d^2) for
/// tls-split). R is double or long double (Eigen's SelfAdjointEigenSolver in that precision).
/// Round-off: absolute error about epsilon(R) times the largest eigenvalue of the kinetic matrix,
/// about c pi^2 N^2 / (3 (b - a)^2): the floor that the Numerov-Sturm form avoids.
template <class R>
std::vector<R> dvr_levels(const std::function<R(R)>& potential, R a, R b, R c, int n_points, int count);

extern template std::vector<double> dvr_levels<double>(const std::function<double(double)>&, double, double, double,
                                                       int, int);
extern template std::vector<long double> dvr_levels<long double>(const std::function<long double(long double)>&,
                                                                 long double, long double, long double, int, int);

}  // namespace tls
