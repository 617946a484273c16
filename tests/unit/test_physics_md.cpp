// MD invariants: energy conservation and time reversibility in NVE, zero momentum, and the Bussi
// thermostat's canonical kinetic-energy distribution.
#include <gtest/gtest.h>

#include "support/support.hpp"
#include "tls/md/md.hpp"
#include "tls/minimize/minimize.hpp"
#include "tls/core/error.hpp"

namespace {
// A glass-like start: an inherent structure of N particles at rho = 1.
tls::Configuration quenched(int n, std::uint64_t seed) {
  auto c = tls::test::random_configuration(n, 1.0, seed);
  tls::ForceField ff(c.box, c.diameters);
  tls::MinimizerOptions o;
  o.ftol = 1e-6;
  tls::minimize(ff, c.positions, o);
  return c;
}

// A Bussi-thermostatted integrator (target temperature, time constant tau) on an inherent structure
// of n particles, from Maxwell-Boltzmann velocities at `start`.
tls::MdIntegrator thermostatted(int n, std::uint64_t config_seed, std::uint64_t rng_seed, double target, double start,
                                double tau = 1.0) {
  const auto c = quenched(n, config_seed);
  tls::Rng rng(rng_seed, "test-md", 0);
  tls::MdOptions o;
  o.temperature = target;
  o.tau = tau;
  const Eigen::VectorXd v = tls::maxwell_boltzmann(c.size(), start, rng);
  return tls::MdIntegrator(tls::ForceField(c.box, c.diameters), o, rng, c.positions, v);
}
}  // namespace

TEST(Md, NveConservesEnergyAndIsTimeReversible) {
  const auto c = quenched(300, 31);
  tls::ForceField ff(c.box, c.diameters);
  tls::Rng rng(1, "test-md", 0);
  const Eigen::VectorXd v0 = tls::maxwell_boltzmann(c.size(), 0.1, rng);
  // Largest deviation of the total energy over a fixed time span, for time step dt.
  auto deviation = [&](double dt, tls::MdIntegrator* keep) {
    tls::MdOptions o;
    o.thermostat = tls::Thermostat::none;
    o.dt = dt;
    tls::MdIntegrator md(ff, o, rng, c.positions, v0);
    const double e0 = md.state().kinetic() + md.potential();
    double worst = 0;
    const long steps = std::lround(0.01 / dt);
    for (int k = 0; k < 400; ++k) {
      md.run(steps);
      worst = std::max(worst, std::abs(md.state().kinetic() + md.potential() - e0));
    }
    if (keep) *keep = md;
    return worst;
  };
  tls::MdOptions o;
  o.thermostat = tls::Thermostat::none;
  tls::MdIntegrator md(ff, o, rng, c.positions, v0);
  const double d1 = deviation(0.005, &md), d2 = deviation(0.0025, nullptr);
  // Velocity Verlet is second order: halving dt divides the energy error by about 4, and at
  // dt = 0.005 it stays below 1e-3 of the kinetic energy over 4 time units (no drift).
  EXPECT_LT(d1, 1e-3 * md.state().kinetic());
  EXPECT_NEAR(d1 / d2, 4.0, 1.0);
  // Reverse the velocities and run back: the start is recovered up to round-off growth.
  md.state().v = -md.state().v;
  md.run(800);
  EXPECT_LT((md.state().x - c.positions).cwiseAbs().maxCoeff(), 1e-6);
}

TEST(Md, MomentumStaysZeroUnderTheThermostat) {
  auto md = thermostatted(200, 32, 2, 0.2, 0.2);
  md.run(500);
  for (int k = 0; k < 3; ++k) {
    double p = 0;
    for (int i = 0; i < md.force_field().size(); ++i) p += md.state().v[3 * i + k];
    EXPECT_LT(std::abs(p), 1e-11);
  }
}

TEST(Md, BussiThermostatSamplesCanonicalKineticEnergy) {
  // For 3N - 3 degrees of freedom at temperature T: <K> = dof T / 2 and Var K = dof T^2 / 2.
  auto md = thermostatted(40, 33, 3, 0.3, 0.3, 0.1);
  md.run(2000);
  const double dof = 3.0 * md.force_field().size() - 3;
  double s = 0, s2 = 0;
  const int samples = 20000;
  for (int k = 0; k < samples; ++k) {
    md.run(10);
    const double kin = md.state().kinetic();
    s += kin;
    s2 += kin * kin;
  }
  const double mean = s / samples, var = s2 / samples - mean * mean;
  EXPECT_NEAR(mean / (0.5 * dof * 0.3), 1.0, 0.02);
  EXPECT_NEAR(var / (0.5 * dof * 0.09), 1.0, 0.1);
}

TEST(Md, ThermostatWorkMakesAConservedQuantity) {
  auto md = thermostatted(200, 34, 5, 0.1, 0.3);
  auto conserved = [&] { return md.state().kinetic() + md.potential() - md.state().thermostat_work; };
  const double h0 = conserved();
  md.run(4000);
  EXPECT_GT(std::abs(md.state().thermostat_work), 1.0);  // the thermostat did cool the system
  EXPECT_LT(std::abs(conserved() - h0), 1e-3 * std::abs(md.state().thermostat_work));
}

TEST(Md, MaxwellBoltzmannHasZeroMomentumAndTheTemperature) {
  tls::Rng rng(4, "test-md", 0);
  const auto v = tls::maxwell_boltzmann(5000, 0.04, rng);
  for (int k = 0; k < 3; ++k) {
    double p = 0;
    for (int i = 0; i < 5000; ++i) p += v[3 * i + k];
    EXPECT_LT(std::abs(p), 1e-11);
  }
  EXPECT_NEAR(v.squaredNorm() / (3.0 * 5000 - 3), 0.04, 0.04 * 0.05);
  const auto w = tls::maxwell_boltzmann(100, 0.04, rng, true);
  EXPECT_NEAR(w.squaredNorm() / (3.0 * 100 - 3), 0.04, 1e-14);
  EXPECT_THROW(tls::maxwell_boltzmann(10, -1, rng), tls::UsageError);
}

TEST(Md, ForcesOnlyStepsGiveTheEnergyOnRequest) {
  // Steps compute forces only; potential() evaluates the energy afterwards. It must be the energy
  // of the current positions (an independent force field agrees to round-off), and the forces of
  // the forces-only path must be those of energy_forces bit for bit.
  auto md = thermostatted(200, 35, 6, 0.2, 0.2);
  const auto& box = md.force_field().box();
  const Eigen::VectorXd diameters = md.force_field().diameters();
  const double e0 = md.potential();
  md.run(300);
  const double e1 = md.potential();
  EXPECT_NE(e0, e1);
  EXPECT_EQ(e1, md.potential());  // cached
  tls::ForceField fresh(box, diameters);
  Eigen::VectorXd f(md.state().x.size()), g(md.state().x.size());
  EXPECT_NEAR(e1, fresh.energy_forces(md.state().x, f), 1e-10 * std::abs(e1));
  tls::ForceField other(box, diameters);
  other.forces(md.state().x, g);
  EXPECT_EQ((f - g).cwiseAbs().maxCoeff(), 0.0);
  // The integrator's own list (built at another time) orders the sums differently: round-off only.
  EXPECT_LT((md.state().f - g).cwiseAbs().maxCoeff(), 1e-10);
  Eigen::VectorXd h(md.state().x.size());
  EXPECT_EQ(md.force_field().energy_forces(md.state().x, h), e1);
  EXPECT_EQ((md.state().f - h).cwiseAbs().maxCoeff(), 0.0);
}
