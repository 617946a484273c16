// The pair potential against the constants and reference values of SPEC.md section 1.
#include <gtest/gtest.h>

#include "tls/model/potential.hpp"

namespace tp = tls::potential;

TEST(Potential, CoefficientsOfSpec) {
  EXPECT_NEAR(tp::kC0, -1.924145348608, 1e-12);
  EXPECT_NEAR(tp::kC2, 2.111062325330, 1e-12);
  EXPECT_NEAR(tp::kC4, -0.591097451092, 1e-12);
}

TEST(Potential, PairTableOfSpec) {
  // x, v/eps, -dv/dx from SPEC.md section 1 (7 significant digits).
  struct Row {
    double x, v, f;
  };
  for (const Row& r : {Row{0.90, 2.938702, 45.13314}, Row{1.00, 0.5958195, 10.14227}, Row{1.10, 0.08344510, 1.978638},
                       Row{1.20, 0.002241380, 0.1406825}}) {
    EXPECT_NEAR(tp::v(r.x), r.v, 5e-7 * r.v) << "x=" << r.x;
    EXPECT_NEAR(-tp::dv(r.x), r.f, 5e-7 * r.f) << "x=" << r.x;
  }
  EXPECT_EQ(tp::v(1.25), 0.0);
  EXPECT_EQ(tp::dv(1.25), 0.0);
}

TEST(Potential, ValueSlopeAndCurvatureVanishAtTheCut) {
  // Approaching x_c from below, v ~ d^3, v' ~ d^2 and v'' ~ d (|v'''(x_c)| = 94.6): so v, v' and
  // v'' are continuous at the cut, and v''' is not (it jumps, as it must for a quartic F).
  for (double d : {1e-2, 1e-3, 1e-4}) {
    const double x = tp::kCut - d;
    EXPECT_LT(std::abs(tp::v(x)), 20 * d * d * d + 1e-15) << d;
    EXPECT_LT(std::abs(tp::dv(x)), 50 * d * d + 1e-13) << d;
    EXPECT_LT(std::abs(tp::d2v(x)), 100 * d + 1e-12) << d;
    EXPECT_GT(std::abs(tp::d2v(x)), 90 * d) << d;  // linear approach: the third derivative is finite
  }
  EXPECT_EQ(tp::v(tp::kCut), 0.0);
  EXPECT_EQ(tp::dv(tp::kCut), 0.0);
  EXPECT_EQ(tp::d2v(tp::kCut), 0.0);
}

TEST(Potential, DerivativesMatchFiniteDifferences) {
  for (double x = 0.8; x < 1.249; x += 0.0123) {
    const double h = 1e-6;
    EXPECT_NEAR(tp::dv(x), (tp::v(x + h) - tp::v(x - h)) / (2 * h), 1e-6 * (1 + std::abs(tp::dv(x))));
    EXPECT_NEAR(tp::d2v(x), (tp::dv(x + h) - tp::dv(x - h)) / (2 * h), 1e-6 * (1 + std::abs(tp::d2v(x))));
  }
}

TEST(Potential, MixingRule) {
  EXPECT_DOUBLE_EQ(tp::sigma_ij(1.0, 1.0), 1.0);
  EXPECT_DOUBLE_EQ(tp::sigma_ij(0.8, 1.2), 0.5 * 2.0 * (1 - 0.2 * 0.4));
  EXPECT_DOUBLE_EQ(tp::sigma_ij(1.2, 0.8), tp::sigma_ij(0.8, 1.2));
  // Increasing in each argument over the diameter range (the neighbour lists rely on it).
  for (double a = 0.73; a < 1.62; a += 0.01)
    for (double b = 0.73; b < 1.62; b += 0.05) EXPECT_GT(tp::sigma_ij(a + 0.01, b), tp::sigma_ij(a, b));
}
