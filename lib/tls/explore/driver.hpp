// The exploration loop: isoconfigurational runs in parallel, merged strictly in run order, until the
// stop rule holds or a hard cap is reached. Generic over the landscape (tests drive analytic ones).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "tls/core/progress.hpp"
#include "tls/explore/state.hpp"

namespace tls::explore {

struct DriverOptions {
  RunSettings run;
  std::uint64_t seed = 0;
  long max_runs = 200;    ///< hard cap on committed runs (the paper: up to 200 per glass)
  long max_minima = 0;    ///< hard cap: stop after a commit that brings the library to this many (0 = none)
  int threads = 1;        ///< runs in flight at once (0 = all cores); results do not depend on it
};

/// Why the loop ended.
enum class StopReason { stationary, max_runs, max_minima, already_done };
std::string to_string(StopReason r);

/// Runs [state.runs().size(), max_runs) on `threads` threads and merges each, in run order, into
/// `state`; `on_commit(commit)` is called (under a lock, in run order) just before each commit is
/// applied, to persist it, and `after_apply()` (may be empty) just after. Stops after the first commit at which the stop rule holds, or a cap is
/// reached; runs still in flight are cancelled and discarded (they were not committed). Progress
/// lines go to `progress` (may be null).
StopReason run_exploration(const Landscape& landscape, ExplorationState& state, const DriverOptions& options,
                           const std::function<void(const Commit&)>& on_commit,
                           const std::function<void()>& after_apply, Progress* progress);

}  // namespace tls::explore
