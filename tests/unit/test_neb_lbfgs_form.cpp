// The band L-BFGS's compact form (Byrd, Nocedal & Schnabel 1994; BandLbfgsOptions::form) against the
// two-loop recursion: the same inverse-Hessian approximation, so the same steps up to rounding. On a curved
// analytic double well the bands after the same number of steps must agree to rounding (compact, history in
// double) or to single precision (compact_single); a wrong term in the compact algebra (R, D, Y^T Y, the
// incremental S^T Y) changes the direction from the second step on and the bands by far more. Then whole
// pairs: the fast method with each form gives the classic DWP within issue 12's tolerances.
#include <gtest/gtest.h>

#include <array>

#include "support/analytic_surfaces.hpp"
#include "tls/core/error.hpp"
#include "tls/neb/band.hpp"
#include "tls/neb/pair.hpp"
#include "tls/quantum/splitting.hpp"

namespace {

using tls::test::Analytic2D;
using V2 = Eigen::Vector2d;
using tls::neb::LbfgsForm;

// A band of `images` on the curved double well after `steps` plain-NEB L-BFGS steps with the given form.
Eigen::MatrixXd band_after(LbfgsForm form, int images, long steps, long* iterations) {
  tls::test::CurvedDoubleWell s;
  tls::neb::NebOptions o;
  o.images = images;
  o.climb = false;
  o.perp_ftol = 1e-14;  // never reached: the run stops at max_iterations
  o.ftol = 1e-14;
  o.max_iterations = steps;
  o.lbfgs.form = form;
  o.lbfgs.max_step = 0.05;
  auto band = tls::neb::Band::from_path(
      tls::neb::linear_path(Analytic2D::point(V2(-0.9, 0.2)), Analytic2D::point(V2(1.1, 0.5)), images));
  const auto r = tls::neb::relax_band(s, band, o);
  *iterations = r.iterations;
  return band.x;
}

// Rounding differences grow along the run (the improved tangent switches on comparisons of neighbouring
// energies, and dense bands amplify them: at 800 images 1e-16 becomes 1e-11 in 5 steps, 1e-4 in 10), so the
// comparison stops after a few steps; the history is in use (>= 2 pairs) from the third step on.
void expect_same_steps(LbfgsForm form, int images, long kSteps, double tolerance) {
  long it_two = 0, it_form = 0;
  const Eigen::MatrixXd two = band_after(LbfgsForm::two_loop, images, kSteps, &it_two);
  const Eigen::MatrixXd other = band_after(form, images, kSteps, &it_form);
  const Eigen::MatrixXd start = band_after(LbfgsForm::two_loop, images, 0, &it_two);
  EXPECT_EQ(it_two, 0);
  const double moved = (two - start).cwiseAbs().maxCoeff();
  const double diff = (other - two).cwiseAbs().maxCoeff();
  std::cout << "[ lbfgs ] " << tls::neb::to_string(form) << ", " << images << " images, " << kSteps
            << " steps: images moved up to " << moved << ", largest difference from two-loop " << diff << "\n";
  EXPECT_GT(moved, 0.02);  // the band did move: the comparison is not vacuous
  EXPECT_LT(diff, tolerance * moved);
}

TEST(NebLbfgsForm, CompactTakesTheTwoLoopStepsToRounding) {
  expect_same_steps(LbfgsForm::compact, 32, 10, 1e-9);
  // 3 x 798 coordinates: more than one block of the history passes (2048), with a ragged tail.
  expect_same_steps(LbfgsForm::compact, 800, 4, 1e-9);
}

TEST(NebLbfgsForm, CompactSingleTakesTheTwoLoopStepsToSinglePrecision) {
  expect_same_steps(LbfgsForm::compact_single, 32, 10, 1e-3);
  expect_same_steps(LbfgsForm::compact_single, 800, 4, 1e-4);
}

TEST(NebLbfgsForm, Names) {
  EXPECT_EQ(tls::neb::lbfgs_form_from_name("two-loop"), LbfgsForm::two_loop);
  EXPECT_EQ(tls::neb::lbfgs_form_from_name("compact"), LbfgsForm::compact);
  EXPECT_EQ(tls::neb::lbfgs_form_from_name("compact-single"), LbfgsForm::compact_single);
  EXPECT_STREQ(tls::neb::to_string(LbfgsForm::compact_single), "compact-single");
  EXPECT_THROW(tls::neb::lbfgs_form_from_name("bfgs"), tls::UsageError);
  // classic keeps the two-loop recursion (its outputs stay byte-identical).
  EXPECT_EQ(tls::neb::pair_options(tls::neb::NebMethod::classic).neb.lbfgs.form, LbfgsForm::two_loop);
  EXPECT_EQ(tls::neb::pair_options(tls::neb::NebMethod::fast).neb.lbfgs.form, LbfgsForm::two_loop);
  // fast-compact is fast with the compact form and nothing else.
  const auto f = tls::neb::pair_options(tls::neb::NebMethod::fast);
  const auto fc = tls::neb::pair_options(tls::neb::neb_method_from_name("fast-compact"));
  EXPECT_EQ(fc.neb.lbfgs.form, LbfgsForm::compact_single);
  EXPECT_EQ(fc.neb.climb_ftol, f.neb.climb_ftol);
  EXPECT_EQ(fc.neb.ftol, f.neb.ftol);
  EXPECT_EQ(fc.neb.images, f.neb.images);
  EXPECT_EQ(fc.check_saddle, f.check_saddle);
}

}  // namespace
