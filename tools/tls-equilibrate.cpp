// tls-equilibrate: equilibrium glasses by swap Monte Carlo (or hybrid swap/MD, or plain MD).
#include <iostream>

#include "tls/cli/cli.hpp"
#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/equilibrate/equilibrate.hpp"

namespace {

int run_equilibrate(int argc, char** argv) {
  tls::cli::Tool tool(
      "tls-equilibrate", "equilibrate the polydisperse soft-sphere liquid and cut glasses from it", "[INPUT]",
      "Runs one or more replicas at each temperature of a ladder (--temperature 0.3,0.2,...,0.062), each\n"
      "temperature starting from where the previous one ended. Methods (SPEC.md section 2):\n"
      "  swap    swap Monte Carlo (Ninarello, Berthier & Coslovich, PRX 7, 021039 (2017)): each attempt swaps\n"
      "          the diameters of two random particles with probability --p-swap (pairs differing by more\n"
      "          than --max-swap-difference are rejected at once), else displaces one particle uniformly in a\n"
      "          cube of side --delta; Metropolis acceptance. Time unit: sweeps of N attempts.\n"
      "  hybrid  NVT MD (velocity Verlet, Bussi thermostat) interrupted every --block-steps steps by\n"
      "          --block-swaps diameter-swap attempts (Berthier et al., J. Stat. Mech. (2019) 064004).\n"
      "  md      plain NVT MD, for comparison. Time unit of hybrid and md: MD time.\n"
      "\n"
      "Equilibration is measured, not assumed. F_s(k = 7, t) of the chain's own dynamics is computed between\n"
      "the current configuration and a reference renewed whenever F_s falls below 1/e; each such decay is one\n"
      "relaxation. At each temperature the burn-in lasts --burn-in-relaxations decays (and --burn-in time),\n"
      "the production --relaxations decays (and --production time); --max-time caps both (the summary then\n"
      "says equilibrated = 0). Production gives the mean E/N with an error bar from batches of two\n"
      "relaxation times, its drift between halves, and tau from F_s averaged over many time origins.\n"
      "\n"
      "Glasses: --snapshots K configurations taken during the production at the last temperature, one every\n"
      "--snapshot-relaxations decays (or every --snapshot-every of production time, which needs no decay:\n"
      "for short test runs under --max-time), each written with the energy of its inherent structure\n"
      "(FIRE + L-BFGS to --ftol); fewer glasses than asked for is a failure (exit 65). Crystallisation is watched at every sample (fraction of solid-like particles from q6 bond\n"
      "order); a crystallised replica stops, writes no glass and the tool fails (exit 65) after the tables.\n"
      "Quench: --quench-temperature T runs NVT MD from the final configuration with fresh velocities at T.\n"
      "\n"
      "Outputs in the folder -o: trace.tsv (one row per sample), summary.tsv (one row per replica and\n"
      "temperature), fs.tsv (averaged F_s), final-RRR.xyz, glass-RRR-KKKK.xyz and glasses.tsv, quench.tsv.\n"
      "Tables are rewritten at each checkpoint with ##complete=false and at the end with ##complete=true.\n"
      "Checkpoints (checkpoint-RRR.tlsbin, every --checkpoint-every seconds) make a killed run resumable:\n"
      "run the same command again and it continues exactly where it stopped, to the same bytes. A\n"
      "checkpoint written with other settings, or corrupt, is an error (exit 65), never silently used.\n"
      "Progress (time done, rate, E/N, relaxations, time left at this temperature) goes to stderr.");
  tool.add_output("output folder (required; created if missing)", true);
  tool.add_seed();
  tool.add_threads();
  tool.add("System")("particles", "N for random and lattice starts (without INPUT)", cxxopts::value<int>()->default_value("1500"), "N")(
      "start", "random (then FIRE removes overlaps) or lattice (simple cubic)", cxxopts::value<std::string>()->default_value("random"), "HOW")(
      "replicas", "independent replicas, run in parallel over --threads", cxxopts::value<int>()->default_value("1"), "R");
  tool.add("Method")("method", "swap, hybrid or md", cxxopts::value<std::string>()->default_value("swap"), "M")(
      "T,temperature", "temperature ladder, e.g. 0.3,0.2,0.1 (required)", cxxopts::value<std::vector<double>>(), "T,...")(
      "p-swap", "swap: probability that an attempt is a diameter swap", cxxopts::value<double>()->default_value("0.2"), "P")(
      "delta", "swap: side of the displacement cube (sigma)", cxxopts::value<double>()->default_value("0.115"), "D")(
      "max-swap-difference", "swaps of diameters differing by more are rejected before any energy", cxxopts::value<double>()->default_value("0.2"), "S")(
      "tune-acceptance", "swap: during burn-in, scale --delta towards this displacement acceptance (0 = off)", cxxopts::value<double>()->default_value("0"), "A")(
      "skin", "swap: neighbour skin (speed only; results do not depend on it)", cxxopts::value<double>()->default_value("0.4"), "S")(
      "diameter-slack", "swap: diameter growth before a neighbour refresh (speed only)", cxxopts::value<double>()->default_value("0.2"), "S")(
      "dt", "hybrid, md: MD time step", cxxopts::value<double>()->default_value("0.005"), "DT")(
      "tau", "hybrid, md: Bussi thermostat time constant", cxxopts::value<double>()->default_value("1"), "TAU")(
      "block-steps", "hybrid, md: MD steps per block", cxxopts::value<long>()->default_value("20"), "S")(
      "block-swaps", "hybrid: swap attempts after each block (0 = N)", cxxopts::value<long>()->default_value("0"), "S");
  tool.add("Run length (time units: sweeps for swap, MD time for hybrid and md)")(
      "burn-in", "least burn-in time at each temperature", cxxopts::value<double>()->default_value("0"), "T")(
      "burn-in-relaxations", "F_s decays below 1/e needed to end the burn-in", cxxopts::value<int>()->default_value("5"), "K")(
      "production", "least production time at each temperature", cxxopts::value<double>()->default_value("0"), "T")(
      "relaxations", "F_s decays needed to end the production", cxxopts::value<int>()->default_value("10"), "K")(
      "max-time", "cap on the time at each temperature (0 = none)", cxxopts::value<double>()->default_value("0"), "T")(
      "k", "wave number of F_s(k, t)", cxxopts::value<double>()->default_value("7"), "K")(
      "samples-per-relaxation", "samples per relaxation time (sets the sample interval)", cxxopts::value<int>()->default_value("20"), "S");
  tool.add("Glasses and quench")(
      "snapshots", "glasses to cut at the last temperature", cxxopts::value<int>()->default_value("0"), "K")(
      "snapshot-relaxations", "F_s decays between snapshots", cxxopts::value<int>()->default_value("3"), "K")(
      "snapshot-every", "production time between snapshots instead of decays (0 = use --snapshot-relaxations)",
      cxxopts::value<double>()->default_value("0"), "T")(
      "ftol", "inherent structures: stop at max_i |F_i| < FTOL", cxxopts::value<double>()->default_value("1e-10"), "F")(
      "bond-cut", "crystal watch: bonds at r < CUT sigma_ij", cxxopts::value<double>()->default_value("1.35"), "CUT")(
      "crystal-fraction", "crystal watch: solid-like fraction that counts as crystallised", cxxopts::value<double>()->default_value("0.1"), "F")(
      "quench-temperature", "quench the final configuration to these temperatures", cxxopts::value<std::vector<double>>(), "T,...")(
      "quench-time", "MD time of each quench", cxxopts::value<double>()->default_value("100"), "T")(
      "quench-every", "MD time between quench rows", cxxopts::value<double>()->default_value("0.5"), "T")(
      "quench-tau", "thermostat time constant of the quench", cxxopts::value<double>()->default_value("0.1"), "TAU");
  tool.add("Checkpoints")("checkpoint-every", "seconds between checkpoints (0 = at every sample)", cxxopts::value<double>()->default_value("300"), "S")(
      "keep-checkpoints", "keep the checkpoint files after success");
  tool.set_positional({"input"});
  tool.leave_out_of_command("checkpoint-every", true);
  tool.leave_out_of_command("keep-checkpoints", false);
  tool.set_epilog(
      "Examples:\n"
      "  tls-equilibrate --seed 1 -T 0.3,0.2,0.15,0.12,0.1 -o line/\n"
      "  tls-equilibrate --seed 7 -T 0.062 --snapshots 10 line/final-000.xyz -o glasses/\n"
      "  tls-equilibrate --seed 1 -T 0.15 --method hybrid --particles 1500 -o hybrid/\n"
      "Formats: docs/formats/tls-eqtrace.md, tls-equilibrium.md, tls-fs.md, tls-glasses.md, tls-quench.md,\n"
      "tls-equilibrate-state.md (checkpoints); page: docs/tools/tls-equilibrate.md");
  const auto parsed = tool.parse(argc, argv);
  if (!parsed) return 0;
  const auto& opt = *parsed;

  tls::EquilibrateOptions o;
  const auto inputs = opt.count("input") ? opt["input"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (inputs.size() > 1) throw tls::UsageError("at most one input configuration");
  if (!inputs.empty()) {
    o.start = tls::StartKind::file;
    o.input = inputs[0];
  } else {
    o.start = tls::start_from_name(opt["start"].as<std::string>());
  }
  if (tool.output() == "-") throw tls::UsageError("-o must name an output folder (tls-equilibrate writes several files)");
  if (!opt.count("temperature")) throw tls::UsageError("--temperature is required (try 'tls-equilibrate --help')");
  o.temperatures = opt["temperature"].as<std::vector<double>>();
  o.particles = opt["particles"].as<int>();
  o.seed = tool.seed();
  o.replicas = opt["replicas"].as<int>();
  o.chain.method = tls::method_from_name(opt["method"].as<std::string>());
  o.chain.mc.p_swap = opt["p-swap"].as<double>();
  o.chain.mc.delta = opt["delta"].as<double>();
  o.chain.mc.max_swap_difference = opt["max-swap-difference"].as<double>();
  o.chain.mc.skin = opt["skin"].as<double>();
  o.chain.mc.diameter_slack = opt["diameter-slack"].as<double>();
  o.tune_acceptance = opt["tune-acceptance"].as<double>();
  o.chain.md.dt = opt["dt"].as<double>();
  o.chain.md.tau = opt["tau"].as<double>();
  o.chain.block_steps = opt["block-steps"].as<long>();
  o.chain.block_swaps = opt["block-swaps"].as<long>();
  o.burn_in = opt["burn-in"].as<double>();
  o.burn_in_relaxations = opt["burn-in-relaxations"].as<int>();
  o.production = opt["production"].as<double>();
  o.relaxations = opt["relaxations"].as<int>();
  o.max_time = opt["max-time"].as<double>();
  o.k = opt["k"].as<double>();
  o.samples_per_relaxation = opt["samples-per-relaxation"].as<int>();
  o.snapshots = opt["snapshots"].as<int>();
  o.snapshot_relaxations = opt["snapshot-relaxations"].as<int>();
  o.snapshot_every = opt["snapshot-every"].as<double>();
  o.minimizer.ftol = opt["ftol"].as<double>();
  o.order.bond_cut = opt["bond-cut"].as<double>();
  o.crystal_fraction = opt["crystal-fraction"].as<double>();
  if (opt.count("quench-temperature")) o.quench_temperatures = opt["quench-temperature"].as<std::vector<double>>();
  o.quench_time = opt["quench-time"].as<double>();
  o.quench_every = opt["quench-every"].as<double>();
  o.quench_tau = opt["quench-tau"].as<double>();
  tls::validate(o);

  tls::EquilibrateContext ctx;
  ctx.output_dir = tool.output();
  ctx.provenance = tool.provenance(inputs);
  ctx.threads = tool.threads();
  ctx.progress = !tool.quiet();
  ctx.checkpoint_interval = opt["checkpoint-every"].as<double>();
  ctx.keep_checkpoints = opt.count("keep-checkpoints") > 0;
  const auto report = tls::equilibrate(o, ctx);
  tool.note(std::string(report.resumed ? "resumed from checkpoints; " : "") + std::to_string(report.replicas) +
            " replica(s) done, " + std::to_string(report.glasses) + " glass(es) written to " + ctx.output_dir);
  if (report.capped)
    tool.warn(std::to_string(report.capped) +
              " temperature run(s) stopped at --max-time before the relaxation criteria: see equilibrated = 0 in summary.tsv");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return tls::cli::run("tls-equilibrate", [&] { return run_equilibrate(argc, argv); });
}
