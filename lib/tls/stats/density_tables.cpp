// Writers of tls-density's tables (docs/formats/tls-density.md): every file atomically, and all
// of them only once each has been written.
#include <filesystem>
#include <memory>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/io/files.hpp"
#include "tls/io/table.hpp"
#include "tls/stats/density.hpp"

namespace tls {

namespace {

std::vector<Cell> interval_cells(const Interval& i, bool se) {
  std::vector<Cell> c = {i.value, i.lo, i.hi};
  if (se) c.emplace_back(i.se);
  return c;
}

void append(std::vector<Cell>& row, std::vector<Cell> more) {
  for (auto& c : more) row.push_back(std::move(c));
}

// The tables of one call, each opened as a temporary file beside its final name and committed only
// once all are written (the caller's exception drops them all).
class TableSet {
 public:
  TableSet(const std::string& dir, const Metadata& meta, const DensityOptions& o) : dir_(dir), meta_(meta), o_(o) {}

  std::unique_ptr<TableWriter> open(const std::string& name, const std::string& format) {
    paths_.push_back((std::filesystem::path(dir_) / name).string());
    outs_.push_back(std::make_unique<AtomicOutput>(paths_.back()));
    auto w = std::make_unique<TableWriter>(outs_.back()->stream(), format, 1, 0);
    w->meta(meta_);
    w->meta("bootstrap", std::to_string(o_.bootstrap) + " resamples of the glasses, percentile interval " +
                             format_double(o_.confidence));
    return w;
  }
  void commit() {
    for (auto& out : outs_) out->commit();
  }
  const std::vector<std::string>& paths() const { return paths_; }

