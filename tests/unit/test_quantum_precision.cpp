// Precision of tiny splittings (SPEC.md section 6): symmetric double wells so deep that
// E/E1 goes from 1e-9 down to 1e-20 must be either right to 1 % or flagged "floor" (and then the
// printed value must be an upper bound). References are computed here, independently of the
// library's solver: finite differences (3-point, a different discretisation) with Sturm bisection
// in __float128 (113-bit mantissa), Richardson-extrapolated over n and 2n+1 points.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <vector>

#include "tls/io/splitting_table.hpp"
#include "tls/quantum/profile_potential.hpp"
#include "tls/quantum/splitting.hpp"

namespace {

__extension__ typedef __float128 Quad;

Quad qabs(Quad x) { return x < 0 ? -x : x; }

// Eigenvalues below e of the 3-point finite-difference matrix (diagonal d_j, off-diagonal off).
int sturm_count(const std::vector<Quad>& diag, Quad off2, Quad e) {
  int c = 0;
  Quad q = 1;
  for (std::size_t j = 0; j < diag.size(); ++j) {
    q = (diag[j] - e) - (j ? off2 / q : Quad(0));
    if (q == 0) q = Quad(-1e-300);
    c += q < 0;
  }
  return c;
}

// The two lowest levels of -c psi'' + V psi on (-0.6, 1.6) with n interior points, hard walls.
std::pair<Quad, Quad> fd_levels(const std::function<Quad(Quad)>& v, double mass, double d, int n) {
  const Quad lo = -0.6, hi = 1.6, h = (hi - lo) / (n + 1), c = 1 / (2 * Quad(mass) * d * d);
  std::vector<Quad> diag(static_cast<std::size_t>(n));
  for (int j = 0; j < n; ++j) diag[static_cast<std::size_t>(j)] = 2 * c / (h * h) + v(lo + (j + 1) * h);
  const Quad off2 = (c / (h * h)) * (c / (h * h));
  Quad out[2];
  for (int k = 1; k <= 2; ++k) {
    Quad a = 0, b = 1;  // all these wells have E2 < 1
    for (int it = 0; it < 112; ++it) {
      const Quad m = (a + b) / 2;
      (sturm_count(diag, off2, m) >= k ? b : a) = m;
    }
    out[k - 1] = (a + b) / 2;
  }
  return {out[0], out[1]};
}

struct Reference {
  double e, err;
};

// Richardson over n and 2n+1 (h halves): E + (E_fine - E_coarse)/3 for a 2nd-order method.
Reference fd_splitting(const std::function<Quad(Quad)>& v, double mass, double d, int n) {
  const auto [a1, a2] = fd_levels(v, mass, d, n);
  const auto [b1, b2] = fd_levels(v, mass, d, 2 * n + 1);
  const Quad coarse = a2 - a1, fine = b2 - b1;
  const Quad extrapolated = fine + (fine - coarse) / 3;
  return {static_cast<double>(extrapolated), static_cast<double>(qabs(fine - coarse) / 3)};
}

// Exactly symmetric samples: dyadic xi mirrored about 1/2, equal V at mirrored points.
tls::Profile symmetric_quartic(double barrier, double d) {
  tls::Profile p;
  p.id = "deep";
  p.d = d;
  for (int i = -39; i <= 103; ++i) {  // xi = -0.609375 .. 1.609375, step 1/64
    const double x = i / 64.0, y = 1 - x;
    p.xi.push_back(x);
    p.v.push_back(16 * barrier * (x * x) * (y * y));
  }
  return p;
}

}  // namespace

TEST(QuantumPrecision, DeepSymmetricWellsAreRightToOnePercentOrFlagged) {
  struct Case {
    double barrier, mass, d;
  };
  // E/E1 from about 2e-9 to 1e-20.
  const Case cases[] = {{0.15, 4000, 1.0}, {0.2, 4000, 1.0}, {0.3, 4000, 1.0},
                        {0.4, 4000, 1.0},  {0.5, 4000, 1.0}, {0.05, 30000, 1.0}};
  int resolved_deep = 0, flagged = 0;
  for (const auto& c : cases) {
    const tls::Profile p = symmetric_quartic(c.barrier, c.d);
    const auto r = tls::split_profile(p, std::span<const double>(&c.mass, 1), tls::SplitOptions{}).at(0);
    const double ratio = r.splitting / r.E1;
    // The analytic double well (what a physicist means by "the" splitting).
    const Reference exact =
        fd_splitting([&](Quad x) { return 16 * Quad(c.barrier) * x * x * (1 - x) * (1 - x); }, c.mass, c.d, 3000);
    ASSERT_LT(exact.err, 1e-3 * exact.e) << "reference not converged";
    // The very potential the tool solves (its spline, evaluated in long double).
    const tls::ProfilePotential pot(p.xi, p.v);
    const Reference same =
        fd_splitting([&](Quad x) { return Quad(pot.value(static_cast<long double>(x))); }, c.mass, c.d, 3000);
    SCOPED_TRACE("barrier " + std::to_string(c.barrier) + " mass " + std::to_string(c.mass) +
                 ": E = " + std::to_string(r.splitting) + " E/E1 = " + std::to_string(ratio) + " flag " + r.flag +
                 " reference " + std::to_string(exact.e));
    EXPECT_LT(exact.e / r.E1, 1e-8);
    if (tls::flag_has(r.flag, "floor")) {
      ++flagged;
      EXPECT_GE(r.splitting, 0.99 * exact.e) << "a floor value must be an upper bound";
      continue;
    }
    EXPECT_NEAR(r.splitting, exact.e, 0.01 * exact.e) << "must be right to 1 % when not flagged";
    // The error estimate covers the actual error (plus the reference's own).
    EXPECT_LE(std::fabs(r.splitting - same.e), r.err + same.err) << "err " << r.err;
    if (exact.e / r.E1 < 1e-13) ++resolved_deep;
  }
  EXPECT_GE(resolved_deep, 1) << "long double should resolve E/E1 ~ 1e-15";
  EXPECT_GE(flagged, 1) << "E/E1 ~ 1e-20 is beyond any floor: it must be flagged";
}

TEST(QuantumPrecision, DoubleOnlyFlagsWhatLongDoubleResolves) {
  const tls::Profile p = symmetric_quartic(0.3, 1.0);  // E/E1 ~ 2e-13
  const double mass = 4000;
  tls::SplitOptions o;
  o.precision = tls::SplitPrecision::double_only;
  const auto d = tls::split_profile(p, std::span<const double>(&mass, 1), o).at(0);
  o.precision = tls::SplitPrecision::automatic;
  const auto a = tls::split_profile(p, std::span<const double>(&mass, 1), o).at(0);
  EXPECT_EQ(d.precision, "double");
  EXPECT_EQ(a.precision, "long-double");
  EXPECT_TRUE(tls::flag_has(d.flag, "floor") || tls::flag_has(d.flag, "coarse")) << d.flag;
  EXPECT_GT(d.err, 100 * a.err);
  EXPECT_FALSE(tls::flag_has(a.flag, "floor"));
  // Typical splittings never need long double.
  const tls::Profile shallow = symmetric_quartic(0.05, 0.5);
  EXPECT_EQ(tls::split_profile(shallow, std::span<const double>(&mass, 1), o).at(0).precision, "double");
}
