// From any configuration to its inherent structure: FIRE while forces are large, then L-BFGS
// polishing to max_i |F_i| < ftol (SPEC.md section 3: 1e-10 by default), falling back to FIRE if
// the polish stalls. The algorithm and tolerances are recorded in every output (describe()).
#pragma once

#include <string>

#include "tls/minimize/fire.hpp"
#include "tls/minimize/lbfgs.hpp"
#include "tls/model/force_field.hpp"

namespace tls {

enum class MinAlgorithm { fire, lbfgs, fire_lbfgs };

/// "fire", "lbfgs", "fire+lbfgs"; throws UsageError otherwise.
MinAlgorithm min_algorithm_from_name(const std::string& name);
std::string to_string(MinAlgorithm a);

struct MinimizerOptions {
  MinAlgorithm algorithm = MinAlgorithm::fire_lbfgs;
  double ftol = 1e-10;        ///< final max_i |F_i|
  double switch_ftol = 1e-3;  ///< fire+lbfgs: hand over to L-BFGS below this force
  long max_force_calls = 2000000;
  FireOptions fire;
  LbfgsOptions lbfgs;
};

/// Throws UsageError naming the first invalid setting by its option (--ftol, --switch-ftol,
/// --max-force-calls, --fire-max-step, --fire-dt-max, --lbfgs-max-step, --lbfgs-memory).
void validate(const MinimizerOptions& o);

/// One-line description for provenance, e.g. "fire+lbfgs ftol=1e-10 switch=0.001".
std::string describe(const MinimizerOptions& o);

/// Minimises the model energy starting from x (modified in place). A `fire.watch` set in the
/// options sees the first FIRE descent only; when it stops the descent, minimize returns at once
/// (converged = false, stop_reason "watched").
MinimizeReport minimize(ForceField& ff, Eigen::Ref<Eigen::VectorXd> x, const MinimizerOptions& options);

/// Same on any objective (used by tests on analytic surfaces).
MinimizeReport minimize(const Objective& objective, Eigen::Ref<Eigen::VectorXd> x, const MinimizerOptions& options);

}  // namespace tls
