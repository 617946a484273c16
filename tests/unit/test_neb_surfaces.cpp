// One test body run against every neb::Surface implementation (as OpenMM runs one body against
// every platform): the model and each analytic surface of tests/support/analytic_surfaces.hpp.
// Forces are minus the gradient (central differences), energy() agrees with energy_forces(),
// slots are independent, displacement(a, a) is zero and calls are counted.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <memory>
#include <string>

#include "support/analytic_surfaces.hpp"
#include "tls/core/rng.hpp"
#include "tls/model/diameters.hpp"
#include "tls/neb/surface.hpp"

namespace {

struct SurfaceCase {
  std::string name;
  std::function<std::unique_ptr<tls::neb::Surface>()> make;
  std::function<Eigen::VectorXd()> point;  // a generic point (not a stationary one)
};

class EverySurface : public ::testing::TestWithParam<SurfaceCase> {};

TEST_P(EverySurface, ForcesAreMinusTheGradientAndSlotsAgree) {
  auto surface = GetParam().make();
  const Eigen::VectorXd x = GetParam().point();
  ASSERT_EQ(x.size(), surface->dimension());
  surface->reserve(2);
  Eigen::VectorXd f(x.size()), f2(x.size());
  const long calls0 = surface->calls();
  const double e = surface->energy_forces(0, x, f);
  EXPECT_GT(surface->calls(), calls0);
  EXPECT_DOUBLE_EQ(surface->energy(1, x), e);
  EXPECT_DOUBLE_EQ(surface->energy_forces(1, x, f2), e);
  EXPECT_EQ((f - f2).cwiseAbs().maxCoeff(), 0.0);
  const double h = 1e-5;
  for (Eigen::Index k = 0; k < std::min<Eigen::Index>(x.size(), 12); ++k) {
    Eigen::VectorXd a = x, b = x;
    a[k] += h;
    b[k] -= h;
    const double g = (surface->energy(0, a) - surface->energy(0, b)) / (2 * h);
    EXPECT_NEAR(-g, f[k], 1e-5 * std::max(1.0, std::abs(f[k]))) << GetParam().name << " component " << k;
  }
  EXPECT_EQ(surface->displacement(x, x).cwiseAbs().maxCoeff(), 0.0);
}

Eigen::VectorXd model_point() {
  const int n = 32;
  tls::Rng rng(7, "surface-test", 0);
  Eigen::VectorXd x(3 * n);
  // A simple cubic lattice, jiggled: no overlaps, generic forces.
  for (int i = 0; i < n; ++i) {
    const int ix = i / 16, iy = (i / 4) % 4, iz = i % 4;
    const double p[3] = {ix * 1.6, iy * 0.8, iz * 0.8};
    for (int c = 0; c < 3; ++c) x[3 * i + c] = p[c] + 0.05 * rng.uniform(-1, 1);
  }
  return x;
}

const SurfaceCase kCases[] = {
    {"model",
     [] {
       tls::Box box;
       box.length = 3.2;
       const auto d = tls::permuted_diameters(32, 3);
       return std::unique_ptr<tls::neb::Surface>(
           new tls::neb::ModelSurface(box, Eigen::Map<const Eigen::VectorXd>(d.data(), 32)));
     },
     model_point},
    {"muller_brown", [] { return std::unique_ptr<tls::neb::Surface>(new tls::test::MullerBrown()); },
     [] { return Eigen::Vector3d(-0.3, 0.7, 0.0).eval(); }},
    {"curved_double_well", [] { return std::unique_ptr<tls::neb::Surface>(new tls::test::CurvedDoubleWell()); },
     [] { return Eigen::Vector3d(0.4, 0.2, 0.0).eval(); }},
    {"washboard", [] { return std::unique_ptr<tls::neb::Surface>(new tls::test::Washboard()); },
     [] { return Eigen::Vector3d(0.23, 0.41, 0.0).eval(); }},
};

INSTANTIATE_TEST_SUITE_P(NebSurface, EverySurface, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<SurfaceCase>& i) { return i.param.name; });

}  // namespace
