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

#include <string>

#include "tls/equilibrate/settings.hpp"
#include "tls/equilibrate/tables.hpp"
#include "tls/io/table.hpp"
#include "tls/model/configuration.hpp"

namespace tls {

/// Where and how a run writes.
struct EquilibrateContext {
  std::string output_dir;            ///< created if missing
  Metadata provenance;               ///< tool, command, seed, inputs (Tool::provenance)
  int threads = 1;                   ///< replicas run in parallel; results do not depend on it
  bool progress = false;             ///< progress lines on stderr
  double checkpoint_interval = 300;  ///< wall-clock seconds between checkpoints (<= 0: every sample)
  bool keep_checkpoints = false;     ///< keep checkpoint files after success
};

struct EquilibrateReport {
  int replicas = 0;
  int crystallised = 0;  ///< replicas stopped by the crystallisation watch
  int capped = 0;        ///< (replica, temperature) runs stopped by max_time
  int glasses = 0;       ///< snapshot files written
  bool resumed = false;  ///< some replica continued from a checkpoint
};

/// The starting configuration of a replica: quantile diameters permuted by the seed
/// (permuted_diameters), at random positions relaxed by FIRE to remove overlaps, on a simple cubic
/// lattice, or `input` (required for StartKind::file; see read_start_input). Throws UsageError.
Configuration initial_configuration(const EquilibrateOptions& o, int replica, const StartInput* input = nullptr);

/// Runs every replica through the ladder, writing into ctx.output_dir:
///   trace.tsv (tls-eqtrace), summary.tsv (tls-equilibrium), fs.tsv (tls-fs), final-<r>.xyz,
///   glasses.tsv (tls-glasses) and glass-<r>-<k>.xyz when snapshots > 0, quench.tsv (tls-quench)
///   when quenches are asked for, checkpoint-<r>.tlsbin while running.
/// A checkpoint present in the folder is resumed after checking that it was written with the
/// same settings; a corrupt or foreign one throws DataError. A crystallised replica writes no final
/// configuration; the run then throws DataError after writing the tables.
EquilibrateReport equilibrate(const EquilibrateOptions& o, const EquilibrateContext& ctx);

}  // namespace tls
