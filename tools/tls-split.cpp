// tls-split: tunnel splittings of double-well profiles (1-D Schroedinger equation along the path).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>

#include "tls/cli/cli.hpp"
#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/io/files.hpp"
#include "tls/io/profile_table.hpp"
#include "tls/io/splitting_table.hpp"
#include "tls/io/text.hpp"
#include "tls/quantum/splitting.hpp"

namespace {

int run_split(int argc, char** argv) {
  tls::cli::Tool tool(
      "tls-split", "tunnel splittings of double-well profiles", "[PROFILES]",
      "Solves -(1/(2 m~ d^2)) psi''(xi) + V(xi) psi = E psi along each profile of a tls-profile table\n"
      "(stdin by default) for each mass m~, and writes one tls-splitting row per profile and mass: the\n"
      "two lowest levels E1, E2, the splitting E = E2 - E1 with its estimated error, the asymmetry Delta\n"
      "and tunnelling element Delta0 (E^2 = Delta^2 + Delta0^2; Delta from each well solved alone), WKB\n"
      "estimates (action, Delta0, escape rate), the sensitivity to the walls, and a flag.\n"
      "\n"
      "Method: V is a clamped cubic spline through the samples, continued harmonically beyond them, on\n"
      "the domain [min(first sample, -0.6), max(last sample, 1.6)] with hard walls (see --domain).\n"
      "Numerov's method in Sturm-sequence (Riccati) form gives each eigenvalue to a few ulp of\n"
      "(E - V_min) on grids n and 2n+1; Richardson extrapolation gives the values and the error. Grids\n"
      "are refined until the error is below --rtol * E, and arithmetic is raised from double to long\n"
      "double when round-off would dominate. Splittings that cannot be resolved to 1% are flagged\n"
      "'floor' and printed as an upper bound, never as noise.\n"
      "\n"
      "Flags: ok; failed (the profile cannot be solved: splitting NaN, reason on stderr; the other\n"
      "profiles go on); floor (splitting is an upper bound); coarse (error above --rtol * E); single (no\n"
      "barrier inside (0, 1)); above (upper well's level above the barrier top); delta0 (Delta0 not\n"
      "resolved); mixing (Delta0 from the eigenvectors' two-state mixing); nowells (the barrier is too\n"
      "close to a minimum to solve the wells alone: Delta, Delta0 NaN); wall (the walls shift\n"
      "the levels by more than 1e-3 E: widen --domain or extend the profile).");
  tool.add_output();
  tool.add_threads();
  // Options are stored straight into the library's settings; their defaults are the struct's own.
  tls::SplitOptions so;
  using tls::cli::default_text;
  std::string masses_text;
  for (double m : tls::default_masses()) masses_text += (masses_text.empty() ? "" : ",") + default_text(m);
  tool.add("Physics")("m,mass",
                      "dimensionless mass m~ = m sigma^2 epsilon / hbar^2; repeat or comma-separate; 'argon' = 4116, "
                      "'nickel' = 27504 (default " +
                          masses_text + ", the paper's values)",
                      cxxopts::value<std::vector<std::string>>(), "M")(
      "domain", "walls at LO,HI in xi unless the samples reach further",
      cxxopts::value<std::string>()->default_value(default_text(so.domain_lo) + "," + default_text(so.domain_hi)),
      "LO,HI");
  tool.add("Accuracy")("rtol", "target relative error of E (and of E1, E2 above V_min)", tls::cli::bound(so.rtol), "R")(
      "precision", "arithmetic: auto (double, long double where needed), double, long-double",
      cxxopts::value<std::string>()->default_value(tls::to_string(so.precision)),
      "P")("max-grid", "largest grid (points); a profile that needs more is flagged 'failed'",
           tls::cli::bound(so.max_grid), "N");
  tool.set_positional({"input"});
  tool.set_epilog(
      "Examples:\n"
      "  tls-split profiles.tsv -o splittings.tsv                 masses 4000 and 30000\n"
      "  tls-split profiles.tsv --mass argon,nickel -j 2 -o s.tsv  the exact m~ of argon and nickel\n"
      "  tls-split - --mass 4000 < neb/profiles.tsv > s.tsv           stdin to stdout\n"
      "Input: tls-profile table (columns id, d, xi, V; xi strictly increasing within an id, >= 3 samples,\n"
      "d > 0); its ##glass= and ##particles= lines are copied to the output. Output: tls-splitting table.\n"
      "Formats: docs/formats/tls-profile.md, docs/formats/tls-splitting.md; method: docs/tools/tls-split.md");
  const auto opt = tool.arguments(argc, argv);
  const std::string input = tool.single_input(opt, "profile table", "-");

  const std::vector<double> masses =
      opt.count("mass") ? tls::cli::parse_masses(opt["mass"].as<std::vector<std::string>>()) : tls::default_masses();
  std::tie(so.domain_lo, so.domain_hi) = tls::cli::parse_pair(opt["domain"].as<std::string>(), "--domain");
  so.precision = tls::split_precision_from_name(opt["precision"].as<std::string>());
  tls::validate(so);

  tls::AtomicOutput out(tool.output());
  const auto table = tls::read_profile_table(input);
  if (table.profiles.empty()) tool.note(table.source + ": no profiles; writing a table without rows");
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> failures;
  const auto rows =
      tls::split_profiles(table.profiles, masses, so, table.source, tool.threads(), tool.progress(), &failures);
  for (const auto& f : failures) tool.warn(f + " (row flagged 'failed')");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  tls::Metadata meta = tool.provenance({input});
  for (auto& kv : tls::split_metadata(masses, so)) meta.push_back(std::move(kv));
  tls::write_splitting_table(out.stream(), meta, table.glass, rows);
  out.commit();

  long flagged = 0;
  std::vector<std::pair<std::string, long>> kinds;  // each flag word; most frequent first
  for (const auto& r : rows) {
    if (r.flag == "ok") continue;
    ++flagged;
    for (const auto w : tls::split_on(r.flag, ',')) {
      const std::string word(tls::trim(w));
      auto it = std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == word; });
      if (it == kinds.end())
        kinds.emplace_back(word, 1);
      else
        ++it->second;
    }
  }
  std::stable_sort(kinds.begin(), kinds.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
  std::string breakdown;
  for (const auto& [word, n] : kinds) breakdown += (breakdown.empty() ? " (" : ", ") + std::to_string(n) + " " + word;
  if (!breakdown.empty()) breakdown += ")";
  tool.note(tls::count_text(static_cast<long>(table.profiles.size()), "profile") + " x " +
            tls::count_text(static_cast<long>(masses.size()), "mass", "masses") + ": " +
            tls::count_text(static_cast<long>(rows.size()), "splitting") + " in " + tls::format_fixed(seconds, 2) +
            " s; " + std::to_string(flagged) + " flagged" + breakdown);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return tls::cli::run("tls-split", [&] { return run_split(argc, argv); });
}
