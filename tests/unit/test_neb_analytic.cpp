// CI-NEB, profiles and splitting on analytic surfaces whose saddles are known exactly
// (tests/support/analytic_surfaces.hpp): the climbing image lands on the saddle to 1e-6 in
// position and 1e-10 in energy; a path through an intermediate minimum becomes two DWPs with the
// right barriers; the profile, its continuation and the double-well parameters are what they claim.
#include <gtest/gtest.h>

#include "support/analytic_surfaces.hpp"
#include "tls/neb/band.hpp"
#include "tls/neb/pair.hpp"
#include "tls/neb/profile.hpp"

namespace {

using tls::test::Analytic2D;

// Mueller-Brown energies and curvatures are ~100 times the model's (Hessian eigenvalues up to 4000
// at its minima), so its spring is scaled with them: with 1 eps/sigma^2 the band's spring modes are
// 1e5 times softer than its stiffest modes and neither optimiser converges in 1e4 steps.
tls::neb::NebOptions muller_brown_options() {
  tls::neb::NebOptions o;
  o.spring = 100;
  return o;
}
using V2 = Eigen::Vector2d;

Eigen::VectorXd minimum_near(Analytic2D& s, const V2& guess) { return Analytic2D::point(s.stationary_point(guess)); }

// Relaxes a 32-image band between two minima with the toolkit's defaults and checks that the
// climbing image sits on `saddle`.
void expect_climbs_to(Analytic2D& s, const Eigen::VectorXd& a, const Eigen::VectorXd& b, const V2& saddle,
                      const tls::neb::NebOptions& o = {}) {
  tls::neb::Band band = tls::neb::Band::from_path(tls::neb::linear_path(a, b, 32));
  const auto r = tls::neb::relax_band(s, band, o);
  ASSERT_TRUE(r.converged) << r.stop_reason;
  ASSERT_GE(band.climbing, 1);
  EXPECT_LT(r.max_neb_force, 1e-6);
  const Eigen::VectorXd c = band.x.col(band.climbing);
  EXPECT_LT((c.head<2>() - saddle).norm(), 1e-6) << "climbing image at " << c.transpose();
  EXPECT_NEAR(band.energy[band.climbing], s.at(saddle), 1e-10);
  EXPECT_EQ(band.interior_maximum(), band.climbing);
  std::cout << "[ neb ] " << r.iterations << " iterations (" << r.stage1_iterations << " plain), " << r.force_calls
            << " force calls, saddle off by " << (c.head<2>() - saddle).norm() << "\n";
}

TEST(NebAnalytic, ClimbingImageFindsTheSaddleOfACurvedDoubleWell) {
  tls::test::CurvedDoubleWell s;
  const V2 saddle = s.stationary_point(V2(0.01, 0.02));
  ASSERT_LT(saddle.norm(), 1e-14);
  ASSERT_LT(s.curvatures(saddle)[0], 0);
  ASSERT_GT(s.curvatures(saddle)[1], 0);
  for (auto opt : {tls::neb::BandOptimizer::fire, tls::neb::BandOptimizer::lbfgs}) {
    tls::neb::NebOptions o;
    o.optimizer = opt;
    expect_climbs_to(s, minimum_near(s, V2(-1, 0.3)), minimum_near(s, V2(1, 0.3)), saddle, o);
  }
}

TEST(NebAnalytic, ClimbingImageFindsBothMullerBrownSaddles) {
  tls::test::MullerBrown s;
  const auto a = minimum_near(s, V2(-0.558, 1.442)), c = minimum_near(s, V2(-0.050, 0.467)),
             b = minimum_near(s, V2(0.623, 0.028));
  for (auto opt : {tls::neb::BandOptimizer::fire, tls::neb::BandOptimizer::lbfgs}) {
    auto o = muller_brown_options();
    o.optimizer = opt;
    expect_climbs_to(s, a, c, s.stationary_point(V2(-0.822, 0.624)), o);
    expect_climbs_to(s, c, b, s.stationary_point(V2(0.212, 0.293)), o);
  }
}

TEST(NebAnalytic, PathThroughAnIntermediateMinimumIsSplitIntoTwoDoubleWells) {
  tls::test::MullerBrown s;
  const auto a = minimum_near(s, V2(-0.558, 1.442)), c = minimum_near(s, V2(-0.050, 0.467)),
             b = minimum_near(s, V2(0.623, 0.028));
  const V2 s1 = s.stationary_point(V2(-0.822, 0.624)), s2 = s.stationary_point(V2(0.212, 0.293));
  tls::neb::PairOptions o;
  o.neb = muller_brown_options();
  // Start from B so that the re-orientation (deeper end first) is exercised too.
  const auto r = tls::neb::solve_pair(s, b, a, o);
  ASSERT_EQ(r.status, tls::neb::PairStatus::split) << r.reason;
  ASSERT_EQ(r.segments.size(), 2u);
  ASSERT_EQ(r.chain.size(), 3u);
  EXPECT_EQ(r.chain.front().end, 1);  // A, the deepest, was input b
  EXPECT_EQ(r.chain.back().end, 0);
  EXPECT_EQ(r.chain[1].end, -1);
  EXPECT_LT((r.chain[1].x - c).norm(), 1e-6) << "intermediate minimum is C";
  EXPECT_EQ(r.first_dips, 1);
  const double ea = s.at(a.head<2>()), eb = s.at(b.head<2>()), ec = s.at(c.head<2>());
  // Segment A-C: A is deeper (xi = 0), barrier S1. Segment C-B: B is deeper, barrier S2.
  const auto& ac = r.segments[0];
  const auto& cb = r.segments[1];
  ASSERT_EQ(ac.status, tls::neb::SegmentStatus::dwp);
  ASSERT_EQ(cb.status, tls::neb::SegmentStatus::dwp);
  EXPECT_EQ(ac.lo, 0);
  EXPECT_EQ(ac.hi, 1);
  EXPECT_EQ(cb.lo, 2);  // oriented deeper end (B) first
  EXPECT_EQ(cb.hi, 1);
  EXPECT_NEAR(ac.shape.dV, ec - ea, 1e-10);
  EXPECT_NEAR(ac.shape.Va, s.at(s1) - ea, 1e-9);
  EXPECT_NEAR(ac.shape.Vb, s.at(s1) - ea - 0.5 * (ec - ea), 1e-9);
  EXPECT_NEAR(cb.shape.dV, ec - eb, 1e-10);
  EXPECT_NEAR(cb.shape.Va, s.at(s2) - eb, 1e-9);
  EXPECT_LT(ac.saddle_force, 1e-6);
  EXPECT_LT(cb.saddle_force, 1e-6);
  for (const auto& seg : r.segments) {
    EXPECT_GE(seg.shape.dV, 0);
    double last = -1e300;
    for (const auto& p : seg.profile) {
      EXPECT_GT(p.xi, last);
      last = p.xi;
    }
    EXPECT_LT(seg.profile.front().xi, 0);
    EXPECT_GT(seg.profile.back().xi, 1);
  }
}

TEST(NebAnalytic, SingleBarrierPairIsOneDoubleWell) {
  tls::test::CurvedDoubleWell s;
  const auto r = tls::neb::solve_pair(s, Analytic2D::point(V2(-0.9, 0.2)), Analytic2D::point(V2(1.1, 0.5)),
                                      tls::neb::PairOptions{});
  ASSERT_EQ(r.status, tls::neb::PairStatus::dwp) << r.reason;
  ASSERT_EQ(r.segments.size(), 1u);
  const auto& seg = r.segments[0];
  // The deeper minimum is the one at negative x (0.1 x^3 < 0 there).
  EXPECT_LT(r.chain[0].x[0], 0);
  EXPECT_NEAR(seg.shape.Va, 1.0 - r.chain[0].energy, 1e-10);
  EXPECT_NEAR(seg.shape.dV, r.chain[1].energy - r.chain[0].energy, 1e-14);
  EXPECT_GT(r.chain[0].moved, 0.01);  // the inputs were not minima
}

TEST(NebAnalytic, IdenticalEndPointsAreLabelled) {
  tls::test::CurvedDoubleWell s;
  const auto r = tls::neb::solve_pair(s, Analytic2D::point(V2(0.9, 0.2)), Analytic2D::point(V2(1.1, 0.4)),
                                      tls::neb::PairOptions{});
  EXPECT_EQ(r.status, tls::neb::PairStatus::identical);
  EXPECT_NE(r.reason.find("same minimum"), std::string::npos);
  EXPECT_TRUE(r.segments.empty());
}

TEST(NebAnalytic, NonConvergingBandIsRetriedWithDoubledImagesThenLabelled) {
  tls::test::CurvedDoubleWell s;
  tls::neb::PairOptions o;
  o.neb.max_iterations = 30;
  const auto r = tls::neb::solve_pair(s, Analytic2D::point(V2(-1, 0.3)), Analytic2D::point(V2(1, 0.3)), o);
  EXPECT_EQ(r.status, tls::neb::PairStatus::unconverged);
  ASSERT_EQ(r.segments.size(), 1u);
  EXPECT_EQ(r.segments[0].images, 64);
  EXPECT_NE(r.reason.find("not converged"), std::string::npos) << r.reason;
  EXPECT_TRUE(r.segments[0].profile.empty());
}

TEST(NebAnalytic, HermiteProfileIsExactForACubic) {
  // Images on a straight line through V = x^3 - x (no minima needed for the interpolation).
  tls::neb::Band b =
      tls::neb::Band::from_path(tls::neb::linear_path(Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(2, 0, 0), 5));
  auto v = [](double x) { return x * x * x - x; };
  for (int i = 0; i < 5; ++i) {
    const double x = b.x(0, i);
    b.energy[i] = v(x);
    b.force.col(i) = Eigen::Vector3d(-(3 * x * x - 1), 0, 0);
    b.tangent.col(i) = Eigen::Vector3d(1, 0, 0);
  }
  const auto p = tls::neb::path_profile(b);
  EXPECT_DOUBLE_EQ(p.d, 2.0);
  for (double xi : {0.0, 0.1, 0.33, 0.5, 0.77, 1.0}) EXPECT_NEAR(p.value(xi), v(2 * xi) - v(0), 1e-13) << xi;
}

TEST(NebAnalytic, ContinuationFollowsTheTrueEnergyAlongTheEndTangent) {
  tls::test::CurvedDoubleWell s;
  const auto a = minimum_near(s, V2(-1, 0.3)), b = minimum_near(s, V2(1, 0.3));
  tls::neb::Band band = tls::neb::Band::from_path(tls::neb::linear_path(a, b, 32));
  ASSERT_TRUE(tls::neb::relax_band(s, band, tls::neb::NebOptions{}).converged);
  const auto p = tls::neb::path_profile(band);
  tls::neb::Continuation left, right;
  const auto samples = tls::neb::sample_profile(s, 0, band, p, 4, {}, &left, &right);
  EXPECT_EQ(left.kind, tls::neb::Sample::Kind::line) << left.why;
  EXPECT_EQ(right.kind, tls::neb::Sample::Kind::line) << right.why;
  const Eigen::VectorXd t0 = (band.x.col(0) - band.x.col(1)).normalized();
  const Eigen::VectorXd t1 = (band.x.col(31) - band.x.col(30)).normalized();
  int before = 0, after = 0;
  for (const auto& q : samples) {
    if (q.xi < 0) {
      ++before;
      const Eigen::VectorXd x = band.x.col(0) + (-q.xi * p.d) * t0;
      EXPECT_NEAR(q.v, s.at(x.head<2>()) - band.energy[0], 1e-12);
      EXPECT_EQ(q.kind, tls::neb::Sample::Kind::line);
    } else if (q.xi > 1) {
      ++after;
      const Eigen::VectorXd x = band.x.col(31) + ((q.xi - 1) * p.d) * t1;
      EXPECT_NEAR(q.v, s.at(x.head<2>()) - band.energy[0], 1e-12);
    }
  }
  // Out to 0.5 d (62 samples at 4 per segment), unless V first climbs 5 barriers above the end.
  EXPECT_GT(before, 3);
  EXPECT_GT(after, 3);
  EXPECT_LE(before, 62);
  EXPECT_LE(after, 62);
  const double barrier_b = 1.0 - band.energy[31];
  if (after < 62) {
    EXPECT_GT(samples.back().v - p.v.back(), 5.0 * barrier_b);
  } else {
    EXPECT_NEAR(samples.back().xi, 1.5, 1e-12);
  }
  EXPECT_NEAR(samples.front().xi, -before / (31.0 * 4), 1e-12);  // evenly spaced, 1/(31 x 4) apart
  RecordProperty("samples_before", before);
  RecordProperty("samples_after", after);
}

TEST(NebAnalytic, ContinuationFallsBackToHarmonicWhenTheLineCrossesARidge) {
  tls::test::Washboard s;
  tls::neb::Band band =
      tls::neb::Band::from_path(tls::neb::linear_path(Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(1, 0, 0), 9));
  ASSERT_TRUE(tls::neb::relax_band(s, band, tls::neb::NebOptions{}).converged);
  const auto p = tls::neb::path_profile(band);
  tls::neb::ContinuationOptions c;
  c.range = 0.7;   // beyond the ridge at x = 1.5
  c.height = 1e9;  // never stop on height
  tls::neb::Continuation left, right;
  const auto samples = tls::neb::sample_profile(s, 0, band, p, 4, c, &left, &right);
  EXPECT_EQ(right.kind, tls::neb::Sample::Kind::harmonic);
  EXPECT_NE(right.why.find("stops rising"), std::string::npos) << right.why;
  EXPECT_NEAR(right.curvature, 4 * M_PI * M_PI, 1e-4);
  // Issue 15 item 3: the part that rose (up to the ridge at xi = 1.5) keeps the true energy; beyond
  // the last rising sample s_k the harmonic V_k + k (s^2 - s_k^2)/2 continues from there.
  double s_k = -1, v_k = 0;
  int line = 0, harmonic = 0;
  for (const auto& q : samples) {
    if (q.xi <= 1) continue;
    const double t = q.xi - 1;
    if (q.kind == tls::neb::Sample::Kind::line) {
      ++line;
      EXPECT_LE(t, 0.5 + 1e-12);
      EXPECT_NEAR(q.v, 1 - std::cos(2 * M_PI * q.xi), 1e-12);
      s_k = t;
      v_k = q.v;
    } else {
      ++harmonic;
      ASSERT_GT(s_k, 0) << "harmonic samples must follow the rising true-energy ones";
      EXPECT_EQ(q.kind, tls::neb::Sample::Kind::harmonic);
      EXPECT_NEAR(q.v, v_k + 0.5 * right.curvature * (t * t - s_k * s_k), 1e-12);
    }
  }
  EXPECT_EQ(line, 16);  // xi - 1 = 1/32 ... 16/32 rise; the 17th sample is past the ridge
  EXPECT_GT(harmonic, 0);
  EXPECT_NE(right.why.find("kept"), std::string::npos) << right.why;
  c.range = 0.45;  // short of the ridge: the true energy
  const auto near = tls::neb::sample_profile(s, 0, band, p, 4, c, &left, &right);
  EXPECT_EQ(right.kind, tls::neb::Sample::Kind::line);
  EXPECT_NEAR(near.back().v, 1 - std::cos(2 * M_PI * near.back().xi), 1e-12);
}

TEST(NebAnalytic, ParticipationRatios) {
  Eigen::VectorXd one = Eigen::VectorXd::Zero(30);
  one[4] = 0.3;
  auto p = tls::neb::participation(one);
  EXPECT_DOUBLE_EQ(p.pr, 1.0);
  EXPECT_DOUBLE_EQ(p.pr_particle, 1.0);
  EXPECT_DOUBLE_EQ(p.d_end, 0.3);
  const Eigen::VectorXd all = Eigen::VectorXd::Constant(30, 0.1);
  p = tls::neb::participation(all);
  EXPECT_NEAR(p.pr, 30.0, 1e-12);
  EXPECT_NEAR(p.pr_particle, 10.0, 1e-12);
  Eigen::VectorXd diag = Eigen::VectorXd::Zero(30);
  diag.segment(6, 3).setConstant(1.0);  // one particle moving along (1, 1, 1)
  p = tls::neb::participation(diag);
  EXPECT_NEAR(p.pr, 3.0, 1e-12);
  EXPECT_NEAR(p.pr_particle, 1.0, 1e-12);
}

}  // namespace
