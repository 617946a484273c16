// tls-explore's one library call: explore the landscape of one glass by isoconfigurational MD runs
// at T_MD with inherent structures and bisection (SPEC.md section 3), into an output folder:
//
//   OUT/minima.tlsmin    the minima library (tls-minima 1.1: glass, settings, then per run a RUNS
//                        record followed by the run's new minima) -- the single source of truth
//   OUT/minima.tsv       text index of the library (tls-minima-index 1.0)
//   OUT/transitions.tsv  transitions between adjacent minima (tls-transitions 1.0)
//   OUT/runs.tsv         per-run statistics and the stop-rule values (tls-explore-runs 1.0)
//
// The tables are regenerated from the library after every committed run. An existing folder is
// continued: its library is checked (same glass, same start, same settings), a torn or incomplete
// last commit of a killed run is cut off, committed runs are replayed, and runs resume at the first
// missing run index. Results are identical whatever the thread count and however often interrupted.
#pragma once

#include <functional>
#include <string>

#include "tls/core/progress.hpp"
#include "tls/explore/driver.hpp"
#include "tls/explore/model_landscape.hpp"
#include "tls/io/table.hpp"

namespace tls::explore {

struct ExploreConfig {
  ModelSettings model;
  IdentityRule identity;
  StopRule stop;
  DriverOptions driver;    ///< run settings, seed, caps, threads
  std::string glass_name;  ///< identifier stored in a new library
  std::string output_dir;
};

struct ExploreReport {
  bool resumed = false;   ///< the folder held a library already
  bool repaired = false;  ///< a torn or incomplete last commit was cut off
  long runs_before = 0, runs_after = 0;
  long minima = 0, pairs = 0;  ///< distinct minima and distinct transition pairs in the library
  StopReason reason = StopReason::already_done;
  bool stationary = false;  ///< the stop rule holds after the last commit
  double ks = 1, rate_change = 1;
};

/// Throws UsageError naming the tls-explore option of the first bad setting ("--runs must be at least 1,
/// got 0"; in MD steps where the config holds steps). explore_glass() calls it; defined with the
/// command-line settings (settings.cpp).
void validate(const ExploreConfig& config);

/// The file names inside an exploration folder.
std::string library_path(const std::string& dir);
std::string transitions_path(const std::string& dir);
std::string index_path(const std::string& dir);
std::string runs_path(const std::string& dir);

/// Explores `glass` (its positions are the start of every run). `provenance` goes into a new
/// library and into every table. `note` receives one-line diagnostics (resume, repairs). Throws
/// UsageError (bad settings, settings differing from the library's), DataError (a library of
/// another glass or start, corrupt library), OutputError/IoError.
ExploreReport explore_glass(const Configuration& glass, const ExploreConfig& config, const Metadata& provenance,
                            Progress* progress, const std::function<void(const std::string&)>& note);

/// The settings that define an exploration (stored in the library's EXPL record and compared on
/// resume), as key/value pairs.
Metadata exploration_settings(const Configuration& glass, const ExploreConfig& config);

}  // namespace tls::explore
