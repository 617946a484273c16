// tls-neb: climbing-image nudged elastic bands between pairs of minima, split at intermediate
// minima, into double-well potentials and their V(xi) profiles (SPEC.md section 5).
#include <filesystem>
#include <iostream>

#include "tls/cli/cli.hpp"
#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/io/binary.hpp"
#include "tls/io/files.hpp"
#include "tls/neb/run.hpp"

namespace {

int run_neb(int argc, char** argv) {
  tls::cli::Tool tool(
      "tls-neb", "climbing-image NEB between pairs of minima -> double-well potentials and V(xi) profiles",
      "LIBRARY PAIRS | A B",
      "Library mode: LIBRARY is a tls-minima library of one glass or a tls-explore folder (its minima.tlsmin),\n"
      "PAIRS a tls-pairs table (tls-pairs output, '-' = stdin; read: pair (or id), a, b: minimum ids). Single-pair "
      "mode: A and B are two configuration files (extended XYZ or LAMMPS data)\n"
      "of the same glass. For each pair: both minima are re-minimised to max|F_i| < 1e-10 and oriented\n"
      "deeper first; a band of --images images (end points included) starts on the straight line between\n"
      "them (per-particle minimum images, relative centre-of-mass shift removed); plain NEB runs until the\n"
      "largest perpendicular force is below --perp-ftol, then the highest image climbs until the largest NEB\n"
      "force is below --neb-ftol. A band that does not converge in --max-iterations, has no interior maximum,\n"
      "or has dips that all relax into its end points is retried once with twice the images, then labelled.\n"
      "End points and interior dips of a converged profile are minimised (to --ftol); new minima split\n"
      "the pair into segments that are solved the same way, each becoming one double-well potential (DWP).\n"
      "Pairs run in parallel (--threads; with fewer pairs than threads, the images of a band do); results\n"
      "do not depend on the thread count.\n"
      "\n"
      "Outputs in the folder -o: dwp.tsv (tls-dwp: dV, Va, Vb, d, d_end, PR, PR_particle, d/sqrt(PR), ...),\n"
      "profiles.tsv (tls-profile: V(xi) from image energies and tangential forces by cubic Hermite\n"
      "interpolation, continued beyond both ends with the true energy along the end tangent, harmonic where\n"
      "that fails), status.tsv (tls-neb-status: one row per pair: dwp, split, partial, non-dw, unconverged,\n"
      "identical or failed, with the reason), bands/<id>.xyz with --bands, and checkpoint.tlsbin: a killed\n"
      "run started again with the same command skips the pairs already done. New minima found between the\n"
      "end points go to <folder>/new-minima.tlsmin (or --new-minima FILE); LIBRARY is never modified. In\n"
      "single-pair mode all minima go to <folder>/minima.tlsmin.");
  // Options are stored straight into the run's config; their defaults (shown by --help) are the structs'
  // own. The method bundle is applied after parsing to the options it sets and that were not given.
  tls::neb::NebRunConfig c;
  auto& n = c.pair.neb;
  const tls::neb::NebMethod default_method = tls::neb::NebMethod::classic;
  using tls::cli::bound;
  // tls-neb's --help has always spelled numbers with format_double ("1e-06"); kept byte-identical.
  auto bound_number = [](double& field) {
    return cxxopts::value<double>(field)->default_value(tls::format_double(field));
  };
  tool.add_output("output folder (required)", true);
  tool.add_threads();
  tool.add("Band")("images", "images including the two end points", bound(n.images), "M")(
      "spring", "spring constant (eps/sigma^2)", bound_number(n.spring), "K")(
      "perp-ftol", "stage 1 (plain NEB) ends below this perpendicular force", bound_number(n.perp_ftol), "F")(
      "neb-ftol", "stage 2 (climbing image) ends below this NEB force", bound_number(n.ftol), "F")(
      "no-climb", "no climbing image (plain NEB to --neb-ftol)")(
      "max-iterations", "optimiser steps per band, both stages", bound(n.max_iterations), "N")(
      "neb-optimizer", "band optimiser: lbfgs or fire",
      cxxopts::value<std::string>()->default_value(tls::neb::to_string(n.optimizer)),
      "NAME")("neb-lbfgs-memory", "band L-BFGS: stored correction pairs", bound(n.lbfgs.memory), "M")(
      "neb-lbfgs-max-step", "band L-BFGS: largest per-particle step (sigma)", bound_number(n.lbfgs.max_step), "DX")(
      "neb-lbfgs-form",
      "band L-BFGS direction: two-loop, compact or compact-single (same H, other rounding; single: history in "
      "float)",
      cxxopts::value<std::string>(),
      "FORM")("neb-fire-dt-max", "band FIRE: largest time step", bound_number(n.fire.dt_max), "DT")(
      "neb-fire-max-step", "band FIRE: largest per-particle step (sigma)", bound_number(n.fire.max_step), "DX")(
      "no-retry", "do not retry a failed band with twice the images");
  tool.add("Minima and splitting")("ftol", "minimiser: end points and intermediate minima to max|F_i| below this",
                                   bound_number(c.pair.minimizer.ftol), "F")(
      "dip-tol", "an interior dip must be this deep (eps) to split at it", bound_number(c.pair.dip_tolerance), "E")(
      "max-intermediate", "give up (non-dw) after this many intermediate minima per pair",
      bound(c.pair.max_intermediate),
      "N")("same-energy", "same minimum: |dE| below this (eps) ...", bound_number(c.pair.same_energy), "E")(
      "same-distance", "... and every particle within this (sigma)", bound_number(c.pair.same_distance), "D")(
      "no-saddle-check",
      "skip counting negative Hessian modes at the climbing image (sparse LDL^T; a DWP needs exactly 1)");
  tool.add("Profiles")("samples", "profile samples per band segment", bound(c.pair.samples), "N")(
      "continuation", "continue V beyond each end out to this many d", bound_number(c.pair.continuation.range), "R")(
      "continuation-height", "... or until V is this many barriers above the end",
      bound_number(c.pair.continuation.height), "H");
  tool.add("Input and output")("glass", "single-pair mode: glass id of the outputs", bound(c.glass), "ID")(
      "id", "single-pair mode: pair id", bound(c.pair_id), "ID")(
      "from", "single-pair mode: configuration format auto, xyz, lammps",
      cxxopts::value<std::string>()->default_value(tls::to_string(c.read.format)), "FMT")(
      "new-minima", "library mode: write new minima to this tls-minima file (default <folder>/new-minima.tlsmin)",
      bound(c.new_minima), "FILE")("bands", "write each segment's final band to <folder>/bands/<id>.xyz")(
      "restart", "ignore the checkpoint of an earlier run and start over")("skin", "neighbour-list skin (sigma)",
                                                                           bound_number(c.skin), "S");
  // Method bundles (issue 12): kept in their own block so that renames elsewhere merge cleanly.
  tool.add("Method")(
      "neb-method",
      "classic (SPEC.md 5: --neb-ftol 1e-6, saddle check), fast (--climb-ftol 1e-4, --neb-ftol 1e-4, "
      "--no-saddle-check), fast-compact (fast with --neb-lbfgs-form compact-single) or fast-coarse "
      "(fast-compact with --coarse-images 8 --stall-iterations 2000); options given explicitly override the "
      "method's",
      cxxopts::value<std::string>()->default_value(tls::neb::to_string(default_method)),
      "NAME")("climb-ftol",
              "stage 2 also ends once the climbing image's force is below this and every perpendicular force below "
              "--perp-ftol (0 = off; default: the method's)",
              cxxopts::value<double>(),
              "F")("coarse-images",
                   "start each pair's band from its straight path relaxed as a band of this many images (0 = off; "
                   "default: the method's)",
                   cxxopts::value<int>(), "M")(
      "coarse-ftol", "... until that band's perpendicular forces are below this", bound_number(c.pair.coarse_ftol),
      "F")("stall-iterations",
           "give up a retry band (twice the images) whose largest NEB force is still above --stall-force after "
           "this many iterations of a stage (labelled unconverged, \"stalled\"; 0 = off; default: the method's)",
           cxxopts::value<long>(),
           "N")("stall-force", "... see --stall-iterations (eps/sigma)", bound_number(c.pair.neb.stall_force), "F")(
      "saddle-check", "count negative Hessian modes at the climbing image even where the method skips it");
  tool.set_positional({"inputs"});
  // One vocabulary across the tools (docs/options.md): --ftol is the minimiser's tolerance, the band's
  // settings carry neb-. Old spellings keep working until 0.2.
  tool.deprecate("end-ftol", "ftol");
  for (const char* o : {"optimizer", "lbfgs-memory", "lbfgs-max-step", "fire-dt-max", "fire-max-step"})
    tool.deprecate(o, std::string("neb-") + o);
  bool ftol_given = false;
  for (int i = 1; i < argc; ++i)
    ftol_given = ftol_given || std::string(argv[i]) == "--ftol" || std::string(argv[i]).rfind("--ftol=", 0) == 0;
  tool.set_epilog(
      "Examples:\n"
      "  tls-neb explore/ pairs.tsv -o neb/ -j 2           (explore/ from tls-explore)\n"
      "  tls-pairs explore/ --max-dE 0.1 | tls-neb explore/ - -o neb/\n"
      "  tls-neb is-a.xyz is-b.xyz -o one-pair/ --bands\n"
      "Formats: docs/formats/tls-dwp.md, tls-profile.md, tls-neb-status.md, tls-minima.md.\n"
      "Method: Henkelman, Uberuaga & Jonsson, J. Chem. Phys. 113, 9901 (2000) (climbing image);\n"
      "Henkelman & Jonsson, J. Chem. Phys. 113, 9978 (2000) (improved tangent). docs/tools/tls-neb.md.");
  const auto opt = tool.arguments(argc, argv);
  if (ftol_given)
    tool.warn(
        "--ftol now means the minimiser's tolerance (end points, intermediate minima; was --end-ftol) as in "
        "the other tools; the NEB force tolerance it meant until now is --neb-ftol");
  const auto inputs = tls::cli::values(opt, "inputs");
  if (inputs.size() != 2) throw tls::UsageError("two inputs expected: LIBRARY PAIRS, or two configurations A B");

  std::error_code ec;
  if (std::filesystem::is_directory(inputs[0], ec)) {
    c.library = (std::filesystem::path(inputs[0]) / "minima.tlsmin").string();  // a tls-explore folder
    c.pairs = inputs[1];
  } else if (!tls::is_std_stream(inputs[0]) && tls::bin::is_tls_bin(inputs[0])) {
    c.library = inputs[0];
    c.pairs = inputs[1];
  } else {
    c.config_a = inputs[0];
    c.config_b = inputs[1];
  }
  c.output = tool.output();
  if (c.output == "-") throw tls::UsageError("-o FOLDER is required (the outputs are several files)");
  c.threads = tool.threads();
  // The method's bundle sets the band tolerances and the saddle check; options given explicitly override it.
  const tls::neb::PairOptions bundle =
      tls::neb::pair_options(tls::neb::neb_method_from_name(opt["neb-method"].as<std::string>()));
  auto given = [&](const char* name) { return opt.count(name) > 0; };
  n.climb = !given("no-climb");
  n.optimizer = tls::neb::band_optimizer_from_name(opt["neb-optimizer"].as<std::string>());
  c.pair.retry_doubled = !given("no-retry");
  if (!given("neb-ftol")) n.ftol = bundle.neb.ftol;
  if (!given("perp-ftol")) n.perp_ftol = bundle.neb.perp_ftol;
  c.pair.coarse_images = given("coarse-images") ? opt["coarse-images"].as<int>() : bundle.coarse_images;
  n.stall_iterations = given("stall-iterations") ? opt["stall-iterations"].as<long>() : bundle.neb.stall_iterations;
  n.climb_ftol = given("climb-ftol") ? opt["climb-ftol"].as<double>() : bundle.neb.climb_ftol;
  n.lbfgs.form = given("neb-lbfgs-form") ? tls::neb::lbfgs_form_from_name(opt["neb-lbfgs-form"].as<std::string>())
                                         : bundle.neb.lbfgs.form;
  if (given("saddle-check") && given("no-saddle-check"))
    throw tls::UsageError("--saddle-check and --no-saddle-check contradict each other");
  c.pair.check_saddle = !given("no-saddle-check") && (bundle.check_saddle || given("saddle-check"));
  c.read.format = tls::config_format_from_name(opt["from"].as<std::string>());
  c.write_bands = given("bands");
  c.restart = given("restart");
  tls::neb::validate(c);
  if (!c.library.empty() && (given("glass") || given("id")))
    throw tls::UsageError("--glass and --id are for single-pair mode (two configuration files)");
  c.provenance = tool.provenance(inputs);

  const auto s = tls::neb::run_neb(c, tool.progress());
  tool.note(std::to_string(s.pairs) + " pairs (" + std::to_string(s.resumed) +
            " from the checkpoint): " + std::to_string(s.dwps) + " DWPs, " + std::to_string(s.non_dw) + " non-DW, " +
            std::to_string(s.unconverged) + " unconverged, " + std::to_string(s.failed) + " failed; " +
            std::to_string(s.duplicates) + " repeated DWPs, " + std::to_string(s.new_minima) + " new minima; " +
            std::to_string(s.force_calls) + " force calls; " + std::to_string(s.bad_saddles) +
            " segments dropped for a climbing image that is not a first-order saddle");
  if (s.failed + s.unconverged > 0)
    tool.warn(std::to_string(s.failed + s.unconverged) + " pair(s) failed or did not converge: see status.tsv");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return tls::cli::run("tls-neb", [&] { return run_neb(argc, argv); });
}
