// Identity of minima and the run loop with bisection.
#include "tls/explore/run.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <optional>

#include "tls/core/error.hpp"

namespace tls::explore {

std::optional<std::uint32_t> MinimumSet::find(double energy, const Eigen::VectorXd& x) const {
  std::optional<std::uint32_t> best;
  double best_distance = 0;
  const auto end = by_energy_.upper_bound(energy + rule_.energy_tol);
  for (auto it = by_energy_.lower_bound(energy - rule_.energy_tol); it != end; ++it) {
    if (!(std::abs(it->first - energy) < rule_.energy_tol)) continue;
    const double d = landscape_->distance(positions_[it->second], x);
    if (!(d < rule_.distance_tol)) continue;
    if (!best || d < best_distance || (d == best_distance && it->second < *best)) {
      best = it->second;
      best_distance = d;
    }
  }
  return best;
}

std::uint32_t MinimumSet::add(double energy, Eigen::VectorXd x) {
  const auto k = static_cast<std::uint32_t>(energies_.size());
  energies_.push_back(energy);
  positions_.push_back(std::move(x));
  by_energy_.emplace(energy, k);
  return k;
}

namespace {

class RunLoop {
 public:
  RunLoop(const Landscape& landscape, const RunSettings& s, const IdentityRule& rule, RunResult& r)
      : s_(s), local_(landscape, rule), r_(r), frames_(static_cast<std::size_t>(s.interval_steps) + 1) {}

  void run(Walker& w, const std::atomic<bool>* cancel) {
    const long m = s_.interval_steps;
    frames_[0] = w.positions();
    std::optional<std::uint32_t> prev = identify(w, frames_[0], 0, {});
    if (s_.transient_steps > 0) {  // the start's minimum is known, not sampled: no visit, no transition
      for (long k = 0; k < s_.transient_steps; ++k) w.step();
      base_ = s_.transient_steps;
      frames_[0] = w.positions();
      prev = identify(w, frames_[0], base_, {});
    }
    visit(prev);
    for (long snap = 1; snap <= s_.snapshots; ++snap) {
      if (cancel && cancel->load(std::memory_order_relaxed)) {
        r_.cancelled = true;
        break;
      }
      for (long k = 1; k <= m; ++k) {
        w.step();
        frames_[static_cast<std::size_t>(k)] = w.positions();
      }
      const std::optional<std::uint32_t> cur = identify(w, frames_[static_cast<std::size_t>(m)], base_ + m, {});
      ++r_.snapshots;
      visit(cur);
      if (prev && cur && *prev != *cur) bisect(w, 0, m, *prev, *cur, 0);
      prev = cur;
      std::swap(frames_[0], frames_[static_cast<std::size_t>(m)]);
      base_ += m;
    }
    r_.steps = base_ - s_.transient_steps;  // sampled MD steps (the transient is not sampled)
    for (std::size_t k = 0; k < visits_.size(); ++k)
      if (visits_[k] > 0) r_.visits.emplace_back(static_cast<std::uint32_t>(k), visits_[k]);
  }

 private:
  // Quench a frame and name its minimum (adding it when new); nullopt if the quench failed. The
  // walker may recognise one of the `ends` of a bisection or of the minima visited last instead of
  // polishing to it again (Walker::quench(x, known)).
  std::optional<std::uint32_t> identify(Walker& w, const Eigen::VectorXd& x, long step,
                                        std::initializer_list<std::uint32_t> ends) {
    known_.clear();
    auto offer = [&](std::uint32_t k) {
      for (const auto& c : known_)
        if (c.id == k) return;
      known_.push_back({k, &local_.positions(k), local_.energy(k)});
    };
    for (auto k : ends) offer(k);
    for (auto k : recent_) offer(k);
    Quench q = w.quench(x, known_);
    ++r_.quenches;
    r_.force_calls += q.force_calls;
    if (!q.converged) {
      ++r_.failed_quenches;
      return std::nullopt;
    }
    if (q.recognised) {
      ++r_.recognised;
      seen(*q.recognised, step);
      return q.recognised;
    }
    if (auto k = local_.find(q.energy, q.positions)) {
      seen(*k, step);
      return k;
    }
    r_.minima.push_back({q.positions, q.energy, q.max_force, step});
    visits_.push_back(0);
    const auto k = local_.add(q.energy, std::move(q.positions));
    seen(k, step);
    return k;
  }

  // Bisection visits frames before the snapshot that found a minimum: keep the earliest step. The
  // minima seen last are offered to the next quenches, most recent first.
  void seen(std::uint32_t k, long step) {
    auto& first = r_.minima[k].first_step;
    first = std::min(first, step);
    const auto it = std::find(recent_.begin(), recent_.end(), k);
    if (it != recent_.end()) recent_.erase(it);
    recent_.insert(recent_.begin(), k);
    if (recent_.size() > kRecent) recent_.pop_back();
  }

  void visit(std::optional<std::uint32_t> k) {
    if (k) ++visits_[*k];
  }

  // Frames lo and hi (relative to base_) quench to a != b. Halve the interval until the two ends
  // are at most `resolution` steps apart; a mid-point in a third minimum splits the transition.
  void bisect(Walker& w, long lo, long hi, std::uint32_t a, std::uint32_t b, int depth) {
    if (hi - lo <= s_.resolution) {
      r_.events.push_back({base_ + hi, a, b, depth});
      r_.max_depth = std::max(r_.max_depth, depth);
      return;
    }
    const long mid = lo + (hi - lo) / 2;
    const auto c = identify(w, frames_[static_cast<std::size_t>(mid)], base_ + mid, {a, b});
    if (!c) {
      // Unresolvable without a minimum at the mid-point: record nothing rather than a guess.
      return;
    }
    if (*c == a) {
      bisect(w, mid, hi, a, b, depth + 1);
    } else if (*c == b) {
      bisect(w, lo, mid, a, b, depth + 1);
    } else {
      bisect(w, lo, mid, a, *c, depth + 1);
      bisect(w, mid, hi, *c, b, depth + 1);
    }
  }

  const RunSettings& s_;
  MinimumSet local_;
  RunResult& r_;
  std::vector<Eigen::VectorXd> frames_;
  std::vector<long> visits_;
  long base_ = 0;
  static constexpr std::size_t kRecent = 6;  // minima offered for recognition besides a bisection's ends
  std::vector<std::uint32_t> recent_;
  std::vector<KnownMinimum> known_;
};

}  // namespace

RunResult explore_run(const Landscape& landscape, const RunSettings& settings, const IdentityRule& rule,
                      std::uint64_t seed, std::uint64_t run, const std::atomic<bool>* cancel) {
  if (settings.interval_steps < 1 || settings.snapshots < 0 || settings.resolution < 1)
    throw UsageError("inherent-structure interval, run length and bisection resolution must be positive");
  RunResult r;
  r.run = run;
  r.seed = seed;
  auto walker = landscape.walker(seed, run);
  RunLoop loop(landscape, settings, rule, r);
  loop.run(*walker, cancel);
  return r;
}

}  // namespace tls::explore
