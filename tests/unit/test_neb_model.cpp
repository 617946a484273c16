// CI-NEB on real pairs of the model: two close inherent structures of the authors' T_f = 0.062
// glass (../shared/reference; skipped without it). The climbing image is a first-order saddle
// (exactly one negative Hessian eigenvalue besides the three translations, max force < 1e-6), and
// V_b and dV move by less than 1 % when the number of images doubles. Bands do not depend on the
// number of threads.
#include <gtest/gtest.h>

#include "support/support.hpp"
#include "tls/minimize/minimize.hpp"
#include "tls/neb/band.hpp"
#include "tls/neb/pair.hpp"

namespace {

// Two minima 0.107 sigma apart (mostly one particle), dV = 0.0020 eps: a simple double well.
constexpr const char* kA = "/2.044439470E-01.conf.txt";
constexpr const char* kB = "/2.044452900E-01.conf.txt";

tls::neb::PairResult solve(const std::string& dir, int images, bool keep_bands) {
  const auto a = tls::read_configuration(dir + kA), b = tls::read_configuration(dir + kB);
  tls::neb::ModelSurface s(a.box, a.diameters);
  tls::neb::PairOptions o;
  o.neb.images = images;
  o.keep_bands = keep_bands;
  return tls::neb::solve_pair(s, a.positions, b.positions, o);
}

TEST(NebModel, ClimbingImageIsAFirstOrderSaddle) {
  TLS_REQUIRE_REFERENCE(dir);
  const auto r = solve(dir, 32, true);
  ASSERT_EQ(r.status, tls::neb::PairStatus::dwp) << r.reason;
  const auto& seg = r.segments.at(0);
  const auto& band = seg.band;
  ASSERT_EQ(band.size(), 32);
  ASSERT_EQ(band.climbing, seg.shape.saddle_image);
  EXPECT_EQ(seg.saddle_order, 1);
  // Independent checks on a fresh force field: the force at the climbing image, its inertia, the
  // end points (minima: no negative mode), and the curvature along the path there (negative).
  const auto a = tls::read_configuration(dir + kA);
  tls::neb::ModelSurface fresh(a.box, a.diameters);
  const Eigen::VectorXd x = band.x.col(band.climbing);
  Eigen::VectorXd f(x.size());
  fresh.energy_forces(0, x, f);
  EXPECT_LT(tls::max_particle_norm(f), 1e-6);
  EXPECT_EQ(fresh.negative_modes(x, 1e-8), 1);
  EXPECT_EQ(fresh.negative_modes(band.x.col(0), 1e-8), 0);
  EXPECT_EQ(fresh.negative_modes(band.x.col(31), 1e-8), 0);
  // With a shift of the other sign the three translation zero modes count too: they are the only
  // other eigenvalues near zero.
  EXPECT_EQ(fresh.negative_modes(x, -1e-8), 4);
  Eigen::VectorXd hv(x.size());
  const Eigen::VectorXd t = band.tangent.col(band.climbing);
  fresh.force_field(0).hessian_product(x, t, hv);
  EXPECT_LT(t.dot(hv), 0) << "the path does not cross the saddle along its unstable direction";
  EXPECT_LT(seg.saddle_force, 1e-6);
  EXPECT_LT(seg.max_neb_force, 1e-6);
  EXPECT_NEAR(seg.shape.dV, 1500 * (0.204445289963 - 0.204443947024), 2e-8);
  RecordProperty("Vb", std::to_string(seg.shape.Vb));
  std::cout << "[ neb ] dV " << seg.shape.dV << " Va " << seg.shape.Va << " Vb " << seg.shape.Vb << " d " << seg.d
            << " PR " << seg.participation.pr << ", " << seg.iterations << " iterations, " << seg.force_calls
            << " force calls\n";
}

TEST(NebModel, DoublingTheImagesMovesBarrierAndAsymmetryByLessThanOnePercent) {
  TLS_REQUIRE_REFERENCE(dir);
  const auto r32 = solve(dir, 32, false), r64 = solve(dir, 64, false);
  ASSERT_EQ(r32.status, tls::neb::PairStatus::dwp) << r32.reason;
  ASSERT_EQ(r64.status, tls::neb::PairStatus::dwp) << r64.reason;
  const auto &s32 = r32.segments.at(0).shape, &s64 = r64.segments.at(0).shape;
  EXPECT_LT(std::abs(s64.Vb / s32.Vb - 1), 0.01);
  EXPECT_LT(std::abs(s64.dV / s32.dV - 1), 0.01);
  EXPECT_LT(std::abs(s64.Va / s32.Va - 1), 0.01);
  EXPECT_LT(std::abs(r64.segments[0].d / r32.segments[0].d - 1), 0.01);
  std::cout << "[ neb ] 32 -> 64 images: Vb " << s32.Vb << " -> " << s64.Vb << " (" << (s64.Vb / s32.Vb - 1) << "), dV "
            << s32.dV << " -> " << s64.dV << ", d " << r32.segments[0].d << " -> " << r64.segments[0].d << "\n";
}

TEST(NebModel, BandDoesNotDependOnTheNumberOfThreads) {
  // Two minima of a small random glass; 40 steps of each optimiser with 1 and 3 threads over images.
  auto a = tls::test::soft_random_configuration(64, 1.0, 11), b = tls::test::soft_random_configuration(64, 1.0, 12);
  b.diameters = a.diameters;
  tls::ForceField ff(a.box, a.diameters);
  tls::minimize(ff, a.positions, {});
  tls::minimize(ff, b.positions, {});
  for (auto opt : {tls::neb::BandOptimizer::fire, tls::neb::BandOptimizer::lbfgs}) {
    Eigen::MatrixXd first;
    for (int threads : {1, 3}) {
      tls::neb::ModelSurface s(a.box, a.diameters);
      const Eigen::VectorXd xb = a.positions + s.displacement(a.positions, b.positions);
      auto band = tls::neb::Band::from_path(tls::neb::linear_path(a.positions, xb, 12));
      tls::neb::NebOptions o;
      o.optimizer = opt;
      o.threads = threads;
      o.max_iterations = 40;
      tls::neb::relax_band(s, band, o);
      if (threads == 1)
        first = band.x;
      else
        EXPECT_EQ((band.x - first).cwiseAbs().maxCoeff(), 0.0) << tls::neb::to_string(opt);
    }
  }
}

}  // namespace
