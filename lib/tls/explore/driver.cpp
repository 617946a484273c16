// Parallel runs with ordered commits: finished runs wait in `pending` until every earlier run is
// committed, so commits (and therefore ids, files and the stop decision) follow run order exactly.
#include "tls/explore/driver.hpp"

#include <atomic>
#include <map>
#include <mutex>

#include "tls/core/format.hpp"
#include "tls/core/parallel.hpp"

namespace tls::explore {

std::string to_string(StopReason r) {
  switch (r) {
    case StopReason::stationary: return "stationary (stop rule)";
    case StopReason::max_runs: return "run cap reached";
    case StopReason::max_minima: return "minima cap reached";
    case StopReason::already_done: return "nothing to do";
  }
  return "?";
}

namespace {
bool capped(const ExplorationState& s, const DriverOptions& o, StopReason& why) {
  if (s.stop_rule().enabled && s.stationary()) {
    why = StopReason::stationary;
    return true;
  }
  if (o.max_minima > 0 && static_cast<long>(s.minima().size()) >= o.max_minima) {
    why = StopReason::max_minima;
    return true;
  }
  if (static_cast<long>(s.runs().size()) >= o.max_runs) {
    why = StopReason::max_runs;
    return true;
  }
  return false;
}
}  // namespace

StopReason run_exploration(const Landscape& landscape, ExplorationState& state, const DriverOptions& o,
                           const std::function<void(const Commit&)>& on_commit,
                           const std::function<void()>& after_apply, Progress* progress) {
  StopReason why = StopReason::already_done;
  if (capped(state, o, why)) return why == StopReason::max_runs ? StopReason::already_done : why;
  const long first = static_cast<long>(state.runs().size());
  const long todo = o.max_runs - first;
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::map<long, RunResult> pending;
  long next = first;
  long quenches = 0;
  // One throttled line: new runs done of those to do (rate and time left), then the library.
  auto report = [&] {
    if (!progress) return;
    const auto& runs = state.runs();
    const double t = progress->elapsed_seconds();
    std::string status = std::to_string(runs.size()) + " in library, minima " + std::to_string(state.minima().size()) +
                         ", transition pairs " + std::to_string(state.edges().size());
    if (!runs.empty())
      status += ", last run " + format_fixed(static_cast<double>(runs.back().transitions) / std::max(runs.back().md_time, 1e-300), 3) +
                " transitions/tau, ks " + format_fixed(runs.back().ks, 3) + ", rate change " + format_fixed(runs.back().rate_change, 3);
    if (t > 0) status += ", " + format_fixed(static_cast<double>(quenches) / t, 1) + " quenches/s";
    progress->update(static_cast<double>(static_cast<long>(runs.size()) - first), static_cast<double>(todo), "runs", status);
  };
  parallel_for(static_cast<std::size_t>(std::max(0L, todo)), o.threads, [&](std::size_t i) {
    const long run = first + static_cast<long>(i);
    if (stop.load()) return;
    RunResult r = explore_run(landscape, o.run, state.identity_rule(), o.seed,
                              static_cast<std::uint64_t>(run), &stop);
    if (r.cancelled) return;
    std::lock_guard<std::mutex> lock(mutex);
    if (stop.load()) return;
    pending.emplace(run, std::move(r));
    for (auto it = pending.find(next); it != pending.end(); it = pending.find(next)) {
      quenches += it->second.quenches;
      Commit c = state.merge(std::move(it->second));
      pending.erase(it);
      try {
        on_commit(c);
        state.apply(std::move(c));
        if (after_apply) after_apply();
      } catch (...) {
        stop.store(true);  // cancel the runs in flight: nothing more can be committed
        throw;
      }
      ++next;
      report();
      if (capped(state, o, why)) {
        stop.store(true);
        break;
      }
    }
  });
  if (!stop.load()) capped(state, o, why);
  return why;
}

}  // namespace tls::explore
