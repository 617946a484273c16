// Analytic 2-D energy surfaces for the NEB tests, as tls::neb::Surface: one "particle" whose z
// coordinate does not enter the energy. Their stationary points are found to machine precision by
// Newton's method on the analytic gradient and Hessian, so saddles are known exactly.
#pragma once

#include <Eigen/Dense>
#include <atomic>
#include <cmath>

#include "tls/neb/surface.hpp"

namespace tls::test {

class Analytic2D : public neb::Surface {
 public:
  /// V(x, y), its gradient g and Hessian h = (Vxx, Vxy, Vyy).
  virtual double eval(double x, double y, double g[2], double h[3]) const = 0;

  Eigen::Index dimension() const override { return 3; }
  void reserve(int) override {}
  double energy_forces(int, const Eigen::Ref<const Eigen::VectorXd>& x, Eigen::Ref<Eigen::VectorXd> f) override {
    ++calls_;
    double g[2], h[3];
    const double e = eval(x[0], x[1], g, h);
    f[0] = -g[0], f[1] = -g[1], f[2] = 0;
    return e;
  }
  double energy(int, const Eigen::Ref<const Eigen::VectorXd>& x) override {
    ++calls_;
    double g[2], h[3];
    return eval(x[0], x[1], g, h);
  }
  Eigen::VectorXd displacement(const Eigen::Ref<const Eigen::VectorXd>& a,
                               const Eigen::Ref<const Eigen::VectorXd>& b) const override {
    return b - a;
  }
  long calls() const override { return calls_.load(); }
  int negative_modes(const Eigen::Ref<const Eigen::VectorXd>& x, double threshold) override {
    const Eigen::Vector2d c = curvatures(Eigen::Vector2d(x[0], x[1]));
    return (c[0] < -threshold) + (c[1] < -threshold);
  }

  double at(const Eigen::Vector2d& p) const {
    double g[2], h[3];
    return eval(p[0], p[1], g, h);
  }
  /// Stationary point next to `guess` (Newton on the gradient, to machine precision).
  Eigen::Vector2d stationary_point(Eigen::Vector2d p) const {
    for (int it = 0; it < 100; ++it) {
      double g[2], h[3];
      eval(p[0], p[1], g, h);
      Eigen::Matrix2d H;
      H << h[0], h[1], h[1], h[2];
      const Eigen::Vector2d step = H.fullPivLu().solve(Eigen::Vector2d(g[0], g[1]));
      p -= step;
      if (step.norm() < 1e-15 * (1 + p.norm())) break;
    }
    return p;
  }
  /// Hessian eigenvalues at p (ascending).
  Eigen::Vector2d curvatures(const Eigen::Vector2d& p) const {
    double g[2], h[3];
    eval(p[0], p[1], g, h);
    Eigen::Matrix2d H;
    H << h[0], h[1], h[1], h[2];
    return Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d>(H).eigenvalues();
  }
  static Eigen::VectorXd point(const Eigen::Vector2d& p) { return Eigen::Vector3d(p[0], p[1], 0.0); }

 private:
  mutable std::atomic<long> calls_{0};
};

/// Mueller & Brown, Theor. Chim. Acta 53, 75 (1979): three minima A (-0.558, 1.442), C (-0.050,
/// 0.467), B (0.623, 0.028); saddles S1 (-0.822, 0.624) between A and C and S2 (0.212, 0.293)
/// between C and B. The minimum energy path from A to B runs through C.
class MullerBrown final : public Analytic2D {
 public:
  double eval(double x, double y, double g[2], double h[3]) const override {
    static constexpr double A[4] = {-200, -100, -170, 15}, a[4] = {-1, -1, -6.5, 0.7}, b[4] = {0, 0, 11, 0.6},
                            c[4] = {-10, -10, -6.5, 0.7}, x0[4] = {1, 0, -0.5, -1}, y0[4] = {0, 0.5, 1.5, 1};
    double v = 0;
    g[0] = g[1] = h[0] = h[1] = h[2] = 0;
    for (int k = 0; k < 4; ++k) {
      const double dx = x - x0[k], dy = y - y0[k];
      const double e = A[k] * std::exp(a[k] * dx * dx + b[k] * dx * dy + c[k] * dy * dy);
      const double px = 2 * a[k] * dx + b[k] * dy, py = b[k] * dx + 2 * c[k] * dy;
      v += e;
      g[0] += e * px, g[1] += e * py;
      h[0] += e * (px * px + 2 * a[k]);
      h[1] += e * (px * py + b[k]);
      h[2] += e * (py * py + 2 * c[k]);
    }
    return v;
  }
};

/// V = (x^2 - 1)^2 + 0.1 x^3 + 2 (y - 0.3 x^2)^2: two minima at different energies on the curved
/// valley y = 0.3 x^2, and the saddle exactly at (0, 0) with V = 1.
class CurvedDoubleWell final : public Analytic2D {
 public:
  double eval(double x, double y, double g[2], double h[3]) const override {
    const double u = x * x - 1, w = y - 0.3 * x * x;
    g[0] = 4 * x * u + 0.3 * x * x - 2.4 * x * w;
    g[1] = 4 * w;
    h[0] = 12 * x * x - 4 + 0.6 * x - 2.4 * w + 1.44 * x * x;
    h[1] = -2.4 * x;
    h[2] = 4;
    return u * u + 0.1 * x * x * x + 2 * w * w;
  }
};

/// V = -cos(2 pi x) + 2 y^2: minima at integer x; a straight line beyond x = 1 rises only to
/// x = 1.5 (the harmonic continuation must take over further out).
class Washboard final : public Analytic2D {
 public:
  double eval(double x, double y, double g[2], double h[3]) const override {
    const double k = 2 * M_PI;
    g[0] = k * std::sin(k * x);
    g[1] = 4 * y;
    h[0] = k * k * std::cos(k * x);
    h[1] = 0;
    h[2] = 4;
    return -std::cos(k * x) + 2 * y * y;
  }
};

}  // namespace tls::test
