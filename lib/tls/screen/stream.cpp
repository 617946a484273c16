// Streamed all-pairs ranking: batches of pairs, features in parallel, one prediction per batch, a
// running best list merged in a total order (so threads and batch size change nothing).
#include "tls/screen/stream.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <numeric>
#include <set>
#include <unordered_map>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/core/parallel.hpp"
#include "tls/io/files.hpp"
#include "tls/io/pair_list.hpp"
#include "tls/model/pair_geometry.hpp"

namespace tls::screen {

StreamReport rank_all_pairs_skipping(const Box& box, const std::vector<Minimum>& minima, double max_dE,
                                     const Model& model, std::size_t keep, double p_min, int threads, std::size_t batch,
                                     const std::function<bool(std::uint64_t, std::uint64_t)>& skip, Order rank_by);

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Round to nearest, ties to even: std::nearbyint() in the default rounding mode, bit for bit, for
// |v| < 2^51, without the libm call the baseline x86-64 build makes for nearbyint.
inline double rint_fast(double v) {
  constexpr double magic = 6755399441055744.0;  // 1.5 * 2^52
  return (v + magic) - magic;                   // IEEE arithmetic (no -ffast-math): the compiler keeps both roundings
}

// The arithmetic of relative_displacement() + graph::pair_geometry() (one body: pair_geometry_of), in
// the same order, with the minimum-image displacements kept in a per-thread buffer instead of a new
// vector per pair.
PairGeometry geometry(const Box& box, const Eigen::VectorXd& xa, const Eigen::VectorXd& xb) {
  const Eigen::Index n = xa.size() / 3;
  thread_local std::vector<double> d;
  d.resize(static_cast<std::size_t>(xa.size()));
  const double L = box.length;
  double mean[3] = {0, 0, 0};
  for (Eigen::Index i = 0; i < n; ++i)
    for (int k = 0; k < 3; ++k) {
      const double v = xb[3 * i + k] - xa[3 * i + k];
      const double m = v - L * rint_fast(v / L);
      d[static_cast<std::size_t>(3 * i + k)] = m;
      mean[k] += m / static_cast<double>(n);
    }
  return pair_geometry_of(n, [&](Eigen::Index i, double& dx, double& dy, double& dz) {
    dx = d[static_cast<std::size_t>(3 * i)] - mean[0];
    dy = d[static_cast<std::size_t>(3 * i + 1)] - mean[1];
    dz = d[static_cast<std::size_t>(3 * i + 2)] - mean[2];
  });
}

}  // namespace

void pair_features(const Box& box, const Minimum& a, const Minimum& b, const std::vector<std::string>& features,
                   double* out) {
  const PairGeometry g = geometry(box, a.positions, b.positions);
  for (std::size_t k = 0; k < features.size(); ++k) {
    const std::string& f = features[k];
    out[k] = f == "dE"                 ? b.energy - a.energy
             : f == "distance"         ? g.distance
             : f == "max_displacement" ? g.max_displacement
             : f == "PR"               ? g.PR
             : f == "PR_particle"      ? g.PR_particle
             : f == "disp2"            ? g.disp2
             : f == "disp3"            ? g.disp3
                                       : 0.0;  // count_ab, count_ba: not seen as a transition
  }
}

StreamReport rank_all_pairs(const Box& box, const std::vector<Minimum>& minima, double max_dE, const Model& model,
                            std::size_t keep, double p_min, int threads, std::size_t batch, Order order) {
  return rank_all_pairs_skipping(box, minima, max_dE, model, keep, p_min, threads, batch, {}, order);
}

StreamReport rank_all_pairs_skipping(const Box& box, const std::vector<Minimum>& minima, double max_dE,
                                     const Model& model, std::size_t keep, double p_min, int threads, std::size_t batch,
                                     const std::function<bool(std::uint64_t, std::uint64_t)>& skip, Order rank_by) {
  if (!(max_dE >= 0)) throw UsageError("the dE cut must be >= 0");
  require_order(model, rank_by, "the model");
  if (batch == 0) batch = 1;
  // Minima by energy (ties by id): the pairs within the cut are contiguous runs of this order.
  std::vector<std::size_t> order(minima.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return minima[x].energy < minima[y].energy || (minima[x].energy == minima[y].energy && minima[x].id < minima[y].id);
  });
  const std::size_t nf = model.features.size();
  StreamReport report;
  std::vector<std::pair<std::size_t, std::size_t>> pairs;  // (deeper, other) indices of this batch
  pairs.reserve(batch);
  FeatureTable t;
  t.features = model.features;
  auto better = [&](const StreamedPair& x, const StreamedPair& y) {
    if (const int c = compare_keys(x.key, y.key)) return c < 0;
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  };
  auto flush = [&] {
    if (pairs.empty()) return;
    t.x.assign(pairs.size() * nf, 0.0);
    t.ids.resize(pairs.size());
    parallel_for(pairs.size(), threads, [&](std::size_t k) {
      pair_features(box, minima[pairs[k].first], minima[pairs[k].second], t.features, &t.x[k * nf]);
    });
    const Prediction p = predict(model, t, threads);
    std::vector<StreamedPair> cand(pairs.size());
    const bool tls = p.p_tls.size() == p.p_dw.size();
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      StreamedPair& c = cand[k];
      c.a = minima[pairs[k].first].id;
      c.b = minima[pairs[k].second].id;
      c.p_dw = p.p_dw[k];
      c.splitting = p.splitting[k];
      if (tls) c.p_tls = p.p_tls[k], c.cost = p.cost[k];
      c.key = rank_key(rank_by, p_min, c.p_dw, c.splitting, c.p_tls, c.cost);
    }
    const std::size_t m = std::min(keep, cand.size());
    std::partial_sort(cand.begin(), cand.begin() + static_cast<long>(m), cand.end(), better);
    cand.resize(m);
    std::vector<StreamedPair> merged(report.best.size() + cand.size());
    std::merge(report.best.begin(), report.best.end(), cand.begin(), cand.end(), merged.begin(), better);
    merged.resize(std::min(keep, merged.size()));
    report.best.swap(merged);
    report.pairs += static_cast<long long>(pairs.size());
    pairs.clear();
  };
  for (std::size_t p = 0; p < order.size(); ++p)
    for (std::size_t q = p + 1; q < order.size() && minima[order[q]].energy - minima[order[p]].energy <= max_dE; ++q) {
      if (skip && skip(minima[order[p]].id, minima[order[q]].id)) continue;
      pairs.emplace_back(order[p], order[q]);
      if (pairs.size() == batch) flush();
    }
  flush();
  return report;
}

