// tls-minimize: a configuration to its inherent structure (FIRE, then L-BFGS to max|F_i| < 1e-10).
#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>

#include "tls/cli/cli.hpp"
#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/io/configuration_io.hpp"
#include "tls/io/files.hpp"
#include "tls/io/spectrum_table.hpp"
#include "tls/minimize/minimize.hpp"
#include "tls/model/force_field.hpp"
#include "tls/model/spectrum.hpp"

namespace {

int run_minimize(int argc, char** argv) {
  tls::cli::Tool tool(
      "tls-minimize", "minimise a configuration to its inherent structure", "[INPUT]",
      "Minimises the energy of one configuration (extended XYZ or LAMMPS data; stdin by default) and\n"
      "writes the inherent structure as extended XYZ with its energy, the minimiser settings and the\n"
      "final force. The default is FIRE 2.0 while max_i |F_i| > --switch-ftol, then L-BFGS down to\n"
      "--ftol (1e-10, SPEC.md section 3), falling back to FIRE if L-BFGS stalls. E/N before and after,\n"
      "the final max force and the largest particle displacement go to stderr. A run that does not reach\n"
      "--ftol fails (exit 65) and writes nothing unless --keep-unconverged.");
  tool.add_output();
  // Options are stored straight into the library's settings; their defaults are the structs' own.
  tls::MinimizerOptions mo;
  double skin = 0.3;  // neighbour-list skin of the tool's force field (speed only)
  tls::ReadOptions ro;
  tls::ConfigFormat to_format = tls::ConfigFormat::automatic;
  using tls::cli::bound;
  tool.add("Minimiser")("algorithm", "fire+lbfgs, fire or lbfgs",
                        cxxopts::value<std::string>()->default_value(tls::to_string(mo.algorithm)),
                        "NAME")("ftol", "stop when max_i |F_i| < FTOL (eps/sigma)", bound(mo.ftol), "FTOL")(
      "switch-ftol", "fire+lbfgs: switch to L-BFGS below this force", bound(mo.switch_ftol), "F")(
      "fire-max-step", "FIRE: largest per-particle step (sigma)", bound(mo.fire.max_step), "DX")(
      "fire-dt-max", "FIRE: largest time step", bound(mo.fire.dt_max), "DT")(
      "lbfgs-max-step", "L-BFGS: largest per-particle step (sigma)", bound(mo.lbfgs.max_step), "DX")(
      "lbfgs-memory", "L-BFGS: stored correction pairs", bound(mo.lbfgs.memory), "M")(
      "max-force-calls", "give up after this many force evaluations", bound(mo.max_force_calls), "N")(
      "keep-unconverged", "write the output even if --ftol was not reached (exit 0)")(
      "skin", "neighbour-list skin (sigma)", bound(skin), "S");
  tool.add("Spectrum")(
      "spectrum",
      "also write the Hessian eigenvalues of the minimum to FILE (tls-spectrum table, the 3 translation zero modes "
      "removed; dense, about a minute at N = 1500), for tls-density's harmonic specific heat",
      cxxopts::value<std::string>(),
      "FILE")("glass", "the '##glass=' name in the spectrum table (default: the input's file name)",
              cxxopts::value<std::string>(), "NAME");
  tool.add("Formats")("from", "input format: auto, xyz, lammps",
                      cxxopts::value<std::string>()->default_value(tls::to_string(ro.format)),
                      "FMT")("to", "output format: auto, xyz, lammps",
                             cxxopts::value<std::string>()->default_value(tls::to_string(to_format)), "FMT");
  tool.set_positional({"input"});
  tool.set_epilog(
      "Examples:\n  tls-minimize glass.xyz -o is.xyz\n  tls-minimize glass.xyz -o is.xyz --spectrum spectrum.tsv\n"
      "Formats: docs/formats/configuration.md, tls-spectrum.md");
  const auto opt = tool.arguments(argc, argv);
  const std::string input = tool.single_input(opt, "input configuration", "-");
  mo.algorithm = tls::min_algorithm_from_name(opt["algorithm"].as<std::string>());
  tls::validate(mo);
  if (!(skin > 0)) throw tls::UsageError("--skin must be positive, got " + tls::format_double(skin));
  ro.format = tls::config_format_from_name(opt["from"].as<std::string>());
  const auto to = tls::output_format(tool.output(), tls::config_format_from_name(opt["to"].as<std::string>()));
  tls::AtomicOutput out(tool.output());
  std::unique_ptr<tls::AtomicOutput> spectrum_out;
  if (opt.count("spectrum")) spectrum_out = std::make_unique<tls::AtomicOutput>(opt["spectrum"].as<std::string>());
  auto config = tls::read_configuration(input, ro);
  const int n = config.size();
  const tls::Configuration start = config;

  tls::ForceField ff(config.box, config.diameters, skin);
  Eigen::VectorXd f(3 * n);
  const double e0 = ff.energy_forces(config.positions, f);
  const double f0 = tls::max_particle_norm(f);
  const auto report = tls::minimize(ff, config.positions, mo);
  const double moved = tls::max_displacement(start, config.positions);
  tool.note("E/N before " + tls::format_fixed(e0 / n, 12) + " (max|F| " + tls::format_sci(f0, 2) + "), after " +
            tls::format_fixed(report.energy / n, 12) + " (max|F| " + tls::format_sci(report.max_force, 2) + "); " +
            std::to_string(report.iterations) + " iterations, " + std::to_string(report.force_calls) +
            " force calls; largest displacement " + tls::format_sci(moved, 2) + " sigma; " + report.stop_reason);
  if (!report.converged && !opt.count("keep-unconverged"))
    throw tls::DataError(tls::display_name(input), 0,
                         "minimisation did not reach max|F| < " + tls::format_double(mo.ftol) + " (" +
                             report.stop_reason + ", max|F| = " + tls::format_sci(report.max_force, 2) + ")");
  config.velocities.resize(0);
  config.info.clear();
  config.set_info("tool", tool.provenance()[0].second);
  config.set_info("minimizer", tls::describe(mo));
  config.set_info("max_force", tls::format_sci(report.max_force, 3));
  config.set_info("converged", report.converged ? "T" : "F");
  tls::write_configuration(out.stream(), config, to, report.energy);
  if (spectrum_out) {
    const auto s = tls::hessian_spectrum(ff, config.positions);
    tls::GlassInfo glass;
    glass.glass = opt.count("glass") ? opt["glass"].as<std::string>() : tls::display_name(input);
    glass.particles = n;
    auto meta = tool.provenance({input});
    meta.emplace_back("energy", tls::format_double(report.energy));
    tls::write_spectrum_table(spectrum_out->stream(), meta, glass, s.modes, s.zero);
    tool.note("spectrum: " + std::to_string(s.modes.size()) + " modes, lambda " + tls::format_sci(s.modes.front(), 3) +
              " ... " + tls::format_sci(s.modes.back(), 3) + "; zero modes removed: |lambda| <= " +
              tls::format_sci(std::max(std::fabs(s.zero.front()), std::fabs(s.zero.back())), 2));
    spectrum_out->commit();
  }
  out.commit();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return tls::cli::run("tls-minimize", [&] { return run_minimize(argc, argv); });
}
