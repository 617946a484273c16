// tls-pairs: the graph of minima of one glass and its candidate pairs (SPEC.md section 4;
// docs/tools/tls-pairs.md).
#include <filesystem>

#include "tls/cli/cli.hpp"
#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/graph/pairs.hpp"
#include "tls/io/binary.hpp"

namespace {

int run_pairs(int argc, char** argv) {
  tls::cli::Tool tool(
      "tls-pairs", "candidate pairs of adjacent minima from an exploration", "DIR | LIBRARY",
      "Reads a minima library (tls-minima) and its transitions table (tls-transitions), checks that both\n"
      "belong to the same glass, builds the graph of minima (vertices) and observed transitions (edges,\n"
      "with counts), and writes the candidate pairs as a tls-pairs table: each pair oriented so that\n"
      "`a` is the deeper minimum (xi = 0), with dE = E_b - E_a, the end-to-end distance and largest\n"
      "particle displacement (minimum image, centre-of-mass shift removed), the participation ratios PR\n"
      "(Cartesian, 1..3N) and PR_particle (1..N), and the transition counts in both directions.\n\n"
      "DIR is a tls-explore folder (DIR/minima.tlsmin, DIR/transitions.tsv); or name the library and\n"
      "give --transitions. Selection: `connected` (default; pairs seen as transitions, the paper's) or\n"
      "`all` (every pair of minima within --max-dE and --max-distance, as in Ciarella et al. 2023).\n"
      "The graph summary (minima, edges, connected components, degree distribution) goes to stderr,\n"
      "and to --summary FILE as a table.");
  tool.add_output("pair list ('-' = stdout)");
  tool.add_threads();
  // Options are stored straight into the library's settings; their defaults are the struct's own.
  tls::graph::PairsConfig c;
  auto& o = c.options;
  tool.add("Inputs")("transitions", "transitions table (default: transitions.tsv beside the library)",
                     cxxopts::value<std::string>(),
                     "FILE")("summary", "also write the graph summary table (tls-graph-summary) here",
                             cxxopts::value(c.summary_output), "FILE");
  tool.add("Selection")("select", "connected or all",
                        cxxopts::value<std::string>()->default_value(tls::graph::to_string(o.selection)),
                        "MODE")("max-dE", "keep pairs with dE <= this (eps; default: no cut)", cxxopts::value(o.max_dE),
                                "E")("min-dE", "keep pairs with dE >= this (eps)", tls::cli::bound(o.min_dE), "E")(
      "max-distance", "keep pairs with end-to-end distance <= this (sigma; default: no cut)",
      cxxopts::value(o.max_distance),
      "D")("min-count", "connected: keep pairs seen at least this many times (both directions)",
           tls::cli::bound(o.min_count), "N");
  tool.set_positional({"input"});
  tool.set_epilog(
      "Examples:\n"
      "  tls-pairs explore/ -o pairs.tsv --summary graph.tsv\n"
      "  tls-pairs explore/ --max-dE 0.1 -o cheap-pairs.tsv          (SPEC.md: NEB only if dE < 0.1)\n"
      "  tls-pairs explore/minima.tlsmin --transitions t.tsv --select all --max-dE 0.01 --max-distance 1.5\n"
      "Format: docs/formats/tls-pairs.md; tool page: docs/tools/tls-pairs.md");
  const auto opt = tool.arguments(argc, argv);
  const std::string input = tool.single_input(opt, "exploration folder or library");

  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path in = input;
  if (fs::is_directory(in, ec)) {
    c.library = (in / "minima.tlsmin").string();
    c.transitions = (in / "transitions.tsv").string();
    if (!fs::exists(c.library, ec))
      throw tls::InputError(input, "not a tls-explore folder (no minima.tlsmin): give the folder tls-explore wrote");
  } else {
    if (fs::is_regular_file(in, ec) && !tls::bin::is_tls_bin(in.string()))
      throw tls::DataError(input, 0,
                           "not a minima library (tls-minima): give a tls-explore folder or its minima.tlsmin; a "
                           "configuration (glass) is explored by tls-explore first");
    c.library = in.string();
    c.transitions = (in.parent_path() / "transitions.tsv").string();
  }
  if (opt.count("transitions")) c.transitions = opt["transitions"].as<std::string>();
  // The library is the main input: a missing one is named, not the transitions table beside it.
  if (!fs::is_regular_file(c.library, ec))
    throw tls::InputError(c.library, fs::exists(c.library, ec) ? "not a file" : "no such file");
  c.output = tool.output();
  o.selection = tls::graph::selection_from_name(opt["select"].as<std::string>());
  o.threads = tool.threads();

  const auto report = tls::graph::make_pair_list(c, tool.provenance({c.library, c.transitions}), tool.progress());
  const auto& s = report.summary;
  std::string degrees;
  for (std::size_t k = 0; k < s.degree_histogram.size(); ++k)
    if (s.degree_histogram[k] > 0)
      degrees += (degrees.empty() ? "" : " ") + std::to_string(k) + ":" + std::to_string(s.degree_histogram[k]);
  tool.note("graph: " + std::to_string(s.minima) + " minima, " + std::to_string(s.edges) + " edges, " +
            std::to_string(s.components) + " components (largest " + std::to_string(s.largest_component) + ", " +
            std::to_string(s.isolated) + " isolated); degree:count " + degrees);
  tool.note(std::to_string(report.pairs) + " pairs written (" + tls::graph::to_string(o.selection) + ")");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return tls::cli::run("tls-pairs", [&] { return run_pairs(argc, argv); });
}
