// tls-convert: a configuration in any supported format to extended XYZ or LAMMPS data, with its energy.
#include <cmath>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "tls/cli/cli.hpp"
#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/io/configuration_io.hpp"
#include "tls/io/files.hpp"
#include "tls/io/minima_library.hpp"
#include "tls/io/text.hpp"
#include "tls/io/view.hpp"
#include "tls/model/force_field.hpp"

namespace {

std::vector<double> parse_list(const std::string& s, const std::string& what) {
  std::vector<double> v;
  for (auto t : tls::split_on(s, ',')) v.push_back(tls::parse_double(tls::trim(t), "--" + what, 0, what));
  return v;
}

// Frame K of a multi-frame XYZ file (each frame: a count line, a comment line, count lines).
std::string xyz_frame(const std::string& path, long k) {
  std::ifstream file;
  if (!tls::is_std_stream(path)) {
    file.open(path);
    if (!file) throw tls::InputError(path, "cannot open");
  }
  std::istream& in = tls::is_std_stream(path) ? std::cin : file;
  std::vector<std::string> frames;
  std::string line;
  long lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (tls::trim(line).empty()) continue;
    long n = 0;
    try {
      n = std::stol(std::string(tls::trim(line)));
    } catch (const std::exception&) {
      throw tls::DataError(tls::display_name(path), lineno, "expected the particle count of a frame");
    }
    if (n < 1) throw tls::DataError(tls::display_name(path), lineno, "expected a positive particle count");
    std::string text = line + '\n';
    for (long i = 0; i < n + 1 && std::getline(in, line); ++i, ++lineno) text += line + '\n';
    frames.push_back(std::move(text));
  }
  const long count = static_cast<long>(frames.size());
  const long index = k < 0 ? count + k : k;
  if (index < 0 || index >= count)
    throw tls::UsageError("--frame " + std::to_string(k) + ": " + tls::display_name(path) + " has " +
                          std::to_string(count) + " frame" + (count == 1 ? "" : "s") + " (0 to " +
                          std::to_string(count - 1) + ")");
  return frames[static_cast<std::size_t>(index)];
}

