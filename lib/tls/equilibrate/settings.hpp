// Settings of a glass preparation run (SPEC.md section 2): the options, their validation, the input
// configuration of a file start (read once: a stream can be read only once), and the settings
// record a checkpoint must match to be resumed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

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
  ChainOptions chain;                ///< method and its settings; chain.mc.temperature is ignored
  std::vector<double> temperatures;  ///< the ladder, run in this order (each > 0)
  int particles = 1500;              ///< N for random and lattice starts (>= 2)
  StartKind start = StartKind::random;
  std::string input;  ///< configuration file for StartKind::file
  std::uint64_t seed = 0;
  int replicas = 1;            ///< independent chains, streams (seed, stage, replica)
  double tune_acceptance = 0;  ///< swap: adjust delta during burn-in towards this displacement acceptance (0 = off)

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
  int snapshot_relaxations = 3;  ///< F_s decays between snapshots
  double snapshot_every = 0;     ///< > 0: production time between snapshots instead (no decays needed)
  MinimizerOptions minimizer;    ///< for the inherent structure of each snapshot

  // Crystallisation watch, at every sample.
  BondOrderOptions order;
  double crystal_fraction = 0.1;  ///< solid-like fraction that makes a configuration crystalline

  // Instantaneous quenches from the final configuration (MD, Bussi thermostat).
  std::vector<double> quench_temperatures;
  double quench_time = 100;   ///< MD time of each quench
  double quench_every = 0.5;  ///< MD time between rows of the quench trace
  double quench_tau = 0.1;    ///< thermostat time constant during the quench
};

/// Throws UsageError naming the first invalid option.
void validate(const EquilibrateOptions& o);

/// The name of a start: "random", "lattice" or "file" (the default of --start).
std::string to_string(StartKind s);

/// The configuration a file start begins from, read once and shared by every replica, with the
/// CRC-32 of its bytes (the settings record names the input by it).
struct StartInput {
  Configuration configuration;
  std::uint32_t crc32 = 0;
};

/// Reads o.input ("-" = stdin) once: a valid configuration of at least 2 particles, its
/// metadata dropped. Throws InputError, DataError.
StartInput read_start_input(const EquilibrateOptions& o);

/// The settings a checkpoint must match to be resumed (everything that changes results); `input`
/// is the file start's input (required when o.start is StartKind::file).
Metadata settings_fingerprint(const EquilibrateOptions& o, const StartInput* input);

}  // namespace tls
