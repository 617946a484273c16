// The `tls-profile` table (docs/formats/tls-profile.md): potential-energy profiles V(xi) of double
// wells along their reaction path, one row per sample, written by tls-neb and read by tls-split.
//
//   #%tls-profile 1.0
//   ##glass=<id>            (optional; carried to the splittings)
//   ##particles=<N>         (optional; carried to the splittings)
//   #id  d  xi  V           (extra columns are ignored)
//
// Units: d in sigma (path length, constant within an id), xi in path units (0 and 1 are the two
// minima; samples may lie outside [0, 1]), V in epsilon.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "tls/io/glass_info.hpp"
#include "tls/io/table.hpp"

namespace tls {

/// One double-well profile: samples (xi_k, V_k), xi strictly increasing, at least 3 of them.
struct Profile {
  std::string id;
  double d = 0;            ///< path length (sigma), > 0
  std::vector<double> xi;  ///< path coordinate of each sample
  std::vector<double> v;   ///< energy of each sample (epsilon)
  long line = 0;           ///< line of the first sample in the source (0 when not read from a file)
};

struct ProfileTable {
  std::string source;             ///< file name as shown in messages
  GlassInfo glass;                ///< carried metadata
  std::vector<Profile> profiles;  ///< in file order; may be empty (a glass without double wells)
};

inline constexpr int kProfileMajor = 1;
inline constexpr int kProfileMinor = 0;

/// Reads and validates a tls-profile table ("-" = stdin). Throws InputError (cannot open) or
/// DataError with file:line for: another format or major version, missing columns, non-numeric or
/// non-finite values, d <= 0, d changing within an id, xi not strictly increasing within an id,
/// samples of one id that are not contiguous, fewer than 3 samples. A table with a header and no
/// rows is valid (no profiles); an empty file is not.
ProfileTable read_profile_table(const std::string& path);

/// Writes a tls-profile table (for tls-neb and tests): `meta` first (provenance), then the glass
/// keys, then one row per sample.
void write_profile_table(std::ostream& out, const Metadata& meta, const GlassInfo& glass,
                         const std::vector<Profile>& profiles);

}  // namespace tls
