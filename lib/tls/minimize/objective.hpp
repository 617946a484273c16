// The interface every minimiser works on: energy and force (minus the gradient) at a point.
#pragma once

#include <Eigen/Core>
#include <functional>
#include <string>

namespace tls {

/// Returns the energy at x and writes the force (-gradient, same size as x) into `force`.
/// Vectors hold 3 components per particle; convergence is judged on per-particle force norms.
using Objective = std::function<double(const Eigen::Ref<const Eigen::VectorXd>& x, Eigen::Ref<Eigen::VectorXd> force)>;

/// What a minimiser did.
struct MinimizeReport {
  double energy = 0;        ///< at the final point
  double max_force = 0;     ///< max_i |F_i| at the final point
  long iterations = 0;
  long force_calls = 0;
  bool converged = false;
  std::string stop_reason;  ///< "converged", "max iterations", "stalled", ...
};

}  // namespace tls
