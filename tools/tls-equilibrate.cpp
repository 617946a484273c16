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
      "(FIRE + L-BFGS to --ftol); fewer glasses than asked for is a failure (exit 65). Crystallisation is watched at "
      "every sample (fraction of solid-like particles from q6 bond\n"
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
  // Options are stored straight into the library's settings; their defaults are the structs' own.
  tls::EquilibrateOptions o;
  tls::EquilibrateContext ctx;
  using tls::cli::bound;
  auto& mc = o.chain.mc;
  tool.add("System")("particles", "N for random and lattice starts (without INPUT)", bound(o.particles), "N")(
      "start", "random (then FIRE removes overlaps) or lattice (simple cubic)",
      cxxopts::value<std::string>()->default_value(tls::to_string(o.start)),
      "HOW")("replicas", "independent replicas, run in parallel over --threads", bound(o.replicas), "R");
  tool.add("Method")("method", "swap, hybrid or md",
                     cxxopts::value<std::string>()->default_value(tls::to_string(o.chain.method)), "M")(
      "T,temperature", "temperature ladder, e.g. 0.3,0.2,0.1 (required)", cxxopts::value<std::vector<double>>(),
      "T,...")("p-swap", "swap: probability that an attempt is a diameter swap", bound(mc.p_swap), "P")(
      "delta", "swap: side of the displacement cube (sigma)", bound(mc.delta), "D")(
      "max-swap-difference", "swaps of diameters differing by more are rejected before any energy",
      bound(mc.max_swap_difference),
      "S")("tune-acceptance", "swap: during burn-in, scale --delta towards this displacement acceptance (0 = off)",
           bound(o.tune_acceptance),
           "A")("skin", "swap: neighbour skin (speed only; results do not depend on it)", bound(mc.skin), "S")(
      "diameter-slack", "swap: diameter growth before a neighbour refresh (speed only)", bound(mc.diameter_slack), "S")(
      "dt", "hybrid, md: MD time step", bound(o.chain.md.dt), "DT")("tau", "hybrid, md: Bussi thermostat time constant",
                                                                    bound(o.chain.md.tau), "TAU")(
      "block-steps", "hybrid, md: MD steps per block", bound(o.chain.block_steps), "S")(
      "block-swaps", "hybrid: swap attempts after each block (0 = N)", bound(o.chain.block_swaps), "S");
  tool.add("Run length (time units: sweeps for swap, MD time for hybrid and md)")(
      "burn-in", "least burn-in time at each temperature", bound(o.burn_in), "T")(
      "burn-in-relaxations", "F_s decays below 1/e needed to end the burn-in", bound(o.burn_in_relaxations), "K")(
      "production", "least production time at each temperature", bound(o.production), "T")(
      "relaxations", "F_s decays needed to end the production", bound(o.relaxations), "K")(
      "max-time", "cap on the time at each temperature (0 = none)", bound(o.max_time), "T")(
      "k", "wave number of F_s(k, t)", bound(o.k), "K")("samples-per-relaxation",
                                                        "samples per relaxation time (sets the sample interval)",
                                                        bound(o.samples_per_relaxation), "S");
  tool.add("Glasses and quench")("snapshots", "glasses to cut at the last temperature", bound(o.snapshots), "K")(
      "snapshot-relaxations", "F_s decays between snapshots", bound(o.snapshot_relaxations), "K")(
      "snapshot-every", "production time between snapshots instead of decays (0 = use --snapshot-relaxations)",
      bound(o.snapshot_every),
      "T")("ftol", "inherent structures: stop at max_i |F_i| < FTOL", bound(o.minimizer.ftol), "F")(
      "bond-cut", "crystal watch: bonds at r < CUT sigma_ij", bound(o.order.bond_cut), "CUT")(
      "crystal-fraction", "crystal watch: solid-like fraction that counts as crystallised", bound(o.crystal_fraction),
      "F")("quench-temperature", "quench the final configuration to these temperatures",
           cxxopts::value(o.quench_temperatures),
           "T,...")("quench-time", "MD time of each quench", bound(o.quench_time), "T")(
      "quench-every", "MD time between quench rows", bound(o.quench_every), "T")(
      "quench-tau", "thermostat time constant of the quench", bound(o.quench_tau), "TAU");
  tool.add("Checkpoints")("checkpoint-every", "seconds between checkpoints (0 = at every sample)",
                          bound(ctx.checkpoint_interval),
                          "S")("keep-checkpoints", "keep the checkpoint files after success");
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
  const auto opt = tool.arguments(argc, argv);

  const auto inputs = tls::cli::values(opt, "input");
  if (inputs.size() > 1) throw tls::UsageError("at most one input configuration");
  if (!inputs.empty()) {
    o.start = tls::StartKind::file;
    o.input = inputs[0];
  } else {
    o.start = tls::start_from_name(opt["start"].as<std::string>());
  }
  if (tool.output() == "-")
    throw tls::UsageError("-o must name an output folder (tls-equilibrate writes several files)");
  if (!opt.count("temperature")) throw tls::UsageError("--temperature is required (try 'tls-equilibrate --help')");
  o.temperatures = opt["temperature"].as<std::vector<double>>();
  o.seed = tool.seed();
  o.chain.method = tls::method_from_name(opt["method"].as<std::string>());
  tls::validate(o);

  ctx.output_dir = tool.output();
  ctx.provenance = tool.provenance(inputs);
  ctx.threads = tool.threads();
  ctx.progress = !tool.quiet();
  ctx.keep_checkpoints = opt.count("keep-checkpoints") > 0;
  const auto report = tls::equilibrate(o, ctx);
  tool.note(std::string(report.resumed ? "resumed from checkpoints; " : "") + std::to_string(report.replicas) +
            " replica(s) done, " + std::to_string(report.glasses) + " glass(es) written to " + ctx.output_dir);
  if (report.capped)
    tool.warn(std::to_string(report.capped) +
              " temperature run(s) stopped at --max-time before the relaxation criteria: see equilibrated = 0 in "
              "summary.tsv");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return tls::cli::run("tls-equilibrate", [&] { return run_equilibrate(argc, argv); });
}
