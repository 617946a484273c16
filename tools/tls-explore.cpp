// tls-explore: MD at T_MD from a glass, inherent structures with bisection, the minima library and
// the transitions table (SPEC.md section 3; docs/tools/tls-explore.md).
#include <filesystem>
#include <iostream>

#include "tls/cli/cli.hpp"
#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/explore/settings.hpp"
#include "tls/io/configuration_io.hpp"
#include "tls/io/files.hpp"

namespace {

int run_explore(int argc, char** argv) {
  tls::cli::Tool tool(
      "tls-explore", "explore the energy landscape of a glass: minima library and transitions", "GLASS -o DIR",
      "Runs isoconfigurational MD from GLASS (extended XYZ or LAMMPS data; '-' = stdin) at --temperature\n"
      "with a momentum-conserving Bussi thermostat and Maxwell-Boltzmann starts of zero momentum, one\n"
      "velocity draw per run from (--seed, run). Every --is-interval the configuration is minimised to\n"
      "its inherent structure (FIRE, then L-BFGS to max|F_i| < --ftol). When two consecutive inherent\n"
      "structures differ, the interval is bisected in time (the stored MD frames are minimised) until\n"
      "consecutive distinct minima come from configurations at most --bisect-steps MD steps apart, so\n"
      "every recorded transition joins adjacent minima. Two minima are the same when |dE| <\n"
      "--same-energy and the largest particle displacement (minimum image, centre-of-mass shift\n"
      "removed) is below --same-distance.\n\n"
      "Runs are added, in parallel (--threads), until the stop rule holds or --runs is reached. Stop rule\n"
      "(after at least --min-runs runs): split the committed runs into a first and a second half; the\n"
      "pdf of inherent-structure energies is stationary when the Kolmogorov-Smirnov distance between\n"
      "the halves is <= --stop-ks, the transition rate when the halves' mean rates (transitions per\n"
      "unit time) differ by <= --stop-rate relative (the paper's rule, --stop-when stationary). With\n"
      "--stop-when saturated a glass stops instead once its library has stopped growing: the last\n"
      "--stop-window runs found at most --stop-new new minima together; the runs then go to the glasses\n"
      "whose libraries still grow. --no-stop runs exactly --runs runs.\n\n"
      "DIR receives minima.tlsmin (the library: every distinct minimum once, full precision),\n"
      "minima.tsv (its text index), transitions.tsv (pairs of adjacent minima, counts both ways, first\n"
      "sighting, bisection depth) and runs.tsv (per-run statistics, stop-rule values). An existing DIR\n"
      "is continued: same glass and settings required; a killed run is cut off and redone; more runs\n"
      "are added up to --runs (raise --min-runs too if the stop rule already holds). Outputs are\n"
      "byte-identical for a given --seed whatever --threads and however often interrupted.\n"
      "Progress (runs, minima, transition pairs, rate, stop-rule values) goes to stderr.");
  // Options are stored straight into the settings (defaults, shown by --help, are the structs' own);
  // explore_config() validates them, naming the option, and converts times to MD steps.
  tls::explore::ExploreSettings s;
  auto& c = s.config;
  auto& md = c.model.md;
  auto& mo = c.model.minimizer;
  tls::ReadOptions ro;
  using tls::cli::bound;
  tool.add_output("output folder (required; created if missing, continued if it holds a library)", true);
  tool.add_seed();
  tool.add_threads();
  tool.add("Dynamics")("T,temperature", "T_MD (eps/k_B)", bound(md.temperature), "T")("dt", "MD time step",
                                                                                      bound(md.dt), "DT")(
      "thermostat", "bussi (momentum-conserving velocity rescaling) or none (NVE)", bound(s.thermostat), "NAME")(
      "tau", "thermostat time constant", bound(md.tau), "TAU")(
      "start",
      "is: runs start from the glass's inherent structure; glass: from GLASS as it is (velocities at T either way)",
      bound(s.start),
      "FROM")("transient", "MD time discarded at the start of every run, so sampling starts at T (0: none, as before)",
              bound(s.transient),
              "T")("skin", "neighbour-list skin (sigma); the outer list adds 0.8", bound(c.model.skin), "S");
  tool.add("Inherent structures")("is-interval", "time between inherent structures (Delta t_IS)", bound(s.is_interval),
                                  "T")("run-time", "length of each run (MD time)", bound(s.run_time), "T")(
      "bisect-steps", "bisect until distinct minima are at most this many MD steps apart",
      bound(c.driver.run.resolution), "K")("ftol", "quench until max_i |F_i| < FTOL", bound(mo.ftol), "F")(
      "switch-ftol", "FIRE hands over to L-BFGS below this force", bound(mo.switch_ftol), "F")(
      "quench",
      "recognise: a descent certified (harmonically) to end in a minimum the run saw last stops there instead of "
      "polishing to it again (same minima, about 3x cheaper); full: every quench polishes to --ftol",
      bound(s.quench), "MODE")("max-force-calls", "per quench; a quench that does not converge is counted and skipped",
                               bound(mo.max_force_calls), "N")("same-energy", "same minimum: |dE| below this (eps)",
                                                               bound(c.identity.energy_tol), "E")(
      "same-distance", "same minimum: largest particle displacement below this (sigma)", bound(c.identity.distance_tol),
      "D");
  tool.add("Runs and stop rule")("runs", "hard cap on the number of runs in the library (the paper: up to 200)",
                                 bound(c.driver.max_runs),
                                 "R")("min-runs", "runs before the stop rule may stop", bound(c.stop.min_runs), "R")(
      "stop-ks", "stop rule: KS distance between the halves' IS-energy pdfs at most this", bound(c.stop.ks_tol), "D")(
      "stop-rate", "stop rule: relative change of the transition rate between the halves at most this",
      bound(c.stop.rate_tol),
      "X")("stop-when",
           "stationary: the paper's rule (--stop-ks, --stop-rate); saturated: the library stopped growing "
           "(the last --stop-window runs found at most --stop-new new minima together)",
           bound(s.stop_when),
           "RULE")("stop-window", "stop rule saturated: the last runs looked at", bound(c.stop.window), "W")(
      "stop-new", "stop rule saturated: at most this many new minima in them together", bound(c.stop.max_new), "M")(
      "no-stop", "ignore the stop rule: run exactly --runs runs", cxxopts::value<bool>(s.no_stop))(
      "max-minima", "hard cap: stop once the library holds this many minima (0 = no cap)", bound(c.driver.max_minima),
      "M")("glass", "glass identifier stored in a new library (default: the input file name)",
           cxxopts::value<std::string>(),
           "NAME")("from", "input format: auto, xyz, lammps",
                   cxxopts::value<std::string>()->default_value(tls::to_string(ro.format)), "FMT");
  tool.set_positional({"input"});
  tool.set_epilog(
      "Examples:\n"
      "  tls-explore glass.xyz --seed 1 -j 2 -o explore/\n"
      "  tls-explore glass.xyz --seed 1 --runs 20 --run-time 20 --no-stop -o quick/\n"
      "  tls-explore glass.xyz --seed 1 --runs 96 --min-runs 8 --run-time 25 --stop-when saturated -o deep/\n"
      "  tls-pairs explore/ -o pairs.tsv\n"
      "Formats: docs/formats/tls-minima.md, tls-transitions.md; tool page: docs/tools/tls-explore.md");
  const auto opt = tool.arguments(argc, argv);
  const std::string input = tool.single_input(opt, "input glass");
  if (!opt.count("output") || tls::is_std_stream(tool.output()))
    throw tls::UsageError("-o DIR (the output folder) is required");

  auto config = tls::explore::explore_config(s);
  config.driver.seed = tool.seed();
  config.driver.threads = tool.threads();
  config.output_dir = tool.output();

  ro.format = tls::config_format_from_name(opt["from"].as<std::string>());
  const auto glass = tls::read_configuration(input, ro);
  if (const int k = tls::isolated_particles(glass); k > 0)
    tool.warn(tls::display_name(input) + ": " + std::to_string(k) +
              " particle(s) interact with no other: the energy is "
              "flat along them, so most quenches end in a \"new\" minimum (is this a glass?)");
  config.glass_name = opt.count("glass") ? opt["glass"].as<std::string>()
                                         : std::filesystem::path(tls::display_name(input)).filename().string();

  const bool saturated = config.stop.when == tls::explore::StopWhen::saturated;
  const auto report = tls::explore::explore_glass(glass, config, tool.provenance({input}), tool.progress(),
                                                  [&](const std::string& line) { tool.note(line); });
  tool.note(std::to_string(report.runs_after) + " runs (" + std::to_string(report.runs_after - report.runs_before) +
            " new), " + std::to_string(report.minima) + " minima, " + std::to_string(report.pairs) +
            " transition pairs; stop: " +
            (saturated && report.reason == tls::explore::StopReason::stationary
                 ? std::string("saturated (stop rule)")
                 : tls::explore::to_string(report.reason)) +
            "; ks " + tls::format_fixed(report.ks, 3) + ", rate change " + tls::format_fixed(report.rate_change, 3) +
            (saturated ? (report.stationary ? " (saturated)" : " (not saturated)")
                       : (report.stationary ? " (stationary)" : " (not stationary)")));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return tls::cli::run("tls-explore", [&] { return run_explore(argc, argv); });
}
