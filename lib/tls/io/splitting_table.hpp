// The `tls-splitting` table (docs/formats/tls-splitting.md): tunnel splittings of double wells,
// one row per profile and mass, written by tls-split and read by tls-density.
//
// Energies in epsilon, d in sigma, rates in 1/tau with tau = sqrt(m sigma^2 / epsilon).
#pragma once

#include <iosfwd>
#include <limits>
#include <string>
#include <vector>

#include "tls/io/glass_info.hpp"
#include "tls/io/table.hpp"

namespace tls {

/// One splitting. Columns a foreign writer may omit read back as NaN (flag as "ok").
struct SplittingRecord {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  std::string id;
  double mass = nan;          ///< dimensionless mass m~ = m sigma^2 epsilon / hbar^2
  double d = nan;             ///< path length (sigma)
  double dV = nan;            ///< V(right minimum) - V(left minimum)
  double Vb = nan;            ///< barrier V_top - (V_left + V_right)/2; NaN without an interior barrier
  double E1 = nan, E2 = nan;  ///< the two lowest levels
  double splitting = nan;     ///< E = E2 - E1 (an upper bound when flag contains "floor")
  double err = nan;           ///< estimated absolute error of `splitting`
  double Delta = nan;         ///< asymmetry: ground level of the right well minus that of the left
  double Delta0 = nan;        ///< tunnelling element sqrt(max(E^2 - Delta^2, 0))
  double S_wkb = nan;         ///< WKB action through the barrier at the upper well's level, in units of hbar
  double Delta0_wkb = nan;    ///< WKB (Landau-Lifshitz) tunnelling element, epsilon
  double rate_wkb = nan;      ///< WKB escape rate from the upper well, 1/tau
  double wall = nan;          ///< estimated shift of the levels caused by the domain walls, epsilon
  long grid = 0;              ///< grid points of the finer of the two Richardson grids
  std::string precision;      ///< arithmetic of the final solve: "double" or "long-double"
  std::string flag = "ok";    ///< "ok" or comma-separated words (docs/formats/tls-splitting.md)
};

struct SplittingTable {
  std::string source;
  GlassInfo glass;
  std::vector<double> masses;  ///< from `##masses=` (the masses the table was computed for); may be empty
  std::vector<SplittingRecord> rows;
};

inline constexpr int kSplittingMajor = 1;
inline constexpr int kSplittingMinor = 0;

/// Column names written by write_splitting_table, in order.
const std::vector<std::string>& splitting_columns();

/// Writes a tls-splitting table: `meta` (provenance, method), the glass keys, then the rows.
void write_splitting_table(std::ostream& out, const Metadata& meta, const GlassInfo& glass,
                           const std::vector<SplittingRecord>& rows);

/// Reads a tls-splitting table ("-" = stdin). Required columns: id, mass, splitting; every other
/// column is optional, and so is the `##masses=m1,m2` line (tls-split writes it). Throws InputError or DataError
/// (file:line) for another format or major version, missing required columns, mass <= 0, a negative or non-finite
/// splitting, or the same (id, mass) twice. Zero rows is valid (a glass without double wells).
SplittingTable read_splitting_table(const std::string& path);
/// The same from a reader whose header has been read (to dispatch on its format first).
SplittingTable read_splitting_table(TableReader& reader);

/// True when the flag column contains `word` as one of its comma-separated words.
bool flag_has(const std::string& flag, const std::string& word);

}  // namespace tls
