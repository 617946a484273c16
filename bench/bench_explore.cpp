// Exploration kernel: one isoconfigurational run of fixed MD time (5 time units at T = 0.04:
// 50 inherent structures with bisection) on the authors' glass, with plain quenches and with
// recognition of known basins (tls-explore --quench full / recognise). Counters: minima found,
// quenches, recognised quenches and force calls per run; the cost per distinct minimum follows.
#include <benchmark/benchmark.h>

#include <string>

#include "support.hpp"
#include "tls/explore/model_landscape.hpp"
#include "tls/explore/run.hpp"
#include "tls/io/configuration_io.hpp"

namespace {

void explore_run(benchmark::State& state, const tls::Configuration& glass, bool recognise) {
  tls::explore::ModelSettings s;
  s.recognition.enabled = recognise;
  const tls::explore::ModelLandscape landscape(glass, s);
  tls::explore::RunSettings rs;
  rs.snapshots = 50;
  tls::explore::RunResult r;
  for (auto _ : state) r = tls::explore::explore_run(landscape, rs, tls::explore::IdentityRule{}, 7, 0);
  state.counters["minima"] = static_cast<double>(r.minima.size());
  state.counters["quenches"] = static_cast<double>(r.quenches);
  state.counters["recognised"] = static_cast<double>(r.recognised);
  state.counters["force_calls"] = static_cast<double>(r.force_calls);
}

const bool registered = [] {
  const std::string path = tls::bench::reference_file("2.044404608E-01.conf.txt");
  if (path.empty()) return false;
  for (bool recognise : {false, true})
    benchmark::RegisterBenchmark(
        recognise ? "BM_ExploreRunReference/recognise" : "BM_ExploreRunReference/full",
        [path, recognise](benchmark::State& s) { explore_run(s, tls::read_configuration(path), recognise); })
        ->Unit(benchmark::kMillisecond);
  return true;
}();

}  // namespace
