// The fast NEB method (pair_options(NebMethod::fast): stage 2 stopped once the climbing image's
// force is below 1e-4 and the perpendicular forces below 1e-4, no saddle check) against the classic one (SPEC.md
// section 5) on analytic surfaces scaled to the size of the glass's double wells (d ~ 0.1-0.5 sigma, barriers ~
// 1e-3-1e-2 eps): the same chain of minima, Delta V and V_b within 1 %, splittings at m~ = 4000 and 30000 within 2 %
// (issue 12's tolerances), and fewer force calls.
#include <gtest/gtest.h>

#include <array>
#include <string>

#include "support/analytic_surfaces.hpp"
#include "tls/core/error.hpp"
#include "tls/neb/pair.hpp"
#include "tls/quantum/splitting.hpp"

namespace {

using tls::test::Analytic2D;
using V2 = Eigen::Vector2d;

// A(x, y) = a * S(x / l, y / l): energies times a, lengths times l.
template <class S>
class Scaled final : public Analytic2D {
 public:
  Scaled(double a, double l) : a_(a), l_(l) {}
  double eval(double x, double y, double g[2], double h[3]) const override {
    const double v = s_.eval(x / l_, y / l_, g, h);
    for (int k = 0; k < 2; ++k) g[k] *= a_ / l_;
    for (int k = 0; k < 3; ++k) h[k] *= a_ / (l_ * l_);
    return a_ * v;
  }

