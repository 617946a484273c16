// L-BFGS two-loop recursion with a capped, backtracking step.
#include "tls/minimize/lbfgs.hpp"

#include <cmath>
#include <deque>

#include "tls/model/force_field.hpp"

namespace tls {

MinimizeReport lbfgs(const Objective& objective, Eigen::Ref<Eigen::VectorXd> x, const LbfgsOptions& o) {
  MinimizeReport r;
  const auto n = x.size();
  Eigen::VectorXd f(n), f_new(n), x_new(n), d(n), q(n);
  std::deque<Eigen::VectorXd> S, Y;
  std::deque<double> rho;
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
    std::vector<double> a(S.size());
    for (std::size_t k = S.size(); k-- > 0;) {
      a[k] = rho[k] * S[k].dot(q);
      q -= a[k] * Y[k];
    }
    d = gamma * q;
    for (std::size_t k = 0; k < S.size(); ++k) {
      const double b = rho[k] * Y[k].dot(d);
      d += (a[k] - b) * S[k];
    }
    if (d.dot(f) <= 0) {  // not a descent direction: forget the curvature
      S.clear(), Y.clear(), rho.clear();
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
      S.clear(), Y.clear(), rho.clear();
      gamma = o.initial_scale;
      just_reset = true;
      continue;
    }
    just_reset = false;
    Eigen::VectorXd s = x_new - x;
    Eigen::VectorXd y = f - f_new;  // change of the gradient
    const double sy = s.dot(y);
    if (sy > 0) {
      gamma = sy / y.squaredNorm();
      S.push_back(std::move(s));
      Y.push_back(std::move(y));
      rho.push_back(1.0 / sy);
      if (static_cast<int>(S.size()) > o.memory) S.pop_front(), Y.pop_front(), rho.pop_front();
    }
    x = x_new;
    f = f_new;
    r.energy = e_new;
  }
}

}  // namespace tls
