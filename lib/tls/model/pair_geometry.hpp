// End-to-end geometry of two configurations of one glass from their particle displacements:
// distance, largest three particle displacements, participation ratios. One body used by
// tls-pairs (graph::pair_geometry) and by the streamed all-pairs ranking of tls-screen, so the two
// agree to the last bit (-ffp-contract=off keeps the same expression rounding the same everywhere).
#pragma once

#include <Eigen/Core>
#include <cmath>
#include <utility>

namespace tls {

struct PairGeometry {
  double distance = 0, max_displacement = 0, PR = 0, PR_particle = 0;
  double disp2 = 0, disp3 = 0;  ///< 2nd and 3rd largest particle displacements
};

/// The geometry of `n` particle displacements, particle i's given by displacement(i, dx, dy, dz)
/// (minimum image, centre-of-mass shift removed: relative_displacement()). Particles are summed in
/// order i = 0 .. n-1. Identical configurations give PR = PR_particle = 0 (no participation).
template <class Displacement>
PairGeometry pair_geometry_of(Eigen::Index n, Displacement&& displacement) {
  double d2 = 0, cart4 = 0, part4 = 0;
  double top[3] = {0, 0, 0};  // the three largest squared particle displacements, descending
  for (Eigen::Index i = 0; i < n; ++i) {
    double dx = 0, dy = 0, dz = 0;
    displacement(i, dx, dy, dz);
    const double x = dx * dx, y = dy * dy, z = dz * dz;
    const double r2 = x + y + z;
    d2 += r2;
    cart4 += x * x + y * y + z * z;
    part4 += r2 * r2;
    if (r2 > top[2]) {
      top[2] = r2;
      if (top[2] > top[1]) std::swap(top[1], top[2]);
      if (top[1] > top[0]) std::swap(top[0], top[1]);
    }
  }
  PairGeometry g;
  g.distance = std::sqrt(d2);
  g.max_displacement = std::sqrt(top[0]);
  g.disp2 = std::sqrt(top[1]);
  g.disp3 = std::sqrt(top[2]);
  g.PR = cart4 > 0 ? d2 * d2 / cart4 : 0.0;
  g.PR_particle = part4 > 0 ? d2 * d2 / part4 : 0.0;
  return g;
}

}  // namespace tls
