// Candidate pairs: orientation, end-to-end geometry, the two selection modes, the tool's entry point.
#include "tls/graph/pairs.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/core/names.hpp"
#include "tls/core/parallel.hpp"
#include "tls/io/files.hpp"

namespace tls::graph {

namespace {
constexpr Named<Selection> kSelections[] = {{Selection::connected, "connected"}, {Selection::all, "all"}};
}  // namespace

Selection selection_from_name(const std::string& name) {
  return value_named_or_usage_error(kSelections, name, "selection");
}

std::string to_string(Selection s) { return name_of(kSelections, s); }

PairGeometry pair_geometry(const Box& box, const Eigen::VectorXd& xa, const Eigen::VectorXd& xb) {
  const Eigen::VectorXd d = relative_displacement(box, xa, xb);
  return pair_geometry_of(d.size() / 3, [&](Eigen::Index i, double& dx, double& dy, double& dz) {
    dx = d[3 * i];
    dy = d[3 * i + 1];
    dz = d[3 * i + 2];
  });
}

void validate(const PairOptions& o) {
  auto non_negative = [](double v, const char* option) {
    if (!(v >= 0)) throw UsageError(std::string(option) + " must be >= 0, got " + format_double(v));
  };
  non_negative(o.max_dE, "--max-dE");
  non_negative(o.min_dE, "--min-dE");
  non_negative(o.max_distance, "--max-distance");
  if (o.min_dE > o.max_dE)
    throw UsageError("--min-dE must be <= --max-dE, got " + format_double(o.min_dE) + " > " + format_double(o.max_dE));
  if (o.selection == Selection::all && !std::isfinite(o.max_dE) && !std::isfinite(o.max_distance))
    throw UsageError("--select all needs a --max-dE or --max-distance cut (all pairs of a large library are too many)");
  if (o.min_count < 1) throw UsageError("--min-count must be at least 1, got " + std::to_string(o.min_count));
}

std::vector<PairRecord> select_pairs(const GlassHeader& glass, const std::vector<Minimum>& minima,
                                     const std::vector<TransitionRecord>& transitions, const PairOptions& o,
                                     const std::string& transitions_source) {
  validate(o);
  std::map<std::uint64_t, std::size_t> index;
  for (std::size_t k = 0; k < minima.size(); ++k)
    if (!index.emplace(minima[k].id, k).second)
      throw DataError("minimum id " + std::to_string(minima[k].id) + " appears twice in the library");
  auto at = [&](std::uint64_t id) -> const Minimum& {
    const auto it = index.find(id);
    if (it == index.end())
      throw DataError(transitions_source, 0,
                      "transition names minimum " + std::to_string(id) + ", which is not in the library");
    return minima[it->second];
  };
  std::map<std::pair<std::uint64_t, std::uint64_t>, const TransitionRecord*> seen;
  for (const auto& t : transitions) {
    at(t.a);
    at(t.b);
    seen[{std::min(t.a, t.b), std::max(t.a, t.b)}] = &t;
  }
  // Candidate unordered pairs (lower id, higher id).
  std::vector<std::pair<std::uint64_t, std::uint64_t>> candidates;
  auto keep_dE = [&](double dE) { return dE >= o.min_dE && dE <= o.max_dE; };
  if (o.selection == Selection::connected) {
    for (const auto& [key, t] : seen)
      if (t->count_ab + t->count_ba >= o.min_count && keep_dE(std::abs(at(key.second).energy - at(key.first).energy)))
        candidates.push_back(key);
  } else {
    std::vector<std::size_t> order(minima.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      return minima[x].energy < minima[y].energy ||
             (minima[x].energy == minima[y].energy && minima[x].id < minima[y].id);
    });
    for (std::size_t p = 0; p < order.size(); ++p)
      for (std::size_t q = p + 1; q < order.size() && minima[order[q]].energy - minima[order[p]].energy <= o.max_dE;
           ++q) {
        const auto ia = minima[order[p]].id, ib = minima[order[q]].id;
        if (keep_dE(minima[order[q]].energy - minima[order[p]].energy))
          candidates.emplace_back(std::min(ia, ib), std::max(ia, ib));
      }
    std::sort(candidates.begin(), candidates.end());
  }
  // Geometry of each candidate, in parallel (each writes its own slot).
  std::vector<PairRecord> rows(candidates.size());
  parallel_for(candidates.size(), o.threads, [&](std::size_t k) {
    const Minimum* a = &at(candidates[k].first);
    const Minimum* b = &at(candidates[k].second);
    if (b->energy < a->energy || (b->energy == a->energy && b->id < a->id)) std::swap(a, b);
    PairRecord& r = rows[k];
    r.a = a->id;
    r.b = b->id;
    r.E_a = a->energy;
    r.E_b = b->energy;
    r.dE = b->energy - a->energy;
    const auto g = pair_geometry(glass.box, a->positions, b->positions);
    r.distance = g.distance;
    r.max_displacement = g.max_displacement;
    r.PR = g.PR;
    r.PR_particle = g.PR_particle;
    r.disp2 = g.disp2;
    r.disp3 = g.disp3;
    if (const auto it = seen.find(candidates[k]); it != seen.end()) {
      const TransitionRecord& t = *it->second;
      const bool same_order = t.a == r.a;
      r.count_ab = same_order ? t.count_ab : t.count_ba;
      r.count_ba = same_order ? t.count_ba : t.count_ab;
      r.connected = true;
    }
  });
  std::vector<PairRecord> out;
  for (auto& r : rows)
    if (r.distance <= o.max_distance) {
      r.pair = out.size();
      out.push_back(r);
    }
  return out;
}

