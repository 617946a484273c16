// V(xi) of one double-well profile: a C2 cubic spline through the samples, continued harmonically
// beyond them (SPEC.md section 5: "harmonic continuation is the fallback; never mirror").
//
// Spline: clamped cubic spline whose end slopes are those of the polynomial through the first (last)
// five samples, so that cubics are reproduced exactly and the curvature at an end minimum is not
// forced to zero (a natural spline would flatten the wells of profiles that stop at xi = 0 and 1).
// Coefficients are computed and evaluated in long double, because the long-double tier of the
// splitting solver needs V itself to that precision (docs/tools/tls-split.md); GSL's splines are
// double-only and offer no clamped end condition, so the tridiagonal solve is written here.
//
// Continuation: beyond the first sample xi_0, V(xi) = V_0 + V'_0 (xi - xi_0) + k_L (xi - xi_0)^2 / 2,
// the C1 parabola with curvature k_L = max(V''(xi_0), V''(first local minimum of the samples)),
// V'_0 and V''(xi_0) taken from the polynomial through the five end samples (exact for quartics,
// O(h^3) in general: the spline's own end curvature is only O(h^2), a 1 % error with 33 NEB
// images); the same on the right. For profiles that end at their minima this is the harmonic
// approximation of the end wells.
#pragma once

#include <vector>

namespace tls {

class ProfilePotential {
 public:
  /// Samples with xi strictly increasing, at least 3, all finite. Throws DataError (no location)
  /// when no positive curvature is available for a continuation.
  ProfilePotential(const std::vector<double>& xi, const std::vector<double>& v);

  /// V at any xi (spline inside the samples, parabolas outside), in long double.
  long double value(long double xi) const;
  /// dV/dxi and d2V/dxi2 at any xi.
  double slope(double xi) const;
  double curvature(double xi) const;

  double first() const { return static_cast<double>(x_.front()); }          ///< xi of the first sample
  double last() const { return static_cast<double>(x_.back()); }            ///< xi of the last sample
  double lowest_sample() const { return min_sample_; }                      ///< smallest V of the samples
  double highest_sample() const { return max_sample_; }                     ///< largest V of the samples
  double left_curvature() const { return static_cast<double>(k_left_); }    ///< of the left parabola
  double right_curvature() const { return static_cast<double>(k_right_); }  ///< of the right parabola

 private:
  std::size_t interval(long double xi) const;
  std::vector<long double> x_, a_, b_, c_, d_;  // on [x_k, x_k+1]: a + b t + c t^2 + d t^3, t = xi - x_k
  long double k_left_ = 0, k_right_ = 0, slope_left_ = 0, slope_right_ = 0;
  double min_sample_ = 0, max_sample_ = 0;
};

}  // namespace tls
