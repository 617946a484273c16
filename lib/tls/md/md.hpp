// Molecular dynamics of the model: velocity Verlet (unit masses) with the stochastic velocity
// rescaling thermostat of Bussi, Donadio & Parrinello, J. Chem. Phys. 126, 014101 (2007). The
// thermostat rescales all velocities by one factor, so total momentum is conserved (zero if it
// starts at zero) and the dynamics samples the canonical ensemble with 3N - 3 degrees of freedom.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>

#include "tls/core/rng.hpp"
#include "tls/model/force_field.hpp"

namespace tls {

enum class Thermostat { none, bussi };

/// "none" (NVE) or "bussi"; throws UsageError otherwise.
Thermostat thermostat_from_name(const std::string& name);
/// "none" or "bussi": the name thermostat_from_name() reads.
std::string to_string(Thermostat t);

struct MdOptions {
  double dt = 0.005;          ///< time step (sqrt(m sigma^2 / eps))
  double temperature = 0.04;  ///< thermostat target (k_B T / eps)
  double tau = 1.0;           ///< thermostat time constant
  Thermostat thermostat = Thermostat::bussi;
};

/// Positions, velocities and forces of a running trajectory.
struct MdState {
  Eigen::VectorXd x;  ///< 3N, unwrapped
  Eigen::VectorXd v;  ///< 3N
  Eigen::VectorXd f;  ///< 3N, forces at x
  double time = 0;
  long step = 0;
  /// Energy the thermostat has added (its integral makes a conserved quantity with E_kin + E_pot).
  double thermostat_work = 0;

  double kinetic() const { return 0.5 * v.squaredNorm(); }
  /// Kinetic temperature 2 K / (3N - 3).
  double temperature() const;
};

/// Maxwell-Boltzmann velocities at temperature T with zero total momentum, from `rng`.
/// With `exact`, rescaled so the kinetic temperature equals T exactly.
Eigen::VectorXd maxwell_boltzmann(int n, double temperature, Rng& rng, bool exact = false);

/// Removes the centre-of-mass velocity.
void remove_drift(Eigen::Ref<Eigen::VectorXd> v);

/// Integrates a trajectory. Owns a copy of the force field (its neighbour list) and the thermostat's
/// random stream, so one integrator per trajectory; trajectories are independent of threads.
class MdIntegrator {
 public:
  /// Starts from positions x and velocities v (computes the initial forces).
  MdIntegrator(const ForceField& ff, const MdOptions& options, Rng rng, const Eigen::Ref<const Eigen::VectorXd>& x,
               const Eigen::Ref<const Eigen::VectorXd>& v);

  /// Advances `steps` time steps.
  void run(long steps);
  const MdState& state() const { return state_; }
  /// Mutable access (e.g. to reverse or replace velocities); the integrator then recomputes the
  /// kinetic energy it caches between steps, and the potential energy when asked.
  MdState& state() {
    v2_known_ = false;
    potential_known_ = false;
    return state_;
  }
  /// Potential energy at the current positions. Steps compute forces only (as LAMMPS computes
  /// energies only on thermo steps); the energy is evaluated on request, with the bits an
  /// evaluation during the step would have given.
  double potential();
  /// Recomputes forces and energy at the current positions (after positions or the force field's
  /// diameters were changed); returns the energy.
  double recompute_forces();
  ForceField& force_field() { return ff_; }
  const MdOptions& options() const { return options_; }
  Rng& rng() { return rng_; }

 private:
  // The Bussi factor for kinetic energy k over time dt (draws from rng_, books the work).
  double thermostat_factor(double k, double dt);
  ForceField ff_;
  MdOptions options_;
  Rng rng_;
  MdState state_;
  int dof_;
  double potential_ = 0;
  bool potential_known_ = false;
  Eigen::VectorXd scratch_f_;
  // |v|^2 as the last second half kick left it (valid while v2_known_).
  double v2_ = 0;
  bool v2_known_ = false;
};

}  // namespace tls
