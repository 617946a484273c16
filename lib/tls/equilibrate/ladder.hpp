// The decisions of one temperature of the ladder, as a state machine without a chain: it counts
// blocks and F_s decays and says when the sample interval changes, when burn-in turns into
// production, when a snapshot is due and when the temperature is finished (equilibrate.hpp tells
// the whole rule). The runner feeds it one F_s value per sample and acts on what it answers.
#pragma once

#include <vector>

namespace tls {
struct EquilibrateOptions;
}

namespace tls::equilibration {

/// What ends the phases at one temperature; times in units of the method (sweeps or MD time).
struct StageRules {
  double time_per_block = 1;        ///< time of one block of the chain
  double burn_in = 0;               ///< least burn-in time
  int burn_in_relaxations = 5;      ///< and least F_s decays in burn-in
  double production = 0;            ///< least production time
  int relaxations = 10;             ///< and least F_s decays in production
  double max_time = 0;              ///< cap on the time at this temperature (0 = none)
  int samples_per_relaxation = 20;  ///< target samples per decay (sets the interval in burn-in)
  int snapshots = 0;                ///< snapshots wanted at this temperature (0 but at the last)
  int snapshot_relaxations = 3;     ///< decays between snapshots
  double snapshot_every = 0;        ///< > 0: production time between snapshots instead
};

/// The rules of one temperature of `o` (snapshots only at the last) for a chain's block time.
StageRules stage_rules(const EquilibrateOptions& o, bool last_temperature, double time_per_block);

/// What decide() answers after a sample.
struct StageStep {
  bool production_begins = false;  ///< burn-in ended at this sample: renew reference and averages
  bool finished = false;           ///< the temperature is done (see capped)
};

/// The counters of one temperature. Plain data: a checkpoint stores every field.
struct StageClock {
  bool started = false;
  bool production = false;
  bool capped = false;             ///< finished by max_time
  long blocks = 0;                 ///< blocks run at this temperature
  long burn_blocks = 0;            ///< blocks of burn-in, once production has begun
  long interval = 1;               ///< blocks between samples
  long ref_block = 0;              ///< block of the current F_s reference
  long since_ref = 0;              ///< samples since then
  int decays = 0;                  ///< F_s decays in the current phase
  int snapshots = 0;               ///< snapshots taken
  std::vector<long> decay_blocks;  ///< durations of the production decays, in blocks

  /// Starts the temperature with the sample interval the previous one ended with.
  void start(long first_interval);
  /// Counts `interval` more blocks (one block between samples has been run).
  void advance() { blocks += interval; }
  /// Records a sample whose F_s against the reference is `fs`; true when F_s fell below 1/e (a
  /// decay: the caller renews its reference). In burn-in the interval adapts: to
  /// floor_pow2(decay duration / samples_per_relaxation) after a decay, doubled after
  /// 4 samples_per_relaxation samples without one.
  bool record_sample(double fs, const StageRules& rules);
  /// True when a snapshot is due now (production, fewer than rules.snapshots taken, by decays or
  /// by time). The caller takes it and calls snapshot_taken().
  bool snapshot_due(const StageRules& rules) const;
  void snapshot_taken() { ++snapshots; }
  /// After the sample (and any snapshot): ends burn-in when its time and decays are reached, the
  /// temperature when production's time, decays and snapshots are, or when max_time is reached.
  StageStep decide(const StageRules& rules);

  /// Time at this temperature, of burn-in, and of production so far.
  double time(const StageRules& r) const { return static_cast<double>(blocks) * r.time_per_block; }
  double burn_in_time(const StageRules& r) const {
    return static_cast<double>(production ? burn_blocks : blocks) * r.time_per_block;
  }
  double production_time(const StageRules& r) const {
    return production ? static_cast<double>(blocks - burn_blocks) * r.time_per_block : 0.0;
  }
};

/// The largest power of two not above v (1 for v < 2).
long floor_pow2(long v);

}  // namespace tls::equilibration
