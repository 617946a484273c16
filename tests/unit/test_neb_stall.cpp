// The stall rule (NebOptions::stall_iterations, stall_force): a band stage whose largest NEB force is
// still above stall_force after stall_iterations of its iterations stops as "stalled" instead of running
// on to max_iterations. It must stop such a band with every optimiser, and never change a band it does
// not stop: a converging band's steps are the same bit for bit with the rule on or off.
#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "support/analytic_surfaces.hpp"
#include "tls/neb/band.hpp"
#include "tls/neb/pair.hpp"

namespace {

using tls::test::Analytic2D;
using V2 = Eigen::Vector2d;
using tls::neb::BandOptimizer;
using tls::neb::LbfgsForm;

struct Run {
  tls::neb::NebReport report;
  Eigen::MatrixXd x;
};

Run relax(tls::neb::NebOptions o) {
  tls::test::CurvedDoubleWell s;
  auto band = tls::neb::Band::from_path(
      tls::neb::linear_path(Analytic2D::point(V2(-0.9, 0.2)), Analytic2D::point(V2(1.1, 0.5)), o.images));
  const auto r = tls::neb::relax_band(s, band, o);
  return {r, band.x};
}

tls::neb::NebOptions options(BandOptimizer optimizer, LbfgsForm form) {
  tls::neb::NebOptions o;
  o.images = 12;
  o.optimizer = optimizer;
  o.lbfgs.form = form;
  return o;
}

struct Case {
  const char* name;
  BandOptimizer optimizer;
  LbfgsForm form;
};
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class NebStall : public ::testing::TestWithParam<Case> {};

// Steps too small to get anywhere: the force stays where the straight path put it. With the rule the
// stage stops after stall_iterations, unconverged and "stalled"; without it, at max_iterations.
TEST_P(NebStall, StopsABandThatIsNotConverging) {
  auto o = options(GetParam().optimizer, GetParam().form);
  o.lbfgs.max_step = 1e-9;
  o.fire.max_step = 1e-9;
  o.max_iterations = 400;
  const auto without = relax(o);
  EXPECT_FALSE(without.report.converged);
  EXPECT_EQ(without.report.stop_reason, "max iterations");
  EXPECT_EQ(without.report.iterations, 400);
  const double stuck = without.report.max_neb_force;
  ASSERT_GT(stuck, 1e-2);  // the band is far from converged: the test is not vacuous

  o.stall_iterations = 50;
  o.stall_force = 0.5 * stuck;
  const auto with = relax(o);
  EXPECT_FALSE(with.report.converged);
  EXPECT_EQ(with.report.stop_reason, "stalled");
  EXPECT_EQ(with.report.iterations, 50);
  EXPECT_GT(with.report.max_neb_force, o.stall_force);
  EXPECT_LT(with.report.force_calls, without.report.force_calls / 4);

  o.stall_force = 10 * stuck;  // above the force: the rule never fires
  const auto above = relax(o);
  EXPECT_EQ(above.report.stop_reason, "max iterations");
  EXPECT_EQ(above.report.iterations, 400);
  EXPECT_EQ(above.x, without.x);
}

// A band that converges: with a rule that is checked (from iteration 5 on) but never fires, the band, its
// iteration count and its force calls are those of the run without the rule, bit for bit.
TEST_P(NebStall, NeverChangesABandItDoesNotStop) {
  auto o = options(GetParam().optimizer, GetParam().form);
  const auto without = relax(o);
  ASSERT_TRUE(without.report.converged) << without.report.stop_reason;
  ASSERT_GT(without.report.iterations, 20);
  o.stall_iterations = 5;
  o.stall_force = 1e3;
  const auto with = relax(o);
  EXPECT_TRUE(with.report.converged);
  EXPECT_EQ(with.report.iterations, without.report.iterations);
  EXPECT_EQ(with.report.force_calls, without.report.force_calls);
  EXPECT_EQ(with.x, without.x);
}

INSTANTIATE_TEST_SUITE_P(Optimisers, NebStall,
                         ::testing::Values(Case{"lbfgs_two_loop", BandOptimizer::lbfgs, LbfgsForm::two_loop},
                                           Case{"lbfgs_compact_single", BandOptimizer::lbfgs,
                                                LbfgsForm::compact_single},
                                           Case{"fire", BandOptimizer::fire, LbfgsForm::two_loop}),
                         [](const ::testing::TestParamInfo<Case>& param) { return std::string(param.param.name); });

// Through a whole pair: the rule is for the retry with twice the images only. The first band runs its
// max_iterations as without the rule; the retry stalls, and the pair is labelled unconverged with
// "stalled" in its reason.
TEST(NebStallPair, OnlyTheRetryStallsAndThePairSaysSo) {
  tls::test::CurvedDoubleWell s;
  auto o = tls::neb::pair_options(tls::neb::NebMethod::fast_coarse);
  o.neb.lbfgs.max_step = 1e-9;
  o.neb.max_iterations = 400;
  o.coarse_images = 0;
  const auto pa = Analytic2D::point(V2(-0.9, 0.2)), pb = Analytic2D::point(V2(1.1, 0.5));
  const auto without = tls::neb::solve_pair(s, pa, pb, o);
  EXPECT_EQ(without.status, tls::neb::PairStatus::unconverged);
  EXPECT_EQ(without.iterations, 800);
  o.neb.stall_iterations = 30;
  o.neb.stall_force = 1e-3;
  const auto r = tls::neb::solve_pair(s, pa, pb, o);
  EXPECT_EQ(r.status, tls::neb::PairStatus::unconverged);
  EXPECT_NE(r.reason.find("stalled"), std::string::npos) << r.reason;
  EXPECT_NE(r.reason.find("with 64 images"), std::string::npos) << r.reason;
  EXPECT_EQ(r.iterations, 400 + 30);
  // The coarse start's band is a first band too: the rule leaves it alone.
  o.coarse_images = 8;
  o.coarse_ftol = 1e-300;  // never reached: the coarse band runs its 400 iterations
  const auto coarse = tls::neb::solve_pair(s, pa, pb, o);
  EXPECT_EQ(coarse.iterations, 400 + 400 + 30);
}

}  // namespace
