// The `tls-dwp` table (docs/formats/tls-dwp.md): classical parameters of double-well potentials,
// one row per DWP, written by tls-neb and read by tls-density (Fig. 2 pdfs, PR versus E).
//
// Energies in epsilon, lengths in sigma. Paper: Khomenko et al., PRL 124, 225901 (2020), Fig. 1(c)
// and Fig. 2; participation ratios as in SPEC.md section 5.
#pragma once

#include <iosfwd>
#include <limits>
#include <string>
#include <vector>

#include "tls/io/glass_info.hpp"
#include "tls/io/table.hpp"

namespace tls {

struct DwpRecord {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  std::string id;            ///< same id as the DWP's profile and splittings
  double dV = nan;           ///< asymmetry V(1) - V(0) >= 0 (xi = 0 is the deeper minimum)
  double Va = nan;           ///< activation energy max V - V(0)
  double Vb = nan;           ///< barrier V_a - dV/2
  double d = nan;            ///< arc length of the path (sigma)
  double d_end = nan;        ///< end-to-end distance in 3N dimensions (sigma)
  double PR = nan;           ///< participation ratio over Cartesian components, 1..3N
  double PR_particle = nan;  ///< per-particle participation ratio, 1..N
  double d_sqrtPR = nan;     ///< d_end / sqrt(PR): both from the end-to-end displacement
};

struct DwpTable {
  std::string source;
  GlassInfo glass;
  std::vector<DwpRecord> rows;
};

inline constexpr int kDwpMajor = 1;
inline constexpr int kDwpMinor = 0;

/// Writes a tls-dwp table (for tls-neb and tests).
void write_dwp_table(std::ostream& out, const Metadata& meta, const GlassInfo& glass,
                     const std::vector<DwpRecord>& rows);

/// Reads a tls-dwp table ("-" = stdin). Required columns: id, dV, Vb, d, PR; optional: Va, d_end,
/// PR_particle, d_sqrtPR (computed as d_end/sqrt(PR), or d/sqrt(PR) without d_end, when absent). Extra columns are
/// ignored. Throws InputError or DataError (file:line) for another format or major version, missing columns, non-finite
/// values, dV < 0, d <= 0, PR < 1, or an id given twice. Zero rows is valid.
DwpTable read_dwp_table(const std::string& path);
/// The same from a reader whose header has been read (to dispatch on its format first).
DwpTable read_dwp_table(TableReader& reader);

}  // namespace tls
