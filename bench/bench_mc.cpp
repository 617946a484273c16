// Swap Monte Carlo kernel: one sweep (N attempts, p_swap = 0.2, delta = 0.115) per iteration at
// T = 0.062; items = attempted moves. At N = 1500 the chain starts from the T_f = 0.062 glass of
// data/ (an equilibrium configuration at 0.062, data/README.md) when present; otherwise, and at
// other N, from an inherent structure. Either way 200 sweeps are made before timing.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "support.hpp"
#include "tls/io/configuration_io.hpp"
#include "tls/mc/swap_mc.hpp"

namespace {

const tls::Configuration& start(int n, bool* equilibrium) {
  static const tls::Configuration glass = [] {
    const char* dir = std::getenv("TLS_PROJECT_DATA");
    const std::string path = std::string(dir ? dir : TLS_PROJECT_DATA_DEFAULT) + "/glass-Tf0.062-N1500.xyz";
    return std::filesystem::exists(path) ? tls::read_configuration(path) : tls::Configuration{};
  }();
  *equilibrium = n == 1500 && glass.size() == 1500;
  return *equilibrium ? glass : tls::bench::inherent_structure(n);
}

void BM_SwapSweep(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  bool equilibrium = false;
  const auto& c = start(n, &equilibrium);
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
  state.counters["equilibrium_start"] = equilibrium ? 1 : 0;
  state.counters["acc_disp"] = d.displacement_acceptance();
  state.counters["acc_swap"] = d.swap_acceptance();
  state.counters["refresh_per_sweep"] =
      static_cast<double>(mc.neighbours().refreshes() - refresh0) / static_cast<double>(state.iterations());
  state.counters["row"] = static_cast<double>(mc.neighbours().entries()) / n;
}
BENCHMARK(BM_SwapSweep)->Arg(500)->Arg(1500)->Arg(6000)->Arg(24000)->Unit(benchmark::kMicrosecond);

}  // namespace
