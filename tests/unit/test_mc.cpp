// Swap Monte Carlo engine: complete and symmetric local rows, exact local energy changes, a chain
// that depends on the configuration only (not on skin, slack or restarts), the size rule, and an
// exactly solvable two-particle system.
#include <gtest/gtest.h>

#include <cmath>

#include "support/support.hpp"
#include "tls/core/error.hpp"
#include "tls/equilibrate/statistics.hpp"
#include "tls/mc/swap_mc.hpp"
#include "tls/model/force_field.hpp"
#include "tls/model/potential.hpp"

namespace {

tls::SwapMcOptions hot(double t = 0.3) {
  tls::SwapMcOptions o;
  o.temperature = t;
  return o;
}

// Every pair closer than x_c sigma_ij (all images, brute force) is listed on both sides; rows are
// sorted and each entry has its mirror.
void expect_complete_rows(const tls::SwapMc& mc) {
  const auto x = mc.positions();
  const auto d = mc.diameters();
  const double L = mc.box().length;
  const int n = mc.size();
  const auto& nb = mc.neighbours();
  auto listed = [&](int i, int j, const int* s) {
    for (const auto& e : nb.row(i))
      if (e.j == j && e.s[0] == s[0] && e.s[1] == s[1] && e.s[2] == s[2]) return true;
    return false;
  };
  const int k = static_cast<int>(std::ceil(2.1 / L)) + 1;
  long interacting = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      if (i == j) continue;
      const double rc = tls::potential::kCut * tls::potential::sigma_ij(d[i], d[j]);
      int s0[3];
      for (int c = 0; c < 3; ++c) s0[c] = -static_cast<int>(std::nearbyint((x[3 * j + c] - x[3 * i + c]) / L));
      for (int a = -k; a <= k; ++a)
        for (int b = -k; b <= k; ++b)
          for (int c = -k; c <= k; ++c) {
            const int s[3] = {s0[0] + a, s0[1] + b, s0[2] + c};
            double r2 = 0;
            for (int q = 0; q < 3; ++q) r2 += std::pow(x[3 * j + q] + s[q] * L - x[3 * i + q], 2);
            if (r2 < rc * rc) {
              ++interacting;
              ASSERT_TRUE(listed(i, j, s)) << "pair " << i << "-" << j << " missing";
            }
          }
    }
  EXPECT_GT(interacting, 0);
  for (int i = 0; i < n; ++i) {
    const auto row = nb.row(i);
    for (std::size_t q = 0; q < row.size(); ++q) {
      const int m[3] = {-row[q].s[0], -row[q].s[1], -row[q].s[2]};
      ASSERT_TRUE(listed(row[q].j, i, m)) << "entry " << i << "->" << row[q].j << " has no mirror";
      ASSERT_NE(row[q].j, i);
      if (q > 0) {
        ASSERT_TRUE(row[q - 1].j < row[q].j || (row[q - 1].j == row[q].j && (row[q - 1].s[0] != row[q].s[0] ||
                                                                                     row[q - 1].s[1] != row[q].s[1] ||
                                                                                     row[q - 1].s[2] != row[q].s[2])));
      }
    }
  }
}

}  // namespace

TEST(SwapMc, RowsStayCompleteUnderMovesAndSwaps) {
  // A cell-list box (N = 400) and a small box where images are enumerated (N = 40), hot and with
  // large moves so that references go stale often.
  for (int n : {40, 400}) {
    const auto c = tls::test::soft_random_configuration(n, 1.0, 11);
    auto o = hot(0.5);
    o.delta = 0.15;
    o.skin = 0.3;
    o.diameter_slack = 0.05;
    tls::SwapMc mc(c.box, c.positions, c.diameters, o, tls::Rng(1, "test-mc", 0));
    for (int round = 0; round < 5; ++round) {
      mc.sweeps(20);
      expect_complete_rows(mc);
    }
    EXPECT_GT(mc.neighbours().refreshes(), 100) << "the test must exercise refreshes";
  }
}

TEST(SwapMc, EnergyMatchesForceFieldIncludingSelfImages) {
  for (int n : {30, 300}) {
    const auto c = tls::test::soft_random_configuration(n, 1.0, 12);
    tls::SwapMc mc(c.box, c.positions, c.diameters, hot(), tls::Rng(2, "test-mc", 0));
    mc.sweeps(50);
    tls::ForceField ff(c.box, mc.diameters());
    const double e = ff.energy(mc.positions());
    EXPECT_NEAR(mc.energy(), e, 1e-12 * std::abs(e)) << "N = " << n;
  }
  // Three large particles in a box smaller than their reach: each meets its own images.
  tls::Configuration c;
  c.box.length = 1.5;
  c.diameters = Eigen::Vector3d(1.3, 1.4, 1.2);
  c.positions.resize(9);
  c.positions << 0.1, 0.2, 0.3, 0.8, 0.9, 0.7, 1.2, 0.4, 1.1;
  tls::SwapMc mc(c.box, c.positions, c.diameters, hot(1.0), tls::Rng(3, "test-mc", 0));
  ASSERT_FALSE(mc.neighbours().self_images().empty());
  mc.sweeps(200);
  tls::ForceField ff(c.box, mc.diameters());
  const double e = ff.energy(mc.positions());
  EXPECT_NEAR(mc.energy(), e, 1e-12 * std::abs(e));
}

