// The harmonic (soft-mode) specific heat of SPEC.md section 7: the Hessian spectrum of an inherent
// structure against finite differences of the forces, its zero modes, the tls-spectrum table, and
// C_harm(T) on analytic spectra (classical limit of one k_B per mode, exponential freeze-out).
#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <cmath>
#include <sstream>

#include "support/support.hpp"
#include "tls/core/error.hpp"
#include "tls/io/spectrum_table.hpp"
#include "tls/minimize/minimize.hpp"
#include "tls/model/spectrum.hpp"
#include "tls/stats/density.hpp"

namespace {

tls::SpectrumTable analytic_spectrum(const std::string& name, long particles, std::vector<double> lambda) {
  tls::SpectrumTable t;
  t.source = name + ".tsv";
  t.glass.glass = name;
  t.glass.particles = particles;
  t.zero_modes = 3;
  t.lambda = std::move(lambda);
  return t;
}

tls::DensityReport harmonic_of(std::vector<tls::SpectrumTable> spectra, double mass, double t_min, double t_max) {
  tls::GlassAssembler a;
  for (auto& s : spectra) a.add(std::move(s));
  tls::AssembleOptions ao;
  ao.masses = {mass};
  tls::DensityOptions o;
  o.seed = 1;
  o.bootstrap = 50;
  o.t_min = t_min;
  o.t_max = t_max;
  o.t_per_decade = 10;
  return tls::compute_density(a.finish(ao), o, nullptr);
}

}  // namespace

TEST(Harmonic, ModeHeatHasItsClassicalAndQuantumLimits) {
  EXPECT_EQ(tls::harmonic_mode_heat(0), 1);
  for (double x : {1e-6, 1e-3, 1e-2}) EXPECT_NEAR(tls::harmonic_mode_heat(x), 1 - x * x / 12 + x * x * x * x / 240, 1e-13);
  for (double x : {0.5, 1.0, 3.0}) {
    const double s = std::sinh(x / 2);
    EXPECT_NEAR(tls::harmonic_mode_heat(x), (x / 2) * (x / 2) / (s * s), 1e-14);
  }
  for (double x : {30.0, 100.0, 600.0}) EXPECT_NEAR(tls::harmonic_mode_heat(x) / (x * x * std::exp(-x)), 1, 1e-12);
  EXPECT_EQ(tls::harmonic_mode_heat(2000), 0);
}

TEST(Harmonic, DebyeAndEinsteinLimitsOfAnAnalyticSpectrum) {
  // Two glasses of N = 4 with 3N - 3 = 9 modes each. hbar omega = sqrt(lambda / m~).
  const double mass = 4000;
  std::vector<double> a = {0.5, 1, 2, 4, 8, 16, 32, 64, 128}, b(9, 10.0);  // b: an Einstein solid
  const auto rep = harmonic_of({analytic_spectrum("a", 4, a), analytic_spectrum("b", 4, b)}, mass, 1e-4, 10);
  ASSERT_FALSE(rep.tls_tables);
  EXPECT_EQ(rep.harmonic_glasses, 2);
  EXPECT_EQ(rep.harmonic_modes, 18);
  ASSERT_FALSE(rep.harmonic.empty());
  for (const auto& h : rep.harmonic) {
    double c = 0;
    for (double l : a) c += tls::harmonic_mode_heat(std::sqrt(l / mass) / h.t);
    for (double l : b) c += tls::harmonic_mode_heat(std::sqrt(l / mass) / h.t);
    EXPECT_NEAR(h.c.value, c / 8, 1e-14);
  }
  // High T: every mode carries k_B, C -> (3N - 3)/N = 9/4 per particle.
  EXPECT_NEAR(rep.harmonic.back().c.value, 18.0 / 8, 1e-4);
  // Low T: only the softest mode (hbar omega_0 = sqrt(0.5/4000)) is left, C ~ x^2 e^-x / N_total.
  const double hw0 = std::sqrt(0.5 / mass);
  for (const auto& h : rep.harmonic) {
    const double x = hw0 / h.t;
    if (x < 40) continue;
    EXPECT_NEAR(h.c.value / (x * x * std::exp(-x) / 8), 1, 1e-6) << h.t;
  }
  // The Einstein glass alone: C = 9 c(x)/4 at every T, with its error bar empty (one glass).
  const auto e = harmonic_of({analytic_spectrum("b", 4, b)}, mass, 1e-3, 1);
  for (const auto& h : e.harmonic)
    EXPECT_NEAR(h.c.value, 9 * tls::harmonic_mode_heat(std::sqrt(10 / mass) / h.t) / 4, 1e-14);
}

