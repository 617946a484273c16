// The graph of minima of one glass and its candidate pairs (SPEC.md section 4). This is the one
// header of lib/tls/graph: Boost.Graph stays inside graph/*.cpp (STYLE.md habit 5).
//
// Vertices are the minima of the library, edges the observed transitions (tls-transitions rows,
// with their counts). Pairs are written oriented so that `a` is the deeper minimum (xi = 0).
// Selection modes: `connected` (pairs observed as transitions: the paper's candidates) and `all`
// (every pair of minima within a dE cut and a distance cut, as in Ciarella et al., Nat. Commun. 14,
// 4229 (2023)).
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "tls/core/progress.hpp"
#include "tls/io/minima_library.hpp"
#include "tls/io/pair_list.hpp"
#include "tls/io/transitions.hpp"
#include "tls/model/pair_geometry.hpp"

namespace tls::graph {

/// Summary of the graph of minima.
struct GraphSummary {
  long minima = 0;                     ///< vertices (every minimum of the library)
  long edges = 0;                      ///< distinct pairs seen as transitions
  long components = 0;                 ///< connected components, isolated minima included
  long largest_component = 0;          ///< vertices in the largest component
  long isolated = 0;                   ///< minima with no transition
  std::vector<long> degree_histogram;  ///< [k] = number of minima with k distinct neighbours
};

/// Builds the graph (Boost.Graph adjacency list) and summarises it. Throws DataError when an edge
/// names an id that is not in `ids`.
GraphSummary summarize_graph(const std::vector<std::uint64_t>& ids, const std::vector<TransitionRecord>& edges,
                             const std::string& source);

enum class Selection { connected, all };
/// "connected" or "all"; throws UsageError otherwise.
Selection selection_from_name(const std::string& name);
std::string to_string(Selection s);

struct PairOptions {
  Selection selection = Selection::connected;
  double max_dE = std::numeric_limits<double>::infinity();        ///< keep pairs with dE <= max_dE (eps)
  double min_dE = 0;                                              ///< and dE >= min_dE
  double max_distance = std::numeric_limits<double>::infinity();  ///< and distance <= max_distance (sigma)
  long long min_count = 1;  ///< connected mode: seen at least this often (both directions together)
  int threads = 1;          ///< for the distances; results do not depend on it
};

/// Throws UsageError for negative or crossed cuts, `all` without any cut, min_count < 1.
void validate(const PairOptions& options);

/// End-to-end geometry of two minima (minimum image, centre-of-mass shift removed; the arithmetic is
/// tls::pair_geometry_of, model/pair_geometry.hpp).
using tls::PairGeometry;
PairGeometry pair_geometry(const Box& box, const Eigen::VectorXd& xa, const Eigen::VectorXd& xb);

/// The candidate pairs, oriented (a deeper), ordered by (lower id, higher id), numbered from 0.
std::vector<PairRecord> select_pairs(const GlassHeader& glass, const std::vector<Minimum>& minima,
                                     const std::vector<TransitionRecord>& transitions, const PairOptions& options,
                                     const std::string& transitions_source);

/// tls-pairs' one library call: reads the library and the transitions table, checks that they
/// belong to the same glass, selects pairs and writes the pair list (and the graph summary table
/// when `summary_path` is not empty), atomically. Returns the summary.
struct PairsConfig {
  std::string library;         ///< minima library (tls-minima)
  std::string transitions;     ///< transitions table (tls-transitions)
  std::string output;          ///< pair list ("-" = stdout)
  std::string summary_output;  ///< graph summary table (tls-graph-summary), "" = none
  PairOptions options;
};
struct PairsReport {
  GraphSummary summary;
  long pairs = 0;
};
PairsReport make_pair_list(const PairsConfig& config, const Metadata& provenance, Progress* progress);

}  // namespace tls::graph
