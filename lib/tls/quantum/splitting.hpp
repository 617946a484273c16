// Tunnel splittings of double-well profiles: the 1-D Schroedinger equation along the path,
//   -(1/(2 m~ d^2)) psi''(xi) + V(xi) psi(xi) = E psi(xi),
// (Khomenko et al., PRL 124, 225901 (2020), Eq. (2); SPEC.md section 6), its two lowest levels E1,
// E2 and the splitting E = E2 - E1 with an error estimate, the two-state decomposition
// E = sqrt(Delta^2 + Delta0^2) (SPEC's choice: Delta from each well solved alone), and WKB
// estimates: Landau & Lifshitz, Quantum Mechanics, section 50 (splitting of a symmetric double
// well), and the Gamow escape rate (omega/2 pi) exp(-2 S), the leading term of the tunnelling rates
// of Andreassen et al., PRD 95, 085011 (2017), which the paper cites.
//
// Method (docs/tools/tls-split.md): the profile is a ProfilePotential (spline + harmonic
// continuation) on the domain [min(first sample, lo), max(last sample, hi)] with hard walls. The
// Numerov-Sturm solver runs on grids of n and 2n+1 points (n odd); Richardson extrapolation (order
// 4) gives the values and |E(2n+1) - E(n)|/15 the discretisation error. The round-off floor is
// 16 epsilon(R) (E2 - V_min), calibrated against __float128 (tests/unit/test_quantum_precision.cpp).
// Grids are refined while the discretisation error dominates and exceeds rtol E; arithmetic is
// escalated from double to long double when the floor exceeds rtol E / 10. The wells for Delta are
// cut from the same grids at the point nearest the barrier top, once with a wall and once with a
// mirror there; Delta0 is reported only where E - |Delta| is resolved.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "tls/core/progress.hpp"
#include "tls/io/profile_table.hpp"
#include "tls/io/splitting_table.hpp"
#include "tls/io/table.hpp"
#include "tls/quantum/profile_potential.hpp"

namespace tls {

enum class SplitPrecision { automatic, double_only, long_double };

struct SplitOptions {
  double domain_lo = -0.6;  ///< wall positions unless the samples reach beyond them
  double domain_hi = 1.6;
  double rtol = 1e-6;      ///< target relative error of E (and of E1, E2 measured from V_min)
  int max_grid = 1 << 17;  ///< largest grid (points)
  SplitPrecision precision = SplitPrecision::automatic;
  /// Relative error above which a splitting is flagged "floor" and printed as an upper bound.
  static constexpr double floor_rtol = 1e-2;
  /// Relative wall shift above which a splitting is flagged "wall".
  static constexpr double wall_rtol = 1e-3;
  /// Round-off floor: floor_factor * epsilon(R) * (E2 - V_min).
  static constexpr double floor_factor = 16;
};

/// "auto", "double", "long-double" (tls-split --precision); throws UsageError otherwise.
SplitPrecision split_precision_from_name(const std::string& name);
std::string to_string(SplitPrecision p);

/// Throws UsageError naming the first invalid setting by its option (--domain, --rtol, --max-grid).
void validate(const SplitOptions& o);

/// The masses m~ solved when none are given: the paper's 4000 and 30000.
std::vector<double> default_masses();

/// Wells and barrier of a profile, located on its ProfilePotential.
struct ProfileShape {
  double lo = 0, hi = 0;                         ///< domain (walls)
  bool barrier = false;                          ///< an interior maximum exists in (0, 1)
  double xi_left = 0, xi_right = 0, xi_top = 0;  ///< minima and barrier top (xi_left = xi_right without barrier)
  double v_left = 0, v_right = 0, v_top = 0;
  double k_left = 0, k_right = 0;       ///< V'' at the minima (epsilon per xi^2)
  double v_min = 0, v_max = 0;          ///< extremes of V over the domain
  std::vector<double> scan_xi, scan_v;  ///< V on a uniform scan of the domain (for WKB integrals)
};

/// Locates the wells and the barrier (interior maximum of V on [0, 1]) of `pot` on the domain of `o`.
ProfileShape analyse_profile(const ProfilePotential& pot, const SplitOptions& o);

/// Splittings of one profile for each mass, in order. A profile that cannot be solved (no positive
/// curvature to continue it, a grid above max_grid) gives a row with splitting NaN and flag "failed"
/// and its reason appended to `failures`; without `failures` it throws DataError (no location).
std::vector<SplittingRecord> split_profile(const Profile& profile, std::span<const double> masses,
                                           const SplitOptions& o, std::vector<std::string>* failures = nullptr);

/// Every profile for every mass (rows ordered by profile, then mass), on `threads` threads with
/// results independent of the thread count. With `failures`, unsolvable profiles give "failed" rows
/// and "source:line: profile 'id', mass M: reason" lines; without it the first one throws DataError
/// carrying "source:line" of the offending profile.
std::vector<SplittingRecord> split_profiles(const std::vector<Profile>& profiles, std::span<const double> masses,
                                            const SplitOptions& o, const std::string& source, int threads,
                                            Progress* progress, std::vector<std::string>* failures = nullptr);

/// Metadata lines that describe the method, domain, continuation and units of a splitting table.
Metadata split_metadata(std::span<const double> masses, const SplitOptions& o);

}  // namespace tls
