// Configuration files: extended XYZ and LAMMPS data (docs/formats/configuration.md).
//
// Read: extended XYZ with a cubic Lattice and a `diameter` (or `sigma`) column; LAMMPS data files in
// atomic style (diameters per type from ReadOptions), charge style (diameter in the charge column,
// as the authors' files) and sphere style. Written: extended XYZ
//   Lattice="L 0 0 0 L 0 0 0 L" Properties=species:S:1:pos:R:3:diameter:R:1[:vel:R:3] energy=<E> pbc="T T T"
// with 17 significant digits and species "X" (ASE's dummy element, which ASE and OVITO both read),
// or LAMMPS data in charge style.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "tls/model/configuration.hpp"

namespace tls {

enum class ConfigFormat { automatic, xyz, lammps };

/// "auto", "xyz" (or "extxyz"), "lammps" (or "data"); throws UsageError otherwise.
ConfigFormat config_format_from_name(const std::string& name);
/// "auto", "xyz" or "lammps": the names --from and --to show.
std::string to_string(ConfigFormat f);

struct ReadOptions {
  ConfigFormat format = ConfigFormat::automatic;
  /// Diameter of each LAMMPS atom type (index type-1), needed only for atomic-style files.
  std::vector<double> type_diameters;
  /// Reject configurations with two particles at distance zero (infinite energy).
  bool check_overlaps = true;
};

/// Reads one configuration ("-" = stdin). Throws InputError (cannot open) or DataError
/// (file:line: what is wrong) for anything malformed, truncated, non-finite or unphysical.
Configuration read_configuration(const std::string& path, const ReadOptions& options = {});
/// Parses a configuration from text; `source` names it in errors.
Configuration parse_configuration(std::string_view text, const std::string& source, const ReadOptions& options = {});

/// Writes extended XYZ. `energy` (total, eps) goes into the comment line when given.
void write_xyz(std::ostream& out, const Configuration& c, std::optional<double> energy);
/// Writes a LAMMPS data file, charge style (diameter in the charge column), wrapped positions
/// with image flags.
void write_lammps(std::ostream& out, const Configuration& c, std::optional<double> energy);

/// The format to write to `path`: `requested` unless automatic, then by extension (.data, .lmp,
/// .lammps = LAMMPS data), else extended XYZ.
ConfigFormat output_format(const std::string& path, ConfigFormat requested);

/// Writes in `format` to a stream (automatic means extended XYZ).
void write_configuration(std::ostream& out, const Configuration& c, ConfigFormat format, std::optional<double> energy);

/// Writes atomically to `path` ("-" = stdout) in output_format(path, format).
void write_configuration(const std::string& path, const Configuration& c, ConfigFormat format,
                         std::optional<double> energy);

}  // namespace tls
