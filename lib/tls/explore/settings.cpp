// tls-explore's command-line settings: defaults, validation by option, conversion to MD steps.
#include "tls/explore/settings.hpp"

#include <algorithm>
#include <cmath>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"

namespace tls::explore {

namespace {
[[noreturn]] void bad(const std::string& option, const std::string& want, const std::string& got) {
  throw UsageError(option + " must be " + want + ", got " + got);
}

// `time` / `dt` as a whole number of steps (at least one), or UsageError naming `option`.
long steps_of(double time, double dt, const std::string& option) {
  const double k = time / dt;
  if (!(time > 0) || !std::isfinite(k) || std::abs(k - std::round(k)) > 1e-6 * std::max(1.0, k) || std::round(k) < 1)
    bad(option, "a positive whole number of time steps (--dt " + format_double(dt) + ")", format_double(time));
  return std::lround(k);
}
}  // namespace

ExploreConfig command_line_defaults() {
  ExploreConfig c;
  c.model.minimizer.max_force_calls = 100000;  // a quench that does not converge is counted and skipped
  c.model.recognition.enabled = true;
  c.model.start = RunStart::inherent_structure;
  return c;
}

std::string quench_name(const Recognition& r) { return r.enabled ? "recognise" : "full"; }

bool recognises(const std::string& name) {
  if (name != "recognise" && name != "full")
    throw UsageError("--quench must be 'recognise' or 'full', got '" + name + "'");
  return name == "recognise";
}

std::string start_name(RunStart s) { return s == RunStart::inherent_structure ? "is" : "glass"; }

RunStart run_start_from_name(const std::string& name) {
  if (name != "is" && name != "glass") throw UsageError("--start must be 'is' or 'glass', got '" + name + "'");
  return name == "is" ? RunStart::inherent_structure : RunStart::glass;
}

void validate(const ExploreSettings& s) {
  const auto& md = s.config.model.md;
  if (!(md.dt > 0) || !std::isfinite(md.dt)) bad("--dt", "positive", format_double(md.dt));
  if (s.thermostat != "bussi" && s.thermostat != "none" && s.thermostat != "nve")
    bad("--thermostat", "bussi or none", "'" + s.thermostat + "'");
  recognises(s.quench);
  run_start_from_name(s.start);
  stop_when_from_name(s.stop_when);
  if (s.transient != 0) steps_of(s.transient, md.dt, "--transient");
  const long interval = steps_of(s.is_interval, md.dt, "--is-interval");
  if (steps_of(s.run_time, md.dt, "--run-time") % interval != 0)
    bad("--run-time", "a whole number of --is-interval (" + format_double(s.is_interval) + ")",
        format_double(s.run_time));
}

ExploreConfig explore_config(const ExploreSettings& s) {
  validate(s);
  ExploreConfig c = s.config;
  const double dt = c.model.md.dt;
  c.model.md.thermostat = thermostat_from_name(s.thermostat);
  c.model.recognition.enabled = recognises(s.quench);
  c.model.start = run_start_from_name(s.start);
  c.stop.enabled = !s.no_stop;
  c.stop.when = stop_when_from_name(s.stop_when);
  auto& run = c.driver.run;
  run.transient_steps = s.transient == 0 ? 0 : steps_of(s.transient, dt, "--transient");
  run.interval_steps = steps_of(s.is_interval, dt, "--is-interval");
  run.snapshots = steps_of(s.run_time, dt, "--run-time") / run.interval_steps;
  validate(c);
  return c;
}

void validate(const ExploreConfig& c) {
  auto positive = [](double v, const char* option) {
    if (!(v > 0) || !std::isfinite(v)) bad(option, "positive", format_double(v));
  };
  auto at_least = [](long v, long min, const char* option) {
    if (v < min) bad(option, "at least " + std::to_string(min), std::to_string(v));
  };
  auto non_negative = [](double v, const char* option) {
    if (!(v >= 0)) bad(option, "0 or positive", format_double(v));
  };
  const auto& md = c.model.md;
  positive(md.temperature, "--temperature");
  positive(md.dt, "--dt");
  positive(md.tau, "--tau");
  positive(c.model.skin, "--skin");
  validate(c.model.minimizer);
  const auto& run = c.driver.run;
  at_least(run.interval_steps, 1, "--is-interval (in MD steps)");
  at_least(run.snapshots, 1, "--run-time (in inherent structures)");
  at_least(run.transient_steps, 0, "--transient (in MD steps)");
  at_least(run.resolution, 1, "--bisect-steps");
  positive(c.identity.energy_tol, "--same-energy");
  positive(c.identity.distance_tol, "--same-distance");
  at_least(c.driver.max_runs, 1, "--runs");
  at_least(c.stop.min_runs, 1, "--min-runs");
  non_negative(c.stop.ks_tol, "--stop-ks");
  non_negative(c.stop.rate_tol, "--stop-rate");
  at_least(c.stop.window, 1, "--stop-window");
  at_least(c.stop.max_new, 0, "--stop-new");
  at_least(c.driver.max_minima, 0, "--max-minima");
}

}  // namespace tls::explore