TEST(SwapMc, LocalEnergyChangesAreExact) {
  for (int n : {40, 500}) {
    const auto c = tls::test::soft_random_configuration(n, 1.0, 13);
    auto o = hot(0.2);
    o.p_swap = 0.5;
    tls::SwapMc mc(c.box, c.positions, c.diameters, o, tls::Rng(4, "test-mc", 0));
    double e = mc.energy();
    long accepted = 0;
    for (int k = 0; k < 4000; ++k) {
      mc.attempt();
      const double e1 = mc.energy();
      ASSERT_NEAR(e1 - e, mc.last_change(), 1e-10 * std::abs(e1)) << "attempt " << k;
      accepted += mc.last_change() != 0.0;
      e = e1;
    }
    EXPECT_GT(accepted, 400);
    EXPECT_GT(mc.counts().swaps_accepted, 50u);
  }
}

TEST(SwapMc, ChainDependsOnTheConfigurationOnly) {
  // Restarting from (positions, diameters, random state) with freshly built rows, or running with
  // another skin and diameter slack, gives the same chain bit for bit: local sums visit pairs in
  // an order fixed by the configuration (sorted rows; pairs beyond the cut add exactly zero).
  const auto c = tls::test::soft_random_configuration(500, 1.0, 14);
  auto o = hot(0.15);
  tls::SwapMc a(c.box, c.positions, c.diameters, o, tls::Rng(5, "test-mc", 0));
  a.sweeps(300);
  tls::SwapMc b(c.box, c.positions, c.diameters, o, tls::Rng(5, "test-mc", 0));
  b.sweeps(170);
  tls::SwapMc resumed(c.box, b.positions(), b.diameters(), o, b.rng());
  resumed.sweeps(130);
  EXPECT_TRUE(a.positions() == resumed.positions());
  EXPECT_TRUE(a.diameters() == resumed.diameters());
  auto wide = o;
  wide.skin = 0.5;
  wide.diameter_slack = 0.35;
  tls::SwapMc w(c.box, c.positions, c.diameters, wide, tls::Rng(5, "test-mc", 0));
  w.sweeps(300);
  EXPECT_TRUE(a.positions() == w.positions());
  EXPECT_TRUE(a.diameters() == w.diameters());
  EXPECT_NE(a.neighbours().refreshes(), w.neighbours().refreshes());
  EXPECT_EQ(a.energy(), w.energy());
}

