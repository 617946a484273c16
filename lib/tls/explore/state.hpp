// The merged result of an exploration: distinct minima with global ids, transitions with counts,
// per-run statistics and the stop rule. Runs are merged strictly in run order, so the ids and every
// table are the same whatever the number of threads, and a resumed exploration replays the stored
// commits into exactly the state it had.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tls/explore/run.hpp"

namespace tls::explore {

/// The stop rule (SPEC.md section 3: stop when the pdf of inherent-structure energies and the
/// number of transitions per unit time are stationary). After K >= max(min_runs, 2) committed runs,
/// the runs are split into the first half [0, K/2) and the second [K/2, K):
///  - ks: Kolmogorov-Smirnov distance between the IS-energy distributions of the two halves (each
///    snapshot's inherent structure counts once);
///  - rate_change: |r2 - r1| / ((r1 + r2) / 2), r = mean over the half's runs of transitions per
///    unit MD time (0 when both are 0).
/// Stationary when ks <= ks_tol and rate_change <= rate_tol.
///
/// `saturated` (tls-explore --stop-when saturated) stops instead when the library has stopped
/// growing: the last `window` runs together found at most `max_new` new minima (after at least
/// max(min_runs, window) runs); ks and rate_change are still computed and stored. The glasses of one
/// T_f differ by orders of magnitude in how many minima their runs reach (4 to 131 after 16 runs at
/// T_f = 0.062, docs/workflow.md): this spends the runs on the glasses whose libraries still grow.
enum class StopWhen { stationary, saturated };

struct StopRule {
  bool enabled = true;
  long min_runs = 10;
  double ks_tol = 0.1;
  double rate_tol = 0.2;
  StopWhen when = StopWhen::stationary;
  long window = 8;   ///< saturated: the last runs looked at
  long max_new = 1;  ///< saturated: at most this many new minima in them together
};

/// "stationary" or "saturated" (tls-explore --stop-when) and back; the latter throws UsageError
/// naming --stop-when.
std::string to_string(StopWhen w);
StopWhen stop_when_from_name(const std::string& name);

/// Statistics of one committed run, and the stop-rule values after its commit.
struct RunInfo {
  std::uint64_t run = 0, seed = 0;
  long steps = 0, snapshots = 0, quenches = 0, force_calls = 0, failed_quenches = 0;
  int max_depth = 0;
  long new_minima = 0, transitions = 0, self_loops = 0;
  double md_time = 0;  ///< set by apply()
  std::vector<std::pair<std::uint64_t, long>> visits;  ///< (global id, snapshots), by id
  // After this commit:
  long minima_total = 0, edges_total = 0;
  double ks = 1, rate_change = 1;
  bool stationary = false;
};

/// A run's result mapped to global ids: what is stored (library RUNS record + MINI records) and
/// replayed on resume.
struct Commit {
  RunInfo info;
  std::uint64_t first_new_id = 0;
  std::vector<FoundMinimum> new_minima;  ///< ids first_new_id, first_new_id + 1, ...
  struct Event {
    long step;
    std::uint64_t from, to;
    int depth;
  };
  std::vector<Event> events;  ///< self-loops removed
};

struct MinimumStats {
  std::uint64_t id = 0;
  double energy = 0, max_force = 0;
  long long first_run = -1;  ///< -1: not found by a run (added to the library by another stage)
  double first_time = -1;
  long visits = 0;
};

struct EdgeStats {
  long long count_ab = 0, count_ba = 0, runs = 0, first_run = 0;
  double first_time = 0;
  int first_depth = 0, max_depth = 0;
  long long last_run = -1;
};

class ExplorationState {
 public:
  ExplorationState(const Landscape& landscape, IdentityRule rule, StopRule stop);

  /// Maps a run (which must be the next one, run == runs().size()) to global ids: each of its
  /// minima is matched against the known ones by the identity rule, new ones get the next ids.
  Commit merge(RunResult&& r) const;
  /// Applies a commit (from merge() or replayed from the library) and evaluates the stop rule.
  void apply(Commit&& c);
  /// A minimum present in the library but not found by a run (e.g. written by another stage).
  void add_foreign(std::uint64_t id, double energy, double max_force, Eigen::VectorXd positions);

  const std::vector<RunInfo>& runs() const { return runs_; }
  const std::vector<MinimumStats>& minima() const { return stats_; }
  const std::map<std::pair<std::uint64_t, std::uint64_t>, EdgeStats>& edges() const { return edges_; }
  std::uint64_t next_id() const { return next_id_; }
  /// Stationary by the stop rule after the last commit (false before min_runs runs).
  bool stationary() const { return !runs_.empty() && runs_.back().stationary; }
  const StopRule& stop_rule() const { return stop_; }
  const IdentityRule& identity_rule() const { return rule_; }

 private:
  void evaluate_stop(RunInfo& info) const;
  /// The saturation rule on the first k runs (StopRule::when == saturated).
  bool saturated(std::size_t k) const;

  const Landscape* landscape_;
  IdentityRule rule_;
  StopRule stop_;
  double steps_per_time_;  // 1/dt: times are step / (1/dt), exact when 1/dt is whole
  MinimumSet set_;                    // index k = position in stats_
  std::vector<MinimumStats> stats_;
  std::map<std::uint64_t, std::uint32_t> index_of_;  // global id -> k
  std::map<std::pair<std::uint64_t, std::uint64_t>, EdgeStats> edges_;
  std::vector<RunInfo> runs_;
  std::uint64_t next_id_ = 0;
};

/// Kolmogorov-Smirnov distance sup |F1 - F2| between two weighted samples (value, weight).
double ks_distance(std::vector<std::pair<double, double>> a, std::vector<std::pair<double, double>> b);

}  // namespace tls::explore
