// Minimisers on analytic surfaces and on the model.
#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>

#include "support/support.hpp"
#include "tls/minimize/minimize.hpp"
#include "tls/core/error.hpp"

namespace {
// Anisotropic quadratic bowl in 3 "particles" (9 coordinates) with minimum at x0, stiffness 1..1e3.
double bowl(const Eigen::Ref<const Eigen::VectorXd>& x, Eigen::Ref<Eigen::VectorXd> f) {
  double e = 0;
  for (Eigen::Index k = 0; k < x.size(); ++k) {
    const double kk = std::pow(10.0, 3.0 * k / (x.size() - 1));
    const double d = x[k] - 0.1 * k;
    e += 0.5 * kk * d * d;
    f[k] = -kk * d;
  }
  return e;
}
// Rosenbrock valley in pairs of coordinates (padded to 3 per particle).
double rosenbrock(const Eigen::Ref<const Eigen::VectorXd>& x, Eigen::Ref<Eigen::VectorXd> f) {
  f.setZero();
  const double a = x[0], b = x[1];
  f[0] = -(-2 * (1 - a) - 400 * a * (b - a * a));
  f[1] = -(200 * (b - a * a));
  f[2] = -x[2];
  return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a) + 0.5 * x[2] * x[2];
}
}  // namespace

TEST(Minimize, AllAlgorithmsFindTheBowlMinimum) {
  for (auto alg : {tls::MinAlgorithm::fire, tls::MinAlgorithm::lbfgs, tls::MinAlgorithm::fire_lbfgs}) {
    Eigen::VectorXd x = Eigen::VectorXd::Constant(9, 2.0);
    tls::MinimizerOptions o;
    o.algorithm = alg;
    o.ftol = 1e-10;
    const auto r = tls::minimize(bowl, x, o);
    EXPECT_TRUE(r.converged) << tls::to_string(alg);
    for (int k = 0; k < 9; ++k) EXPECT_NEAR(x[k], 0.1 * k, 1e-10) << tls::to_string(alg);
  }
}

TEST(Minimize, Rosenbrock) {
  Eigen::VectorXd x(3);
  x << -1.2, 1.0, 0.5;
  tls::MinimizerOptions o;
  o.ftol = 1e-10;
  const auto r = tls::minimize(rosenbrock, x, o);
  ASSERT_TRUE(r.converged) << r.stop_reason;
  EXPECT_NEAR(x[0], 1.0, 1e-9);
  EXPECT_NEAR(x[1], 1.0, 1e-9);
}

TEST(Minimize, HotRandomConfigurationReachesAMinimum) {
  // Uniformly random positions at rho = 1: overlaps with energies ~1e10 at the start.
  auto c = tls::test::random_configuration(200, 1.0, 21);
  tls::ForceField ff(c.box, c.diameters);
  const double e0 = ff.energy(c.positions);
  const auto r = tls::minimize(ff, c.positions, tls::MinimizerOptions{});
  ASSERT_TRUE(r.converged) << r.stop_reason;
  EXPECT_LT(r.max_force, 1e-10);
  EXPECT_LT(r.energy, e0);
  EXPECT_LT(r.energy / c.size(), 1.0);
  // A minimum: the Hessian has no negative eigenvalue beyond round-off (zero modes are the three
  // translations and those of rattlers, particles left without contacts).
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(ff.hessian_dense(c.positions));
  EXPECT_GT(es.eigenvalues()[0], -1e-8);
}

TEST(Minimize, DescribeRecordsTheSettings) {
  tls::MinimizerOptions o;
  EXPECT_EQ(tls::describe(o), "fire+lbfgs ftol=1e-10 switch=0.001 fire_max_step=0.1 lbfgs_memory=10");
  EXPECT_THROW(tls::min_algorithm_from_name("newton"), tls::UsageError);
}