TEST(SwapMc, SizeRuleAndMoveKinds) {
  const auto c = tls::test::soft_random_configuration(200, 1.0, 15);
  auto o = hot();
  o.p_swap = 1.0;
  o.max_swap_difference = 0.0;  // quantile diameters are distinct: every swap fails the rule
  tls::SwapMc mc(c.box, c.positions, c.diameters, o, tls::Rng(6, "test-mc", 0));
  mc.sweeps(5);
  EXPECT_EQ(mc.counts().swaps, 1000u);
  EXPECT_EQ(mc.counts().swaps_eligible, 0u);
  EXPECT_EQ(mc.counts().displacements, 0u);
  EXPECT_TRUE(mc.positions() == c.positions);
  o.p_swap = 0.0;
  tls::SwapMc moves(c.box, c.positions, c.diameters, o, tls::Rng(6, "test-mc", 0));
  moves.sweeps(5);
  EXPECT_EQ(moves.counts().swaps, 0u);
  EXPECT_TRUE(moves.diameters() == c.diameters);
  // Default rule: about half the random pairs of the sigma^-3 distribution differ by more than 0.2.
  o.p_swap = 1.0;
  o.max_swap_difference = 0.2;
  tls::SwapMc swaps(c.box, c.positions, c.diameters, o, tls::Rng(6, "test-mc", 0));
  swaps.sweeps(20);
  const double eligible = static_cast<double>(swaps.counts().swaps_eligible) / static_cast<double>(swaps.counts().swaps);
  EXPECT_GT(eligible, 0.3);
  EXPECT_LT(eligible, 0.8);
  auto sorted = [](Eigen::VectorXd v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_TRUE(sorted(swaps.diameters()) == sorted(c.diameters)) << "swaps only permute the diameters";
}

TEST(SwapMc, RejectsBadInput) {
  const auto c = tls::test::soft_random_configuration(50, 1.0, 16);
  auto bad = [&](double t) {
    auto o = hot(t);
    tls::SwapMc mc(c.box, c.positions, c.diameters, o, tls::Rng(7, "test-mc", 0));
  };
  EXPECT_THROW(bad(0.0), tls::UsageError);
  EXPECT_THROW(bad(-1.0), tls::UsageError);
  EXPECT_THROW(bad(std::nan("")), tls::UsageError);
  auto o = hot();
  o.delta = 0.3;  // 0.3 sqrt(3) > skin 0.4
  EXPECT_THROW(tls::SwapMc(c.box, c.positions, c.diameters, o, tls::Rng(7, "test-mc", 0)), tls::UsageError);
  auto overlap = c.positions;
  overlap.segment(3, 3) = overlap.segment(0, 3);
  EXPECT_THROW(tls::SwapMc(c.box, overlap, c.diameters, hot(), tls::Rng(7, "test-mc", 0)), tls::DataError);
  auto d = c.diameters;
  d[3] = 3.0;
  EXPECT_THROW(tls::SwapMc(c.box, c.positions, d, hot(), tls::Rng(7, "test-mc", 0)), tls::DataError);
  tls::Box zero;
  EXPECT_THROW(tls::SwapMc(zero, c.positions, c.diameters, hot(), tls::Rng(7, "test-mc", 0)), tls::DataError);
}

TEST(SwapMc, TwoParticlesSampleTheBoltzmannDistribution) {
  // Two particles in a periodic box: the mean energy is a one-dimensional integral,
  // <E> = int v e^{-v/T} 4 pi r^2 dr / (L^3 - int (1 - e^{-v/T}) 4 pi r^2 dr).
  const double L = 3.0, T = 0.5, d1 = 1.0, d2 = 1.2;
  const double s12 = tls::potential::sigma_ij(d1, d2), rc = tls::potential::kCut * s12;
  double num = 0, excluded = 0;
  const int steps = 200000;
  for (int k = 0; k < steps; ++k) {
    const double r = (k + 0.5) * rc / steps;
    const double v = tls::potential::v(r / s12), w = 4 * M_PI * r * r * rc / steps;
    const double b = std::exp(-v / T);
    num += v * b * w;
    excluded += (1 - b) * w;
  }
  const double exact = num / (L * L * L - excluded);
  tls::Box box;
  box.length = L;
  Eigen::VectorXd x(6);
  x << 0.2, 0.3, 0.4, 1.9, 1.7, 1.8;
  tls::SwapMcOptions o;
  o.temperature = T;
  o.skin = 1.8;
  o.delta = 1.0;
  tls::SwapMc mc(box, x, Eigen::Vector2d(d1, d2), o, tls::Rng(8, "test-mc", 0));
  std::vector<double> e;
  for (int k = 0; k < 1000000; ++k) {
    mc.sweeps(1);
    e.push_back(mc.energy());
  }
  const auto m = tls::blocking_mean(e);
  EXPECT_LT(m.error, 0.02 * exact);
  EXPECT_NEAR(m.mean, exact, 4 * m.error) << "exact " << exact << ", sampled " << m.mean << " +- " << m.error;
}

TEST(Statistics, BlockingErrorOfCorrelatedSeries) {
  // AR(1) series x_t = a x_{t-1} + noise: the standard error of the mean is
  // sqrt(var (1 + a) / ((1 - a) n)), with var = 1 / (1 - a^2) for unit noise.
  tls::Rng rng(9, "test-blocking", 0);
  const double a = 0.9;
  const int n = 1 << 18;
  std::vector<double> x(n);
  double v = 0;
  for (int k = 0; k < n; ++k) x[k] = v = a * v + rng.normal();
  const auto m = tls::blocking_mean(x);
  const double expected = std::sqrt(1 / (1 - a * a) * (1 + a) / (1 - a) / n);
  EXPECT_NEAR(m.error / expected, 1.0, 0.25);
  EXPECT_NEAR(m.independent, n * (1 - a) / (1 + a), 0.4 * n * (1 - a) / (1 + a));
  // Batches of 200 samples (10 correlation times of this series): the same error, the same mean.
  const auto b = tls::batch_mean(x, 200);
  EXPECT_NEAR(b.error / expected, 1.0, 0.25);
  EXPECT_EQ(b.mean, m.mean);
  EXPECT_TRUE(std::isnan(tls::batch_mean(x, n / 3).error)) << "fewer than 4 batches";
}
