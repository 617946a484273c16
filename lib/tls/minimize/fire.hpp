// FIRE minimiser, version 2.0: Bitzek et al., PRL 97, 170201 (2006), with the corrections of
// Guenole et al., Comput. Mater. Sci. 175, 109584 (2020): semi-implicit Euler steps, mixing after
// the velocity update, half-step back on uphill motion, and an initial delay.
#pragma once

#include <Eigen/Core>
#include <functional>

#include "tls/minimize/objective.hpp"

namespace tls {

struct FireOptions {
  double dt_start = 0.005;  ///< initial time step (unit masses)
  double dt_max = 0.05;     ///< largest time step
  double dt_min = 1e-6;     ///< smallest time step
  int n_delay = 5;          ///< uphill-free steps before dt may grow
  double f_inc = 1.1;
  double f_dec = 0.5;
  double alpha_start = 0.1;
  double f_alpha = 0.99;
  double max_step = 0.1;  ///< largest per-particle displacement per step (sigma)
  double ftol = 1e-10;    ///< stop when max_i |F_i| < ftol
  long max_iterations = 1000000;
  /// Optional extra convergence test, called after every force evaluation (after the ftol test).
  /// Returning true stops with converged = true. Lets a caller judge convergence on something
  /// other than the force it integrates, e.g. a nudged elastic band's perpendicular force.
  std::function<bool()> converged;
  /// Optional watcher, called after every force evaluation with the current point, its force,
  /// energy and max_i |F_i| (before the convergence tests). Returning true stops at once with
  /// converged = false and stop_reason "watched": lets a caller end a descent early on its own
  /// evidence, e.g. tls-explore recognising the basin of a known minimum (explore/run.hpp).
  std::function<bool(const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::VectorXd& force, double energy,
                     double max_force)>
      watch;
};

/// Relaxes x along the force. Uses only forces (energies are reported, not compared), so it also
/// drives nudged elastic bands.
MinimizeReport fire(const Objective& objective, Eigen::Ref<Eigen::VectorXd> x, const FireOptions& options);

}  // namespace tls
