// The FIRE -> L-BFGS pipeline with fallback.
#include "tls/minimize/minimize.hpp"

#include <cmath>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/core/names.hpp"

namespace tls {

namespace {
constexpr Named<MinAlgorithm> kAlgorithms[] = {
    {MinAlgorithm::fire, "fire"}, {MinAlgorithm::lbfgs, "lbfgs"}, {MinAlgorithm::fire_lbfgs, "fire+lbfgs"}};
}  // namespace

MinAlgorithm min_algorithm_from_name(const std::string& name) {
  return value_named_or_usage_error(kAlgorithms, name, "minimiser");
}

std::string to_string(MinAlgorithm a) { return name_of(kAlgorithms, a); }

void validate(const MinimizerOptions& o) {
  auto positive = [](double v, const char* option) {
    if (!(v > 0) || !std::isfinite(v))
      throw UsageError(std::string(option) + " must be positive, got " + format_double(v));
  };
  positive(o.ftol, "--ftol");
  positive(o.switch_ftol, "--switch-ftol");
  positive(static_cast<double>(o.max_force_calls), "--max-force-calls");
  positive(o.fire.max_step, "--fire-max-step");
  positive(o.fire.dt_max, "--fire-dt-max");
  positive(o.lbfgs.max_step, "--lbfgs-max-step");
  positive(o.lbfgs.memory, "--lbfgs-memory");
}

std::string describe(const MinimizerOptions& o) {
  std::string s = to_string(o.algorithm) + " ftol=" + format_double(o.ftol);
  if (o.algorithm == MinAlgorithm::fire_lbfgs) s += " switch=" + format_double(o.switch_ftol);
  if (o.algorithm != MinAlgorithm::lbfgs) s += " fire_max_step=" + format_double(o.fire.max_step);
  if (o.algorithm != MinAlgorithm::fire) s += " lbfgs_memory=" + std::to_string(o.lbfgs.memory);
  return s;
}

MinimizeReport minimize(const Objective& objective, Eigen::Ref<Eigen::VectorXd> x, const MinimizerOptions& o) {
  if (!(o.ftol > 0)) throw UsageError("force tolerance must be positive");
  MinimizeReport total;
  auto add = [&](const MinimizeReport& r) {
    total.energy = r.energy;
    total.max_force = r.max_force;
    total.iterations += r.iterations;
    total.force_calls += r.force_calls;
    total.converged = r.converged;
    total.stop_reason = r.stop_reason;
  };
  auto budget = [&] { return std::max(1L, o.max_force_calls - total.force_calls); };
  if (o.algorithm == MinAlgorithm::fire) {
    FireOptions f = o.fire;
    f.ftol = o.ftol;
    f.max_iterations = budget();
    add(fire(objective, x, f));
    return total;
  }
  FireOptions f = o.fire;
  LbfgsOptions l = o.lbfgs;
  l.ftol = o.ftol;
  double fire_target = o.algorithm == MinAlgorithm::fire_lbfgs ? o.switch_ftol : 0.0;
  // Alternate: FIRE down to fire_target, then L-BFGS; if L-BFGS stalls, FIRE again to a force ten
  // times below where L-BFGS stopped, and retry. A handful of rounds always suffices in practice.
  for (int round = 0; round < 20 && total.force_calls < o.max_force_calls; ++round) {
    if (fire_target > o.ftol) {
      f.ftol = fire_target;
      f.max_iterations = budget();
      add(fire(objective, x, f));
      if (!total.converged) return total;  // also when a watcher stopped it ("watched")
      f.watch = nullptr;                   // a watcher sees the first descent only
    }
    l.max_iterations = budget();
    add(lbfgs(objective, x, l));
    if (total.converged || total.stop_reason != "stalled") return total;
    fire_target = std::max(o.ftol, 0.1 * total.max_force);
  }
  if (!total.converged && total.stop_reason.empty()) total.stop_reason = "max force calls";
  return total;
}

MinimizeReport minimize(ForceField& ff, Eigen::Ref<Eigen::VectorXd> x, const MinimizerOptions& o) {
  const long calls0 = ff.force_calls();
  MinimizeReport r = minimize([&ff](const Eigen::Ref<const Eigen::VectorXd>& p,
                                    Eigen::Ref<Eigen::VectorXd> force) { return ff.energy_forces(p, force); },
                              x, o);
  r.force_calls = ff.force_calls() - calls0;
  return r;
}

}  // namespace tls
