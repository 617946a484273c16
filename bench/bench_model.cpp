// Kernels of the model and minimiser: energy+forces over system sizes, and a full minimisation.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "support.hpp"
#include "tls/io/configuration_io.hpp"

namespace {

// One energy+forces evaluation per iteration on an inherent structure at rho = 1.
void BM_Forces(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const auto& c = tls::bench::inherent_structure(n);
  tls::ForceField ff(c.box, c.diameters);
  Eigen::VectorXd f(c.positions.size());
  double e = ff.energy_forces(c.positions, f);
  for (auto _ : state) {
    e = ff.energy_forces(c.positions, f);
    benchmark::DoNotOptimize(e);
    benchmark::DoNotOptimize(f.data());
  }
  state.SetItemsProcessed(state.iterations() * n);  // atoms per second
  state.counters["pairs_listed"] = static_cast<double>(ff.neighbour_list().size());
  state.counters["images"] = static_cast<double>(ff.neighbour_list().images().size());
  state.counters["pairs_interacting"] = static_cast<double>(ff.interacting_pairs(c.positions));
}
BENCHMARK(BM_Forces)->Arg(500)->Arg(1500)->Arg(3000)->Arg(6000)->Arg(12000)->Arg(24000)->Unit(benchmark::kMicrosecond);

// Hessian-vector product on the same inherent structures.
void BM_HessianProduct(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const auto& c = tls::bench::inherent_structure(n);
  tls::ForceField ff(c.box, c.diameters);
  Eigen::VectorXd v = Eigen::VectorXd::Ones(c.positions.size()), out(c.positions.size());
  for (auto _ : state) {
    ff.hessian_product(c.positions, v, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_HessianProduct)->Arg(1500)->Unit(benchmark::kMicrosecond);

// Full minimisation (FIRE + L-BFGS to 1e-10) of an N = 1500 configuration displaced thermally
// from an inherent structure, as an inherent-structure quench from a low-temperature state.
void BM_Minimize(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const auto& is = tls::bench::inherent_structure(n);
  const Eigen::VectorXd start = tls::bench::thermal_kick(is.positions, 0.04, 7);
  long calls = 0;
  for (auto _ : state) {
    Eigen::VectorXd x = start;
    tls::ForceField ff(is.box, is.diameters);
    const auto r = tls::minimize(ff, x, tls::MinimizerOptions{});
    calls += r.force_calls;
    if (!r.converged) state.SkipWithError("minimisation did not converge");
  }
  state.counters["force_calls"] = static_cast<double>(calls) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Minimize)->Arg(1500)->Unit(benchmark::kMillisecond);

// Neighbour-list upkeep on an inherent structure: a build (outer list through cells, then the
// working list cut from it) and a refresh (the working list cut from the outer list), with the
// default skins of the force field (0.2 and 1.0).
void BM_ListBuild(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const auto& c = tls::bench::inherent_structure(n);
  tls::NeighbourList list(0.2);
  for (auto _ : state) list.build(c.box, c.positions, c.diameters);
  state.counters["pairs_outer"] = static_cast<double>(list.outer_size());
  state.counters["pairs_listed"] = static_cast<double>(list.size());
}
BENCHMARK(BM_ListBuild)->Arg(1500)->Arg(24000)->Unit(benchmark::kMicrosecond);

void BM_ListRefresh(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const auto& c = tls::bench::inherent_structure(n);
  tls::NeighbourList list(0.2);
  list.build(c.box, c.positions, c.diameters);
  for (auto _ : state) list.refresh(c.positions);
  state.counters["pairs_outer"] = static_cast<double>(list.outer_size());
}
BENCHMARK(BM_ListRefresh)->Arg(1500)->Arg(24000)->Unit(benchmark::kMicrosecond);

// Full minimisation from uniformly random positions (deep overlaps): the hardest start.
void BM_MinimizeFromRandom(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const auto start = tls::bench::random_configuration(n, 3);
  long calls = 0;
  for (auto _ : state) {
    Eigen::VectorXd x = start.positions;
    tls::ForceField ff(start.box, start.diameters);
    calls += tls::minimize(ff, x, tls::MinimizerOptions{}).force_calls;
  }
  state.counters["force_calls"] = static_cast<double>(calls) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_MinimizeFromRandom)->Arg(1500)->Unit(benchmark::kMillisecond);

}  // namespace

namespace {
// BM_ForcesOnFile: energy+forces on the configuration named by $TLS_BENCH_CONFIG (used by
// bench/compare_lammps.sh to time the toolkit and LAMMPS on the very same input).
const bool registered_file_benchmark = [] {
  const char* path = std::getenv("TLS_BENCH_CONFIG");
  if (!path) return false;
  benchmark::RegisterBenchmark("BM_ForcesOnFile", [p = std::string(path)](benchmark::State& state) {
    const auto c = tls::read_configuration(p);
    tls::ForceField ff(c.box, c.diameters);
    Eigen::VectorXd f(c.positions.size());
    for (auto _ : state) benchmark::DoNotOptimize(ff.energy_forces(c.positions, f));
    state.SetItemsProcessed(state.iterations() * c.size());
    state.counters["N"] = c.size();
  })->Unit(benchmark::kMicrosecond);
  return true;
}();
}  // namespace
