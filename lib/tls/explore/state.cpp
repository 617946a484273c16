// Merging runs in order, transition bookkeeping and the stop rule.
#include "tls/explore/state.hpp"

#include <algorithm>
#include <cmath>

#include "tls/core/error.hpp"

namespace tls::explore {

double ks_distance(std::vector<std::pair<double, double>> a, std::vector<std::pair<double, double>> b) {
  auto total = [](const std::vector<std::pair<double, double>>& s) {
    double w = 0;
    for (const auto& p : s) w += p.second;
    return w;
  };
  const double wa = total(a), wb = total(b);
  if (!(wa > 0) || !(wb > 0)) return 1.0;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  double fa = 0, fb = 0, worst = 0;
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    // Step both empirical distributions past the next value (ties move together).
    const double v = j == b.size() || (i < a.size() && a[i].first <= b[j].first) ? a[i].first : b[j].first;
    while (i < a.size() && a[i].first == v) fa += a[i++].second / wa;
    while (j < b.size() && b[j].first == v) fb += b[j++].second / wb;
    worst = std::max(worst, std::abs(fa - fb));
  }
  return worst;
}

ExplorationState::ExplorationState(const Landscape& landscape, IdentityRule rule, StopRule stop)
    : landscape_(&landscape), rule_(rule), stop_(stop), steps_per_time_(1.0 / landscape.time_step()), set_(landscape, rule) {}

Commit ExplorationState::merge(RunResult&& r) const {
  if (r.run != runs_.size())
    throw InternalError("run " + std::to_string(r.run) + " merged out of order (expected " + std::to_string(runs_.size()) + ")");
  Commit c;
  RunInfo& info = c.info;
  info.run = r.run;
  info.seed = r.seed;
  info.steps = r.steps;
  info.snapshots = r.snapshots;
  info.quenches = r.quenches;
  info.force_calls = r.force_calls;
  info.failed_quenches = r.failed_quenches;
  info.max_depth = r.max_depth;
  c.first_new_id = next_id_;
  std::vector<std::uint64_t> global(r.minima.size());
  for (std::size_t k = 0; k < r.minima.size(); ++k) {
    FoundMinimum& m = r.minima[k];
    if (auto g = set_.find(m.energy, m.positions)) {
      global[k] = stats_[*g].id;
    } else {
      global[k] = next_id_ + c.new_minima.size();
      c.new_minima.push_back(std::move(m));
    }
  }
  info.new_minima = static_cast<long>(c.new_minima.size());
  for (const auto& e : r.events) {
    const auto from = global[e.from], to = global[e.to];
    if (from == to) {
      ++info.self_loops;  // two minima distinct within the run but one under the global rule
      continue;
    }
    c.events.push_back({e.step, from, to, e.depth});
  }
  info.transitions = static_cast<long>(c.events.size());
  std::map<std::uint64_t, long> visits;
  for (const auto& [k, n] : r.visits) visits[global[k]] += n;
  info.visits.assign(visits.begin(), visits.end());
  return c;
}

void ExplorationState::add_foreign(std::uint64_t id, double energy, double max_force, Eigen::VectorXd positions) {
  if (index_of_.count(id)) throw DataError("minimum id " + std::to_string(id) + " appears twice in the library");
  MinimumStats s;
  s.id = id;
  s.energy = energy;
  s.max_force = max_force;
  index_of_[id] = set_.add(energy, std::move(positions));
  stats_.push_back(s);
  next_id_ = std::max(next_id_, id + 1);
}

