// Splittings of profiles: well analysis, nested-grid Richardson extrapolation, precision tiers,
// two-state decomposition, WKB estimates and flags (see splitting.hpp for the method).
#include "tls/quantum/splitting.hpp"

#include <gsl/gsl_min.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <mutex>
#include <numbers>
#include <optional>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/core/parallel.hpp"
#include "tls/quantum/numerov_sturm.hpp"
#include "tls/quantum/wkb.hpp"

namespace tls {

// In the order of SplitPrecision.
static const char* const precision_names[] = {"auto", "double", "long-double"};

SplitPrecision split_precision_from_name(const std::string& name) {
  for (int k : {0, 1, 2})
    if (name == precision_names[k]) return static_cast<SplitPrecision>(k);
  throw UsageError("--precision must be auto, double or long-double, got '" + name + "'");
}

std::string to_string(SplitPrecision p) { return precision_names[static_cast<int>(p)]; }

void validate(const SplitOptions& o) {
  if (!(o.domain_lo < o.domain_hi)) throw UsageError("--domain: LO must be below HI");
  if (!(o.rtol > 0 && o.rtol < 0.01)) throw UsageError("--rtol must lie in (0, 0.01), got " + format_double(o.rtol));
  if (o.max_grid < 128) throw UsageError("--max-grid must be at least 128, got " + std::to_string(o.max_grid));
}

std::vector<double> default_masses() { return {4000, 30000}; }

namespace {

using LD = long double;
constexpr int kScan = 4096;  // intervals of the uniform scan used to locate wells and for WKB integrals

// Minimum of f near `guess` inside (a, b) with GSL's Brent minimiser; requires f(guess) < f(a), f(b)
// (checked by the caller, so GSL's error handler is never reached).
double gsl_minimum(double (*f)(double, void*), void* params, double a, double guess, double b) {
  gsl_function fn{f, params};
  gsl_min_fminimizer* m = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
  if (!m) throw std::bad_alloc();
  gsl_min_fminimizer_set(m, &fn, guess, a, b);
  for (int it = 0; it < 100; ++it) {
    if (gsl_min_fminimizer_iterate(m) != 0) break;
    if (gsl_min_test_interval(gsl_min_fminimizer_x_lower(m), gsl_min_fminimizer_x_upper(m), 1e-13, 0) == 0) break;
  }
  const double x = gsl_min_fminimizer_x_minimum(m);
  gsl_min_fminimizer_free(m);
  return x;
}

struct SignedPotential {
  const ProfilePotential* pot;
  double sign;
};
double signed_value(double x, void* p) {
  const auto* s = static_cast<const SignedPotential*>(p);
  return s->sign * static_cast<double>(s->pot->value(x));
}

// Refines the extremum at scan index i (a minimum for sign = +1, a maximum for -1).
double refine_extremum(const ProfilePotential& pot, const ProfileShape& sh, std::size_t i, double sign) {
  const auto& x = sh.scan_xi;
  if (i == 0 || i + 1 >= x.size()) return x[i];
  SignedPotential sp{&pot, sign};
  const double fa = signed_value(x[i - 1], &sp), fm = signed_value(x[i], &sp), fb = signed_value(x[i + 1], &sp);
  if (!(fm < fa && fm < fb)) return x[i];
  return gsl_minimum(&signed_value, &sp, x[i - 1], x[i], x[i + 1]);
}

template <class R>
struct GridLevels {
  R e1 = 0, e2 = 0;                                    // full-domain levels, relative to v_min
  R left_d = 0, left_n = 0, right_d = 0, right_n = 0;  // ground levels of each well, wall or mirror at the top
  bool wells = false;
  // Two-state mixing: sin 2 theta from psi1 and from psi2 projected on the wells' own ground states.
  R mix1 = 0, mix2 = 0;
  bool mixed = false;
};

// sin 2 theta of the two-state model from the eigenvectors: psi1 = cos theta phi_low + sin theta
// phi_up, psi2 = -sin theta phi_low + cos theta phi_up, with phi_low, phi_up the ground states of
// each well alone (wall at the grid point b nearest the barrier top). The overlaps are taken on
// each side of b (where each phi lives), so theta = atan(|<phi_up|psi1>| / |<phi_low|psi1>|) and
// likewise from psi2. The tails of the well states beyond b bias theta by a relative O(Delta /
// hbar omega), small for the splittings that matter (E << hbar omega).
template <class R>
void mixing(const NumerovSturm<R>& solver, GridLevels<R>& g, int n, int b, int jl, int jr) {
  const bool left_low = g.left_d + g.left_n <= g.right_d + g.right_n;
  const Segment whole{0, n - 1}, ls{0, b - 1}, rs{b + 1, n - 1};
  const auto psi1 = solver.eigenvector(whole, g.e1, left_low ? jl : jr);
  const auto psi2 = solver.eigenvector(whole, g.e2, left_low ? jr : jl);
  const auto phil = solver.eigenvector(ls, g.left_d, jl);
  const auto phir = solver.eigenvector(rs, g.right_d, jr);
  if (psi1.empty() || psi2.empty() || phil.empty() || phir.empty()) return;
  auto overlaps = [&](const std::vector<R>& psi) {
    R ol = 0, orr = 0;
    for (int j = 0; j < b; ++j) ol += phil[static_cast<std::size_t>(j)] * psi[static_cast<std::size_t>(j)];
    for (int j = b + 1; j < n; ++j) orr += phir[static_cast<std::size_t>(j - b - 1)] * psi[static_cast<std::size_t>(j)];
    return std::pair<R, R>{std::fabs(ol), std::fabs(orr)};
  };
  const auto [l1, r1] = overlaps(psi1);
  const auto [l2, r2] = overlaps(psi2);
  const R low1 = left_low ? l1 : r1, up1 = left_low ? r1 : l1;
  const R low2 = left_low ? l2 : r2, up2 = left_low ? r2 : l2;
  // sin 2 theta = 2 tan theta / (1 + tan^2 theta), from each state.
  g.mix1 = 2 * low1 * up1 / (low1 * low1 + up1 * up1);
  g.mix2 = 2 * low2 * up2 / (low2 * low2 + up2 * up2);
  g.mixed = std::isfinite(static_cast<double>(g.mix1)) && std::isfinite(static_cast<double>(g.mix2));
}

struct Problem {
  const ProfilePotential& pot;
  const ProfileShape& shape;
  double mass, d;
  double hint;  // a guess above E2 - v_min
};

// One grid level: n points on the whole domain, spacing h = (hi - lo)/(n + 1), n odd so that the
// middle of the domain is a grid point (a symmetric profile then gives Delta = 0 exactly).
// Refinement halves h.
struct GridSize {
  int n = 0;
  GridSize refined() const { return {2 * n + 1}; }
};

// The Numerov-Sturm solver for V - v_min at x0 + j h, j = 0 .. count-1.
template <class R>
NumerovSturm<R> make_solver(const Problem& pb, LD x0, LD h, int count) {
  std::vector<R> v(static_cast<std::size_t>(count));
  for (int j = 0; j < count; ++j)
    v[static_cast<std::size_t>(j)] = static_cast<R>(pb.pot.value(x0 + j * h) - pb.shape.v_min);
  return NumerovSturm<R>(std::move(v), static_cast<R>(h * h * 2 * static_cast<LD>(pb.mass) * pb.d * pb.d));
}

int nearest_index(double xi, LD x0, LD h, int count) {
  const long j = std::lround(static_cast<double>((xi - x0) / h));
  return static_cast<int>(std::clamp<long>(j, 0, count - 1));
}

// The two lowest levels and, with a barrier, the ground level of each well alone: the wells are
// the grid points on either side of the point b nearest the barrier top, with psi = 0 at b (wall)
// or psi mirrored about b (Neumann). Solving the wells on the same grid as the whole problem makes
// their discretisation errors cancel in E - |Delta| (the spline's kinks make these errors depend
// on where the grid points fall, so separate grids would not cancel).
template <class R>
GridLevels<R> solve_grid(const Problem& pb, const GridSize& size) {
  const ProfileShape& sh = pb.shape;
  const R hint = static_cast<R>(pb.hint);
  const int n = size.n;
  const LD h = (static_cast<LD>(sh.hi) - sh.lo) / (n + 1), x0 = static_cast<LD>(sh.lo) + h;
  const auto solver = make_solver<R>(pb, x0, h, n);
  const int jl = nearest_index(sh.xi_left, x0, h, n), jr = nearest_index(sh.xi_right, x0, h, n);
  const int twists[] = {sh.v_left <= sh.v_right ? jl : jr, sh.v_left <= sh.v_right ? jr : jl};
  GridLevels<R> g;
  const auto levels = solver.lowest(Segment{0, n - 1}, 2, hint, twists);
  g.e1 = levels[0];
  g.e2 = levels[1];
  const int b = nearest_index(sh.xi_top, x0, h, n);
  if (sh.barrier && jl + 2 < b && b + 2 < jr) {
    const int tl[] = {jl}, tr[] = {jr};
    g.left_d = solver.lowest(Segment{0, b - 1, Boundary::dirichlet, Boundary::dirichlet}, 1, hint, tl)[0];
    g.left_n = solver.lowest(Segment{0, b, Boundary::dirichlet, Boundary::neumann}, 1, hint, tl)[0];
    g.right_d = solver.lowest(Segment{b + 1, n - 1, Boundary::dirichlet, Boundary::dirichlet}, 1, hint, tr)[0];
    g.right_n = solver.lowest(Segment{b, n - 1, Boundary::neumann, Boundary::dirichlet}, 1, hint, tr)[0];
    g.wells = true;
    mixing(solver, g, n, b, jl, jr);
  }
  return g;
}

// Richardson-extrapolated values of two nested grids and their error estimates (relative to v_min).
struct Estimate {
  double e1 = 0, e2 = 0, E = 0;
  double disc = 0;                     // |E(n2) - E(n1)| / 15
  double disc_levels = 0;              // same for the levels
  double floor = 0;                    // round-off floor of E
  double left = 0, right = 0;          // well ground levels (mean of wall and mirror at the barrier top)
  double left_gap = 0, right_gap = 0;  // wall minus mirror level of each well (the barrier's effect)
  double excess = 0, excess_err = 0;   // E - |Delta| (= Delta0^2/(E + |Delta|)) and its grid error
  bool wells = false;
  double mix = 0, mix_err = 0;  // sin 2 theta of the two-state mixing and its error (NaN: none)
  int n = 0;
  GridSize coarse;  // the coarser grid of the final pair
  const char* precision = "double";
};

template <class R>
Estimate combine(const GridLevels<R>& g1, const GridLevels<R>& g2, int n2) {
  auto extrapolate = [](R coarse, R fine) { return static_cast<double>(fine + (fine - coarse) / 15); };
  Estimate e;
  const R E1 = g1.e2 - g1.e1, E2 = g2.e2 - g2.e1;
  e.E = std::max(0.0, extrapolate(E1, E2));
  e.e1 = extrapolate(g1.e1, g2.e1);
  e.e2 = extrapolate(g1.e2, g2.e2);
  e.disc = static_cast<double>(std::fabs(E2 - E1) / 15);
  e.disc_levels = static_cast<double>(std::max(std::fabs(g2.e1 - g1.e1), std::fabs(g2.e2 - g1.e2)) / 15);
  e.floor = SplitOptions::floor_factor * static_cast<double>(std::numeric_limits<R>::epsilon()) * std::fabs(e.e2);
  e.wells = g1.wells && g2.wells;
  if (e.wells) {
    e.left = extrapolate((g1.left_d + g1.left_n) / 2, (g2.left_d + g2.left_n) / 2);
    e.left_gap = static_cast<double>(std::fabs(g2.left_d - g2.left_n));
    // E - |Delta| is known to its own Richardson difference (not to those of E and Delta).
    const R x1 = E1 - std::fabs((g1.right_d + g1.right_n - g1.left_d - g1.left_n) / 2);
    const R x2 = E2 - std::fabs((g2.right_d + g2.right_n - g2.left_d - g2.left_n) / 2);
    e.excess = extrapolate(x1, x2);
    e.excess_err = static_cast<double>(std::fabs(x2 - x1) / 15) + 2 * e.floor;
    e.right_gap = static_cast<double>(std::fabs(g2.right_d - g2.right_n));
    e.right = extrapolate((g1.right_d + g1.right_n) / 2, (g2.right_d + g2.right_n) / 2);
  }
  e.mix = e.mix_err = std::numeric_limits<double>::quiet_NaN();
  if (e.wells && g2.mixed) {
    // The finer grid's value; error: the two states' disagreement plus the grid difference.
    e.mix = static_cast<double>((g2.mix1 + g2.mix2) / 2);
    e.mix_err = static_cast<double>(std::fabs(g2.mix1 - g2.mix2) / 2);
    if (g1.mixed) e.mix_err += static_cast<double>(std::fabs((g1.mix1 + g1.mix2) / 2 - (g2.mix1 + g2.mix2) / 2));
  }
  e.n = n2;
  e.precision = std::is_same_v<R, double> ? "double" : "long-double";
  return e;
}

bool converged(const Estimate& e, double rtol) {
  return e.disc + e.floor <= rtol * e.E && e.disc_levels <= rtol * std::fabs(e.e2);
}

// Refines nested grids (h, h/2) in precision R until converged, floor-limited or at max_grid.
template <class R>
Estimate converge(const Problem& pb, GridSize size, const SplitOptions& o) {
  GridLevels<R> g1 = solve_grid<R>(pb, size);
  GridSize fine = size.refined();
  GridLevels<R> g2 = solve_grid<R>(pb, fine);
  for (;;) {
    Estimate e = combine(g1, g2, fine.n);
    e.coarse = size;
    if (converged(e, o.rtol)) return e;
    // Refine only while the grid difference is above the round-off floor (below it, it is noise).
    const bool discretisation_limited =
        (e.disc > o.rtol * e.E / 2 && e.disc > e.floor) || e.disc_levels > o.rtol * std::fabs(e.e2);
    if (!discretisation_limited || fine.refined().n > o.max_grid) return e;
    size = fine;
    g1 = std::move(g2);
    fine = size.refined();
    g2 = solve_grid<R>(pb, fine);
  }
}

// First grid: h kappa = 1/4 for the largest decay constant that matters (barrier or a few quanta
// above the wells), and h^2 (V_max - V_min)/c <= 6 so that Numerov's transform stays regular.
GridSize initial_grid(const ProfileShape& sh, double mass, double d, double hbar_omega, const SplitOptions& o) {
  const double c = 1 / (2 * mass * d * d);
  const double length = sh.hi - sh.lo;
  double scale = 2 * hbar_omega + std::fabs(sh.v_right - sh.v_left);
  if (sh.barrier) scale = std::max(scale, sh.v_top - sh.v_min);
  const double kappa = std::sqrt(scale / c);
  const double n_kappa = 4 * length * kappa;
  const double n_wall = length * std::sqrt(std::max(sh.v_max - sh.v_min, 0.0) / (6 * c));
  const double n = std::max({n_kappa, n_wall, 32.0});
  const int cap = (o.max_grid - 1) / 2;
  if (n > cap)
    throw DataError("the profile needs more than " + std::to_string(o.max_grid) +
                    " grid points (steep walls or a very heavy mass); raise --max-grid");
  GridSize g;
  g.n = static_cast<int>(std::ceil(n)) | 1;
  return g;
}

std::string join_flags(const std::vector<std::string>& words) {
  if (words.empty()) return "ok";
  std::string s;
  for (const auto& w : words) s += (s.empty() ? "" : ",") + w;
  return s;
}

SplittingRecord split_one(const ProfilePotential& pot, const ProfileShape& sh, const Profile& p, double mass,
                          const SplitOptions& o) {
  const double d = p.d;
  // hbar omega of each well in epsilon (hbar = 1/sqrt(m~) in units of epsilon tau).
  const double hw_l = std::sqrt(std::max(sh.k_left, 0.0) / (mass * d * d));
  const double hw_r = std::sqrt(std::max(sh.k_right, 0.0) / (mass * d * d));
  const double hbar_omega = std::max(hw_l, hw_r);
  Problem pb{pot, sh, mass, d,
             std::fabs(sh.v_right - sh.v_left) + std::min(sh.v_left, sh.v_right) - sh.v_min + 2 * hbar_omega};
  const GridSize first = initial_grid(sh, mass, d, hbar_omega, o);

  Estimate e;
  if (o.precision == SplitPrecision::long_double) {
    e = converge<LD>(pb, first, o);
  } else {
    e = converge<double>(pb, first, o);
    const bool floor_limited = e.floor > 0.1 * o.rtol * e.E;
    if (o.precision == SplitPrecision::automatic && !converged(e, o.rtol) && floor_limited)
      e = converge<LD>(pb, e.coarse, o);
  }

  SplittingRecord r;
  r.id = p.id;
  r.mass = mass;
  r.d = d;
  r.E1 = e.e1 + sh.v_min;
  r.E2 = e.e2 + sh.v_min;
  r.err = e.disc + e.floor;
  r.splitting = e.E;
  r.grid = e.n;
  r.precision = e.precision;
  std::vector<std::string> flags;
  if (sh.barrier) {
    r.dV = sh.v_right - sh.v_left;
    r.Vb = sh.v_top - (sh.v_left + sh.v_right) / 2;
  } else {
    flags.push_back("single");
  }
  if (e.wells) {
    r.Delta = e.right - e.left;
    // Delta0^2 = E^2 - Delta^2 = (E - |Delta|)(E + |Delta|): the excess E - |Delta| is a small
    // difference, known to its Richardson error plus what the wall/mirror mean leaves of the
    // barrier-top condition: 1 % of the wall-mirror gap of each well (moving the dividing point by
    // three grid steps changes the mean by at most 0.2 % of the gap over 6731 random wells) plus the
    // second-order (gap/2)^2 / hbar omega. Delta0 is given only when the excess is more than twice
    // that (Delta0 then good to ~25 %); otherwise NaN and the flag "delta0".
    const double u = 0.01 * (e.left_gap + e.right_gap) / 2 + e.left_gap * e.left_gap / (4 * hw_l) +
                     e.right_gap * e.right_gap / (4 * hw_r);
    const double delta0_sq = e.E * e.E - r.Delta * r.Delta;
    // Below that, Delta0 = E sin 2 theta from the two-state mixing of the eigenvectors (which
    // resolves Delta0 far below 0.04 E), given when its error -- the two states' disagreement and
    // grid change, plus the relative bias |Delta|/hbar omega of the well states' tails -- is below a
    // quarter of it; flag "mixing". Where |Delta| approaches hbar omega the two-state picture has
    // no sharp Delta0 and the row stays NaN ("delta0").
    const double tail_bias = std::fabs(r.Delta) / std::max(std::min(hw_l, hw_r), 1e-300);
    if (e.excess > 2 * (e.excess_err + u) && delta0_sq > 0) {
      r.Delta0 = std::sqrt(delta0_sq);
    } else if (e.mix > 0 && e.mix_err + tail_bias * e.mix < 0.25 * e.mix) {
      r.Delta0 = e.E * e.mix;
      flags.push_back("mixing");
    } else {
      r.Delta0 = SplittingRecord::nan;
      flags.push_back("delta0");
    }
    // WKB through the barrier at the upper well's ground level.
    const bool right_up = e.right >= e.left;
    const double level = (right_up ? e.right : e.left) + sh.v_min;
    const WkbProfile wp{sh.scan_xi, sh.scan_v, mass, d};
    r.S_wkb = wkb_barrier_action(wp, sh.xi_top, level);
    r.Delta0_wkb = std::sqrt(hw_l * hw_r) / std::numbers::pi * std::exp(-r.S_wkb);
    const double omega_up = std::sqrt(std::max(right_up ? sh.k_right : sh.k_left, 0.0)) / d;  // 1/tau
    r.rate_wkb = omega_up / (2 * std::numbers::pi) * std::exp(-2 * r.S_wkb);
    if (level >= sh.v_top) flags.push_back("above");
  } else if (sh.barrier) {
    flags.push_back("nowells");  // the barrier top lies within two grid points of a minimum
  }
  // Sensitivity to the walls: the shift of E2 by a hard wall beyond its outer turning points.
  {
    const WkbProfile wp{sh.scan_xi, sh.scan_v, mass, d};
    const double level = r.E2;
    r.wall = std::max(hw_l / (2 * std::numbers::pi) * std::exp(-2 * wkb_wall_action(wp, level, true)),
                      hw_r / (2 * std::numbers::pi) * std::exp(-2 * wkb_wall_action(wp, level, false)));
  }
  if (!(r.err <= SplitOptions::floor_rtol * r.splitting)) {
    flags.push_back("floor");
    r.splitting = r.splitting + r.err;  // an upper bound; the estimate itself is noise
    r.err = r.splitting;
  } else if (r.err > o.rtol * r.splitting) {
    flags.push_back("coarse");
  }
  if (r.wall > SplitOptions::wall_rtol * r.splitting) flags.push_back("wall");
  r.flag = join_flags(flags);
  return r;
}

}  // namespace

ProfileShape analyse_profile(const ProfilePotential& pot, const SplitOptions& o) {
  ProfileShape sh;
  sh.lo = std::min(pot.first(), o.domain_lo);
  sh.hi = std::max(pot.last(), o.domain_hi);
  sh.scan_xi.resize(kScan + 1);
  sh.scan_v.resize(kScan + 1);
  for (int i = 0; i <= kScan; ++i) {
    const double x = i == kScan ? sh.hi : sh.lo + (sh.hi - sh.lo) * i / kScan;
    sh.scan_xi[static_cast<std::size_t>(i)] = x;
    sh.scan_v[static_cast<std::size_t>(i)] = static_cast<double>(pot.value(x));
  }
  const auto& x = sh.scan_xi;
  const auto& v = sh.scan_v;
  sh.v_max = *std::max_element(v.begin(), v.end());
  // Barrier: the highest interior local maximum with 0 < xi < 1.
  std::size_t top = 0;
  for (std::size_t i = 1; i + 1 < v.size(); ++i) {
    if (!(x[i] > 0 && x[i] < 1)) continue;
    if (v[i] >= v[i - 1] && v[i] >= v[i + 1] && (v[i] > v[i - 1] || v[i] > v[i + 1]) && (top == 0 || v[i] > v[top]))
      top = i;
  }
  auto argmin = [&](std::size_t from, std::size_t to) {
    return static_cast<std::size_t>(
        std::min_element(v.begin() + static_cast<long>(from), v.begin() + static_cast<long>(to)) - v.begin());
  };
  std::size_t il = 0, ir = 0;
  if (top != 0) {
    il = argmin(0, top);
    ir = argmin(top + 1, v.size());
    sh.barrier = v[il] < v[top] && v[ir] < v[top];
  }
  if (top != 0 && sh.barrier) {
    sh.xi_top = refine_extremum(pot, sh, top, -1);
    sh.xi_left = refine_extremum(pot, sh, il, +1);
    sh.xi_right = refine_extremum(pot, sh, ir, +1);
  } else {
    sh.barrier = false;
    il = ir = argmin(0, v.size());
    sh.xi_left = sh.xi_right = sh.xi_top = refine_extremum(pot, sh, il, +1);
  }
  sh.v_left = static_cast<double>(pot.value(sh.xi_left));
  sh.v_right = static_cast<double>(pot.value(sh.xi_right));
  sh.v_top = static_cast<double>(pot.value(sh.xi_top));
  sh.v_min = std::min({sh.v_left, sh.v_right, *std::min_element(v.begin(), v.end())});
  sh.k_left = pot.curvature(sh.xi_left);
  sh.k_right = pot.curvature(sh.xi_right);
  return sh;
}

namespace {

// The row of a profile that cannot be solved for `mass`: splitting NaN, flag "failed".
SplittingRecord failed_row(const Profile& profile, double mass) {
  SplittingRecord r;
  r.id = profile.id;
  r.mass = mass;
  r.d = profile.d;
  r.err = SplittingRecord::nan;
  r.wall = SplittingRecord::nan;
  r.grid = 0;
  r.precision = "none";
  r.flag = "failed";
  return r;
}

}  // namespace

std::vector<SplittingRecord> split_profile(const Profile& profile, std::span<const double> masses,
                                           const SplitOptions& o, std::vector<std::string>* failures) {
  std::vector<SplittingRecord> out;
  out.reserve(masses.size());
  auto fail = [&](double m, const std::string& why) {
    if (!failures) throw DataError(why);
    failures->push_back("mass " + format_double(m) + ": " + why);
    out.push_back(failed_row(profile, m));
  };
  std::optional<ProfilePotential> pot;
  try {
    pot.emplace(profile.xi, profile.v);
  } catch (const DataError& e) {
    for (const double m : masses) fail(m, e.what());
    return out;
  }
  const ProfileShape sh = analyse_profile(*pot, o);
  for (const double m : masses) {
    try {
      out.push_back(split_one(*pot, sh, profile, m, o));
    } catch (const DataError& e) {
      fail(m, e.what());
    }
  }
  return out;
}

std::vector<SplittingRecord> split_profiles(const std::vector<Profile>& profiles, std::span<const double> masses,
                                            const SplitOptions& o, const std::string& source, int threads,
                                            Progress* progress, std::vector<std::string>* failures) {
  std::vector<std::vector<SplittingRecord>> per(profiles.size());
  std::vector<std::vector<std::string>> why(profiles.size());
  std::atomic<std::size_t> done{0};
  std::mutex report;
  parallel_for(profiles.size(), threads, [&](std::size_t i) {
    const Profile& p = profiles[i];
    try {
      per[i] = split_profile(p, masses, o, failures ? &why[i] : nullptr);
    } catch (const DataError& e) {
      throw DataError(source, p.line, "profile '" + p.id + "': " + e.what());
    }
    const std::size_t k = ++done;
    if (progress) {
      std::lock_guard<std::mutex> lock(report);
      progress->update(static_cast<double>(k), static_cast<double>(profiles.size()), "profiles", "");
    }
  });
  if (failures)
    for (std::size_t i = 0; i < profiles.size(); ++i)
      for (auto& w : why[i])
        failures->push_back(source + ":" + std::to_string(profiles[i].line) + ": profile '" + profiles[i].id + "', " +
                            w);
  std::vector<SplittingRecord> out;
  out.reserve(profiles.size() * masses.size());
  for (auto& v : per)
    for (auto& r : v) out.push_back(std::move(r));
  return out;
}

Metadata split_metadata(std::span<const double> masses, const SplitOptions& o) {
  Metadata m;
  std::string ms;
  for (const double x : masses) ms += (ms.empty() ? "" : ",") + format_double(x);
  m.emplace_back("masses", ms);
  m.emplace_back("method",
                 "Numerov (4th order) Sturm bisection + Brent on nested grids n and 2n+1, Richardson "
                 "extrapolation; double arithmetic, long double where the round-off floor exceeds rtol*E/10");
  m.emplace_back("rtol", format_double(o.rtol));
  m.emplace_back("interpolation", "clamped cubic spline through the samples, end slopes from the 5-point polynomial");
  m.emplace_back("continuation",
                 "harmonic beyond the samples of each profile: V_end + V'_end (xi-xi_end) + "
                 "k (xi-xi_end)^2/2 with k = max(V''(end), V''(nearest sampled minimum)); never mirrored");
  m.emplace_back("domain", std::string("hard walls (psi = 0) at min(first sample, ") + format_double(o.domain_lo) +
                               ") and max(last sample, " + format_double(o.domain_hi) + ")");
  m.emplace_back("units", "energies epsilon; d sigma; rate_wkb 1/tau, tau = sqrt(m sigma^2/epsilon); S_wkb in hbar");
  m.emplace_back("flags",
                 "failed: the profile cannot be solved (splitting NaN; reason on stderr); floor: splitting is an "
                 "upper bound (error above 1%); coarse: error above rtol; single: no "
                 "barrier in (0,1); above: upper well's level above the barrier top; mixing: Delta0 from the "
                 "eigenvectors' two-state mixing (sqrt(E^2 - Delta^2) not resolved); delta0: Delta0 resolved by "
                 "neither (NaN); nowells: barrier top too close to a minimum to solve the wells alone (Delta, "
                 "Delta0 NaN); wall: walls shift the levels by more than 1e-3 E");
  return m;
}

}  // namespace tls
