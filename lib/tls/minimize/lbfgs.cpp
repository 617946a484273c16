// L-BFGS two-loop recursion with a capped, backtracking step.
#include "tls/minimize/lbfgs.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "tls/model/force_field.hpp"

namespace tls {

MinimizeReport lbfgs(const Objective& objective, Eigen::Ref<Eigen::VectorXd> x, const LbfgsOptions& o) {
  MinimizeReport r;
  const auto n = x.size();
  Eigen::VectorXd f(n), f_new(n), x_new(n), d(n), q(n);
  // The correction pairs live in a ring of memory + 1 preallocated vectors (no allocation per
  // iteration): logical pair k (0 = oldest) is slot (first + k) % (memory + 1), and the slot after
  // the newest is always free for a candidate pair.
  const auto m = static_cast<std::size_t>(std::max(1, o.memory));
  std::vector<Eigen::VectorXd> S(m + 1, Eigen::VectorXd(n)), Y(m + 1, Eigen::VectorXd(n));
  std::vector<double> rho(m + 1), a(m + 1);
  std::size_t first = 0, stored = 0;
  auto slot = [&](std::size_t k) { return (first + k) % (m + 1); };
  auto forget = [&] { first = 0, stored = 0; };
  r.energy = objective(x, f);
  ++r.force_calls;
  double gamma = o.initial_scale;
  bool just_reset = false;
  for (r.iterations = 0;; ++r.iterations) {
    r.max_force = max_particle_norm(f);
    if (r.max_force < o.ftol) {
      r.converged = true;
      r.stop_reason = "converged";
      return r;
    }
    if (!std::isfinite(r.max_force)) {
      r.stop_reason = "non-finite force";
      return r;
    }
    if (r.iterations >= o.max_iterations) {
      r.stop_reason = "max iterations";
      return r;
    }
    // Two-loop recursion on the gradient g = -f: d = -H g = H f.
    q = f;
    for (std::size_t k = stored; k-- > 0;) {
      const auto j = slot(k);
      a[j] = rho[j] * S[j].dot(q);
      q -= a[j] * Y[j];
    }
    d = gamma * q;
    for (std::size_t k = 0; k < stored; ++k) {
      const auto j = slot(k);
      const double b = rho[j] * Y[j].dot(d);
      d += (a[j] - b) * S[j];
    }
    if (d.dot(f) <= 0) {  // not a descent direction: forget the curvature
      forget();
      gamma = o.initial_scale;
      d = gamma * f;
    }
    const double big = max_particle_norm(d);
    if (big > o.max_step) d *= o.max_step / big;

    const double tolerance = o.energy_noise * std::max(1.0, std::abs(r.energy));
    double step = 1.0, e_new = 0.0;
    bool accepted = false;
    for (int bt = 0; bt <= o.max_backtracks; ++bt, step *= 0.5) {
      x_new = x + step * d;
      e_new = objective(x_new, f_new);
      ++r.force_calls;
      if (std::isfinite(e_new) && e_new <= r.energy + tolerance) {
        accepted = true;
        break;
      }
    }
    if (!accepted) {
      if (just_reset) {
        r.stop_reason = "stalled";
        return r;
      }
      forget();
      gamma = o.initial_scale;
      just_reset = true;
      continue;
    }
    just_reset = false;
    // The candidate pair goes into the free slot; it is kept only when the curvature condition
    // holds (then the oldest is dropped when the ring is full).
    const std::size_t j = slot(stored);
    S[j] = x_new - x;
    Y[j] = f - f_new;  // change of the gradient
    const double sy = S[j].dot(Y[j]);
    if (sy > 0) {
      gamma = sy / Y[j].squaredNorm();
      rho[j] = 1.0 / sy;
      if (stored < m)
        ++stored;
      else
        first = (first + 1) % (m + 1), stored = m;
    }
    x = x_new;
    f = f_new;
    r.energy = e_new;
  }
}

}  // namespace tls
