// tls-density: density of two-level systems n(E), n0, n_active, pdfs, PR vs E and specific heat.
#include <iostream>

#include "tls/cli/cli.hpp"
#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/io/dwp_table.hpp"
#include "tls/io/files.hpp"
#include "tls/io/spectrum_table.hpp"
#include "tls/io/splitting_table.hpp"
#include "tls/io/table.hpp"
#include "tls/io/text.hpp"
#include "tls/stats/density.hpp"

namespace {

int run_density(int argc, char** argv) {
  tls::cli::Tool tool(
      "tls-density", "density of two-level systems and the tables of the paper's figures", "TABLE...",
      "Reads the tls-splitting tables (tls-split) and, optionally, tls-dwp tables (tls-neb) of a set of\n"
      "glasses - one table per glass and kind, told apart by their '##glass=' line (the file name when\n"
      "absent), in any order - and writes into the folder -o DIR one table per quantity:\n"
      "  summary.tsv        per mass: n0 (mean of n(E)/E on the grid points in --plateau), n_active =\n"
      "                     N N_g n(2 pi/m~), n0 in J^-1 m^-3 for argon or nickel (nearest m~), counts\n"
      "  n_of_E.tsv         n(E) and n(E)/E on a log grid (Fig. 3), n(E) = #{splitting < E}/(N N_g)\n"
      "  specific_heat.tsv  C(T) = (1/(N N_g)) sum (E/2T)^2 sech^2(E/2T), k_B per particle\n"
      "  pdf_dV.tsv pdf_Vb.tsv pdf_d_sqrtPR.tsv pdf_PR.tsv   pdfs of the DWP parameters (Fig. 2)\n"
      "  pr_vs_E.tsv        active TLS (E < 2 pi/m~) with PR, d/sqrt(PR), dV, Vb (needs DWP tables)\n"
      "  specific_heat_harmonic.tsv  with tls-spectrum tables (tls-minimize --spectrum): the harmonic\n"
      "                     C_harm(T) of the Hessian modes, hbar omega = sqrt(lambda/m~), k_B per particle,\n"
      "                     over the glasses with spectra (spectra alone: only this table; needs --mass)\n"
      "Error bars: percentile bootstrap over glasses (--bootstrap resamples, --confidence), reproducible\n"
      "with --seed whatever --threads.\n"
      "\n"
      "Counting glasses: every glass counts in N_g, also one without double wells: give its (empty)\n"
      "splitting table, or declare the total with --glasses N. N comes from '##particles=' (or\n"
      "--particles). Rows flagged 'single' (no barrier) are left out; 'floor' rows count at their upper\n"
      "bound. All glasses must have been split for the same masses.");
  tool.add_output("output folder (required; created if missing); the tables appear in it all at once", true);
  tool.add_seed();
  tool.add_threads();
  tool.add("Glasses")("glasses", "total number of glasses N_g (those without any table have no DWPs)",
                      cxxopts::value<long>(), "N")(
      "particles", "particles per glass when a table has no '##particles=' line", cxxopts::value<long>(), "N")(
      "m,mass", "analyse only these masses (repeat or comma-separate; 'argon', 'nickel'; default: every mass found)",
      cxxopts::value<std::vector<std::string>>(), "M");
  // Options are stored straight into the library's settings; their defaults are the struct's own.
  tls::DensityOptions o;
  using tls::cli::bound;
  auto pair_text = [](double lo, double hi) { return tls::cli::default_text(lo) + "," + tls::cli::default_text(hi); };
  tool.add("Statistics")("energy-range", "log grid of E for n(E) (epsilon)",
                         cxxopts::value<std::string>()->default_value(pair_text(o.e_min, o.e_max)),
                         "LO,HI")("per-decade", "grid points per decade of E and of T", bound(o.per_decade), "K")(
      "plateau", "E window of the plateau n0",
      cxxopts::value<std::string>()->default_value(pair_text(o.plateau_lo, o.plateau_hi)),
      "LO,HI")("temperatures", "log grid of T for the specific heat (epsilon/k_B)",
               cxxopts::value<std::string>()->default_value(pair_text(o.t_min, o.t_max)),
               "LO,HI")("bootstrap", "bootstrap resamples (0: no error bars)", bound(o.bootstrap), "B")(
      "confidence", "probability content of the percentile intervals", bound(o.confidence), "P")(
      "pdf-bins", "bins of each pdf", bound(o.pdf_bins), "K")(
      "pdf-range", "fixed bin range of one pdf, e.g. dV=0:0.05 (default 0 to the largest value)",
      cxxopts::value<std::vector<std::string>>(), "Q=LO:HI");
  tool.set_positional({"tables"});
  tool.set_epilog(
      "Examples:\n"
      "  tls-density glass*/split.tsv --seed 1 -o density/\n"
      "  tls-density glass*/split.tsv glass*/dwp.tsv --glasses 200 --seed 1 -j 2 -o density-Tf0.062/\n"
      "  tls-density glass*/spectrum.tsv --mass 4000,30000 --seed 1 -o harmonic/\n"
      "Formats: docs/formats/tls-splitting.md, tls-dwp.md, tls-spectrum.md (inputs), tls-density.md (outputs);\n"
      "method and conventions: docs/tools/tls-density.md");
  const auto opt = tool.arguments(argc, argv);
  if (!opt.count("tables")) throw tls::UsageError("no input tables (try 'tls-density --help')");
  const auto inputs = opt["tables"].as<std::vector<std::string>>();
  if (tls::is_std_stream(tool.output())) throw tls::UsageError("-o DIR is required: tls-density writes several tables");
  o.seed = tool.seed();
  o.threads = tool.threads();
  std::tie(o.e_min, o.e_max) = tls::cli::parse_pair(opt["energy-range"].as<std::string>(), "--energy-range");
  std::tie(o.plateau_lo, o.plateau_hi) = tls::cli::parse_pair(opt["plateau"].as<std::string>(), "--plateau");
  std::tie(o.t_min, o.t_max) = tls::cli::parse_pair(opt["temperatures"].as<std::string>(), "--temperatures");
  o.t_per_decade = o.per_decade;
  for (const auto& spec : tls::cli::values(opt, "pdf-range")) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos)
      throw tls::UsageError("--pdf-range: expected Q=LO:HI with Q one of dV, Vb, d_sqrtPR, PR, got '" + spec + "'");
    const std::string q = spec.substr(0, eq);
    o.pdf_ranges[q] = tls::cli::parse_pair(spec.substr(eq + 1), "--pdf-range " + q, ':');
  }
  tls::check_density_options(o);
  tls::AssembleOptions ao;
  if (opt.count("glasses")) {
    ao.glasses = opt["glasses"].as<long>();
    if (*ao.glasses < 1) throw tls::UsageError("--glasses must be positive");
  }
  if (opt.count("particles")) {
    ao.particles = opt["particles"].as<long>();
    if (*ao.particles < 1) throw tls::UsageError("--particles must be positive");
  }
  if (opt.count("mass")) ao.masses = tls::cli::parse_masses(opt["mass"].as<std::vector<std::string>>());

  // Read every table, dispatching on its format line, and keep only what the statistics use.
  tls::GlassAssembler assembler;
  std::size_t done = 0;
  for (const auto& path : inputs) {
    if (auto* p = tool.progress())
      p->update(static_cast<double>(done++), static_cast<double>(inputs.size()), "tables", "reading");
    tls::TableReader reader(path);
    if (reader.format() == "tls-splitting") {
      reader.expect("splitting", tls::kSplittingMajor);
      assembler.add(tls::read_splitting_table(reader));
    } else if (reader.format() == "tls-dwp") {
      reader.expect("dwp", tls::kDwpMajor);
      assembler.add(tls::read_dwp_table(reader));
    } else if (reader.format() == "tls-spectrum") {
      assembler.add(tls::read_spectrum_table(reader));
    } else {
      throw tls::DataError(reader.source(), 1,
                           "expected a tls-splitting, tls-dwp or tls-spectrum table, got " + reader.format());
    }
  }
  const long rows = assembler.splitting_rows();
  const auto input = assembler.finish(ao);
  tool.note(std::to_string(inputs.size()) + " tables: " + std::to_string(input.glasses.size()) + " glasses (" +
            (input.spectra.empty() ? std::string() : std::to_string(input.spectra.size()) + " spectra, ") +
            std::to_string(input.declared_empty) + " declared by --glasses), " + std::to_string(rows) +
            " splitting rows, masses " + [&] {
              std::string s;
              for (double m : input.masses) s += (s.empty() ? "" : ",") + tls::format_double(m);
              return s.empty() ? std::string("none") : s;
            }());
  if ((input.glasses.size() == 1 || input.spectra.size() == 1) && o.bootstrap > 0)
    tool.warn(
        "one glass: the bootstrap resamples glasses, so its error bars are zero-width here (give more glasses, "
        "or --bootstrap 0)");
  const auto report = tls::compute_density(input, o, tool.progress());
  if (report.glasses_without_dwp > 0)
    tool.warn(std::to_string(report.glasses_without_dwp) +
              " glasses with active TLS have no DWP table: their TLS are missing from pr_vs_E.tsv");
  const auto written = tls::write_density_tables(tool.output(), report, tool.provenance(inputs), o);
  for (const auto& s : report.summary)
    tool.note("mass " + tls::format_double(s.mass) + " (" + s.material.name +
              "): n0 = " + tls::format_sci(s.n0.value, 3) + " [" + tls::format_sci(s.n0.lo, 2) + ", " +
              tls::format_sci(s.n0.hi, 2) + "], n_active = " + tls::format_double(s.n_active.value) +
              ", n0 = " + tls::format_sci(s.n0_si.value, 2) + " J^-1 m^-3");
  tool.note("wrote " + std::to_string(written.size()) + " tables to " + tool.output());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return tls::cli::run("tls-density", [&] { return run_density(argc, argv); });
}
