// The pair potential of the polydisperse soft-sphere glass former (SPEC.md section 1; Ninarello,
// Berthier & Coslovich, PRX 7, 021039 (2017)): v(r) = eps [x^-12 + c0 + c2 x^2 + c4 x^4],
// x = r / sigma_ij < x_c = 1.25, with v, v' and v'' vanishing at the cut. Units: eps = sigma = 1.
#pragma once

#include <cmath>

namespace tls::potential {

/// Cut-off in units of sigma_ij.
inline constexpr double kCut = 1.25;
inline constexpr double kCut2 = kCut * kCut;

namespace detail {
constexpr double ipow(double x, int n) { return n == 0 ? 1.0 : x * ipow(x, n - 1); }
}  // namespace detail

/// Polynomial coefficients that make v, v', v'' vanish at x_c.
inline constexpr double kC0 = -28.0 / detail::ipow(kCut, 12);
inline constexpr double kC2 = 48.0 / detail::ipow(kCut, 14);
inline constexpr double kC4 = -21.0 / detail::ipow(kCut, 16);

/// Nonadditivity of the mixing rule.
inline constexpr double kNonadditivity = 0.2;

/// sigma_ij = (sigma_i + sigma_j)/2 * (1 - 0.2 |sigma_i - sigma_j|). Increasing in both arguments
/// for diameters below 2.5, which the neighbour lists rely on.
inline double sigma_ij(double a, double b) { return 0.5 * (a + b) * (1.0 - kNonadditivity * std::abs(a - b)); }

/// v(x)/eps for x = r/sigma_ij (zero beyond the cut).
inline double v(double x) {
  if (x >= kCut) return 0.0;
  const double x2 = x * x;
  const double i6 = 1.0 / (x2 * x2 * x2);
  return i6 * i6 + kC0 + x2 * (kC2 + kC4 * x2);
}
/// dv/dx (zero beyond the cut).
inline double dv(double x) {
  if (x >= kCut) return 0.0;
  const double x2 = x * x;
  const double i6 = 1.0 / (x2 * x2 * x2);
  return -12.0 * i6 * i6 / x + x * (2.0 * kC2 + 4.0 * kC4 * x2);
}
/// d2v/dx2 (zero beyond the cut).
inline double d2v(double x) {
  if (x >= kCut) return 0.0;
  const double x2 = x * x;
  const double i6 = 1.0 / (x2 * x2 * x2);
  return 156.0 * i6 * i6 / x2 + 2.0 * kC2 + 12.0 * kC4 * x2;
}

}  // namespace tls::potential
