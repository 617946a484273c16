// Glass preparation (SPEC.md section 2): equilibrium runs at a ladder of temperatures by swap Monte
// Carlo, the hybrid swap/MD scheme or plain MD; relaxation measured by F_s(k = 7, t) of the chain's
// own dynamics; crystallisation watched through bond order; snapshots of independent glasses with
// their inherent-structure energies; instantaneous MD quenches; checkpoints that resume exactly.
//
// At each temperature a replica runs a burn-in, then a production. F_s is measured between the
// current configuration and a reference that is renewed each time F_s falls below 1/e: each such
// decay is one relaxation. Burn-in ends after `burn_in_relaxations` decays (and at least `burn_in`
// time), production after `relaxations` decays (and at least `production` time, and the snapshots
// asked for). The sample interval adapts during burn-in to about tau / samples_per_relaxation and is
// then frozen, so production samples are evenly spaced: their energies give the mean E/N with a
// blocking error bar, and an average of F_s over many origins gives the relaxation time tau.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tls/core/progress.hpp"
#include "tls/equilibrate/chain.hpp"
#include "tls/equilibrate/order.hpp"
#include "tls/io/table.hpp"
#include "tls/minimize/minimize.hpp"
#include "tls/model/configuration.hpp"

namespace tls {

enum class StartKind { random, lattice, file };

/// "random", "lattice"; throws UsageError otherwise (a file start is chosen by giving an input).
StartKind start_from_name(const std::string& name);

struct EquilibrateOptions {
  ChainOptions chain;               ///< method and its settings; chain.mc.temperature is ignored
  std::vector<double> temperatures; ///< the ladder, run in this order (each > 0)
  int particles = 1500;             ///< N for random and lattice starts (>= 2)
  StartKind start = StartKind::random;
  std::string input;                ///< configuration file for StartKind::file
  std::uint64_t seed = 0;
  int replicas = 1;                 ///< independent chains, streams (seed, stage, replica)
  double tune_acceptance = 0;       ///< swap: adjust delta during burn-in towards this displacement acceptance (0 = off)

  // Length of the run at each temperature, in time units of the method (sweeps or MD time).
  double burn_in = 0;               ///< least burn-in
  int burn_in_relaxations = 5;      ///< and at least this many F_s decays in burn-in
  double production = 0;            ///< least production
  int relaxations = 10;             ///< and at least this many F_s decays in production
  double max_time = 0;              ///< cap per temperature (0 = none); a capped temperature is flagged
  double k = 7.0;                   ///< wave number of F_s
  int samples_per_relaxation = 20;  ///< target samples per tau (sets the sample interval)

  // Glasses: snapshots during the production at the last temperature.
  int snapshots = 0;
  int snapshot_relaxations = 3;     ///< F_s decays between snapshots
  double snapshot_every = 0;        ///< > 0: production time between snapshots instead (no decays needed)
  MinimizerOptions minimizer;       ///< for the inherent structure of each snapshot

  // Crystallisation watch, at every sample.
  BondOrderOptions order;
  double crystal_fraction = 0.1;    ///< solid-like fraction that makes a configuration crystalline

  // Instantaneous quenches from the final configuration (MD, Bussi thermostat).
  std::vector<double> quench_temperatures;
  double quench_time = 100;         ///< MD time of each quench
  double quench_every = 0.5;        ///< MD time between rows of the quench trace
  double quench_tau = 0.1;          ///< thermostat time constant during the quench
};

/// Throws UsageError naming the first invalid option.
void validate(const EquilibrateOptions& o);

/// Where and how a run writes.
struct EquilibrateContext {
  std::string output_dir;          ///< created if missing
  Metadata provenance;             ///< tool, command, seed, inputs (Tool::provenance)
  int threads = 1;                 ///< replicas run in parallel; results do not depend on it
  bool progress = false;           ///< progress lines on stderr
  double checkpoint_interval = 300;  ///< wall-clock seconds between checkpoints (<= 0: every sample)
  bool keep_checkpoints = false;   ///< keep checkpoint files after success
};

struct EquilibrateReport {
  int replicas = 0;
  int crystallised = 0;            ///< replicas stopped by the crystallisation watch
  int capped = 0;                  ///< (replica, temperature) runs stopped by max_time
  int glasses = 0;                 ///< snapshot files written
  bool resumed = false;            ///< some replica continued from a checkpoint
};

/// The starting configuration of a replica: quantile diameters permuted by the seed
/// (permuted_diameters), at random positions relaxed by FIRE to remove overlaps, on a simple cubic
/// lattice, or read from options.input. Throws UsageError, InputError, DataError.
Configuration initial_configuration(const EquilibrateOptions& o, int replica);

/// Runs every replica through the ladder, writing into ctx.output_dir:
///   trace.tsv (tls-eqtrace), summary.tsv (tls-equilibrium), fs.tsv (tls-fs), final-<r>.xyz,
///   glasses.tsv (tls-glasses) and glass-<r>-<k>.xyz when snapshots > 0, quench.tsv (tls-quench)
///   when quenches are asked for, checkpoint-<r>.tlsbin while running.
/// A checkpoint present in the folder is resumed after checking that it was written with the
/// same settings; a corrupt or foreign one throws DataError. A crystallised replica writes no final
/// configuration; the run then throws DataError after writing the tables.
EquilibrateReport equilibrate(const EquilibrateOptions& o, const EquilibrateContext& ctx);

/// The settings a checkpoint must match to be resumed (everything that changes results).
Metadata settings_fingerprint(const EquilibrateOptions& o);

/// A table this stage writes (docs/formats/tls-<format>.md): file name in the output folder,
/// format name without "tls-" (version 1.0), columns in order.
struct TableFormat {
  std::string file, format;
  std::vector<std::string> columns;
};
/// trace, summary, fs, glasses, quench, in that order.
const std::vector<TableFormat>& equilibrate_tables();

}  // namespace tls
