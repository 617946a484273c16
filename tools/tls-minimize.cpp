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
  tool.add("Minimiser")("algorithm", "fire+lbfgs, fire or lbfgs", cxxopts::value<std::string>()->default_value("fire+lbfgs"), "NAME")(
      "ftol", "stop when max_i |F_i| < FTOL (eps/sigma)", cxxopts::value<double>()->default_value("1e-10"), "FTOL")(
      "switch-ftol", "fire+lbfgs: switch to L-BFGS below this force", cxxopts::value<double>()->default_value("1e-3"), "F")(
      "fire-max-step", "FIRE: largest per-particle step (sigma)", cxxopts::value<double>()->default_value("0.1"), "DX")(
      "fire-dt-max", "FIRE: largest time step", cxxopts::value<double>()->default_value("0.05"), "DT")(
      "lbfgs-max-step", "L-BFGS: largest per-particle step (sigma)", cxxopts::value<double>()->default_value("0.05"), "DX")(
      "lbfgs-memory", "L-BFGS: stored correction pairs", cxxopts::value<int>()->default_value("10"), "M")(
      "max-force-calls", "give up after this many force evaluations", cxxopts::value<long>()->default_value("2000000"), "N")(
      "keep-unconverged", "write the output even if --ftol was not reached (exit 0)")(
      "skin", "neighbour-list skin (sigma)", cxxopts::value<double>()->default_value("0.3"), "S");
  tool.add("Spectrum")(
      "spectrum",
      "also write the Hessian eigenvalues of the minimum to FILE (tls-spectrum table, the 3 translation zero modes "
      "removed; dense, about a minute at N = 1500), for tls-density's harmonic specific heat",
      cxxopts::value<std::string>(), "FILE")(
      "glass", "the '##glass=' name in the spectrum table (default: the input's file name)",
      cxxopts::value<std::string>(), "NAME");
  tool.add("Formats")("from", "input format: auto, xyz, lammps", cxxopts::value<std::string>()->default_value("auto"), "FMT")(
      "to", "output format: auto, xyz, lammps", cxxopts::value<std::string>()->default_value("auto"), "FMT");
  tool.set_positional({"input"});
  tool.set_epilog(
      "Examples:\n  tls-minimize glass.xyz -o is.xyz\n  tls-minimize glass.xyz -o is.xyz --spectrum spectrum.tsv\n"
      "Formats: docs/formats/configuration.md, tls-spectrum.md");
  const auto parsed = tool.parse(argc, argv);
  if (!parsed) return 0;
  const auto& opt = *parsed;
  const auto inputs = opt.count("input") ? opt["input"].as<std::vector<std::string>>() : std::vector<std::string>{"-"};
  if (inputs.size() != 1) throw tls::UsageError("exactly one input configuration expected");

  tls::MinimizerOptions mo;
  mo.algorithm = tls::min_algorithm_from_name(opt["algorithm"].as<std::string>());
  mo.ftol = opt["ftol"].as<double>();
  mo.switch_ftol = opt["switch-ftol"].as<double>();
  mo.fire.max_step = opt["fire-max-step"].as<double>();
  mo.fire.dt_max = opt["fire-dt-max"].as<double>();
  mo.lbfgs.max_step = opt["lbfgs-max-step"].as<double>();
  mo.lbfgs.memory = opt["lbfgs-memory"].as<int>();
  mo.max_force_calls = opt["max-force-calls"].as<long>();
  if (!(mo.ftol > 0) || !(mo.switch_ftol > 0) || !(mo.fire.max_step > 0) || !(mo.fire.dt_max > 0) ||
      !(mo.lbfgs.max_step > 0) || mo.lbfgs.memory < 1 || mo.max_force_calls < 1)
    throw tls::UsageError("minimiser tolerances, steps, memory and budgets must be positive");
  const double skin = opt["skin"].as<double>();
  if (!(skin > 0)) throw tls::UsageError("--skin must be positive");

  tls::ReadOptions ro;
  ro.format = tls::config_format_from_name(opt["from"].as<std::string>());
  const auto to = tls::output_format(tool.output(), tls::config_format_from_name(opt["to"].as<std::string>()));
  tls::AtomicOutput out(tool.output());
  std::unique_ptr<tls::AtomicOutput> spectrum_out;
  if (opt.count("spectrum")) spectrum_out = std::make_unique<tls::AtomicOutput>(opt["spectrum"].as<std::string>());
  auto config = tls::read_configuration(inputs[0], ro);
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
    throw tls::DataError(tls::display_name(inputs[0]), 0,
                         "minimisation did not reach max|F| < " + tls::format_double(mo.ftol) + " (" + report.stop_reason +
                             ", max|F| = " + tls::format_sci(report.max_force, 2) + ")");
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
    glass.glass = opt.count("glass") ? opt["glass"].as<std::string>() : tls::display_name(inputs[0]);
    glass.particles = n;
    auto meta = tool.provenance(inputs);
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