void ExplorationState::apply(Commit&& c) {
  RunInfo& info = c.info;
  info.md_time = static_cast<double>(info.steps) / steps_per_time_;
  if (info.run != runs_.size())
    throw DataError("exploration run " + std::to_string(info.run) + " out of order (expected " + std::to_string(runs_.size()) + ")");
  if (c.first_new_id < next_id_)
    throw DataError("run " + std::to_string(info.run) + " reuses minimum ids from " + std::to_string(c.first_new_id));
  for (std::size_t k = 0; k < c.new_minima.size(); ++k) {
    FoundMinimum& m = c.new_minima[k];
    MinimumStats s;
    s.id = c.first_new_id + k;
    s.energy = m.energy;
    s.max_force = m.max_force;
    s.first_run = static_cast<long long>(info.run);
    s.first_time = static_cast<double>(m.first_step) / steps_per_time_;
    index_of_[s.id] = set_.add(m.energy, std::move(m.positions));
    stats_.push_back(s);
  }
  next_id_ = std::max(next_id_, c.first_new_id + c.new_minima.size());
  auto stats_of = [&](std::uint64_t id) -> MinimumStats& {
    const auto it = index_of_.find(id);
    if (it == index_of_.end()) throw DataError("run " + std::to_string(info.run) + " refers to unknown minimum " + std::to_string(id));
    return stats_[it->second];
  };
  for (const auto& [id, n] : info.visits) stats_of(id).visits += n;
  for (const auto& e : c.events) {
    stats_of(e.from);
    stats_of(e.to);
    const bool forward = e.from < e.to;
    EdgeStats& s = edges_[{std::min(e.from, e.to), std::max(e.from, e.to)}];
    if (s.count_ab + s.count_ba == 0) {
      s.first_run = static_cast<long long>(info.run);
      s.first_time = static_cast<double>(e.step) / steps_per_time_;
      s.first_depth = e.depth;
    }
    (forward ? s.count_ab : s.count_ba) += 1;
    s.max_depth = std::max(s.max_depth, e.depth);
    if (s.last_run != static_cast<long long>(info.run)) {
      ++s.runs;
      s.last_run = static_cast<long long>(info.run);
    }
  }
  info.minima_total = static_cast<long>(stats_.size());
  info.edges_total = static_cast<long>(edges_.size());
  runs_.push_back(std::move(info));
  evaluate_stop(runs_.back());
}

void ExplorationState::evaluate_stop(RunInfo& info) const {
  const std::size_t k = runs_.size();
  if (k < 2) {
    info.stationary = stop_.when == StopWhen::saturated && saturated(k);
    return;
  }
  const std::size_t h = k / 2;
  std::vector<std::pair<double, double>> first, second;
  double r1 = 0, r2 = 0;
  for (std::size_t i = 0; i < k; ++i) {
    auto& sample = i < h ? first : second;
    for (const auto& [id, n] : runs_[i].visits) sample.emplace_back(stats_[index_of_.at(id)].energy, static_cast<double>(n));
    const double rate = runs_[i].md_time > 0 ? static_cast<double>(runs_[i].transitions) / runs_[i].md_time : 0.0;
    (i < h ? r1 : r2) += rate;
  }
  r1 /= static_cast<double>(h);
  r2 /= static_cast<double>(k - h);
  info.ks = ks_distance(std::move(first), std::move(second));
  info.rate_change = r1 + r2 > 0 ? std::abs(r2 - r1) / (0.5 * (r1 + r2)) : 0.0;
  if (stop_.when == StopWhen::saturated) {
    info.stationary = saturated(k);
    return;
  }
  info.stationary = static_cast<long>(k) >= std::max(stop_.min_runs, 2L) && info.ks <= stop_.ks_tol &&
                    info.rate_change <= stop_.rate_tol;
}

bool ExplorationState::saturated(std::size_t k) const {
  const auto w = static_cast<std::size_t>(std::max(stop_.window, 1L));
  if (k < w || static_cast<long>(k) < stop_.min_runs) return false;
  long fresh = 0;
  for (std::size_t i = k - w; i < k; ++i) fresh += runs_[i].new_minima;
  return fresh <= stop_.max_new;
}

std::string to_string(StopWhen w) { return w == StopWhen::saturated ? "saturated" : "stationary"; }

StopWhen stop_when_from_name(const std::string& name) {
  if (name != "stationary" && name != "saturated")
    throw UsageError("--stop-when must be 'stationary' or 'saturated', got '" + name + "'");
  return name == "saturated" ? StopWhen::saturated : StopWhen::stationary;
}

}  // namespace tls::explore
