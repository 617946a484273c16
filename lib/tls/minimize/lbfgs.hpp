// Limited-memory BFGS (Nocedal, Math. Comp. 35, 773 (1980); Liu & Nocedal, Math. Prog. 45, 503
// (1989)) with a capped step and backtracking that tolerates energy round-off.
//
// Written here rather than taken from GSL (gsl_multimin_fdfminimizer_vector_bfgs2): GSL's line search
// compares energies to decide progress, and near an inherent structure of this model the energy
// change of a step at max|F| ~ 1e-9 (~1e-18 eps) is far below the round-off of a 300-eps total, so
// it stops with GSL_ENOPROG before max|F| < 1e-10. Here a step is accepted unless it raises the
// energy by more than its round-off, and convergence is judged on forces alone.
#pragma once

#include "tls/minimize/objective.hpp"

namespace tls {

struct LbfgsOptions {
  int memory = 10;              ///< stored correction pairs
  double max_step = 0.05;       ///< largest per-particle displacement per step (sigma)
  double initial_scale = 0.01;  ///< inverse-Hessian scale before curvature is known (sigma^2/eps)
  double energy_noise = 1e-13;  ///< accepted energy rise, relative to max(1, |E|)
  int max_backtracks = 12;
  double ftol = 1e-10;          ///< stop when max_i |F_i| < ftol
  long max_iterations = 100000;
};

MinimizeReport lbfgs(const Objective& objective, Eigen::Ref<Eigen::VectorXd> x, const LbfgsOptions& options);

}  // namespace tls
