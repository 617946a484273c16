// The density of two-level systems and the other tables of the paper's figures (SPEC.md section 7;
// Khomenko et al., PRL 124, 225901 (2020), Figs. 2 and 3, and the specific heat of its SM):
//
//   n(E) = (number of DWPs with splitting < E) / (N N_g)        (per particle and glass)
//   n0   = mean of n(E)/E over the grid points E in [plateau_lo, plateau_hi]  (default 1e-4..1e-3)
//   n_active = N N_g n(2 pi / m~)
//   C(T) = (1 / (N N_g)) sum_TLS (E/2T)^2 sech^2(E/2T)                  (k_B per particle)
//   C_harm(T) = (1 / (N N_g)) sum_glasses sum_modes (x/2)^2 / sinh^2(x/2),  x = sqrt(lambda/m~) / T
//               (the harmonic contribution of the Hessian modes of each inherent structure, SM)
//
// With glasses of different N, N N_g is the total number of particles, sum_g N_g. Error bars are
// percentile bootstrap intervals over glasses (bootstrap.hpp). Energies and temperatures in
// epsilon (k_B = 1); n in 1/(epsilon particle); n0 in SI via n0/(epsilon sigma^3).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tls/core/progress.hpp"
#include "tls/io/dwp_table.hpp"
#include "tls/io/spectrum_table.hpp"
#include "tls/io/splitting_table.hpp"
#include "tls/stats/bootstrap.hpp"

namespace tls {

/// One splitting as tls-density keeps it (a tls-splitting row without the columns it does not use).
struct SplitPoint {
  std::string id, flag;
  double mass = 0, splitting = 0;
  bool floor = false;   ///< flag "floor": splitting is an upper bound
  bool single = false;  ///< flag "single": no barrier, not a double well
};

/// Everything known about one glass.
struct GlassRecords {
  std::string glass;   ///< `##glass=` (or the file name when absent)
  long particles = 0;  ///< N
  bool has_splittings = false, has_dwps = false;
  std::vector<SplitPoint> splittings;  ///< all masses, sorted by (mass, id)
  std::vector<DwpRecord> dwps;         ///< sorted by id
};

/// The Hessian spectrum of one glass's inherent structure (a tls-spectrum table).
struct SpectrumGlass {
  std::string glass;           ///< `##glass=` (or the file name)
  long particles = 0;          ///< N
  std::vector<double> lambda;  ///< eigenvalues without the zero modes, ascending
};

struct DensityInput {
  std::vector<GlassRecords> glasses;   ///< sorted by glass id; includes empty glasses
  std::vector<SpectrumGlass> spectra;  ///< sorted by glass id; their own set of glasses (C_harm)
  std::vector<double> masses;          ///< masses analysed, ascending
  long declared_empty = 0;             ///< glasses added by --glasses without any table
};

struct AssembleOptions {
  std::optional<long> glasses;    ///< total number of glasses N_g (>= glasses seen)
  std::optional<long> particles;  ///< N for glasses whose tables do not say
  std::vector<double> masses;     ///< masses to analyse (empty: every mass found)
};

/// With spectra only (no splitting or DWP table), only C_harm is computed and `masses` is
/// required. Groups tables by their `##glass=` (file name when absent), one table at a time so that only
/// the columns in use are kept, and checks them: a glass's tables must agree on N; a (id, mass)
/// may appear once per glass and a DWP id once; every splitting table must have been computed for
/// the same masses (`##masses=`); a glass with a DWP table must have a splitting table when any
/// splitting table is given; N must be known for every glass. Glasses declared by `glasses` beyond
/// those seen count as glasses without DWPs. Throws DataError or UsageError.
class GlassAssembler {
 public:
  void add(SplittingTable&& t);
  void add(DwpTable&& t);
  /// A spectrum: one more glass for C_harm only (spectra are not matched to splitting tables).
  void add(SpectrumTable&& t);
  DensityInput finish(const AssembleOptions& o);
  long splitting_rows() const { return rows_; }

