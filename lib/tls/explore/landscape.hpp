// What an exploration walks on: a landscape that makes trajectories ("walkers") and quenches their
// configurations to minima, and the rule that says when two minima are the same (SPEC.md section 3).
// The model of the paper is one landscape (model_landscape.hpp); tests use analytic ones.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "tls/minimize/objective.hpp"

namespace tls::explore {

/// The result of minimising one configuration.
struct Quench {
  Eigen::VectorXd positions;  ///< the minimum
  double energy = 0;          ///< its energy
  double max_force = 0;       ///< max_i |F_i| where the minimiser stopped
  long force_calls = 0;
  bool converged = false;
  /// Set when the quench stopped early because its descent was certified to lie in the basin of
  /// the known minimum with this id (then `positions` and `energy` are not filled): see
  /// Walker::quench(x, known).
  std::optional<std::uint32_t> recognised;
};

/// A minimum a quench may recognise instead of polishing to it again (its id is the caller's).
struct KnownMinimum {
  std::uint32_t id = 0;
  const Eigen::VectorXd* positions = nullptr;
  double energy = 0;
};

/// The quench that ended at `minimum` with the minimiser's report `r`.
inline Quench make_quench(Eigen::VectorXd minimum, const MinimizeReport& r) {
  return {std::move(minimum), r.energy, r.max_force, r.force_calls, r.converged};
}

/// One trajectory (one isoconfigurational run). Deterministic given the landscape, seed and run.
class Walker {
 public:
  virtual ~Walker() = default;
  /// Advances one time step of the dynamics.
  virtual void step() = 0;
  /// The current configuration.
  virtual const Eigen::VectorXd& positions() const = 0;
  /// Minimises a copy of x (the walker's own minimiser state, so walkers are independent).
  virtual Quench quench(const Eigen::VectorXd& x) = 0;
  /// Same, but the walker may stop the descent early and return `recognised` = the id of one of
  /// `known` when it can certify that the descent ends in that minimum (ModelLandscape: the
  /// harmonic test of model_landscape.hpp). Otherwise exactly quench(x). The default never
  /// recognises.
  virtual Quench quench(const Eigen::VectorXd& x, const std::vector<KnownMinimum>& known) {
    (void)known;
    return quench(x);
  }
};

/// A landscape to explore. Thread-safe for concurrent walker() and distance() calls.
class Landscape {
 public:
  virtual ~Landscape() = default;
  /// A new trajectory from the landscape's start, with random streams from (seed, run).
  virtual std::unique_ptr<Walker> walker(std::uint64_t seed, std::uint64_t run) const = 0;
  /// Distance between two minima used by the identity rule (for the model: largest particle
  /// displacement at minimum image after removing the centre-of-mass shift).
  virtual double distance(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const = 0;
  /// MD time step (time of one step()).
  virtual double time_step() const = 0;
};

/// When two minima are one (SPEC.md section 3): |dE| < energy_tol and distance < distance_tol.
struct IdentityRule {
  double energy_tol = 1e-6;    ///< eps (total energy)
  double distance_tol = 1e-3;  ///< sigma
};

/// A set of distinct minima with lookup by the identity rule: candidates are found by energy (an
/// ordered index), then compared by distance. Indices are dense, in order of addition.
class MinimumSet {
 public:
  MinimumSet(const Landscape& landscape, IdentityRule rule) : landscape_(&landscape), rule_(rule) {}
  /// The index of the minimum equal to (energy, x) under the rule, if any. When several match,
  /// the closest (then the lowest index) is returned.
  std::optional<std::uint32_t> find(double energy, const Eigen::VectorXd& x) const;
  /// Adds a minimum (no check) and returns its index.
  std::uint32_t add(double energy, Eigen::VectorXd x);
  std::size_t size() const { return energies_.size(); }
  double energy(std::uint32_t k) const { return energies_[k]; }
  const Eigen::VectorXd& positions(std::uint32_t k) const { return positions_[k]; }
  const IdentityRule& rule() const { return rule_; }

 private:
  const Landscape* landscape_;
  IdentityRule rule_;
  std::vector<double> energies_;
  std::vector<Eigen::VectorXd> positions_;
  std::multimap<double, std::uint32_t> by_energy_;
};

}  // namespace tls::explore