StreamReport rank_all(const RankAllConfig& c, const Metadata& provenance) {
  if (!(c.max_dE >= 0)) throw UsageError("--max-dE must be >= 0");
  AtomicOutput out(c.output);
  const Model m = read_model(c.model);
  GlassHeader glass;
  const auto minima = read_minima(c.library, &glass);
  std::uint64_t largest = 0;
  std::unordered_map<std::uint64_t, const Minimum*> by_id;
  for (const auto& mi : minima) largest = std::max(largest, mi.id), by_id[mi.id] = &mi;
  auto pair_id = [&](std::uint64_t x, std::uint64_t y) { return std::min(x, y) * (largest + 1) + std::max(x, y); };
  std::set<std::uint64_t> done;
  for (const auto& e : c.exclude) {
    std::error_code ec;
    TableReader t(std::filesystem::is_directory(e, ec) ? (std::filesystem::path(e) / "status.tsv").string() : e);
    const int cid = t.find_column("pair") >= 0 ? t.column("pair") : t.column("id");
    while (t.next()) done.insert(static_cast<std::uint64_t>(t.integer(cid)));
  }
  const auto r = rank_all_pairs_skipping(
      glass.box, minima, c.max_dE, m, c.top, c.p_min, c.threads, 1 << 16,
      [&](std::uint64_t x, std::uint64_t y) { return done.count(pair_id(x, y)) > 0; }, c.order);
  TableWriter w(out.stream(), "pairs", kPairsMajor, kPairsMinor);
  w.meta(provenance);
  w.meta(glass_metadata(glass));
  w.meta("library", std::filesystem::path(c.library).filename().string());
  w.meta("selection", "all");
  w.meta("max_dE", format_double(c.max_dE));
  w.meta("min_dE", "0");
  w.meta("max_distance", "inf");
  w.meta("min_count", "1");
  w.meta("pair_ids", "lo*(" + std::to_string(largest + 1) + ")+hi");
  w.meta("screen_mass", format_double(m.mass));
  w.meta("screen_pairs", std::to_string(r.pairs + static_cast<long long>(done.size())));
  w.meta("screen_excluded", std::to_string(done.size()));
  w.meta("screen_ranked", std::to_string(r.pairs));
  w.meta("screen_written", std::to_string(r.best.size()));
  w.meta("screen_order", to_string(c.order));
  w.meta("order", "rank");
  w.columns({"pair",
             "a",
             "b",
             "E_a",
             "E_b",
             "dE",
             "distance",
             "max_displacement",
             "PR",
             "PR_particle",
             "count_ab",
             "count_ba",
             "connected",
             "disp2",
             "disp3",
             "p_dw",
             "predicted_splitting",
             "p_tls",
             "predicted_cost",
             "rank"});
  const std::vector<std::string> all = {"distance", "max_displacement", "PR", "PR_particle", "disp2", "disp3"};
  double f[6];
  long long rank = 0;
  for (const auto& p : r.best) {
    const Minimum& a = *by_id.at(p.a);
    const Minimum& b = *by_id.at(p.b);
    pair_features(glass.box, a, b, all, f);
    w.row({static_cast<long long>(pair_id(p.a, p.b)),
           static_cast<long long>(p.a),
           static_cast<long long>(p.b),
           a.energy,
           b.energy,
           b.energy - a.energy,
           f[0],
           f[1],
           f[2],
           f[3],
           0LL,
           0LL,
           0LL,
           f[4],
           f[5],
           static_cast<double>(p.p_dw),
           p.splitting,
           m.has_tls() ? static_cast<double>(p.p_tls) : kNaN,
           m.has_tls() ? p.cost : kNaN,
           ++rank});
  }
  out.commit();
  return r;
}

}  // namespace tls::screen