 private:
  std::map<std::string, GlassRecords> glasses_;
  std::map<std::string, SpectrumGlass> spectra_;
  std::map<std::string, std::string> dwp_source_;  // glass -> a DWP table of it, for messages
  std::vector<double> mass_set_;
  std::string mass_source_;
  std::set<double> found_masses_;
  bool any_splittings_ = false;
  long rows_ = 0;
};

/// The same for tables already in memory.
DensityInput assemble_glasses(std::vector<SplittingTable> splittings, std::vector<DwpTable> dwps,
                              const AssembleOptions& o);

struct DensityOptions {
  double e_min = 1e-7, e_max = 1e-1;  ///< log-spaced splitting grid
  int per_decade = 10;
  double plateau_lo = 1e-4, plateau_hi = 1e-3;
  double t_min = 1e-5, t_max = 1e-2;  ///< log-spaced temperature grid (epsilon/k_B)
  int t_per_decade = 10;
  int bootstrap = 1000;
  double confidence = 0.68;
  std::uint64_t seed = 0;
  int pdf_bins = 40;
  std::map<std::string, std::pair<double, double>> pdf_ranges;  ///< quantity -> [lo, hi)
  int threads = 1;
};

/// The material whose m~ is nearest (in log) to `mass`: argon (4116) or nickel (27504), with its
/// factor from n0 in 1/(epsilon sigma^3) to J^-1 m^-3 (SPEC.md section 7).
struct Material {
  std::string name;
  double si_factor;
};
Material material_for(double mass);

struct CurveRow {
  double mass, e;
  long count;  ///< DWPs with splitting < e, all glasses
  Interval n, n_over_e;
};
struct SummaryRow {
  double mass;
  Material material;
  long glasses, particles;   ///< N_g and sum of N
  long dwps, single, floor;  ///< rows counted, rows left out (flag single or failed), upper bounds among the counted
  double e_q;                ///< k_B T_Q = 2 pi / m~
  Interval n0, n_active, n0_si;
  int plateau_points;
  /// n0 from the least-squares line n(E)/E = n0 + b E over the plateau points (the expansion
  /// n(E) = n0 E + b E^2): where n(E)/E rises across the window the window mean n0 overstates the
  /// low-E plateau this intercept estimates (issue 15). Interval from the same bootstrap.
  Interval n0_fit{};
};
struct PdfRow {
  double lo, hi;
  long count;
  Interval pdf;
};
struct Pdf {
  std::string quantity;  ///< dV, Vb, d_sqrtPR, PR
  long total = 0;        ///< DWPs in all glasses (the normalisation)
  long outside = 0;      ///< DWPs outside [lo, hi) of the bins
  std::vector<PdfRow> rows;
};
struct PrRow {
  std::string glass, id, flag;
  double mass, splitting;
  DwpRecord dwp;
};
struct HeatRow {
  double mass, t;
  Interval c, c_over_t;
};

struct DensityReport {
  std::vector<CurveRow> curve;
  std::vector<SummaryRow> summary;
  std::vector<Pdf> pdfs;       ///< empty without DWP tables
  std::vector<PrRow> pr_vs_e;  ///< active TLS (E < 2 pi/m~) of glasses with DWP tables
  std::vector<HeatRow> heat;
  std::vector<HeatRow> harmonic;  ///< C_harm of the spectra (empty without spectra)
  long harmonic_glasses = 0, harmonic_modes = 0;
  bool tls_tables = true;        ///< false with spectra only: only the harmonic table is written
  long glasses_without_dwp = 0;  ///< glasses with splittings but no DWP table (missing from pr_vs_e)
};

/// Specific heat of one harmonic mode in k_B: (x/2)^2 / sinh^2(x/2) with x = hbar omega / k_B T;
/// 1 at x = 0 (classical), x^2 e^-x for large x.
double harmonic_mode_heat(double x);

/// Throws UsageError for grids without points, a plateau without grid points, a negative number
/// of resamples or a confidence outside (0, 1).
void check_density_options(const DensityOptions& o);

/// Computes every table. Throws UsageError (bad grids) or DataError (a splitting id missing from
/// its glass's DWP table).
DensityReport compute_density(const DensityInput& in, const DensityOptions& o, Progress* progress);

/// Writes the tables into `dir` (created if missing), each file atomically and all of them only
/// when every one was written: summary.tsv, n_of_E.tsv, specific_heat.tsv, and with DWP tables
/// pdf_dV.tsv, pdf_Vb.tsv, pdf_d_sqrtPR.tsv, pdf_PR.tsv, pr_vs_E.tsv, and with spectra
/// specific_heat_harmonic.tsv (docs/formats/tls-density.md).
/// Returns the paths written.
std::vector<std::string> write_density_tables(const std::string& dir, const DensityReport& r, const Metadata& meta,
                                              const DensityOptions& o);

}  // namespace tls
