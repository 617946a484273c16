// The per-temperature state machine of glass preparation.
#include "tls/equilibrate/ladder.hpp"

#include <algorithm>
#include <cmath>

#include "tls/equilibrate/settings.hpp"

namespace tls::equilibration {

long floor_pow2(long v) {
  long p = 1;
  while (2 * p <= v) p *= 2;
  return p;
}

StageRules stage_rules(const EquilibrateOptions& o, bool last_temperature, double time_per_block) {
  StageRules r;
  r.time_per_block = time_per_block;
  r.burn_in = o.burn_in;
  r.burn_in_relaxations = o.burn_in_relaxations;
  r.production = o.production;
  r.relaxations = o.relaxations;
  r.max_time = o.max_time;
  r.samples_per_relaxation = o.samples_per_relaxation;
  r.snapshots = last_temperature ? o.snapshots : 0;
  r.snapshot_relaxations = o.snapshot_relaxations;
  r.snapshot_every = o.snapshot_every;
  return r;
}

void StageClock::start(long first_interval) {
  *this = StageClock{};
  started = true;
  interval = first_interval;
}

bool StageClock::record_sample(double fs, const StageRules& rules) {
  ++since_ref;
  if (fs < std::exp(-1.0)) {
    const long duration = blocks - ref_block;
    ++decays;
    if (production) decay_blocks.push_back(duration);
    ref_block = blocks;
    since_ref = 0;
    if (!production) interval = std::max(1L, floor_pow2(duration / rules.samples_per_relaxation));
    return true;
  }
  if (!production && since_ref >= 4L * rules.samples_per_relaxation) {
    // Still no decay: sample less often (tau is longer than the interval suggested).
    interval *= 2;
    since_ref /= 2;
  }
  return false;
}

bool StageClock::snapshot_due(const StageRules& rules) const {
  if (!production || snapshots >= rules.snapshots) return false;
  if (rules.snapshot_every > 0)
    return static_cast<double>(blocks - burn_blocks) * rules.time_per_block >= (snapshots + 1) * rules.snapshot_every;
  return decays >= (snapshots + 1) * rules.snapshot_relaxations;
}

StageStep StageClock::decide(const StageRules& rules) {
  StageStep step;
  const double t = time(rules);
  if (!production && t >= rules.burn_in && decays >= rules.burn_in_relaxations) {
    production = true;
    burn_blocks = blocks;
    decays = 0;
    ref_block = blocks;
    since_ref = 0;
    step.production_begins = true;
  } else if (production && static_cast<double>(blocks - burn_blocks) * rules.time_per_block >= rules.production &&
             decays >= rules.relaxations && snapshots >= rules.snapshots) {
    step.finished = true;
    return step;
  }
  if (rules.max_time > 0 && t >= rules.max_time) {
    capped = true;
    step.finished = true;
  }
  return step;
}

}  // namespace tls::equilibration
