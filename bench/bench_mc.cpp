// Swap Monte Carlo kernel: one sweep (N attempts, p_swap = 0.2, delta = 0.115) per iteration at
// T = 0.062 from an inherent structure warmed by 200 sweeps; items = attempted moves.
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "support.hpp"
#include "tls/mc/swap_mc.hpp"

namespace {

void BM_SwapSweep(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const auto& c = tls::bench::inherent_structure(n);
  tls::SwapMcOptions o;
  o.temperature = 0.062;
  if (const char* v = std::getenv("TLS_SKIN")) o.skin = std::atof(v);
  if (const char* v = std::getenv("TLS_SLACK")) o.diameter_slack = std::atof(v);
  tls::SwapMc mc(c.box, c.positions, c.diameters, o, tls::Rng(1, "bench-swap", 0));
  mc.sweeps(200);
  const auto counts0 = mc.counts();
  const long refresh0 = mc.neighbours().refreshes();
  for (auto _ : state) mc.sweeps(1);
  const auto d = mc.counts() - counts0;
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["acc_disp"] = d.displacement_acceptance();
  state.counters["acc_swap"] = d.swap_acceptance();
  state.counters["refresh_per_sweep"] =
      static_cast<double>(mc.neighbours().refreshes() - refresh0) / static_cast<double>(state.iterations());
  state.counters["row"] = static_cast<double>(mc.neighbours().entries()) / n;
}
BENCHMARK(BM_SwapSweep)->Arg(500)->Arg(1500)->Arg(6000)->Arg(24000)->Unit(benchmark::kMicrosecond);

}  // namespace
