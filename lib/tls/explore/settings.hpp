// tls-explore's settings in the words of its command line (MD time units, mode names), their
// validation naming each option and its value, and their one conversion into the stage's
// ExploreConfig (MD steps, enums). The tool binds its options straight to these fields, so every
// default is written once: here or in the library's own structs.
#pragma once

#include <string>

#include "tls/explore/explore.hpp"

namespace tls::explore {

/// The configuration tls-explore starts from: the library's defaults, changed where the tool's differ
/// (recognising quenches, runs from the glass's inherent structure, at most 1e5 force calls a quench).
ExploreConfig command_line_defaults();

/// "recognise" or "full" (tls-explore --quench) and back; the latter throws UsageError naming --quench.
std::string quench_name(const Recognition& r);
bool recognises(const std::string& quench_name);
/// "is" or "glass" (tls-explore --start) and back; the latter throws UsageError naming --start.
std::string start_name(RunStart s);
RunStart run_start_from_name(const std::string& name);

struct ExploreSettings {
  /// Everything not in time units or names: bound field by field to the options (--temperature is
  /// config.model.md.temperature, --runs config.driver.max_runs, ...). Its driver.run and the
  /// enums below are overwritten by explore_config().
  ExploreConfig config = command_line_defaults();
  double is_interval = 0.1;  ///< Delta t_IS (MD time): a whole number of --dt
  double run_time = 100;     ///< length of each run (MD time): a whole number of --is-interval
  double transient = 5;      ///< MD time discarded at the start of each run (0: none)
  std::string thermostat = to_string(config.model.md.thermostat);
  std::string quench = quench_name(config.model.recognition);
  std::string start = start_name(config.model.start);
  bool no_stop = !config.stop.enabled;
  std::string stop_when = to_string(config.stop.when);
};

/// Throws UsageError naming the first bad option and its value ("--dt must be positive, got 0",
/// "--run-time must be a whole number of --is-interval, got 0.25").
void validate(const ExploreSettings& s);

/// The stage's config: times converted to MD steps (--is-interval / --dt, --run-time / --is-interval
/// snapshots, --transient / --dt), names to enums. Validates first (throws UsageError).
ExploreConfig explore_config(const ExploreSettings& s);

}  // namespace tls::explore
