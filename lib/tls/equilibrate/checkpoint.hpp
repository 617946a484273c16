// The state of one replica and its checkpoint: schema `tls-equilibrate-state` 1.0 on the tls-bin
// container (docs/formats/tls-equilibrate-state.md). A `SETT` record holds the settings record
// (settings_fingerprint), a `STAT` record the whole state: ladder position, the temperature's
// clock and averages, the chain, and the table rows so far. Taken only at sample boundaries,
// where the state is canonical, so a resumed run continues bit for bit.
#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "tls/equilibrate/chain.hpp"
#include "tls/equilibrate/ladder.hpp"
#include "tls/equilibrate/scattering.hpp"
#include "tls/equilibrate/tables.hpp"
#include "tls/io/table.hpp"

namespace tls::equilibration {

/// One temperature: its clock and what its samples accumulate.
struct Stage {
  StageClock clock;
  Eigen::VectorXd reference;     ///< F_s reference configuration
  std::vector<double> energies;  ///< production samples of E/N
  FsCorrelator correlator;       ///< F_s over many origins, production samples
  MoveCounts at_sample;          ///< the chain's counters at the last sample
  MoveCounts at_production;      ///< and when production began
  double q6_sum = 0;             ///< sum of Q6 over production samples
  double solid_max = 0;          ///< largest solid-like fraction in production
};

/// One replica through the ladder.
struct ReplicaState {
  int replica = 0;
  int ladder = 0;  ///< index of the current temperature
  bool done = false;
  bool crystallised = false;
  std::string crystal_note;  ///< what the crystallisation watch saw
  int capped = 0;            ///< temperatures stopped by the time cap
  long next_interval = 1;    ///< first sample interval of the next temperature
  Stage stage;
  std::optional<Chain> chain;
  TableRows rows;
};

/// Serialises the state (the STAT record).
std::vector<char> encode(const ReplicaState& s);
/// Reads what encode wrote, checking every field it can; the chain is restored on `box` with
/// `options`. Throws DataError naming `path`.
ReplicaState decode(const std::vector<char>& data, const std::string& path, const Box& box,
                    const ChainOptions& options);

/// Writes settings and state to `path` atomically (a kill leaves the previous checkpoint whole).
/// Throws OutputError, IoError.
void write_checkpoint(const std::string& path, const Metadata& settings, const ReplicaState& s);
/// Reads a checkpoint of `replica` written with `settings` (else DataError naming the first key
/// that differs, see check_settings_record). Throws DataError, InputError.
ReplicaState read_checkpoint(const std::string& path, const Metadata& settings, const Box& box,
                             const ChainOptions& options, int replica);

}  // namespace tls::equilibration
