// tls-convert: a configuration in any supported format to extended XYZ or LAMMPS data, with its energy.
#include <cmath>
#include <iostream>

#include "tls/cli/cli.hpp"
#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/io/configuration_io.hpp"
#include "tls/io/files.hpp"
#include "tls/io/minima_library.hpp"
#include "tls/io/text.hpp"
#include "tls/model/force_field.hpp"

namespace {

std::vector<double> parse_list(const std::string& s, const std::string& what) {
  std::vector<double> v;
  for (auto t : tls::split_on(s, ',')) v.push_back(tls::parse_double(tls::trim(t), "--" + what, 0, what));
  return v;
}

int convert(int argc, char** argv) {
  tls::cli::Tool tool("tls-convert", "convert a configuration and record its energy", "[INPUT]",
                      "Reads one configuration (extended XYZ, or a LAMMPS data file in atomic, charge or sphere\n"
                      "style) and writes it as extended XYZ or LAMMPS data (charge style, diameters in the charge\n"
                      "column). The total energy of the model is computed and written (energy= key); E/N goes to\n"
                      "stderr. INPUT defaults to stdin. A minima library (tls-minima, from tls-explore or tls-neb) is\n"
                      "read too: --minimum ID picks the inherent structure to write.");
  tool.add_output("output file ('-' = stdout); the format follows --to, else the extension (.data/.lmp = LAMMPS)");
  tool.add("Formats")("from", "input format: auto, xyz, lammps", cxxopts::value<std::string>()->default_value("auto"), "FMT")(
      "to", "output format: auto, xyz, lammps", cxxopts::value<std::string>()->default_value("auto"), "FMT")(
      "type-diameters", "diameter of each atom type of an atomic-style LAMMPS file, comma-separated",
      cxxopts::value<std::string>(), "D1,D2,...")(
      "minimum", "INPUT is a tls-minima library: write its minimum of this id", cxxopts::value<std::uint64_t>(), "ID");
  tool.set_positional({"input"});
  tool.set_epilog(
      "Examples:\n"
      "  tls-convert 2.044404608E-01.conf.txt -o is.xyz      authors' LAMMPS file to extended XYZ\n"
      "  tls-convert glass.xyz --to lammps > glass.data\n"
      "  tls-convert explore/minima.tlsmin --minimum 17 -o is17.xyz     one minimum of a library\n"
      "Formats: docs/formats/configuration.md");
  const auto parsed = tool.parse(argc, argv);
  if (!parsed) return 0;
  const auto& opt = *parsed;
  const auto inputs = opt.count("input") ? opt["input"].as<std::vector<std::string>>() : std::vector<std::string>{"-"};
  if (inputs.size() != 1) throw tls::UsageError("exactly one input configuration expected");

  tls::ReadOptions ro;
  ro.format = tls::config_format_from_name(opt["from"].as<std::string>());
  if (opt.count("type-diameters")) ro.type_diameters = parse_list(opt["type-diameters"].as<std::string>(), "type-diameters");
  const auto to = tls::output_format(tool.output(), tls::config_format_from_name(opt["to"].as<std::string>()));
  tls::AtomicOutput out(tool.output());
  tls::Configuration config;
  if (!tls::is_std_stream(inputs[0]) && tls::bin::is_tls_bin(inputs[0])) {
    if (!opt.count("minimum")) throw tls::UsageError(inputs[0] + " is a minima library: choose one with --minimum ID");
    config = tls::read_library_minimum(inputs[0], opt["minimum"].as<std::uint64_t>());
  } else if (opt.count("minimum")) {
    // The input is the problem, not the command line: it cannot be opened (66) or is no library (65).
    (void)tls::read_all(inputs[0]);
    throw tls::DataError(tls::display_name(inputs[0]), 0, "not a tls-minima library (--minimum needs one)");
  } else {
    config = tls::read_configuration(inputs[0], ro);
  }

  // The energy of the wrapped positions: the neighbour list counts images in 32 bits, so far-unwrapped
  // coordinates (2^31 box lengths) would otherwise lose their neighbours.
  tls::ForceField ff(config.box, config.diameters);
  const double e = ff.energy(tls::wrapped_positions(config.box, config.positions));
  if (!std::isfinite(e)) throw tls::DataError(tls::display_name(inputs[0]), 0, "the energy is not finite");
  config.set_info("tool", tool.provenance()[0].second);
  tool.note("N=" + std::to_string(config.size()) + " L=" + tls::format_g17(config.box.length) +
            " E=" + tls::format_g17(e) + " E/N=" + tls::format_fixed(e / config.size(), 12));
  tls::write_configuration(out.stream(), config, to, e);
  out.commit();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return tls::cli::run("tls-convert", [&] { return convert(argc, argv); });
}