 private:
  S s_;
  double a_, l_;
};

struct Dwp {
  double dV, Vb, d;
  std::array<double, 2> E;  // splittings at m~ = 4000, 30000
};

struct Outcome {
  tls::neb::PairStatus status;
  std::vector<Dwp> dwps;
  long force_calls;
};

Outcome solve(Analytic2D& s, const V2& a, const V2& b, tls::neb::NebMethod method) {
  const auto o = tls::neb::pair_options(method);
  const auto r = tls::neb::solve_pair(s, Analytic2D::point(a), Analytic2D::point(b), o);
  Outcome out{r.status, {}, r.force_calls};
  const std::array<double, 2> masses{4000, 30000};
  for (const auto& seg : r.segments) {
    if (seg.status != tls::neb::SegmentStatus::dwp) continue;
    tls::Profile p;
    p.id = "x";
    p.d = seg.d;
    for (const auto& q : seg.profile) p.xi.push_back(q.xi), p.v.push_back(q.v);
    const auto rec = tls::split_profile(p, masses, tls::SplitOptions{});
    out.dwps.push_back({seg.shape.dV, seg.shape.Vb, seg.d, {rec.at(0).splitting, rec.at(1).splitting}});
  }
  return out;
}

void expect_fast_agrees(Analytic2D& s, const V2& a, const V2& b, std::size_t expected_dwps,
                        tls::neb::NebMethod method) {
  const auto classic = solve(s, a, b, tls::neb::NebMethod::classic);
  const auto fast = solve(s, a, b, method);
  ASSERT_EQ(classic.status, fast.status);
  ASSERT_EQ(classic.dwps.size(), expected_dwps);
  ASSERT_EQ(fast.dwps.size(), expected_dwps);
  for (std::size_t k = 0; k < expected_dwps; ++k) {
    const auto &c = classic.dwps[k], &f = fast.dwps[k];
    EXPECT_LT(std::abs(f.dV / c.dV - 1), 0.01) << "DWP " << k;
    EXPECT_LT(std::abs(f.Vb / c.Vb - 1), 0.01) << "DWP " << k;
    for (int m = 0; m < 2; ++m) EXPECT_LT(std::abs(f.E[m] / c.E[m] - 1), 0.02) << "DWP " << k << " mass " << m;
    std::cout << "[ neb ] DWP " << k << ": dV " << c.dV << " / " << f.dV << ", Vb " << c.Vb << " / " << f.Vb << ", d "
              << c.d << " / " << f.d << ", E(4000) " << c.E[0] << " / " << f.E[0] << ", E(30000) " << c.E[1] << " / "
              << f.E[1] << " (classic / fast)\n";
  }
  EXPECT_LT(fast.force_calls, classic.force_calls);
  std::cout << "[ neb ] force calls: classic " << classic.force_calls << ", fast " << fast.force_calls << "\n";
}

// Each faster method against classic on two surfaces: fast; fast-compact (the compact-form band
// L-BFGS, history in single precision); fast-coarse (fast-compact whose first band starts from the
// straight path relaxed as an 8-image band).
class NebFastMethod : public ::testing::TestWithParam<tls::neb::NebMethod> {};

TEST_P(NebFastMethod, AgreesWithClassicOnATlsSizedCurvedDoubleWell) {
  // Barrier 3e-3 eps above the saddle-free reference, minima ~0.2 sigma apart on a curved valley.
  constexpr double a = 3e-3, l = 0.1;
  Scaled<tls::test::CurvedDoubleWell> s(a, l);
  expect_fast_agrees(s, V2(-0.9 * l, 0.2 * l), V2(1.1 * l, 0.5 * l), 1, GetParam());
}

TEST_P(NebFastMethod, AgreesWithClassicThroughAnIntermediateMinimum) {
  // Mueller-Brown scaled to barriers ~0.01 eps and d ~ 0.3 sigma: A -> C -> B, split into two DWPs
  // by both methods. Its curvatures reach ~10 eps/sigma^2 here, so the unit spring suffices.
  constexpr double a = 1e-4, l = 0.2;
  Scaled<tls::test::MullerBrown> s(a, l);
  const V2 ma = s.stationary_point(V2(-0.558 * l, 1.442 * l)), mb = s.stationary_point(V2(0.623 * l, 0.028 * l));
  expect_fast_agrees(s, ma, mb, 2, GetParam());
}

INSTANTIATE_TEST_SUITE_P(Methods, NebFastMethod,
                         ::testing::Values(tls::neb::NebMethod::fast, tls::neb::NebMethod::fast_compact,
                                           tls::neb::NebMethod::fast_coarse),
                         [](const auto& param_info) {
                           std::string n = tls::neb::to_string(param_info.param);
                           for (auto& c : n)
                             if (c == '-') c = '_';
                           return n;
                         });

// The coarse start is used (its band's steps are counted) and changes nothing but the start: with
// coarse_images = 0 fast-coarse is fast-compact, bit for bit.
TEST(NebFast, CoarseStartIsTheOnlyDifferenceFromFastCompact) {
  constexpr double a = 3e-3, l = 0.1;
  Scaled<tls::test::CurvedDoubleWell> s(a, l);
  const auto pa = Analytic2D::point(V2(-0.9 * l, 0.2 * l)), pb = Analytic2D::point(V2(1.1 * l, 0.5 * l));
  auto coarse = tls::neb::pair_options(tls::neb::NebMethod::fast_coarse);
  EXPECT_EQ(coarse.coarse_images, 8);
  const auto with = tls::neb::solve_pair(s, pa, pb, coarse);
  coarse.coarse_images = 0;
  const auto without = tls::neb::solve_pair(s, pa, pb, coarse);
  const auto compact = tls::neb::solve_pair(s, pa, pb, tls::neb::pair_options(tls::neb::NebMethod::fast_compact));
  ASSERT_EQ(without.segments.size(), compact.segments.size());
  EXPECT_EQ(without.force_calls, compact.force_calls);
  EXPECT_EQ(without.iterations, compact.iterations);
  for (std::size_t k = 0; k < compact.segments.size(); ++k)
    EXPECT_EQ(without.segments[k].shape.Vb, compact.segments[k].shape.Vb);
  EXPECT_NE(with.force_calls, compact.force_calls);
}

// A coarse band that does not converge is dropped: the pair starts from the straight path, as
// fast-compact does, and gives fast-compact's segments (only the coarse band's calls are added).
TEST(NebFast, UnconvergedCoarseBandFallsBackToTheStraightPath) {
  constexpr double a = 3e-3, l = 0.1;
  Scaled<tls::test::CurvedDoubleWell> s(a, l);
  const auto pa = Analytic2D::point(V2(-0.9 * l, 0.2 * l)), pb = Analytic2D::point(V2(1.1 * l, 0.5 * l));
  auto coarse = tls::neb::pair_options(tls::neb::NebMethod::fast_coarse);
  coarse.coarse_ftol = 1e-300;  // never reached
  coarse.neb.max_iterations = 300;
  auto compact = tls::neb::pair_options(tls::neb::NebMethod::fast_compact);
  compact.neb.max_iterations = 300;
  const auto fell_back = tls::neb::solve_pair(s, pa, pb, coarse);
  const auto straight = tls::neb::solve_pair(s, pa, pb, compact);
  ASSERT_EQ(straight.status, tls::neb::PairStatus::dwp);
  ASSERT_EQ(fell_back.status, straight.status);
  ASSERT_EQ(fell_back.segments.size(), straight.segments.size());
  for (std::size_t k = 0; k < straight.segments.size(); ++k) {
    EXPECT_EQ(fell_back.segments[k].shape.Vb, straight.segments[k].shape.Vb);
    EXPECT_EQ(fell_back.segments[k].d, straight.segments[k].d);
  }
  EXPECT_GT(fell_back.force_calls, straight.force_calls);
}

TEST(NebFast, MethodNames) {
  EXPECT_EQ(tls::neb::neb_method_from_name("fast-coarse"), tls::neb::NebMethod::fast_coarse);
  EXPECT_STREQ(tls::neb::to_string(tls::neb::NebMethod::fast_coarse), "fast-coarse");
  EXPECT_EQ(tls::neb::neb_method_from_name("fast"), tls::neb::NebMethod::fast);
  EXPECT_STREQ(tls::neb::to_string(tls::neb::NebMethod::classic), "classic");
  EXPECT_THROW(tls::neb::neb_method_from_name("quick"), tls::UsageError);
  // classic is exactly the library's defaults (SPEC.md section 5).
  const auto c = tls::neb::pair_options(tls::neb::NebMethod::classic);
  const tls::neb::PairOptions d;
  EXPECT_EQ(c.neb.perp_ftol, d.neb.perp_ftol);
  EXPECT_EQ(c.neb.ftol, d.neb.ftol);
  EXPECT_EQ(c.neb.climb_ftol, 0);
  EXPECT_TRUE(c.check_saddle);
  EXPECT_EQ(c.coarse_images, 0);
  EXPECT_EQ(c.neb.stall_iterations, 0);
  // Only fast-coarse gives up stalled retries.
  EXPECT_EQ(tls::neb::pair_options(tls::neb::NebMethod::fast_compact).neb.stall_iterations, 0);
  const auto fc = tls::neb::pair_options(tls::neb::NebMethod::fast_coarse);
  EXPECT_EQ(fc.neb.stall_iterations, 2000);
  EXPECT_EQ(fc.neb.stall_force, 1.0);
}

}  // namespace
