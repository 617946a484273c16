// Assembly of glasses from splitting and DWP tables, n(E), n0, n_active, pdfs, PR versus E and the
// specific heat, with bootstrap intervals over glasses (see density.hpp).
#include "tls/stats/density.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/core/units.hpp"

namespace tls {

namespace {

std::string mass_list(const std::vector<double>& m) {
  std::string s;
  for (double x : m) s += (s.empty() ? "" : ",") + format_double(x);
  return "{" + s + "}";
}

void merge_particles(GlassRecords& g, const GlassInfo& info, const std::string& source) {
  if (!info.particles) return;
  if (g.particles == 0)
    g.particles = *info.particles;
  else if (g.particles != *info.particles)
    throw DataError(source, 0,
                    "glass '" + g.glass + "' has " + std::to_string(*info.particles) + " particles here but " +
                        std::to_string(g.particles) + " in another table");
}

// Log-spaced points from lo to hi (both included when hi is on the grid), per_decade per decade.
std::vector<double> log_grid(double lo, double hi, int per_decade, const std::string& what) {
  if (!(lo > 0 && hi > lo && per_decade >= 1))
    throw UsageError(what + ": need 0 < LO < HI and at least 1 point per decade");
  std::vector<double> g;
  const double l0 = std::log10(lo), l1 = std::log10(hi);
  const int n = static_cast<int>(std::floor((l1 - l0) * per_decade + 1e-9));
  for (int i = 0; i <= n; ++i) g.push_back(std::pow(10.0, l0 + static_cast<double>(i) / per_decade));
  return g;
}

}  // namespace

double harmonic_mode_heat(double x) {
  if (!(x > 0)) return 1;
  if (x > 1400) return 0;
  // (x/2)^2 / sinh^2(x/2) = x^2 e^-x / (1 - e^-x)^2, with expm1 for small x.
  const double d = std::expm1(-x);
  return x * x * std::exp(-x) / (d * d);
}

namespace {

// x^2 sech^2(x) without overflow.
double two_level_heat(double x) {
  if (x > 350) return 0;
  const double e = std::exp(-2 * x);
  return x * x * 4 * e / ((1 + e) * (1 + e));
}

}  // namespace

Material material_for(double mass) {
  const double to_ar = std::fabs(std::log(mass / kArgon.mass)), to_ni = std::fabs(std::log(mass / kNickel.mass));
  const MaterialConstants& m = to_ar <= to_ni ? kArgon : kNickel;
  return {std::string(m.name), m.n0_to_si};
}

void GlassAssembler::add(SplittingTable&& t) {
  const std::string name = t.glass.glass ? *t.glass.glass : t.source;
  GlassRecords& g = glasses_[name];
  g.glass = name;
  g.has_splittings = any_splittings_ = true;
  merge_particles(g, t.glass, t.source);
  std::vector<double> ms = t.masses;
  std::sort(ms.begin(), ms.end());
  if (!ms.empty()) {
    if (!mass_set_.empty() && ms != mass_set_)
      throw DataError(t.source, 0,
                      "split for masses " + mass_list(ms) + " but " + mass_source_ + " for " + mass_list(mass_set_) +
                          ": every glass must be split for the same masses");
    mass_set_ = ms;
    mass_source_ = t.source;
    found_masses_.insert(ms.begin(), ms.end());
  }
  g.splittings.reserve(g.splittings.size() + t.rows.size());
  for (auto& r : t.rows) {
    found_masses_.insert(r.mass);
    g.splittings.push_back({std::move(r.id), r.flag, r.mass, r.splitting, flag_has(r.flag, "floor"),
                            flag_has(r.flag, "single") || flag_has(r.flag, "failed")});
  }
  rows_ += static_cast<long>(t.rows.size());
  t.rows.clear();
}

void GlassAssembler::add(SpectrumTable&& t) {
  const std::string name = t.glass.glass ? *t.glass.glass : t.source;
  if (spectra_.count(name)) throw DataError(t.source, 0, "a second spectrum of glass '" + name + "'");
  spectra_[name] = {name, *t.glass.particles, std::move(t.lambda)};
}

void GlassAssembler::add(DwpTable&& t) {
  const std::string name = t.glass.glass ? *t.glass.glass : t.source;
  GlassRecords& g = glasses_[name];
  g.glass = name;
  g.has_dwps = true;
  dwp_source_.emplace(name, t.source);
  merge_particles(g, t.glass, t.source);
  for (auto& r : t.rows) g.dwps.push_back(std::move(r));
  t.rows.clear();
}

DensityInput GlassAssembler::finish(const AssembleOptions& o) {
  DensityInput in;
  std::set<long> sizes;
  for (auto& [name, g] : glasses_) {
    if (any_splittings_ && g.has_dwps && !g.has_splittings)
      throw DataError(dwp_source_[name], 0,
                      "DWP table of glass '" + name + "' has no splitting table (give both, or DWP tables only)");
    std::sort(g.splittings.begin(), g.splittings.end(), [](const SplitPoint& a, const SplitPoint& b) {
      return a.mass != b.mass ? a.mass < b.mass : a.id < b.id;
    });
    for (std::size_t i = 1; i < g.splittings.size(); ++i)
      if (g.splittings[i].mass == g.splittings[i - 1].mass && g.splittings[i].id == g.splittings[i - 1].id)
        throw DataError("id '" + g.splittings[i].id + "' at mass " + format_double(g.splittings[i].mass) +
                        " appears twice in the splitting tables of glass '" + name + "'");
    std::sort(g.dwps.begin(), g.dwps.end(), [](const DwpRecord& a, const DwpRecord& b) { return a.id < b.id; });
    for (std::size_t i = 1; i < g.dwps.size(); ++i)
      if (g.dwps[i].id == g.dwps[i - 1].id)
        throw DataError("DWP id '" + g.dwps[i].id + "' appears twice in the DWP tables of glass '" + name + "'");
    if (g.particles == 0) {
      if (!o.particles)
        throw UsageError("the number of particles of glass '" + name +
                         "' is unknown (no '##particles=' line): give --particles");
      g.particles = *o.particles;
    }
    sizes.insert(g.particles);
    in.glasses.push_back(std::move(g));
  }
  glasses_.clear();
  for (auto& [name, sg] : spectra_) in.spectra.push_back(std::move(sg));
  spectra_.clear();
  const long seen = static_cast<long>(in.glasses.size());
  if (o.glasses) {
    if (*o.glasses < seen)
      throw UsageError("--glasses " + std::to_string(*o.glasses) + " but the tables name " + std::to_string(seen) +
                       " glasses");
    long n = 0;
    if (o.particles)
      n = *o.particles;
    else if (sizes.size() == 1)
      n = *sizes.begin();
    else if (*o.glasses > seen)
      throw UsageError(
          "--glasses adds glasses without tables, and their number of particles is unknown: give --particles");
    for (long k = seen; k < *o.glasses; ++k) {
      GlassRecords g;
      g.glass = "(declared " + std::to_string(k - seen + 1) + ")";
      g.particles = n;
      g.has_splittings = any_splittings_;
      in.glasses.push_back(std::move(g));
    }
    in.declared_empty = *o.glasses - seen;
  }
  if (in.glasses.empty() && in.spectra.empty()) throw UsageError("no glasses: give splitting or DWP tables");
  if (in.glasses.empty() && o.masses.empty())
    throw UsageError("spectra without splitting tables: give the masses of C_harm with --mass");
  if (o.masses.empty()) {
    in.masses.assign(found_masses_.begin(), found_masses_.end());
  } else {
    in.masses = o.masses;
    std::sort(in.masses.begin(), in.masses.end());
    for (double m : in.masses)
      if (!found_masses_.empty() && found_masses_.count(m) == 0)
        throw DataError("no splitting table has mass " + format_double(m) + " (found " +
                        mass_list(std::vector<double>(found_masses_.begin(), found_masses_.end())) + ")");
  }
  return in;
}

DensityInput assemble_glasses(std::vector<SplittingTable> splittings, std::vector<DwpTable> dwps,
                              const AssembleOptions& o) {
  GlassAssembler a;
  for (auto& t : splittings) a.add(std::move(t));
  for (auto& t : dwps) a.add(std::move(t));
  return a.finish(o);
}

namespace {

std::vector<int> plateau_points(const std::vector<double>& e_grid, const DensityOptions& o) {
  std::vector<int> plateau;
  for (int i = 0; i < static_cast<int>(e_grid.size()); ++i) {
    const double e = e_grid[static_cast<std::size_t>(i)];
    if (e >= o.plateau_lo * (1 - 1e-9) && e <= o.plateau_hi * (1 + 1e-9)) plateau.push_back(i);
  }
  if (plateau.empty()) throw UsageError("--plateau contains no point of the energy grid");
  return plateau;
}

}  // namespace

void check_density_options(const DensityOptions& o) {
  if (o.bootstrap < 0) throw UsageError("--bootstrap must be 0 or more, got " + std::to_string(o.bootstrap));
  if (!(o.confidence > 0 && o.confidence < 1))
    throw UsageError("--confidence must lie in (0, 1), got " + format_double(o.confidence));
  if (o.pdf_bins < 1) throw UsageError("--pdf-bins must be positive, got " + std::to_string(o.pdf_bins));
  for (const auto& [q, range] : o.pdf_ranges) {
    if (q != "dV" && q != "Vb" && q != "d_sqrtPR" && q != "PR")
      throw UsageError("--pdf-range: the quantity must be one of dV, Vb, d_sqrtPR, PR, got '" + q + "'");
    if (!(range.second > range.first)) throw UsageError("--pdf-range " + q + ": need LO < HI");
  }
  if (!(o.plateau_lo > 0 && o.plateau_hi >= o.plateau_lo)) throw UsageError("--plateau: need 0 < LO <= HI");
  log_grid(o.t_min, o.t_max, o.t_per_decade, "--temperatures");
  plateau_points(log_grid(o.e_min, o.e_max, o.per_decade, "--energy-range"), o);
}

namespace {

// The grids and the bootstrap every part of compute_density shares.
struct Setup {
  std::vector<double> e_grid, t_grid;
  std::vector<int> plateau;
  Eigen::VectorXd particles;  // N of each glass: the denominators of every ratio
  long total_particles = 0;
};

// Splittings of one glass at `mass`, sorted, without the rows that are not double wells (`single`,
// `failed`), which are counted in s.single; upper bounds (`floor`) are counted in s.floor.
std::vector<double> glass_splittings(const GlassRecords& g, double mass, SummaryRow& s) {
  std::vector<double> e;
  for (const auto& r : g.splittings) {
    if (r.mass != mass) continue;
    if (r.single) {
      ++s.single;
      continue;
    }
    s.floor += r.floor;
    e.push_back(r.splitting);
  }
  s.dwps += static_cast<long>(e.size());
  std::sort(e.begin(), e.end());
  return e;
}

// Weights w_i of the intercept of the least-squares line count/E = a + b E over the plateau points,
// a = sum_i w_i count_i / E_i with w_i = (Sxx - Sx E_i) / (k Sxx - Sx^2) (the mean for one point).
std::vector<double> plateau_fit_weights(const Setup& su) {
  const auto& plateau = su.plateau;
  std::vector<double> w(plateau.size(), 1.0 / static_cast<double>(plateau.size()));
  if (plateau.size() < 2) return w;
  double sx = 0, sxx = 0;
  for (int i : plateau) {
    const double x = su.e_grid[static_cast<std::size_t>(i)];
    sx += x;
    sxx += x * x;
  }
  const double k = static_cast<double>(plateau.size()), den = k * sxx - sx * sx;
  for (std::size_t j = 0; j < plateau.size(); ++j)
    w[j] = (sxx - sx * su.e_grid[static_cast<std::size_t>(plateau[j])]) / den;
  return w;
}

// n(E) on the grid (curve rows) and the summary row of one mass: n0 (window mean and plateau fit),
// n_active. Columns of the per-glass matrix: counts below each grid E, the plateau mean of count/E,
// the count below E_Q and the fitted intercept (linear in the counts, so the bootstrap of ratios
// gives its interval).
void add_counting(const std::vector<std::vector<double>>& e, const Setup& su, const GlassBootstrap& boot, SummaryRow& s,
                  DensityReport& rep) {
  const int ng = static_cast<int>(e.size());
  const auto& e_grid = su.e_grid;
  const auto ne = static_cast<Eigen::Index>(e_grid.size());
  const std::vector<double> fit_w = plateau_fit_weights(su);
  Eigen::MatrixXd counts = Eigen::MatrixXd::Zero(ng, ne + 3);
  std::vector<long> below(e_grid.size(), 0);
  for (int g = 0; g < ng; ++g) {
    const auto& eg = e[static_cast<std::size_t>(g)];
    auto count_below = [&](double x) {
      return static_cast<double>(std::lower_bound(eg.begin(), eg.end(), x) - eg.begin());
    };
    for (Eigen::Index i = 0; i < ne; ++i) {
      counts(g, i) = count_below(e_grid[static_cast<std::size_t>(i)]);
      below[static_cast<std::size_t>(i)] += static_cast<long>(counts(g, i));
    }
    double plateau_sum = 0, fit = 0;
    for (int i : su.plateau) plateau_sum += counts(g, i) / e_grid[static_cast<std::size_t>(i)];
    counts(g, ne) = plateau_sum / static_cast<double>(su.plateau.size());
    counts(g, ne + 1) = count_below(s.e_q);
    for (std::size_t j = 0; j < su.plateau.size(); ++j)
      fit += fit_w[j] * counts(g, su.plateau[j]) / e_grid[static_cast<std::size_t>(su.plateau[j])];
    counts(g, ne + 2) = fit;
  }
  const auto n = boot.ratios(counts, su.particles);
  for (Eigen::Index i = 0; i < ne; ++i) {
    const double x = e_grid[static_cast<std::size_t>(i)];
    const Interval& ni = n[static_cast<std::size_t>(i)];
    rep.curve.push_back(
        {s.mass, x, below[static_cast<std::size_t>(i)], ni, {ni.value / x, ni.lo / x, ni.hi / x, ni.se / x}});
  }
  s.n0 = n[static_cast<std::size_t>(ne)];
  s.n0_fit = n[static_cast<std::size_t>(ne + 2)];
  const Interval& na = n[static_cast<std::size_t>(ne + 1)];
  const double np = static_cast<double>(su.total_particles);
  s.n_active = {na.value * np, na.lo * np, na.hi * np, na.se * np};
  const double f = s.material.si_factor;
  s.n0_si = {s.n0.value * f, s.n0.lo * f, s.n0.hi * f, s.n0.se * f};
}

// C(T) = (1/(N N_g)) sum_TLS (E/2T)^2 sech^2(E/2T) on the temperature grid, and C/T.
void add_heat(const std::vector<std::vector<double>>& e, double mass, const Setup& su, const GlassBootstrap& boot,
              DensityReport& rep) {
  const int ng = static_cast<int>(e.size());
  const auto nt = static_cast<Eigen::Index>(su.t_grid.size());
  Eigen::MatrixXd heat = Eigen::MatrixXd::Zero(ng, nt);
  for (int g = 0; g < ng; ++g)
    for (Eigen::Index j = 0; j < nt; ++j) {
      const double t = su.t_grid[static_cast<std::size_t>(j)];
      double c = 0;
      for (double x : e[static_cast<std::size_t>(g)]) c += two_level_heat(x / (2 * t));
      heat(g, j) = c;
    }
  const auto c = boot.ratios(heat, su.particles);
  for (Eigen::Index j = 0; j < nt; ++j) {
    const double t = su.t_grid[static_cast<std::size_t>(j)];
    const Interval& cj = c[static_cast<std::size_t>(j)];
    rep.heat.push_back({mass, t, cj, {cj.value / t, cj.lo / t, cj.hi / t, cj.se / t}});
  }
}

// Active TLS (E < E_Q) of one mass with their DWP parameters; glasses with active TLS but no DWP
// table go to `without_dwp`.
void add_active(const DensityInput& in, double mass, double e_q, DensityReport& rep,
                std::set<std::string>& without_dwp) {
  for (const auto& g : in.glasses) {
    bool active = false;
    std::map<std::string, const DwpRecord*> dwp;
    for (const auto& x : g.dwps) dwp.emplace(x.id, &x);
    for (const auto& r : g.splittings) {
      if (r.mass != mass || r.splitting >= e_q || r.single) continue;
      active = true;
      if (!g.has_dwps) continue;
      const auto it = dwp.find(r.id);
      if (it == dwp.end())
        throw DataError("splitting id '" + r.id + "' of glass '" + g.glass + "' has no row in its DWP table");
      rep.pr_vs_e.push_back({g.glass, r.id, r.flag, mass, r.splitting, *it->second});
    }
    if (active && !g.has_dwps) without_dwp.insert(g.glass);
  }
}

// Fig. 2: the pdf of one classical DWP parameter, normalised over all DWPs of glasses with tables;
// bins on [0, largest value] unless --pdf-range fixes them.
Pdf one_pdf(const DensityInput& in, const DensityOptions& o, const GlassBootstrap& boot, const char* name,
            double (*get)(const DwpRecord&)) {
  Pdf pdf;
  pdf.quantity = name;
  double lo = 0, hi = 0;
  if (const auto it = o.pdf_ranges.find(name); it != o.pdf_ranges.end()) {
    std::tie(lo, hi) = it->second;
  } else {
    for (const auto& g : in.glasses)
      for (const auto& x : g.dwps) hi = std::max(hi, get(x));
    lo = std::min(0.0, hi);
    hi = hi > 0 ? hi * (1 + 1e-9) : 1;
  }
  const int bins = o.pdf_bins;
  if (bins < 1 || !(hi > lo)) throw UsageError("--pdf-bins and --pdf-range need at least one bin and LO < HI");
  const double width = (hi - lo) / bins;
  const int ng = static_cast<int>(in.glasses.size());
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(ng, bins);
  Eigen::VectorXd den = Eigen::VectorXd::Zero(ng);
  for (int g = 0; g < ng; ++g) {
    for (const auto& x : in.glasses[static_cast<std::size_t>(g)].dwps) {
      const double v = get(x);
      den(g) += width;
      ++pdf.total;
      const double k = std::floor((v - lo) / width);
      if (k < 0 || k >= bins) {
        ++pdf.outside;
        continue;
      }
      a(g, static_cast<Eigen::Index>(k)) += 1;
    }
  }
  const auto p = boot.ratios(a, den);
  for (int k = 0; k < bins; ++k)
    pdf.rows.push_back(
        {lo + k * width, lo + (k + 1) * width, static_cast<long>(a.col(k).sum()), p[static_cast<std::size_t>(k)]});
  return pdf;
}

void add_pdfs(const DensityInput& in, const DensityOptions& o, const GlassBootstrap& boot, DensityReport& rep) {
  bool any_dwp = false;
  for (const auto& g : in.glasses) any_dwp |= g.has_dwps;
  if (!any_dwp) return;
  using Getter = double (*)(const DwpRecord&);
  const std::pair<const char*, Getter> quantities[] = {{"dV", [](const DwpRecord& x) { return x.dV; }},
                                                       {"Vb", [](const DwpRecord& x) { return x.Vb; }},
                                                       {"d_sqrtPR", [](const DwpRecord& x) { return x.d_sqrtPR; }},
                                                       {"PR", [](const DwpRecord& x) { return x.PR; }}};
  for (const auto& [name, get] : quantities) rep.pdfs.push_back(one_pdf(in, o, boot, name, get));
}

// C_harm(T) of each mass over the glasses with spectra (their own bootstrap, over those glasses).
void add_harmonic(const DensityInput& in, const DensityOptions& o, const Setup& su, DensityReport& rep) {
  if (in.spectra.empty()) return;
  const int ns = static_cast<int>(in.spectra.size());
  const GlassBootstrap boot(ns, o.bootstrap, o.seed, o.confidence, o.threads);
  Eigen::VectorXd particles(ns);
  for (int g = 0; g < ns; ++g) {
    const auto& sg = in.spectra[static_cast<std::size_t>(g)];
    particles(g) = static_cast<double>(sg.particles);
    rep.harmonic_modes += static_cast<long>(sg.lambda.size());
  }
  rep.harmonic_glasses = ns;
  const auto nt = static_cast<Eigen::Index>(su.t_grid.size());
  for (const double mass : in.masses) {
    Eigen::MatrixXd heat = Eigen::MatrixXd::Zero(ns, nt);
    for (int g = 0; g < ns; ++g)
      for (const double lambda : in.spectra[static_cast<std::size_t>(g)].lambda) {
        const double hw = std::sqrt(std::max(lambda, 0.0) / mass);  // hbar omega / epsilon
        for (Eigen::Index j = 0; j < nt; ++j)
          heat(g, j) += harmonic_mode_heat(hw / su.t_grid[static_cast<std::size_t>(j)]);
      }
    const auto c = boot.ratios(heat, particles);
    for (Eigen::Index j = 0; j < nt; ++j) {
      const double t = su.t_grid[static_cast<std::size_t>(j)];
      const Interval& cj = c[static_cast<std::size_t>(j)];
      rep.harmonic.push_back({mass, t, cj, {cj.value / t, cj.lo / t, cj.hi / t, cj.se / t}});
    }
  }
}

}  // namespace

DensityReport compute_density(const DensityInput& in, const DensityOptions& o, Progress* progress) {
  check_density_options(o);
  DensityReport rep;
  const int ng = static_cast<int>(in.glasses.size());
  if (ng == 0 && in.spectra.empty()) throw UsageError("no glasses");
  Setup su;
  su.e_grid = log_grid(o.e_min, o.e_max, o.per_decade, "--energy-range");
  su.t_grid = log_grid(o.t_min, o.t_max, o.t_per_decade, "--temperatures");
  su.plateau = plateau_points(su.e_grid, o);
  add_harmonic(in, o, su, rep);
  if (ng == 0) {
    rep.tls_tables = false;
    return rep;
  }
  su.particles.resize(ng);
  for (int g = 0; g < ng; ++g) {
    su.particles(g) = static_cast<double>(in.glasses[static_cast<std::size_t>(g)].particles);
    su.total_particles += in.glasses[static_cast<std::size_t>(g)].particles;
  }
  const GlassBootstrap boot(ng, o.bootstrap, o.seed, o.confidence, o.threads);
  if (progress)
    progress->note("bootstrap: " + std::to_string(o.bootstrap) + " resamples of " + std::to_string(ng) + " glasses");

  std::set<std::string> without_dwp;
  for (const double mass : in.masses) {
    SummaryRow s{mass, material_for(mass),
                 ng,   su.total_particles,
                 0,    0,
                 0,    2 * std::numbers::pi / mass,
                 {},   {},
                 {},   static_cast<int>(su.plateau.size())};
    std::vector<std::vector<double>> e;
    for (const auto& g : in.glasses) e.push_back(glass_splittings(g, mass, s));
    add_counting(e, su, boot, s, rep);
    rep.summary.push_back(s);
    add_heat(e, mass, su, boot, rep);
    add_active(in, mass, s.e_q, rep, without_dwp);
  }
  bool dwp_given = false;
  for (const auto& g : in.glasses) dwp_given |= g.has_dwps;
  rep.glasses_without_dwp = dwp_given ? static_cast<long>(without_dwp.size()) : 0;
  std::stable_sort(rep.pr_vs_e.begin(), rep.pr_vs_e.end(), [](const PrRow& a, const PrRow& b) {
    return a.mass != b.mass ? a.mass < b.mass : a.splitting < b.splitting;
  });
  add_pdfs(in, o, boot, rep);
  return rep;
}

}  // namespace tls
