// One isoconfigurational run: a trajectory quenched to its inherent structure every Delta t_IS, with
// bisection in time wherever two consecutive inherent structures differ, so that every recorded
// transition joins minima whose configurations are at most `resolution` MD steps apart (SPEC.md
// section 3; inherent structures along MD after Stillinger & Weber, PRA 25, 978 (1982), bisection in
// the manner of Heuer, J. Phys.: Condens. Matter 20, 373101 (2008)).
#pragma once

#include <atomic>
#include <cstdint>
#include <utility>
#include <vector>

#include "tls/explore/landscape.hpp"

namespace tls::explore {

struct RunSettings {
  long interval_steps = 20;  ///< MD steps between inherent structures (Delta t_IS / dt)
  long snapshots = 1000;     ///< inherent structures after the start (run length = snapshots x interval)
  long resolution = 1;       ///< bisect until consecutive distinct minima are <= this many steps apart
  /// MD steps discarded after the start (ModelSettings::start): the start configuration is quenched
  /// (so the start's own minimum is always known), then the transient runs without inherent
  /// structures, and sampling starts after it with no transition recorded across it.
  long transient_steps = 0;
};

/// A minimum found by a run (indices local to the run, in order of discovery).
struct FoundMinimum {
  Eigen::VectorXd positions;
  double energy = 0;
  double max_force = 0;
  long first_step = 0;  ///< MD step of the configuration that first quenched to it
};

/// A transition between two local minima, resolved by bisection.
struct TransitionEvent {
  long step = 0;  ///< first MD step whose configuration quenches to `to`
  std::uint32_t from = 0, to = 0;
  int depth = 0;  ///< mid-point quenches needed to resolve it (0: the snapshots were adjacent)
};

/// Everything one run produced.
struct RunResult {
  std::uint64_t run = 0, seed = 0;
  long steps = 0, snapshots = 0, quenches = 0, force_calls = 0, failed_quenches = 0;
  long recognised = 0;  ///< quenches that recognised a known minimum instead of polishing to it
  int max_depth = 0;
  bool cancelled = false;
  std::vector<FoundMinimum> minima;
  std::vector<TransitionEvent> events;                 ///< in time order
  std::vector<std::pair<std::uint32_t, long>> visits;  ///< (local minimum, snapshots in it), by minimum
};

/// Runs one trajectory of `landscape` (streams from (seed, run)). Checks `cancel` between
/// snapshots and returns early (cancelled = true) when it is set. A quench that does not converge
/// is counted in failed_quenches and breaks the chain (no transition is recorded across it).
RunResult explore_run(const Landscape& landscape, const RunSettings& settings, const IdentityRule& rule,
                      std::uint64_t seed, std::uint64_t run, const std::atomic<bool>* cancel = nullptr);

}  // namespace tls::explore
