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

/// Recognising the basin of a known minimum without polishing to it again (tls-explore
/// `--quench recognise`). During the first FIRE descent of a quench, when max_i |F_i| first falls
/// below each checkpoint (3e-3, 2e-3 and the FIRE -> L-BFGS switch force), the point z is compared
/// with the known minima the run offers (the last minima it visited, the ends of a bisection). A
/// known minimum x_c (energy E_c) is recognised, and the quench stops there, when
///   (1) every particle of z lies within `gate` of x_c (minimum image, centre-of-mass shift
///       removed): far below the closest distinct minima seen, 0.013 sigma (SPEC.md section 3),
///       and well above the 0.4e-3 - 1.8e-3 sigma a descent at max|F| < 1e-3 still has to go;
///   (2) E(z) >= E_c (to round-off): z cannot lie below the minimum of its own basin; and
///   (3) the harmonic model of x_c predicts the force at z:
///       |F(z) + H(x_c) (z - x_c)| < residual |F(z)|  (one Hessian-vector product, no Hessian
///       stored). Near another minimum the prediction is off by factors 4 to 1000 (measured on the
///       authors' glass, docs/tools/tls-explore.md); in the basin of x_c it is 0.01 - 0.35.
/// A quench that is not recognised goes on exactly as without recognition (same bits), so a
/// recognised quench names the minimum the polish would have reached, saving the L-BFGS polish
/// (the dearer half of a quench) for every minimum seen before.
struct Recognition {
  bool enabled = false;   ///< the library default is the plain quench; tls-explore turns it on
  double gate = 5e-3;     ///< sigma
  double residual = 0.3;  ///< relative
};

/// "full", or "recognise gate=G residual=R": the settings value stored in exploration libraries.
std::string describe(const Recognition& r);

/// Where every isoconfigurational run starts (tls-explore --start, --transient). `glass`: the
/// input configuration as it is; for a glass cut from a chain at T_f it carries the potential
/// energy of T_f (E/N 0.295 at T_f = 0.062 against 0.263 at T_MD = 0.04 in its basin), so without
/// a transient the first time units run hotter than T_MD. `inherent_structure`: the input's
/// inherent structure (the quench minimiser). Velocities are drawn at T_MD either way; the first
/// RunSettings::transient_steps MD steps of every run are then discarded (no inherent structures,
/// no transitions), so sampling starts at T_MD: the thermostat (tau = 1) removes an excess or
/// supplies a deficit within a few tau, and soft modes take several tau to share the energy
/// (docs/tools/tls-explore.md measures it).
enum class RunStart { glass, inherent_structure };

/// "glass" or "inherent-structure", then " transient=<steps>" when there is one: the settings
/// value stored in exploration libraries.
std::string describe_start(RunStart s, long transient_steps);

struct ModelSettings {
  MdOptions md;  ///< dt, T_MD, thermostat and its time constant
  MinimizerOptions minimizer;
  double skin = 0.2;  ///< neighbour-list skin of both the MD and the quenches (sigma)
  Recognition recognition;
  RunStart start = RunStart::glass;  ///< the library default is the old behaviour; tls-explore starts from the IS
};

/// Runs start from `glass` or its inherent structure (settings.start; its velocities are ignored):
/// velocities from
/// Rng(seed, "explore-velocities", run), thermostat noise from Rng(seed, "explore-thermostat", run).
class ModelLandscape : public Landscape {
 public:
  ModelLandscape(const Configuration& glass, const ModelSettings& settings);
  std::unique_ptr<Walker> walker(std::uint64_t seed, std::uint64_t run) const override;
  /// Largest particle displacement (minimum image, centre-of-mass shift removed), sigma.
  double distance(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const override;
  double time_step() const override { return settings_.md.dt; }
  const ModelSettings& settings() const { return settings_; }
  /// The configuration every run starts from (the glass, or its inherent structure).
  const Eigen::VectorXd& start() const { return glass_.positions; }

 private:
  Configuration glass_;
  ModelSettings settings_;
  ForceField ff_;  // copied into each walker (list built once here)
};

}  // namespace tls::explore
