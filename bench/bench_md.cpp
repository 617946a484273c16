// MD kernel: one thermostatted velocity Verlet step per iteration at T = 0.04, neighbour-list
// upkeep included (compare LAMMPS per atom-step with bench/compare_lammps.sh).
#include <benchmark/benchmark.h>

#include "support.hpp"
#include "tls/md/md.hpp"

namespace {

void BM_MDStep(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const auto& c = tls::bench::inherent_structure(n);
  tls::ForceField ff(c.box, c.diameters);
  tls::Rng rng(1, "bench-md", 0);
  tls::MdOptions o;
  o.temperature = 0.04;
  tls::MdIntegrator md(ff, o, rng, c.positions, tls::maxwell_boltzmann(n, 0.04, rng));
  md.run(2000);  // thermalise the vibrations before timing
  const long builds0 = md.force_field().neighbour_list().builds();
  for (auto _ : state) md.run(1);
  state.SetItemsProcessed(state.iterations() * n);  // atom-steps per second
  state.counters["steps_per_rebuild"] =
      static_cast<double>(state.iterations()) / std::max(1L, md.force_field().neighbour_list().builds() - builds0);
}
BENCHMARK(BM_MDStep)->Arg(500)->Arg(1500)->Arg(6000)->Arg(24000)->Unit(benchmark::kMicrosecond);

}  // namespace
