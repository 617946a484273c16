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

  // How tls-neb found the DWP (the further columns of the format; read when present).
  std::string pair = "-";          ///< id of the input pair it came from
  std::string kind = "simple";     ///< simple (the pair itself) or segment (of a split pair)
  long long a = -1, b = -1;        ///< minimum ids at xi = 0 and xi = 1
  double Ea = nan, Eb = nan;       ///< their total energies (eps)
  double xi_saddle = nan;          ///< xi of the climbing image
  long long images = 0;            ///< images of the final band
  long long iterations = 0;        ///< band optimiser steps
  long long force_calls = 0;       ///< energy/force evaluations
  double max_force = nan;          ///< largest NEB force of the final band (per particle)
  double saddle_force = nan;       ///< largest true force on the climbing image
  long long saddle_order = -1;     ///< negative Hessian modes at the climbing image (-1: not checked)
  std::string continuation = "-";  ///< continuation below 0 / above 1, e.g. line/harmonic
};

struct DwpTable {
  std::string source;
  GlassInfo glass;
  std::vector<DwpRecord> rows;
};

inline constexpr int kDwpMajor = 1;
inline constexpr int kDwpMinor = 0;

/// Writes a tls-dwp table with all 23 documented columns: `meta` (provenance), the glass keys,
/// then `after` (the run's settings and notes).
void write_dwp_table(std::ostream& out, const Metadata& meta, const GlassInfo& glass,
                     const std::vector<DwpRecord>& rows, const Metadata& after = {});

/// Reads a tls-dwp table ("-" = stdin). Required columns: id, dV, Vb, d, PR; optional: Va, d_end,
/// PR_particle, d_sqrtPR (computed as d_end/sqrt(PR), or d/sqrt(PR) without d_end, when absent), and
/// the further columns of tls-neb (pair ... continuation: defaults when absent). Unknown columns are
/// ignored. Throws InputError or DataError (file:line) for another format or major version, missing columns, non-finite
/// values, dV < 0, d <= 0, PR < 1, or an id given twice. Zero rows is valid.
DwpTable read_dwp_table(const std::string& path);
/// The same from a reader whose header has been read (to dispatch on its format first).
DwpTable read_dwp_table(TableReader& reader);

}  // namespace tls
