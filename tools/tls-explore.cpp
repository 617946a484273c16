// tls-explore: MD at T_MD from a glass, inherent structures with bisection, the minima library and
// the transitions table (SPEC.md section 3; docs/tools/tls-explore.md).
#include <cmath>
#include <filesystem>
#include <iostream>

#include "tls/cli/cli.hpp"
#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/explore/explore.hpp"
#include "tls/io/configuration_io.hpp"
#include "tls/io/files.hpp"

namespace {

long steps_of(double time, double dt, const std::string& what) {
  const double k = time / dt;
  if (!(time > 0) || !std::isfinite(k) || std::abs(k - std::round(k)) > 1e-6 * std::max(1.0, k) || std::round(k) < 1)
    throw tls::UsageError(what + " must be a positive whole number of time steps (--dt " + tls::format_double(dt) +
                          ")");
  return std::lround(k);
}

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
      "unit time) differ by <= --stop-rate relative. --no-stop runs exactly --runs runs.\n\n"
      "DIR receives minima.tlsmin (the library: every distinct minimum once, full precision),\n"
      "minima.tsv (its text index), transitions.tsv (pairs of adjacent minima, counts both ways, first\n"
      "sighting, bisection depth) and runs.tsv (per-run statistics, stop-rule values). An existing DIR\n"
      "is continued: same glass and settings required; a killed run is cut off and redone; more runs\n"
      "are added up to --runs (raise --min-runs too if the stop rule already holds). Outputs are\n"
      "byte-identical for a given --seed whatever --threads and however often interrupted.\n"
      "Progress (runs, minima, transition pairs, rate, stop-rule values) goes to stderr.");
  tool.add_output("output folder (required; created if missing, continued if it holds a library)", true);
  tool.add_seed();
  tool.add_threads();
  tool.add("Dynamics")("T,temperature", "T_MD (eps/k_B)", cxxopts::value<double>()->default_value("0.04"), "T")(
      "dt", "MD time step", cxxopts::value<double>()->default_value("0.005"), "DT")(
      "thermostat", "bussi (momentum-conserving velocity rescaling) or none (NVE)",
      cxxopts::value<std::string>()->default_value("bussi"),
      "NAME")("tau", "thermostat time constant", cxxopts::value<double>()->default_value("1"), "TAU")(
      "start",
      "is: runs start from the glass's inherent structure; glass: from GLASS as it is (velocities at T either way)",
      cxxopts::value<std::string>()->default_value("is"), "FROM")(
      "transient", "MD time discarded at the start of every run, so sampling starts at T (0: none, as before)",
      cxxopts::value<double>()->default_value("5"), "T")("skin", "neighbour-list skin (sigma); the outer list adds 0.8",
                                                         cxxopts::value<double>()->default_value("0.2"), "S");
  tool.add("Inherent structures")("is-interval", "time between inherent structures (Delta t_IS)",
                                  cxxopts::value<double>()->default_value("0.1"), "T")(
      "run-time", "length of each run (MD time)", cxxopts::value<double>()->default_value("100"), "T")(
      "bisect-steps", "bisect until distinct minima are at most this many MD steps apart",
      cxxopts::value<long>()->default_value("1"),
      "K")("ftol", "quench until max_i |F_i| < FTOL", cxxopts::value<double>()->default_value("1e-10"), "F")(
      "switch-ftol", "FIRE hands over to L-BFGS below this force", cxxopts::value<double>()->default_value("1e-3"),
      "F")("quench",
           "recognise: a descent certified (harmonically) to end in a minimum the run saw last stops there instead of "
           "polishing to it again (same minima, about 3x cheaper); full: every quench polishes to --ftol",
           cxxopts::value<std::string>()->default_value("recognise"),
           "MODE")("max-force-calls", "per quench; a quench that does not converge is counted and skipped",
                   cxxopts::value<long>()->default_value("100000"), "N")(
      "same-energy", "same minimum: |dE| below this (eps)", cxxopts::value<double>()->default_value("1e-6"), "E")(
      "same-distance", "same minimum: largest particle displacement below this (sigma)",
      cxxopts::value<double>()->default_value("1e-3"), "D");
  tool.add("Runs and stop rule")("runs", "hard cap on the number of runs in the library (the paper: up to 200)",
                                 cxxopts::value<long>()->default_value("200"), "R")(
      "min-runs", "runs before the stop rule may stop", cxxopts::value<long>()->default_value("10"), "R")(
      "stop-ks", "stop rule: KS distance between the halves' IS-energy pdfs at most this",
      cxxopts::value<double>()->default_value("0.1"), "D")(
      "stop-rate", "stop rule: relative change of the transition rate between the halves at most this",
      cxxopts::value<double>()->default_value("0.2"), "X")("no-stop", "ignore the stop rule: run exactly --runs runs")(
      "max-minima", "hard cap: stop once the library holds this many minima (0 = no cap)",
      cxxopts::value<long>()->default_value("0"), "M")(
      "glass", "glass identifier stored in a new library (default: the input file name)", cxxopts::value<std::string>(),
      "NAME")("from", "input format: auto, xyz, lammps", cxxopts::value<std::string>()->default_value("auto"), "FMT");
  tool.set_positional({"input"});
  tool.set_epilog(
      "Examples:\n"
      "  tls-explore glass.xyz --seed 1 -j 2 -o explore/\n"
      "  tls-explore glass.xyz --seed 1 --runs 20 --run-time 20 --no-stop -o quick/\n"
      "  tls-pairs explore/ -o pairs.tsv\n"
      "Formats: docs/formats/tls-minima.md, tls-transitions.md; tool page: docs/tools/tls-explore.md");
  const auto parsed = tool.parse(argc, argv);
  if (!parsed) return 0;
  const auto& opt = *parsed;
  const auto inputs = opt.count("input") ? opt["input"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (inputs.size() != 1) throw tls::UsageError("exactly one input glass expected (try 'tls-explore --help')");
  if (!opt.count("output") || tls::is_std_stream(tool.output()))
    throw tls::UsageError("-o DIR (the output folder) is required");

  tls::explore::ExploreConfig c;
  auto& md = c.model.md;
  md.temperature = opt["temperature"].as<double>();
  md.dt = opt["dt"].as<double>();
  md.thermostat = tls::thermostat_from_name(opt["thermostat"].as<std::string>());
  md.tau = opt["tau"].as<double>();
  if (!(md.temperature > 0) || !(md.dt > 0) || !(md.tau > 0) || !std::isfinite(md.temperature) || !std::isfinite(md.dt))
    throw tls::UsageError("--temperature, --dt and --tau must be positive");
  c.model.skin = opt["skin"].as<double>();
  if (!(c.model.skin > 0)) throw tls::UsageError("--skin must be positive");
  auto& mo = c.model.minimizer;
  mo.ftol = opt["ftol"].as<double>();
  mo.switch_ftol = opt["switch-ftol"].as<double>();
  mo.max_force_calls = opt["max-force-calls"].as<long>();
  if (!(mo.ftol > 0) || !(mo.switch_ftol > 0) || mo.max_force_calls < 1)
    throw tls::UsageError("--ftol, --switch-ftol and --max-force-calls must be positive");
  const auto quench = opt["quench"].as<std::string>();
  if (quench != "recognise" && quench != "full")
    throw tls::UsageError("--quench must be 'recognise' or 'full', not '" + quench + "'");
  c.model.recognition.enabled = quench == "recognise";
  const auto start = opt["start"].as<std::string>();
  if (start != "is" && start != "glass") throw tls::UsageError("--start must be 'is' or 'glass', not '" + start + "'");
  c.model.start = start == "is" ? tls::explore::RunStart::inherent_structure : tls::explore::RunStart::glass;
  c.driver.run.transient_steps =
      opt["transient"].as<double>() == 0 ? 0 : steps_of(opt["transient"].as<double>(), md.dt, "--transient");
  auto& rs = c.driver.run;
  rs.interval_steps = steps_of(opt["is-interval"].as<double>(), md.dt, "--is-interval");
  const long run_steps = steps_of(opt["run-time"].as<double>(), md.dt, "--run-time");
  if (run_steps % rs.interval_steps != 0) throw tls::UsageError("--run-time must be a whole number of --is-interval");
  rs.snapshots = run_steps / rs.interval_steps;
  rs.resolution = opt["bisect-steps"].as<long>();
  if (rs.resolution < 1) throw tls::UsageError("--bisect-steps must be at least 1");
  c.identity.energy_tol = opt["same-energy"].as<double>();
  c.identity.distance_tol = opt["same-distance"].as<double>();
  c.driver.max_runs = opt["runs"].as<long>();
  if (c.driver.max_runs < 1) throw tls::UsageError("--runs must be at least 1 (zero runs explore nothing)");
  c.stop.enabled = !opt.count("no-stop");
  c.stop.min_runs = opt["min-runs"].as<long>();
  c.stop.ks_tol = opt["stop-ks"].as<double>();
  c.stop.rate_tol = opt["stop-rate"].as<double>();
  if (c.stop.min_runs < 1 || !(c.stop.ks_tol >= 0) || !(c.stop.rate_tol >= 0))
    throw tls::UsageError("--min-runs must be >= 1, --stop-ks and --stop-rate >= 0");
  c.driver.max_minima = opt["max-minima"].as<long>();
  if (c.driver.max_minima < 0) throw tls::UsageError("--max-minima must be >= 0");
  c.driver.seed = tool.seed();
  c.driver.threads = tool.threads();
  c.output_dir = tool.output();

  tls::ReadOptions ro;
  ro.format = tls::config_format_from_name(opt["from"].as<std::string>());
  const auto glass = tls::read_configuration(inputs[0], ro);
  if (const int k = tls::isolated_particles(glass); k > 0)
    tool.warn(tls::display_name(inputs[0]) + ": " + std::to_string(k) +
              " particle(s) interact with no other: the energy is "
              "flat along them, so most quenches end in a \"new\" minimum (is this a glass?)");
  c.glass_name = opt.count("glass") ? opt["glass"].as<std::string>()
                                    : std::filesystem::path(tls::display_name(inputs[0])).filename().string();

  const auto report = tls::explore::explore_glass(glass, c, tool.provenance(inputs), tool.progress(),
                                                  [&](const std::string& s) { tool.note(s); });
  tool.note(std::to_string(report.runs_after) + " runs (" + std::to_string(report.runs_after - report.runs_before) +
            " new), " + std::to_string(report.minima) + " minima, " + std::to_string(report.pairs) +
            " transition pairs; stop: " + tls::explore::to_string(report.reason) + "; ks " +
            tls::format_fixed(report.ks, 3) + ", rate change " + tls::format_fixed(report.rate_change, 3) +
            (report.stationary ? " (stationary)" : " (not stationary)"));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return tls::cli::run("tls-explore", [&] { return run_explore(argc, argv); });
}
