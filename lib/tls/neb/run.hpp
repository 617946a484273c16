// tls-neb's one library entry point: every pair of a list (or one pair of configuration files)
// through solve_pair() in parallel, checkpointed pair by pair, then assembled in input order into
// the DWP table, the profiles and the status table (docs/tools/tls-neb.md, docs/formats/).
//
// Output folder:
//   dwp.tsv         tls-dwp 1.0      one row per double-well potential
//   profiles.tsv    tls-profile 1.0  V(xi) of each DWP, with the continuation beyond both ends
//   status.tsv      tls-neb-status 1.0  one row per input pair: what became of it and why
//   bands/<id>.xyz  (--bands) the final band of each DWP as extended XYZ frames
//   minima.tlsmin   single-pair mode: the end points and intermediate minima the tables refer to
//   checkpoint.tlsbin  finished pairs, so a killed run resumes where it stopped
#pragma once

#include <string>

#include "tls/core/progress.hpp"
#include "tls/io/configuration_io.hpp"
#include "tls/io/table.hpp"
#include "tls/neb/pair.hpp"

namespace tls::neb {

struct NebRunConfig {
  // Library mode: a tls-minima library and a tls-pairs table (columns id, a, b).
  std::string library;
  std::string pairs;
  // Single-pair mode (library empty): two configuration files.
  std::string config_a, config_b;
  ReadOptions read;
  std::string glass;          ///< single-pair mode: ##glass= of the outputs ("" = from the files, else "unnamed")
  std::string pair_id = "1";  ///< single-pair mode: the pair's id

  std::string output;        ///< output folder (created)
  std::string new_minima;    ///< library mode: new minima go here (default <output>/new-minima.tlsmin); `library` is
                             ///< never modified
  bool restart = false;      ///< ignore (and replace) an existing checkpoint
  bool write_bands = false;  ///< bands/<dwp id>.xyz
  double skin = 0.3;         ///< neighbour-list skin (sigma)
  int threads = 1;           ///< 0 = all cores; results do not depend on it
  PairOptions pair;
  Metadata provenance;  ///< tool, command, inputs: written first in every table
};

struct NebRunSummary {
  long pairs = 0;        ///< in the input
  long resumed = 0;      ///< taken from the checkpoint
  long dwps = 0;         ///< rows of dwp.tsv
  long duplicates = 0;   ///< DWPs found again through another pair (not repeated in dwp.tsv)
  long non_dw = 0;       ///< pairs labelled non-dw, identical or partial
  long bad_saddles = 0;  ///< segments dropped: climbing image with 0 or >= 2 negative Hessian modes
  long unconverged = 0;
  long failed = 0;
  long new_minima = 0;   ///< intermediate (or slid) minima not in the library before
  long force_calls = 0;  ///< this run's, resumed pairs excluded
};

/// One line describing every option that changes results (recorded as ##neb= and in the
/// checkpoint's key).
std::string describe(const PairOptions& o);

/// Throws UsageError naming the first bad option of tls-neb and its value (--spring must be
/// positive, got 0); run_neb() calls it first.
void validate(const NebRunConfig& c);

/// Runs everything. Throws UsageError (bad options), InputError/DataError (inputs: a pair naming a
/// missing minimum, a pair list of another glass, configurations of different glasses, a
/// checkpoint of another run), OutputError/IoError. Individual pairs never throw: their failures
/// are labelled in status.tsv.
NebRunSummary run_neb(const NebRunConfig& config, Progress* progress);

}  // namespace tls::neb
