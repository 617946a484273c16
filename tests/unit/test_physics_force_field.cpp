// Physics invariants of the model (STYLE.md habit 9): forces are minus the finite-difference
// gradient, total force vanishes, energy is invariant under translations and image shifts, the
// Hessian is the derivative of the forces, and the neighbour list agrees with a brute-force sum.
#include <gtest/gtest.h>

#include "support/support.hpp"
#include "tls/core/error.hpp"
#include "tls/minimize/minimize.hpp"
#include "tls/model/force_field.hpp"
#include "tls/model/potential.hpp"

namespace {

using tls::Configuration;
using tls::ForceField;

// Independent reference: direct double sum over all pairs and enough periodic images.
double brute_force_energy(const Configuration& c) {
  const int n = c.size();
  const double L = c.box.length;
  const int k = static_cast<int>(std::ceil(1.25 * 2.5 / L));
  double e = 0;
  for (int i = 0; i < n; ++i)
    for (int j = i; j < n; ++j)
      for (int a = -k; a <= k; ++a)
        for (int b = -k; b <= k; ++b)
          for (int cc = -k; cc <= k; ++cc) {
            if (i == j && a == 0 && b == 0 && cc == 0) continue;
            double r2 = 0;
            const int m[3] = {a, b, cc};
            for (int q = 0; q < 3; ++q) {
              const double d = c.positions[3 * j + q] - c.positions[3 * i + q] + m[q] * L;
              r2 += d * d;
            }
            const double s = tls::potential::sigma_ij(c.diameters[i], c.diameters[j]);
            const double v = tls::potential::v(std::sqrt(r2) / s);
            e += (i == j ? 0.5 : 1.0) * v;
          }
  return e;
}

void expect_forces_match_gradient(const Configuration& c, double rel_tol) {
  ForceField ff(c.box, c.diameters);
  Eigen::VectorXd x = c.positions, f(x.size());
  ff.energy_forces(x, f);
  const double scale = f.cwiseAbs().maxCoeff();
  double worst = 0;
  for (Eigen::Index k = 0; k < x.size(); ++k) {
    const double h = 1e-6;
    Eigen::VectorXd xp = x, xm = x;
    xp[k] += h;
    xm[k] -= h;
    // Fourth-order central difference keeps truncation far below 1e-6 of the largest force.
    Eigen::VectorXd xp2 = x, xm2 = x;
    xp2[k] += 2 * h;
    xm2[k] -= 2 * h;
    const double g = (-ff.energy(xp2) + 8 * ff.energy(xp) - 8 * ff.energy(xm) + ff.energy(xm2)) / (12 * h);
    worst = std::max(worst, std::abs(f[k] + g) / scale);
  }
  EXPECT_LT(worst, rel_tol) << "largest |F + dE/dx| relative to max |F|";
}

}  // namespace

TEST(ForceField, ForcesAreMinusGradientOnRandomConfiguration) {
  expect_forces_match_gradient(tls::test::soft_random_configuration(60, 1.0, 3), 1e-6);
}

TEST(ForceField, ForcesAreMinusGradientOnJammedConfiguration) {
  // A compressed, minimised packing (rho = 1.3): every particle is caged by its contacts.
  auto c = tls::test::soft_random_configuration(80, 1.3, 4, 0.7);
  ForceField ff(c.box, c.diameters);
  tls::MinimizerOptions mo;
  mo.ftol = 1e-8;
  ASSERT_TRUE(tls::minimize(ff, c.positions, mo).converged);
  // At the minimum forces vanish; shake it a little so the comparison has something to compare.
  tls::Rng rng(4, "test-shake", 0);
  for (Eigen::Index k = 0; k < c.positions.size(); ++k) c.positions[k] += rng.uniform(-0.02, 0.02);
  expect_forces_match_gradient(c, 1e-6);
}

TEST(ForceField, TotalForceVanishes) {
  auto c = tls::test::random_configuration(300, 1.0, 5);
  ForceField ff(c.box, c.diameters);
  Eigen::VectorXd f(c.positions.size());
  ff.energy_forces(c.positions, f);
  const double scale = f.cwiseAbs().maxCoeff();
  for (int q = 0; q < 3; ++q) {
    double s = 0;
    for (int i = 0; i < c.size(); ++i) s += f[3 * i + q];
    EXPECT_LT(std::abs(s), 1e-12 * scale * c.size());
  }
}

TEST(ForceField, EnergyInvariantUnderTranslationAndImageShifts) {
  auto c = tls::test::soft_random_configuration(200, 1.0, 6);
  ForceField ff(c.box, c.diameters);
  const double e = ff.energy(c.positions);
  Eigen::VectorXd x = c.positions;
  for (int i = 0; i < c.size(); ++i) {
    x[3 * i] += 0.3712;
    x[3 * i + 1] -= 1.25;
    x[3 * i + 2] += 7.1;
  }
  ForceField ff2(c.box, c.diameters);
  EXPECT_NEAR(ff2.energy(x), e, 1e-12 * std::abs(e));
  Eigen::VectorXd y = c.positions;
  for (int i = 0; i < c.size(); i += 3) y[3 * i + (i % 3)] += (i % 2 ? 1 : -2) * c.box.length;
  ForceField ff3(c.box, c.diameters);
  EXPECT_NEAR(ff3.energy(y), e, 1e-12 * std::abs(e));
}

