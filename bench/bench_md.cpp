// MD and quench kernels: one thermostatted velocity Verlet step per iteration at T = 0.04,
// neighbour-list upkeep included, and one inherent-structure quench from a T = 0.04 configuration
// (compare LAMMPS per atom-step and per quench with bench/compare_lammps.sh).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "support.hpp"
#include "tls/io/configuration_io.hpp"
#include "tls/io/files.hpp"
#include "tls/md/md.hpp"

namespace {

// Steps of one MD trajectory from c at T = 0.04 (thermalised for 2000 steps before timing). Steps
// compute forces only, as LAMMPS's do between thermo steps. TLS_BENCH_SKIN and
// TLS_BENCH_OUTER_SKIN set the neighbour-list skins (defaults 0.2 and 1.0) for tuning.
void md_steps(benchmark::State& state, const tls::Configuration& c) {
  const int n = c.size();
  const char* sk = std::getenv("TLS_BENCH_SKIN");
  const char* osk = std::getenv("TLS_BENCH_OUTER_SKIN");
  tls::ForceField ff(c.box, c.diameters, sk ? std::atof(sk) : 0.2, osk ? std::atof(osk) : -1.0);
  tls::Rng rng(1, "bench-md", 0);
  tls::MdOptions o;
  o.temperature = 0.04;
  tls::MdIntegrator md(ff, o, rng, c.positions, tls::maxwell_boltzmann(n, 0.04, rng));
  md.run(2000);  // thermalise the vibrations before timing
  const long builds0 = md.force_field().neighbour_list().builds();
  const long refreshes0 = md.force_field().neighbour_list().refreshes();
  for (auto _ : state) md.run(1);
  state.SetItemsProcessed(state.iterations() * n);  // atom-steps per second
  state.counters["steps_per_rebuild"] =
      static_cast<double>(state.iterations()) / std::max(1L, md.force_field().neighbour_list().builds() - builds0);
  state.counters["steps_per_refresh"] =
      static_cast<double>(state.iterations()) / std::max(1L, md.force_field().neighbour_list().refreshes() - refreshes0);
  state.counters["pairs_listed"] = static_cast<double>(md.force_field().neighbour_list().size());
}

// A T = 0.04 configuration: 2000 thermostatted steps from c (written to $TLS_BENCH_WRITE_THERMAL
// when set, so that LAMMPS can quench the very same input).
Eigen::VectorXd thermal(const tls::Configuration& c) {
  tls::ForceField ff(c.box, c.diameters);
  tls::Rng rng(2, "bench-quench", 0);
  tls::MdOptions o;
  o.temperature = 0.04;
  tls::MdIntegrator md(ff, o, rng, c.positions, tls::maxwell_boltzmann(c.size(), 0.04, rng));
  md.run(2000);
  if (const char* out = std::getenv("TLS_BENCH_WRITE_THERMAL")) {
    tls::Configuration t = c;
    t.positions = md.state().x;
    tls::write_configuration(out, t, tls::ConfigFormat::xyz, std::nullopt);
  }
  return md.state().x;
}

// One inherent-structure quench (FIRE + L-BFGS to max|F_i| < 1e-10) of a T = 0.04 configuration,
// with the force field kept between iterations as tls-explore keeps it between quenches.
void quench(benchmark::State& state, const tls::Configuration& c) {
  const Eigen::VectorXd start = thermal(c);
  tls::ForceField ff(c.box, c.diameters);
  long calls = 0;
  for (auto _ : state) {
    Eigen::VectorXd x = start;
    const auto r = tls::minimize(ff, x, tls::MinimizerOptions{});
    calls += r.force_calls;
    if (!r.converged) state.SkipWithError("quench did not converge");
  }
  state.counters["force_calls"] = static_cast<double>(calls) / static_cast<double>(state.iterations());
}

void BM_MDStep(benchmark::State& state) { md_steps(state, tls::bench::inherent_structure(static_cast<int>(state.range(0)))); }
BENCHMARK(BM_MDStep)->Arg(500)->Arg(1500)->Arg(6000)->Arg(24000)->Unit(benchmark::kMicrosecond);

// The same on the authors' T_f = 0.062 glass (inherent structure 2.044404608E-01, N = 1500): a
// well-annealed glass, as tls-explore sees it.
const bool registered_reference = [] {
  const std::string path = tls::bench::reference_file("2.044404608E-01.conf.txt");
  if (path.empty()) return false;
  benchmark::RegisterBenchmark("BM_MDStepReference", [path](benchmark::State& s) {
    md_steps(s, tls::read_configuration(path));
  })->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("BM_QuenchReference", [path](benchmark::State& s) {
    quench(s, tls::read_configuration(path));
  })->Unit(benchmark::kMillisecond);
  return true;
}();

// On the configuration named by $TLS_BENCH_CONFIG (bench/compare_lammps.sh).
const bool registered_file = [] {
  const char* path = std::getenv("TLS_BENCH_CONFIG");
  if (!path) return false;
  benchmark::RegisterBenchmark("BM_MDStepOnFile", [p = std::string(path)](benchmark::State& s) {
    md_steps(s, tls::read_configuration(p));
  })->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("BM_QuenchOnFile", [p = std::string(path)](benchmark::State& s) {
    quench(s, tls::read_configuration(p));
  })->Unit(benchmark::kMillisecond);
  return true;
}();

}  // namespace