int convert(int argc, char** argv) {
  tls::cli::Tool tool("tls-convert", "convert a configuration and record its energy", "[INPUT]",
                      "Reads one configuration (extended XYZ, or a LAMMPS data file in atomic, charge or sphere\n"
                      "style) and writes it as extended XYZ or LAMMPS data (charge style, diameters in the charge\n"
                      "column). The total energy of the model is computed and written (energy= key); E/N goes to\n"
                      "stderr. INPUT defaults to stdin. A minima library (tls-minima, from tls-explore or tls-neb) is\n"
                      "read too: --minimum ID picks the inherent structure to write.");
  tool.add_output("output file ('-' = stdout); the format follows --to, else the extension (.data/.lmp = LAMMPS)");
  // Defaults come from the library's settings, not written again here.
  tls::ReadOptions ro;
  const tls::ConfigFormat to_default = tls::ConfigFormat::automatic;
  tool.add("Formats")("from", "input format: auto, xyz, lammps",
                      cxxopts::value<std::string>()->default_value(tls::to_string(ro.format)),
                      "FMT")("to", "output format: auto, xyz, lammps",
                             cxxopts::value<std::string>()->default_value(tls::to_string(to_default)), "FMT")(
      "type-diameters", "diameter of each atom type of an atomic-style LAMMPS file, comma-separated",
      cxxopts::value<std::string>(), "D1,D2,...")(
      "minimum", "INPUT is a tls-minima library: write its minimum of this id", cxxopts::value<std::uint64_t>(), "ID")(
      "frame",
      "INPUT is a multi-frame extended XYZ file (a trajectory, ASE or OVITO output): write frame K "
      "(0 = first, -1 = last)",
      cxxopts::value<long>(), "K");
  tool.add("Viewing")("wrap",
                      "wrap positions into the cell [0, L)^3 (Origin taken into account, then set to 0) so "
                      "that ASE and OVITO draw every particle inside the box")(
      "displacement",
      "write the displacement field from INPUT to B (a configuration, or a minimum id of the "
      "library INPUT): extended XYZ with displacement:R:3 and displacement_norm:R:1 per particle, wrapped",
      cxxopts::value<std::string>(), "B")("no-wrap", "with --displacement: keep the positions as they are");
  tool.set_positional({"input"});
  tool.set_epilog(
      "Examples:\n"
      "  tls-convert 2.044404608E-01.conf.txt -o is.xyz      authors' LAMMPS file to extended XYZ\n"
      "  tls-convert glass.xyz --to lammps > glass.data\n"
      "  tls-convert explore/minima.tlsmin --minimum 17 -o is17.xyz     one minimum of a library\n"
      "  tls-convert movie.xyz --frame -1 -o last.xyz              last frame of a multi-frame file\n"
      "  tls-convert glass.xyz --wrap -o view.xyz                  every particle inside the box\n"
      "  tls-convert explore/minima.tlsmin --minimum 3 --displacement 7 -o d.xyz   displacement field 3 -> 7\n"
      "Formats: docs/formats/configuration.md");
  const auto opt = tool.arguments(argc, argv);
  const std::string input = tool.single_input(opt, "input configuration", "-");

  ro.format = tls::config_format_from_name(opt["from"].as<std::string>());
  if (opt.count("type-diameters"))
    ro.type_diameters = parse_list(opt["type-diameters"].as<std::string>(), "type-diameters");
  const auto to = tls::output_format(tool.output(), tls::config_format_from_name(opt["to"].as<std::string>()));
  tls::AtomicOutput out(tool.output());
  tls::Configuration config;
  if (!tls::is_std_stream(input) && tls::bin::is_tls_bin(input)) {
    if (!opt.count("minimum")) throw tls::UsageError(input + " is a minima library: choose one with --minimum ID");
    config = tls::read_library_minimum(input, opt["minimum"].as<std::uint64_t>());
  } else if (opt.count("frame")) {
    if (opt.count("minimum")) throw tls::UsageError("--minimum needs a tls-minima library as input");
    const std::string frame = xyz_frame(input, opt["frame"].as<long>());
    config = tls::parse_configuration(frame, tls::display_name(input), ro);
  } else if (opt.count("minimum")) {
    // The input is the problem, not the command line: it cannot be opened (66) or is no library (65).
    (void)tls::read_all(input);
    throw tls::DataError(tls::display_name(input), 0, "not a tls-minima library (--minimum needs one)");
  } else {
    config = tls::read_configuration(input, ro);
  }

  // The energy of the wrapped positions: the neighbour list counts images in 32 bits, so far-unwrapped
  // coordinates (2^31 box lengths) would otherwise lose their neighbours.
  tls::ForceField ff(config.box, config.diameters);
  const double e = ff.energy(tls::wrapped_positions(config.box, config.positions));
  if (!std::isfinite(e)) throw tls::DataError(tls::display_name(input), 0, "the energy is not finite");
  if (opt.count("displacement")) {
    if (to != tls::ConfigFormat::xyz) throw tls::UsageError("--displacement writes extended XYZ (not --to lammps)");
    const std::string b = opt["displacement"].as<std::string>();
    tls::Configuration other;
    if (opt.count("minimum") && b.find_first_not_of("0123456789") == std::string::npos)
      other = tls::read_library_minimum(input, std::stoull(b));
    else
      other = tls::read_configuration(b, ro);
    if (other.size() != config.size() || other.box.length != config.box.length)
      throw tls::DataError(tls::display_name(b), 0,
                           "not the same glass as " + tls::display_name(input) + " (particle count or box differ)");
    const Eigen::VectorXd field = tls::relative_displacement(config.box, config.positions, other.positions);
    if (!opt.count("no-wrap")) tls::wrap_into_cell(config);
    config.velocities.resize(0);
    config.set_info("tool", tool.provenance()[0].second);
    config.set_info("displacement_to", tls::display_name(b));
    tool.note("N=" + std::to_string(config.size()) + " largest displacement " +
              tls::format_sci(tls::max_displacement(config.box, Eigen::VectorXd::Zero(field.size()), field), 3) +
              " sigma");
    tls::write_displacement_xyz(out.stream(), config, field, e);
    out.commit();
    return 0;
  }
  if (opt.count("wrap")) tls::wrap_into_cell(config);
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