TEST(ForceField, AgreesWithBruteForceInLargeAndSmallBoxes) {
  // N = 200 uses the cell list; N = 20 and N = 5 enumerate images (a particle meets its own).
  for (int n : {200, 20, 5}) {
    auto c = tls::test::soft_random_configuration(n, 1.0, 10 + n);
    ForceField ff(c.box, c.diameters);
    const double ref = brute_force_energy(c);
    EXPECT_NEAR(ff.energy(c.positions), ref, 1e-11 * std::max(1.0, std::abs(ref))) << "N=" << n;
  }
}

TEST(ForceField, ListRebuildsWhenParticlesMove) {
  // The working list is refreshed from the outer list, and the outer list rebuilt, as particles
  // move; energies and forces stay those of a freshly built list.
  auto c = tls::test::soft_random_configuration(300, 1.0, 12);
  ForceField ff(c.box, c.diameters, 0.2, 0.5);
  Eigen::VectorXd f(c.positions.size()), g(c.positions.size());
  ff.energy(c.positions);
  tls::Rng rng(1, "test", 0);
  Eigen::VectorXd x = c.positions;
  for (int step = 0; step < 60; ++step) {
    for (Eigen::Index k = 0; k < x.size(); ++k) x[k] += rng.uniform(-0.03, 0.03);
    ForceField fresh(c.box, c.diameters, 0.2);
    const double e = fresh.energy(x);
    EXPECT_NEAR(ff.energy(x), e, 1e-13 * std::abs(e));
    EXPECT_NEAR(ff.energy_forces(x, f), fresh.energy_forces(x, g), 1e-13 * std::abs(e));
    EXPECT_LT((f - g).cwiseAbs().maxCoeff(), 1e-11 * std::max(1.0, g.cwiseAbs().maxCoeff()));
  }
  EXPECT_GT(ff.neighbour_list().refreshes(), 5);
  EXPECT_GT(ff.neighbour_list().builds(), 1);
}

TEST(ForceField, HessianIsDerivativeOfForces) {
  auto c = tls::test::soft_random_configuration(40, 1.0, 13);
  ForceField ff(c.box, c.diameters);
  const Eigen::MatrixXd h = ff.hessian_dense(c.positions);
  EXPECT_LT((h - h.transpose()).cwiseAbs().maxCoeff(), 1e-9 * h.cwiseAbs().maxCoeff());
  Eigen::VectorXd fp(c.positions.size()), fm(c.positions.size());
  double worst = 0;
  for (Eigen::Index k = 0; k < c.positions.size(); ++k) {
    const double eps = 1e-6;
    Eigen::VectorXd xp = c.positions, xm = c.positions;
    xp[k] += eps;
    xm[k] -= eps;
    ff.energy_forces(xp, fp);
    ff.energy_forces(xm, fm);
    const Eigen::VectorXd col = -(fp - fm) / (2 * eps);
    worst = std::max(worst, (col - h.col(k)).cwiseAbs().maxCoeff());
  }
  EXPECT_LT(worst, 1e-6 * h.cwiseAbs().maxCoeff());
  // Translations are zero modes.
  Eigen::VectorXd t = Eigen::VectorXd::Zero(c.positions.size());
  for (int i = 0; i < c.size(); ++i) t[3 * i + 1] = 1;
  EXPECT_LT((h * t).cwiseAbs().maxCoeff(), 1e-9 * h.cwiseAbs().maxCoeff());
}

TEST(ForceField, SparseHessianAndProductsMatchDense) {
  auto c = tls::test::soft_random_configuration(100, 1.0, 14);
  ForceField ff(c.box, c.diameters);
  const Eigen::MatrixXd h = ff.hessian_dense(c.positions);
  const Eigen::MatrixXd hs = Eigen::MatrixXd(ff.hessian_sparse(c.positions));
  EXPECT_LT((h - hs).cwiseAbs().maxCoeff(), 1e-12 * h.cwiseAbs().maxCoeff());
  tls::Rng rng(2, "test", 0);
  Eigen::VectorXd v(c.positions.size()), out(c.positions.size());
  for (Eigen::Index k = 0; k < v.size(); ++k) v[k] = rng.normal();
  ff.hessian_product(c.positions, v, out);
  EXPECT_LT((out - h * v).cwiseAbs().maxCoeff(), 1e-10 * (h * v).cwiseAbs().maxCoeff());
}

TEST(ForceField, OverlapAtDistanceZeroIsAnError) {
  auto c = tls::test::soft_random_configuration(50, 1.0, 15);
  c.positions.segment<3>(3) = c.positions.segment<3>(0);
  ForceField ff(c.box, c.diameters);
  EXPECT_THROW(ff.energy(c.positions), tls::DataError);
}
