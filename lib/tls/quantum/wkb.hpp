// WKB actions along a sampled profile: through the barrier (tunnelling estimates) and from a well's
// outer turning point to a wall (sensitivity of the levels to the walls).
// Landau & Lifshitz, Quantum Mechanics (3rd ed.), sections 47-50: the splitting of a symmetric
// double well is (hbar omega/pi) exp(-S) with S = (1/hbar) integral |p| dx between the turning points.
#pragma once

#include <vector>

namespace tls {

/// V sampled on an increasing grid (piecewise linear between samples), the mass m~ and path length d.
struct WkbProfile {
  const std::vector<double>& xi;
  const std::vector<double>& v;
  double mass = 0, d = 0;
};

/// S = sqrt(2 m~) d * integral sqrt(V - level) dxi over the connected region around xi_top where
/// V > level (the action in units of hbar). 0 when level >= V(xi_top).
double wkb_barrier_action(const WkbProfile& p, double xi_top, double level);

/// The same integral from the outer turning point of `level` to the left (or right) end of the
/// samples, i.e. to the wall. 0 when V at the wall is below `level`.
double wkb_wall_action(const WkbProfile& p, double level, bool left);

}  // namespace tls