TEST(Harmonic, HessianEigenvaluesMatchFiniteDifferencesOfTheForces) {
  // A small inherent structure (N = 40): eigenvalues of the dense Hessian against those of the
  // matrix of central differences of the forces; the 3 removed modes are the translations.
  auto c = tls::test::soft_random_configuration(40, 1.0, 31);
  tls::ForceField ff(c.box, c.diameters);
  const auto r = tls::minimize(ff, c.positions, tls::MinimizerOptions{});
  ASSERT_TRUE(r.converged);
  const auto s = tls::hessian_spectrum(ff, c.positions);
  const Eigen::Index n = c.positions.size();
  ASSERT_EQ(static_cast<Eigen::Index>(s.modes.size()), n - 3);
  ASSERT_EQ(s.zero.size(), 3u);
  for (double z : s.zero) EXPECT_LT(std::fabs(z), 1e-9 * s.largest);
  Eigen::MatrixXd fd(n, n);
  Eigen::VectorXd fp(n), fm(n);
  const double h = 1e-5;
  for (Eigen::Index k = 0; k < n; ++k) {
    Eigen::VectorXd xp = c.positions, xm = c.positions;
    xp[k] += h;
    xm[k] -= h;
    ff.energy_forces(xp, fp);
    ff.energy_forces(xm, fm);
    fd.col(k) = -(fp - fm) / (2 * h);
  }
  const Eigen::MatrixXd sym = (fd + fd.transpose()) / 2;
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(sym, Eigen::EigenvaluesOnly);
  // FD eigenvalues ascending; the three near zero are the translations (and any rattler modes
  // sit among the kept ones in both lists).
  std::vector<double> ref(es.eigenvalues().data(), es.eigenvalues().data() + n);
  std::vector<double> by_size = ref;
  std::sort(by_size.begin(), by_size.end(), [](double a, double b) { return std::fabs(a) < std::fabs(b); });
  std::vector<double> kept(by_size.begin() + 3, by_size.end());
  std::sort(kept.begin(), kept.end());
  double worst = 0;
  for (std::size_t k = 0; k < kept.size(); ++k) worst = std::max(worst, std::fabs(kept[k] - s.modes[k]));
  EXPECT_LT(worst, 1e-5 * s.largest);
  EXPECT_GT(s.modes.front(), 0);
  // Away from a minimum the spectrum is refused (negative modes).
  auto hot = tls::test::soft_random_configuration(40, 1.0, 32);
  tls::ForceField ff2(hot.box, hot.diameters);
  EXPECT_THROW(tls::hessian_spectrum(ff2, hot.positions), tls::DataError);
}

TEST(Harmonic, SpectrumTableRoundTripsAndItsReaderChecks) {
  std::ostringstream out;
  tls::GlassInfo g;
  g.glass = "x";
  g.particles = 2;
  tls::write_spectrum_table(out, {{"tool", "test"}}, g, {0.5, 1, 2}, {-1e-14, 0, 1e-14});
  std::istringstream in(out.str());
  tls::TableReader r(in, "mem");
  const auto t = tls::read_spectrum_table(r);
  EXPECT_EQ(t.zero_modes, 3);
  EXPECT_EQ(t.lambda, (std::vector<double>{0.5, 1, 2}));
  EXPECT_EQ(*t.glass.glass, "x");
  auto bad = [](const std::string& text) {
    std::istringstream s(text);
    tls::TableReader rr(s, "bad");
    return tls::read_spectrum_table(rr);
  };
  const std::string head = "#%tls-spectrum 1.0\n##particles=2\n##zero_modes=3\n#k\tlambda\n";
  EXPECT_NO_THROW(bad(head + "0\t0.5\n1\t1\n2\t2\n"));
  EXPECT_THROW(bad(head + "0\t0.5\n1\t1\n"), tls::DataError);                             // 3N - 3 rows
  EXPECT_THROW(bad(head + "0\t1\n1\t0.5\n2\t2\n"), tls::DataError);                       // not ascending
  EXPECT_THROW(bad(head + "0\t-0.5\n1\t1\n2\t2\n"), tls::DataError);                      // negative
  EXPECT_THROW(bad(head + "0\tnan\n1\t1\n2\t2\n"), tls::DataError);                       // not finite
  EXPECT_THROW(bad("#%tls-spectrum 1.0\n##zero_modes=3\n#k\tlambda\n"), tls::DataError);  // no N
  EXPECT_THROW(bad("#%tls-spectrum 1.0\n##particles=2\n#k\tlambda\n"), tls::DataError);   // no zero_modes
  EXPECT_THROW(bad("#%tls-spectrum 2.0\n##particles=2\n##zero_modes=3\n#k\tlambda\n"), tls::DataError);
}

TEST(Harmonic, FrozenSpectrumStillReads) {
  const auto t = tls::read_spectrum_table(tls::test::test_data("frozen/spectrum-v1.0.tsv"));
  EXPECT_EQ(t.zero_modes, 3);
  EXPECT_EQ(static_cast<long>(t.lambda.size()), 3 * *t.glass.particles - 3);
}
