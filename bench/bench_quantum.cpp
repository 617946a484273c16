// Kernels of tls-split and tls-density: one splitting of a typical profile (BM_Splitting/<mass>),
// a deep well that needs long double, the DVR alternative for comparison, and the density of
// 10^6 splittings (docs/performance.md records the figures).
#include <benchmark/benchmark.h>

#include <cmath>

#include "tls/core/rng.hpp"
#include "tls/io/splitting_table.hpp"
#include "tls/quantum/dvr.hpp"
#include "tls/quantum/splitting.hpp"
#include "tls/stats/density.hpp"

namespace {

// Benchmark 1.7's DoNotOptimize(T&) lets GCC treat a double as clobbered by its "+m,r" asm and
// corrupt it; the const overload only reads.
void keep(const double& x) { benchmark::DoNotOptimize(x); }

// A typical double well as tls-neb writes it: 33 images on [0, 1] (harmonic continuation beyond),
// barrier 0.02, asymmetry 0.001, path length 0.7 sigma.
tls::Profile typical_profile(double barrier = 0.02, double asymmetry = 0.001, double d = 0.7) {
  tls::Profile p;
  p.id = "typical";
  p.d = d;
  for (int i = 0; i <= 32; ++i) {
    const double x = i / 32.0;
    p.xi.push_back(x);
    p.v.push_back(16 * barrier * x * x * (1 - x) * (1 - x) + asymmetry * x * x * (3 - 2 * x));
  }
  return p;
}

void report(benchmark::State& state, const tls::SplittingRecord& r) {
  state.SetItemsProcessed(state.iterations());  // splittings per second
  state.counters["E"] = r.splitting;
  state.counters["rel_err"] = r.err / r.splitting;
  state.counters["grid"] = static_cast<double>(r.grid);
}

// One splitting (spline, well analysis, levels on two grids, Delta, WKB) per iteration.
void BM_Splitting(benchmark::State& state) {
  const double mass = static_cast<double>(state.range(0));
  const tls::Profile p = typical_profile();
  tls::SplittingRecord r;
  for (auto _ : state) {
    r = tls::split_profile(p, std::span<const double>(&mass, 1), tls::SplitOptions{}).at(0);
    keep(r.splitting);
  }
  report(state, r);
}
BENCHMARK(BM_Splitting)->Arg(4000)->Arg(30000)->Unit(benchmark::kMicrosecond);

// A symmetric well with E/E1 ~ 1e-12: escalates to long double.
void BM_SplittingDeep(benchmark::State& state) {
  const double mass = 4000;
  const tls::Profile p = typical_profile(0.25, 0, 1.0);
  tls::SplittingRecord r;
  for (auto _ : state) {
    r = tls::split_profile(p, std::span<const double>(&mass, 1), tls::SplitOptions{}).at(0);
    keep(r.splitting);
  }
  report(state, r);
}
BENCHMARK(BM_SplittingDeep)->Unit(benchmark::kMicrosecond);

// The same typical splitting by a dense Colbert-Miller DVR with N points (why we do not use it).
void BM_SplittingDvr(benchmark::State& state) {
  const double mass = 4000;
  const int n = static_cast<int>(state.range(0));
  const tls::Profile p = typical_profile();
  const tls::ProfilePotential pot(p.xi, p.v);
  const std::function<double(double)> v = [&](double x) { return static_cast<double>(pot.value(x)); };
  double e = 0;
  for (auto _ : state) {
    const auto levels = tls::dvr_levels<double>(v, -0.6, 1.6, 1 / (2 * mass * p.d * p.d), n, 2);
    e = levels[1] - levels[0];
    keep(e);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["E"] = e;
}
BENCHMARK(BM_SplittingDvr)->Arg(100)->Arg(200)->Unit(benchmark::kMicrosecond);

// tls-density's statistics on 10^6 splittings in 200 glasses (1000 bootstrap resamples), without I/O.
void BM_Density(benchmark::State& state) {
  const int glasses = 200, per_glass = static_cast<int>(state.range(0)) / glasses;
  std::vector<tls::SplittingTable> tables(static_cast<std::size_t>(glasses));
  for (int g = 0; g < glasses; ++g) {
    auto& t = tables[static_cast<std::size_t>(g)];
    t.source = "g" + std::to_string(g);
    t.glass.glass = t.source;
    t.glass.particles = 1500;
    t.masses = {4000};
    tls::Rng rng(1, "bench-density", static_cast<std::uint64_t>(g));
    for (int k = 0; k < per_glass; ++k) {
      tls::SplittingRecord r;
      r.id = std::to_string(k);
      r.mass = 4000;
      r.splitting = rng.uniform(0, 0.01);
      t.rows.push_back(std::move(r));
    }
  }
  const auto in = tls::assemble_glasses(tables, {}, {});
  tls::DensityOptions o;
  o.seed = 1;
  for (auto _ : state) {
    const auto rep = tls::compute_density(in, o, nullptr);
    keep(rep.summary[0].n0.value);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Density)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace
