// Exploration kernel: one isoconfigurational run of fixed MD time (5 time units at T = 0.04:
// 50 inherent structures with bisection) on the authors' glass, with plain quenches and with
// recognition of known basins (tls-explore --quench full / recognise). Counters: minima found,
// quenches, recognised quenches and force calls per run; the cost per distinct minimum follows.
#include <benchmark/benchmark.h>

#include <array>
#include <cmath>
#include <string>

#include "support.hpp"
#include "tls/core/rng.hpp"
#include "tls/explore/model_landscape.hpp"
#include "tls/explore/run.hpp"
#include "tls/io/configuration_io.hpp"
#include "tls/md/md.hpp"

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

// Where a quench's force calls go, and what recognising a known basin could save at best
// (docs/performance.md, "How far recognition can go"). From the authors' inherent structure, MD at
// T = 0.04 (5 time units of transient), then a frame every 20 steps (Delta t_IS = 0.1), each
// quenched by FIRE -> L-BFGS as tls-explore does. Counters, per frame: the force calls until
// max|F| first falls below 1e-1, 1e-2 and 3e-3 and in all (`calls_*`); the largest particle
// distance from the descent at 1e-1 to the minimum it ends in (`dist_1e-1`, sigma); the share of
// frames whose minimum is the previous frame's (`stays`); and at max|F| < 1e-1, the share of the
// frames that stay whose descent already passes the harmonic test of the previous minimum with a
// 10x wider gate (0.05 sigma, residual 0.3: `harm_1e-1`), and the share of the frames that leave
// whose descent passes a barrier-free straight line to the previous minimum (`line_false_1e-1`:
// force along the line positive and energy falling at 1/4, 1/2, 3/4), i.e. how often that cheap
// test would name the wrong minimum.
void quench_descent(benchmark::State& state, const tls::Configuration& glass) {
  constexpr std::array<double, 3> levels = {1e-1, 1e-2, 3e-3};
  const int frames = static_cast<int>(state.range(0));
  tls::ForceField ff(glass.box, glass.diameters, 0.2);
  const tls::MinimizerOptions mo;
  Eigen::VectorXd start = glass.positions;
  tls::minimize(ff, start, mo);
  std::array<double, 3> calls{};
  double total = 0, stays = 0, harm = 0, line_false = 0, leaves = 0, dist = 0;
  for (auto _ : state) {
    calls = {};
    total = stays = harm = line_false = leaves = dist = 0;
    tls::Rng vr(7, "bench-descent-velocities", 0);
    tls::MdIntegrator md(ff, tls::MdOptions{}, tls::Rng(7, "bench-descent-thermostat", 0), start,
                         tls::maxwell_boltzmann(glass.size(), 0.04, vr));
    md.run(1000);
    tls::ForceField qf = ff, probe = ff;
    Eigen::VectorXd prev = md.state().x;
    tls::minimize(qf, prev, mo);
    double e_prev = qf.energy(prev);
    for (int k = 0; k < frames; ++k) {
      md.run(20);
      Eigen::VectorXd y = md.state().x;
      std::array<long, 3> at{-1, -1, -1};
      Eigen::VectorXd z1, f1;  // the descent when max|F| first falls below levels[0]
      std::size_t next = 0;
      long c = 0;
      tls::MinimizerOptions o = mo;
      o.fire.watch = [&](const Eigen::Ref<const Eigen::VectorXd>& z, const Eigen::VectorXd& f, double, double max_f) {
        ++c;
        for (; next < levels.size() && max_f < levels[next]; ++next) {
          at[next] = c;
          if (next == 0) z1 = z, f1 = f;
        }
        return false;
      };
      const auto r = tls::minimize(qf, y, o);
      const double e = qf.energy(y);
      const bool stay = std::abs(e - e_prev) < 1e-6 && tls::max_displacement(glass.box, prev, y) < 1e-3;
      total += static_cast<double>(r.force_calls);
      for (std::size_t l = 0; l < levels.size(); ++l) calls[l] += static_cast<double>(at[l]);
      if (at[0] > 0) {
        dist += tls::max_displacement(glass.box, y, z1);
        const Eigen::VectorXd to_prev = -tls::relative_displacement(glass.box, prev, z1);  // prev - z1
        if (stay) {
          Eigen::VectorXd hp(to_prev.size());
          probe.hessian_product(prev, -to_prev, hp);
          double worst = 0;
          for (Eigen::Index i = 0; i + 2 < to_prev.size(); i += 3)
            worst = std::max(worst, to_prev.segment<3>(i).norm());
          if (worst < 0.05 && (hp + f1).norm() < 0.3 * f1.norm()) ++harm;
        } else {
          Eigen::VectorXd f(z1.size());
          double e_last = probe.energy(z1);
          bool free = true;
          for (double s : {0.25, 0.5, 0.75}) {
            const double e_s = probe.energy_forces(z1 + s * to_prev, f);
            free = free && f.dot(to_prev) > 0 && e_s < e_last;
            e_last = e_s;
          }
          if (free) ++line_false;
        }
      }
      stays += stay;
      leaves += !stay;
      prev = y;
      e_prev = e;
    }
  }
  const double n = frames;
  state.counters["calls_1e-1"] = calls[0] / n;
  state.counters["calls_1e-2"] = calls[1] / n;
  state.counters["calls_3e-3"] = calls[2] / n;
  state.counters["calls_total"] = total / n;
  state.counters["dist_1e-1"] = dist / n;
  state.counters["stays"] = stays / n;
  state.counters["harm_1e-1"] = stays > 0 ? harm / stays : 0;
  state.counters["line_false_1e-1"] = leaves > 0 ? line_false / leaves : 0;
}

const bool registered = [] {
  const std::string path = tls::bench::reference_file("2.044404608E-01.conf.txt");
  if (path.empty()) return false;
  for (bool recognise : {false, true})
    benchmark::RegisterBenchmark(
        recognise ? "BM_ExploreRunReference/recognise" : "BM_ExploreRunReference/full",
        [path, recognise](benchmark::State& s) { explore_run(s, tls::read_configuration(path), recognise); })
        ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_QuenchDescentReference",
                               [path](benchmark::State& s) { quench_descent(s, tls::read_configuration(path)); })
      ->Arg(200)
      ->Iterations(1)
      ->Unit(benchmark::kSecond);
  return true;
}();

}  // namespace
