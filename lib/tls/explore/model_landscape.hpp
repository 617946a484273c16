// The landscape of the paper's model (SPEC.md sections 1 and 3): thermostatted MD from a glass at
// T_MD with Maxwell-Boltzmann velocities of zero total momentum, and inherent structures by the
// FIRE -> L-BFGS minimiser to max_i |F_i| < 1e-10.
#pragma once

#include <string>

#include "tls/explore/landscape.hpp"
#include "tls/md/md.hpp"
#include "tls/minimize/minimize.hpp"
#include "tls/model/configuration.hpp"
#include "tls/model/force_field.hpp"

namespace tls::explore {

struct ModelSettings {
  MdOptions md;              ///< dt, T_MD, thermostat and its time constant
  MinimizerOptions minimizer;
  double skin = 0.2;         ///< neighbour-list skin of both the MD and the quenches (sigma)
};

/// Runs start from `glass` (its positions; its velocities are ignored): velocities from
/// Rng(seed, "explore-velocities", run), thermostat noise from Rng(seed, "explore-thermostat", run).
class ModelLandscape : public Landscape {
 public:
  ModelLandscape(const Configuration& glass, const ModelSettings& settings);
  std::unique_ptr<Walker> walker(std::uint64_t seed, std::uint64_t run) const override;
  /// Largest particle displacement (minimum image, centre-of-mass shift removed), sigma.
  double distance(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const override;
  double time_step() const override { return settings_.md.dt; }
  const ModelSettings& settings() const { return settings_; }

 private:
  Configuration glass_;
  ModelSettings settings_;
  ForceField ff_;  // copied into each walker (list built once here)
};

}  // namespace tls::explore
