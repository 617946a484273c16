// Kernel of tls-screen's all-pairs mode: features and ranking of every pair within dE < 0.1 of a
// library of M minima of N = 1500 particles (BM_ScreenAllPairs/<M>/<threads>), streamed batch by
// batch (tls::screen::rank_all_pairs: the pairs are never held). The library is synthetic: one
// random configuration at rho = 1, each minimum displacing 1-20 particles of it by up to 0.3 sigma
// (local excitations, as the adjacent minima of a stable glass), energies uniform over 0.2 eps, so
// that 3/4 of all pairs are within the cut (1.5 million of 2,000 minima). The model is trained
// once outside the timing on synthetic labels (300 rounds, depth 5, the four boosters of model 1.1:
// the defaults), and the pairs ranked by the default order (p_tls).
// Counters: pairs ranked, pairs per second.
#include <benchmark/benchmark.h>

#include <cmath>

#include "support.hpp"
#include "tls/core/rng.hpp"
#include "tls/screen/stream.hpp"

namespace {

struct Library {
  tls::Box box;
  std::vector<tls::Minimum> minima;
};

const Library& library(int m) {
  static std::map<int, Library> cache;
  if (auto it = cache.find(m); it != cache.end()) return it->second;
  const int n = 1500;
  const auto base = tls::bench::random_configuration(n, 3);
  Library lib;
  lib.box = base.box;
  tls::Rng rng(11, "bench-screen-library", 0);
  for (int k = 0; k < m; ++k) {
    tls::Minimum mi;
    mi.id = static_cast<std::uint64_t>(k);
    mi.energy = -7000 + rng.uniform(0, 0.2);
    mi.positions = base.positions;
    const int moved = 1 + static_cast<int>(rng.uniform(0, 20));
    for (int j = 0; j < moved; ++j) {
      const auto i = static_cast<Eigen::Index>(rng.uniform(0, n));
      for (int c = 0; c < 3; ++c) mi.positions[3 * i + c] += rng.uniform(-0.3, 0.3);
    }
    lib.minima.push_back(std::move(mi));
  }
  return cache.emplace(m, std::move(lib)).first->second;
}

const tls::screen::Model& model() {
  static tls::screen::Model m = [] {
    tls::screen::Model out;
    out.features = tls::screen::known_features();
    out.mass = 4000;
    tls::screen::Matrix x;
    x.cols = out.features.size();
    std::vector<float> dw, logE, tls, cost;
    tls::screen::Matrix xdw;
    xdw.cols = x.cols;
    tls::Rng rng(5, "bench-screen-model", 0);
    for (int k = 0; k < 6000; ++k) {
      const double dE = std::pow(10.0, rng.uniform(-4, -1)), d = rng.uniform(0.1, 2.5), md = d * rng.uniform(0.4, 0.95);
      const double prp = rng.uniform(1, 30);
      const double row[9] = {dE,
                             d,
                             md,
                             3 * prp,
                             prp,
                             std::floor(rng.uniform(0, 5)),
                             std::floor(rng.uniform(0, 5)),
                             md * rng.uniform(0.3, 1),
                             md * rng.uniform(0.1, 0.3)};
      const bool is_dw = prp > 4 && d > 0.3;
      for (double v : row) x.values.push_back(static_cast<float>(v));
      dw.push_back(is_dw ? 1.0f : 0.0f);
      tls.push_back(is_dw && 0.4 * std::log10(dE) - 0.6 * d - 0.3 < -2.8 ? 1.0f : 0.0f);
      cost.push_back(static_cast<float>(3 + d));
      if (is_dw) {
        for (double v : row) xdw.values.push_back(static_cast<float>(v));
        logE.push_back(static_cast<float>(0.4 * std::log10(dE) - 0.6 * d - 0.3));
      }
    }
    x.rows = dw.size();
    xdw.rows = logE.size();
    tls::screen::BoosterParams p;
    p.seed = 1;
    p.objective = "binary:logistic";
    out.classifier = tls::screen::train_booster(x, dw, p);
    p.objective = "reg:squarederror";
    out.regressor = tls::screen::train_booster(xdw, logE, p);
    p.objective = "binary:logistic";
    out.tls = tls::screen::train_booster(x, tls, p);
    p.objective = "reg:squarederror";
    out.cost = tls::screen::train_booster(x, cost, p);
    out.threshold = 2 * 3.141592653589793 / out.mass;
    return out;
  }();
  return m;
}

void BM_ScreenAllPairs(benchmark::State& state) {
  const auto& lib = library(static_cast<int>(state.range(0)));
  const auto& m = model();
  const int threads = static_cast<int>(state.range(1));
  long long pairs = 0;
  for (auto _ : state) {
    const auto r =
        tls::screen::rank_all_pairs(lib.box, lib.minima, 0.1, m, 1000, 0.5, threads, 1 << 16, tls::screen::Order::tls);
    pairs = r.pairs;
    benchmark::DoNotOptimize(r.best.data());
  }
  state.counters["pairs"] = static_cast<double>(pairs);
  state.counters["pairs_per_s"] =
      benchmark::Counter(static_cast<double>(pairs), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ScreenAllPairs)
    ->Args({200, 1})
    ->Args({2000, 1})
    ->Args({2000, 2})
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->UseRealTime()
    ->MeasureProcessCPUTime();

}  // namespace
