// FIRE 2.0 (Guenole et al. 2020, Algorithm 2).
#include "tls/minimize/fire.hpp"

#include <cmath>

#include "tls/model/force_field.hpp"

namespace tls {

MinimizeReport fire(const Objective& objective, Eigen::Ref<Eigen::VectorXd> x, const FireOptions& o) {
  MinimizeReport r;
  Eigen::VectorXd f(x.size()), v = Eigen::VectorXd::Zero(x.size()), dx(x.size());
  r.energy = objective(x, f);
  ++r.force_calls;
  double dt = o.dt_start, alpha = o.alpha_start;
  long n_pos = 0;
  for (r.iterations = 0;; ++r.iterations) {
    r.max_force = max_particle_norm(f);
    if (o.watch && o.watch(x, f, r.energy, r.max_force)) {
      r.stop_reason = "watched";
      return r;
    }
    if (r.max_force < o.ftol || (o.converged && std::isfinite(r.max_force) && o.converged())) {
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
    const double p = f.dot(v);
    if (p > 0) {
      if (++n_pos > o.n_delay) {
        dt = std::min(dt * o.f_inc, o.dt_max);
        alpha *= o.f_alpha;
      }
    } else {
      n_pos = 0;
      if (r.iterations >= o.n_delay) dt = std::max(dt * o.f_dec, o.dt_min);
      alpha = o.alpha_start;
      x -= 0.5 * dt * v;  // undo half of the uphill step
      v.setZero();
    }
    v += dt * f;
    const double fn = f.norm();
    if (fn > 0) v = (1.0 - alpha) * v + (alpha * v.norm() / fn) * f;
    dx = dt * v;
    const double step = max_particle_norm(dx);
    if (step > o.max_step) {
      // Cap the step and the velocity with it, so that the half step back after an uphill move
      // (and the power F.v) refer to the motion actually made, not to a huge unphysical velocity.
      dx *= o.max_step / step;
      v *= o.max_step / step;
    }
    x += dx;
    r.energy = objective(x, f);
    ++r.force_calls;
  }
}

}  // namespace tls