 private:
  std::string dir_;
  const Metadata& meta_;
  const DensityOptions& o_;
  std::vector<std::unique_ptr<AtomicOutput>> outs_;
  std::vector<std::string> paths_;
};

void write_summary(TableSet& set, const std::vector<SummaryRow>& summary, const DensityOptions& o) {
  auto w = set.open("summary.tsv", "density-summary");
  w->meta("plateau", format_double(o.plateau_lo) + "," + format_double(o.plateau_hi));
  w->meta("units",
          "E_Q and n in epsilon; n0 per epsilon per particle; n0_SI in J^-1 m^-3 (n0/(epsilon sigma^3)); "
          "n_active = N N_g n(E_Q); n0 = mean of n(E)/E over the plateau points, n0_fit = intercept of the "
          "least-squares line n(E)/E = n0 + b E over the same points");
  w->columns({"mass",     "material", "glasses",        "particles",   "dwps",     "single",
              "floor",    "E_Q",      "plateau_points", "n0",          "n0_lo",    "n0_hi",
              "n0_se",    "n_active", "n_active_lo",    "n_active_hi", "n0_SI",    "n0_SI_lo",
              "n0_SI_hi", "n0_fit",   "n0_fit_lo",      "n0_fit_hi",   "n0_fit_se"});
  for (const auto& s : summary) {
    std::vector<Cell> row = {s.mass,   s.material.name, s.glasses, s.particles,     s.dwps,
                             s.single, s.floor,         s.e_q,     s.plateau_points};
    append(row, interval_cells(s.n0, true));
    append(row, interval_cells(s.n_active, false));
    append(row, interval_cells(s.n0_si, false));
    append(row, interval_cells(s.n0_fit, true));
    w->row(row);
  }
}

void write_curve(TableSet& set, const std::vector<CurveRow>& curve) {
  auto w = set.open("n_of_E.tsv", "density-curve");
  w->meta("units", "E in epsilon; n = count / (N N_g), per particle; n_over_E per epsilon per particle");
  w->columns({"mass", "E", "count", "n", "n_lo", "n_hi", "n_se", "n_over_E", "n_over_E_lo", "n_over_E_hi"});
  for (const auto& c : curve) {
    std::vector<Cell> row = {c.mass, c.e, c.count};
    append(row, interval_cells(c.n, true));
    append(row, interval_cells(c.n_over_e, false));
    w->row(row);
  }
}

// C(T) of the TLS or of the harmonic modes: `meta` goes before the shared "units" line.
void write_heat(TableSet& set, const std::string& name, const std::vector<HeatRow>& heat, const Metadata& meta,
                const std::string& units) {
  auto w = set.open(name, "specific-heat");
  w->meta(meta);
  w->meta("units", units);
  w->columns({"mass", "T", "C", "C_lo", "C_hi", "C_over_T", "C_over_T_lo", "C_over_T_hi"});
  for (const auto& h : heat) {
    std::vector<Cell> row = {h.mass, h.t};
    append(row, interval_cells(h.c, false));
    append(row, interval_cells(h.c_over_t, false));
    w->row(row);
  }
}

void write_pdf(TableSet& set, const Pdf& p) {
  auto w = set.open("pdf_" + p.quantity + ".tsv", "pdf");
  w->meta("quantity", p.quantity);
  w->meta("dwps", std::to_string(p.total));
  w->meta("outside", std::to_string(p.outside));
  w->meta("normalisation", "pdf = count / (dwps * (hi - lo)): integrates to 1 - outside/dwps");
  w->columns({"lo", "hi", "x", "count", "pdf", "pdf_lo", "pdf_hi"});
  for (const auto& b : p.rows) {
    std::vector<Cell> row = {b.lo, b.hi, (b.lo + b.hi) / 2, b.count};
    append(row, interval_cells(b.pdf, false));
    w->row(row);
  }
}

void write_pr_vs_e(TableSet& set, const std::vector<PrRow>& rows) {
  auto w = set.open("pr_vs_E.tsv", "pr-vs-e");
  w->meta("selection", "DWPs with splitting < E_Q = 2 pi / mass (active TLS), joined with their DWP rows");
  w->columns({"mass", "glass", "id", "splitting", "flag", "PR", "PR_particle", "d", "d_sqrtPR", "dV", "Vb"});
  for (const auto& p : rows)
    w->row({p.mass, p.glass, p.id, p.splitting, p.flag, p.dwp.PR, p.dwp.PR_particle, p.dwp.d, p.dwp.d_sqrtPR, p.dwp.dV,
            p.dwp.Vb});
}

void write_all(TableSet& set, const DensityReport& r, const DensityOptions& o) {
  if (r.tls_tables) {
    write_summary(set, r.summary, o);
    write_curve(set, r.curve);
    write_heat(set, "specific_heat.tsv", r.heat, {},
               "T in epsilon/k_B; C in k_B per particle: (1/(N N_g)) sum (E/2T)^2 sech^2(E/2T)");
  }
  if (!r.harmonic.empty())
    write_heat(set, "specific_heat_harmonic.tsv", r.harmonic,
               {{"contribution", "harmonic: Hessian modes of the inherent structures, zero modes removed"},
                {"glasses", std::to_string(r.harmonic_glasses)},
                {"modes", std::to_string(r.harmonic_modes)}},
               "T in epsilon/k_B; C in k_B per particle: (1/(N N_g)) sum_modes (x/2)^2 / sinh^2(x/2), "
               "x = sqrt(lambda/mass) / T");
  for (const auto& p : r.pdfs) write_pdf(set, p);
  if (!r.pdfs.empty()) write_pr_vs_e(set, r.pr_vs_e);
}

}  // namespace

std::vector<std::string> write_density_tables(const std::string& dir, const DensityReport& r, const Metadata& meta,
                                              const DensityOptions& o) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool existed = fs::exists(dir, ec);
  make_directories(dir);
  try {
    TableSet set(dir, meta, o);
    write_all(set, r, o);
    set.commit();
    return set.paths();
  } catch (...) {
    // The TableSet is gone: its temporary files were removed.
    if (!existed) fs::remove(dir, ec);  // only if we made it and it is empty
    throw;
  }
}

}  // namespace tls