PairsReport make_pair_list(const PairsConfig& c, const Metadata& provenance, Progress* progress) {
  validate(c.options);
  AtomicOutput out(c.output);
  std::unique_ptr<AtomicOutput> summary_out;
  if (!c.summary_output.empty()) summary_out = std::make_unique<AtomicOutput>(c.summary_output);
  Metadata tmeta;
  const auto transitions = read_transitions(c.transitions, &tmeta);
  GlassHeader glass;
  const auto minima = read_minima(c.library, &glass);
  const std::string lib_name = std::filesystem::path(c.library).filename().string();
  require_glass_metadata(tmeta, glass, display_name(c.transitions), lib_name);
  progress_note(progress, "read " + std::to_string(minima.size()) + " minima and " +
                              std::to_string(transitions.size()) + " transition pairs");
  std::vector<std::uint64_t> ids;
  for (const auto& m : minima) ids.push_back(m.id);
  PairsReport report;
  report.summary = summarize_graph(ids, transitions, display_name(c.transitions));
  const auto pairs = select_pairs(glass, minima, transitions, c.options, display_name(c.transitions));
  report.pairs = static_cast<long>(pairs.size());

  PairListInfo info;
  info.provenance = provenance;
  info.glass = glass_metadata(glass);
  info.library = lib_name;
  info.selection = to_string(c.options.selection);
  info.max_dE = c.options.max_dE;
  info.min_dE = c.options.min_dE;
  info.max_distance = c.options.max_distance;
  info.min_count = c.options.min_count;
  write_pairs(out.stream(), info, pairs);
  if (summary_out) {
    const auto& s = report.summary;
    TableWriter t(summary_out->stream(), "graph-summary", 1, 0);
    t.meta(provenance);
    t.meta(info.glass);
    t.meta("minima", std::to_string(s.minima));
    t.meta("edges", std::to_string(s.edges));
    t.meta("components", std::to_string(s.components));
    t.meta("largest_component", std::to_string(s.largest_component));
    t.meta("isolated", std::to_string(s.isolated));
    t.columns({"degree", "minima"});
    for (std::size_t k = 0; k < s.degree_histogram.size(); ++k)
      if (s.degree_histogram[k] > 0) t.row({static_cast<long long>(k), s.degree_histogram[k]});
    summary_out->commit();
  }
  out.commit();
  return report;
}

}  // namespace tls::graph
