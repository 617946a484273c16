// Equilibration runs: replicas through a temperature ladder, samples (energy, acceptance, F_s,
// bond order), snapshots with inherent structures, quenches, tables and exact checkpoints. The
// decisions at each temperature are the StageClock's (ladder.hpp); this file runs the chain and
// writes what the clock asks for.
#include "tls/equilibrate/equilibrate.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/core/parallel.hpp"
#include "tls/core/progress.hpp"
#include "tls/equilibrate/checkpoint.hpp"
#include "tls/equilibrate/ladder.hpp"
#include "tls/equilibrate/scattering.hpp"
#include "tls/equilibrate/statistics.hpp"
#include "tls/io/configuration_io.hpp"
#include "tls/io/files.hpp"
#include "tls/md/md.hpp"
#include "tls/model/diameters.hpp"
#include "tls/model/force_field.hpp"

namespace tls {

Configuration initial_configuration(const EquilibrateOptions& o, int replica, const StartInput* input) {
  if (o.start == StartKind::file) {
    if (!input) throw InternalError("initial_configuration: a file start without its input");
    return input->configuration;
  }
  const int n = o.particles;
  Configuration c;
  c.box.length = std::cbrt(static_cast<double>(n));
  const auto d = permuted_diameters(n, o.seed);
  c.diameters = Eigen::Map<const Eigen::VectorXd>(d.data(), n);
  c.positions.resize(3 * n);
  const double L = c.box.length;
  if (o.start == StartKind::lattice) {
    const int m = static_cast<int>(std::ceil(std::cbrt(static_cast<double>(n)) - 1e-9));
    const double a = L / m;
    for (int i = 0; i < n; ++i) {
      const int ix = i / (m * m), iy = (i / m) % m, iz = i % m;
      c.positions.segment<3>(3 * i) << (ix + 0.5) * a, (iy + 0.5) * a, (iz + 0.5) * a;
    }
    return c;
  }
  // Random positions have overlaps with energies of 1e8 per particle: FIRE removes them first.
  Rng rng(o.seed, "equilibrate-start", static_cast<std::uint64_t>(replica));
  for (int k = 0; k < 3 * n; ++k) c.positions[k] = rng.uniform(0, L);
  ForceField ff(c.box, c.diameters);
  MinimizerOptions m;
  m.algorithm = MinAlgorithm::fire;
  m.ftol = 1e-2;
  m.max_force_calls = 100000;
  minimize(ff, c.positions, m);
  return c;
}

namespace equilibration {
namespace {

std::string padded(int v, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*d", width, v);
  return buf;
}

double nan() { return std::numeric_limits<double>::quiet_NaN(); }

std::string checkpoint_name(int replica) { return "checkpoint-" + padded(replica, 3) + ".tlsbin"; }

// What the replicas share: the run's settings, their states (for the tables) and stderr.
struct Shared {
  const EquilibrateOptions& options;
  const EquilibrateContext& context;
  const StartInput* input;  // the file start's configuration, read once
  Metadata settings;        // the record each checkpoint must match
  TableHeader header;
  std::mutex mutex;
  std::vector<const ReplicaState*> states;

  void append(std::vector<std::string>& rows, std::string row) {
    std::lock_guard<std::mutex> lock(mutex);
    rows.push_back(std::move(row));
  }

  void write_all_tables(bool complete) {
    std::lock_guard<std::mutex> lock(mutex);
    std::vector<const TableRows*> rows;
    for (const ReplicaState* s : states) rows.push_back(s ? &s->rows : nullptr);
    write_tables(context.output_dir, header, rows, complete);
  }
};

class Runner {
 public:
  Runner(Shared& shared, int replica) : shared_(shared), options_(shared.options), replica_(replica) {}

  /// Runs (or resumes) the replica to the end; returns its state.
  const ReplicaState& run(bool* resumed) {
    const std::string path = checkpoint_path();
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      Box box;
      if (options_.start == StartKind::file)
        box = shared_.input->configuration.box;
      else
        box.length = std::cbrt(static_cast<double>(options_.particles));
      state_ = read_checkpoint(path, shared_.settings, box, options_.chain, replica_);
      *resumed = true;
    } else {
      state_.replica = replica_;
      ChainOptions co = options_.chain;
      co.mc.temperature = options_.temperatures.front();
      state_.chain.emplace(initial_configuration(options_, replica_, shared_.input), co, options_.seed,
                           static_cast<std::uint64_t>(replica_));
    }
    {
      std::lock_guard<std::mutex> lock(shared_.mutex);
      shared_.states[static_cast<std::size_t>(replica_)] = &state_;
    }
    if (shared_.context.progress) {
      const std::string label =
          options_.replicas > 1 ? "tls-equilibrate[r" + std::to_string(replica_) + "]" : "tls-equilibrate";
      progress_ = std::make_unique<Progress>(std::cerr, label);
    }
    last_checkpoint_ = std::chrono::steady_clock::now();
    const auto nt = static_cast<int>(options_.temperatures.size());
    while (!state_.done) {
      if (state_.ladder < nt) {
        if (!clock().started) start_stage();
        chain().advance(clock().interval);
        clock().advance();
        session_blocks_ += clock().interval;
        const bool end = sample();
        report();
        if (end) finish_stage();
      }
      if (state_.crystallised) {
        state_.done = true;
      } else if (state_.ladder >= nt) {
        write_final();
        quench();
        state_.done = true;
      }
      maybe_checkpoint(state_.done);
    }
    return state_;
  }

 private:
  Chain& chain() { return *state_.chain; }
  StageClock& clock() { return state_.stage.clock; }
  std::string checkpoint_path() const { return shared_.context.output_dir + "/" + checkpoint_name(replica_); }
  bool last_temperature() const { return state_.ladder + 1 == static_cast<int>(options_.temperatures.size()); }
  double temperature() const { return options_.temperatures[static_cast<std::size_t>(state_.ladder)]; }
  StageRules rules() { return stage_rules(options_, last_temperature(), chain().time_per_block()); }
  const std::string& time_unit() const { return shared_.header.time_unit; }
  std::string tool_name() const {
    return shared_.context.provenance.empty() ? "tls-equilibrate" : shared_.context.provenance.front().second;
  }

  void start_stage() {
    if (chain().temperature() != temperature()) chain().set_temperature(temperature());
    Stage& st = state_.stage;
    st = Stage{};
    st.clock.start(state_.next_interval);
    st.reference = chain().positions();
    st.at_sample = chain().counts();
    st.correlator = FsCorrelator(options_.k);
  }

  // In burn-in, scales the displacement towards the target acceptance (swap method only).
  void tune_delta(const MoveCounts& since_sample) {
    if (clock().production || options_.tune_acceptance <= 0 || options_.chain.method != Method::swap ||
        since_sample.displacements < 100)
      return;
    const double acc = since_sample.displacement_acceptance();
    const double factor = std::clamp(acc / options_.tune_acceptance, 0.7, 1.4);
    const double top = 0.95 * options_.chain.mc.skin / std::sqrt(3.0);
    chain().set_delta(std::clamp(chain().delta() * factor, 0.005, top));
  }

  // Crystallisation: never hand such a configuration on. A lattice start is crystalline until it
  // melts, so there the watch waits for the first relaxation (or 4096 blocks: a lattice that does
  // not melt at all is a crystal too).
  bool crystallised(const BondOrder& order, const StageRules& rules) {
    const StageClock& c = clock();
    const bool melting =
        options_.start == StartKind::lattice && state_.ladder == 0 && !c.production && c.decays == 0 && c.blocks < 4096;
    if (order.solid_fraction <= options_.crystal_fraction || melting) return false;
    state_.crystallised = true;
    state_.crystal_note = "replica " + std::to_string(replica_) +
                          " crystallised at T = " + format_double(temperature()) + " (time " +
                          format_double(c.time(rules)) + ", solid-like fraction " +
                          format_fixed(order.solid_fraction, 3) + ", Q6 " + format_fixed(order.q6, 3) + ")";
    return true;
  }

  // One sample after a block of `interval`; true when this temperature is finished.
  bool sample() {
    Stage& st = state_.stage;
    StageClock& clk = st.clock;
    Chain& c = chain();
    const StageRules r = rules();
    const int n = c.size();
    const Eigen::VectorXd x = c.positions();
    const double e = c.energy() / n;
    const MoveCounts counts = c.counts();
    const MoveCounts d = counts - st.at_sample;
    st.at_sample = counts;
    const double fs = self_scattering(st.reference, x, options_.k);
    if (clk.record_sample(fs, r)) st.reference = x;
    tune_delta(d);
    const BondOrder order = bond_order(c.box(), x, c.diameters(), options_.order);
    if (clk.production) {
      st.energies.push_back(e);
      st.correlator.add(x);
      st.q6_sum += order.q6;
      st.solid_max = std::max(st.solid_max, order.solid_fraction);
    }
    const bool swaps = options_.chain.method != Method::md;
    const bool mc = options_.chain.method == Method::swap;
    shared_.append(state_.rows[kTrace],
                   row_text({replica_, temperature(), clk.production ? "production" : "burn-in", clk.time(r), e,
                             mc ? d.displacement_acceptance() : nan(), swaps ? d.swap_acceptance() : nan(), fs,
                             clk.decays, order.q6, order.solid_fraction, mc ? c.delta() : nan()}));
    if (crystallised(order, r)) return true;
    if (clk.snapshot_due(r)) snapshot(x, e, order, r);
    const StageStep step = clk.decide(r);
    if (step.production_begins) {
      st.reference = x;
      st.at_production = counts;
      st.correlator = FsCorrelator(options_.k);
      st.correlator.add(x);
    }
    return step.finished;
  }

  void snapshot(const Eigen::VectorXd& x, double e, const BondOrder& order, const StageRules& r) {
    StageClock& clk = clock();
    Chain& c = chain();
    Configuration g;
    g.box = c.box();
    g.diameters = c.diameters();
    g.positions = x;
    Eigen::VectorXd is = x;
    ForceField ff(g.box, g.diameters);
    const auto rep = minimize(ff, is, options_.minimizer);
    const int n = c.size();
    const std::string name = "glass-" + padded(replica_, 3) + "-" + padded(clk.snapshots, 4) + ".xyz";
    g.set_info("tool", tool_name());
    g.set_info("method", to_string(options_.chain.method));
    g.set_info("seed", std::to_string(options_.seed));
    g.set_info("replica", std::to_string(replica_));
    g.set_info("temperature", format_double(temperature()));
    g.set_info("time", format_double(clk.production_time(r)));
    g.set_info("e_is", format_double(rep.energy / n));
    g.set_info("is_max_force", format_sci(rep.max_force, 3));
    g.set_info("solid_fraction", format_fixed(order.solid_fraction, 4));
    write_configuration(shared_.context.output_dir + "/" + name, g, ConfigFormat::xyz, e * n);
    shared_.append(state_.rows[kGlasses], row_text({name, replica_, temperature(), clk.production_time(r), e,
                                                    rep.energy / n, rep.max_force, order.q6, order.solid_fraction}));
    clk.snapshot_taken();
  }

  // The summary row (mean E/N with its error bar, drift, tau, acceptances) and the F_s rows.
  MeanError summarise(const StageRules& r) {
    const Stage& st = state_.stage;
    const StageClock& clk = st.clock;
    Chain& c = chain();
    // Error bars from batches of two relaxation times (the energy decorrelates within about one),
    // or by blocking when tau is unknown.
    const double tau_samples = st.correlator.relaxation_time();
    const long batch = std::isfinite(tau_samples) ? std::max(1L, static_cast<long>(std::ceil(2 * tau_samples))) : 0;
    auto mean_error = [&](const std::vector<double>& v) { return batch ? batch_mean(v, batch) : blocking_mean(v); };
    const auto m = mean_error(st.energies);
    // Drift: the two halves of production compared in units of their combined error.
    double drift = nan();
    if (st.energies.size() >= 8) {
      const auto h = st.energies.begin() + static_cast<std::ptrdiff_t>(st.energies.size() / 2);
      const auto a = mean_error(std::vector<double>(st.energies.begin(), h));
      const auto b = mean_error(std::vector<double>(h, st.energies.end()));
      drift = (b.mean - a.mean) / std::sqrt(a.error * a.error + b.error * b.error);
    }
    tau_ = tau_samples * static_cast<double>(clk.interval) * r.time_per_block;
    double tau_decays = nan();
    if (!clk.decay_blocks.empty()) {
      double sum = 0;
      for (long v : clk.decay_blocks) sum += static_cast<double>(v);
      tau_decays = sum / static_cast<double>(clk.decay_blocks.size()) * r.time_per_block;
    }
    const MoveCounts d = c.counts() - st.at_production;
    const bool swaps = options_.chain.method != Method::md;
    const bool mc = options_.chain.method == Method::swap;
    const auto samples = static_cast<long>(st.energies.size());
    shared_.append(
        state_.rows[kSummary],
        row_text({replica_, temperature(), clk.burn_in_time(r), clk.production_time(r), samples, m.mean, m.error, drift,
                  tau_, tau_decays, clk.production ? clk.decays : 0, mc ? d.displacement_acceptance() : nan(),
                  swaps ? d.swap_acceptance() : nan(),
                  swaps && d.swaps ? static_cast<double>(d.swaps_eligible) / static_cast<double>(d.swaps) : nan(),
                  mc ? c.delta() : nan(), samples ? st.q6_sum / static_cast<double>(samples) : nan(), st.solid_max,
                  !clk.capped && !state_.crystallised ? 1 : 0, state_.crystallised ? 1 : 0}));
    for (const auto& p : st.correlator.curve())
      shared_.append(state_.rows[kFs],
                     row_text({replica_, temperature(), static_cast<double>(p.lag * clk.interval) * r.time_per_block,
                               p.fs, p.origins}));
    return m;
  }

  void finish_stage() {
    const StageRules r = rules();
    const StageClock& clk = clock();
    const MeanError m = summarise(r);
    if (clk.capped) ++state_.capped;
    if (progress_) {
      // One line per temperature, whatever the throttle: what this temperature gave.
      const std::string status =
          "T=" + format_double(temperature()) + " [" + std::to_string(state_.ladder + 1) + "/" +
          std::to_string(options_.temperatures.size()) + "] done: E/N " + format_fixed(m.mean, 5) + " +- " +
          format_fixed(m.error, 5) + ", tau " + format_sci(tau_, 2) + " " + time_unit() + ", " +
          std::to_string(clk.production ? clk.decays : 0) + " relaxations" +
          (clk.capped ? " (stopped by --max-time)" : "") + (state_.crystallised ? " (crystallised)" : "");
      std::lock_guard<std::mutex> lock(shared_.mutex);
      progress_->update(static_cast<double>(session_blocks_) * r.time_per_block, 0, time_unit(), status, true);
    }
    state_.next_interval = clk.interval;
    state_.stage = Stage{};
    ++state_.ladder;
    if (state_.crystallised) state_.ladder = static_cast<int>(options_.temperatures.size());
  }

  void write_final() {
    Chain& c = chain();
    Configuration g;
    g.box = c.box();
    g.diameters = c.diameters();
    g.positions = c.positions();
    g.set_info("tool", tool_name());
    g.set_info("method", to_string(options_.chain.method));
    g.set_info("seed", std::to_string(options_.seed));
    g.set_info("replica", std::to_string(replica_));
    g.set_info("temperature", format_double(options_.temperatures.back()));
    write_configuration(shared_.context.output_dir + "/final-" + padded(replica_, 3) + ".xyz", g, ConfigFormat::xyz,
                        c.energy());
  }

  void quench() {
    Chain& c = chain();
    const int n = c.size();
    for (std::size_t q = 0; q < options_.quench_temperatures.size(); ++q) {
      const double tq = options_.quench_temperatures[q];
      Rng rng(options_.seed, "equilibrate-quench", static_cast<std::uint64_t>(replica_) * 1000 + q);
      MdOptions mo;
      mo.dt = options_.chain.md.dt;
      mo.temperature = tq;
      mo.tau = options_.quench_tau;
      const Eigen::VectorXd v = maxwell_boltzmann(n, tq, rng);
      MdIntegrator md(ForceField(c.box(), c.diameters()), mo, rng, c.positions(), v);
      const long every = std::max(1L, std::lround(options_.quench_every / mo.dt));
      const long rows = std::lround(options_.quench_time / (static_cast<double>(every) * mo.dt));
      for (long k = 0; k <= rows; ++k) {
        if (k > 0) md.run(every);
        shared_.append(state_.rows[kQuench],
                       row_text({replica_, options_.temperatures.back(), tq, static_cast<double>(k * every) * mo.dt,
                                 md.potential() / n, md.state().temperature()}));
      }
    }
  }

  void maybe_checkpoint(bool force) {
    const auto now = std::chrono::steady_clock::now();
    if (!force && std::chrono::duration<double>(now - last_checkpoint_).count() < shared_.context.checkpoint_interval)
      return;
    write_checkpoint(checkpoint_path(), shared_.settings, state_);
    shared_.write_all_tables(false);
    last_checkpoint_ = std::chrono::steady_clock::now();
  }

  void report() {
    if (!progress_) return;
    const StageClock& clk = clock();
    const StageRules r = rules();
    const double tpb = r.time_per_block;
    const double elapsed = progress_->elapsed_seconds();
    const double rate = elapsed > 0 ? static_cast<double>(session_blocks_) / elapsed : 0;  // blocks/s
    std::string status = "T=" + format_double(temperature()) + " [" + std::to_string(state_.ladder + 1) + "/" +
                         std::to_string(options_.temperatures.size()) + "] " +
                         (clk.production ? "production" : "burn-in") + " at " + format_sci(clk.time(r), 2) + " " +
                         time_unit() + ", E/N " + format_fixed(chain().energy() / chain().size(), 5) + ", " +
                         std::to_string(clk.decays) + " relaxations";
    if (clk.started && rate > 0) {
      // Time left at this temperature: the relaxations still to come at the mean pace so far.
      const long phase_start = clk.production ? clk.burn_blocks : 0;
      const long per =
          clk.decays > 0 ? (clk.blocks - phase_start) / clk.decays : clk.interval * options_.samples_per_relaxation;
      int left = clk.production
                     ? std::max(options_.relaxations,
                                last_temperature() ? options_.snapshots * options_.snapshot_relaxations : 0) -
                           clk.decays
                     : options_.burn_in_relaxations - clk.decays + options_.relaxations;
      left = std::max(left, 0);
      // --max-time ends the temperature sooner than the relaxations would: the honest time left.
      double blocks_left = static_cast<double>(left) * static_cast<double>(per);
      const bool capped =
          options_.max_time > 0 && options_.max_time / tpb - static_cast<double>(clk.blocks) < blocks_left;
      if (capped) blocks_left = std::max(0.0, options_.max_time / tpb - static_cast<double>(clk.blocks));
      status +=
          ", ~" + format_fixed(blocks_left / rate / 60.0, 1) + " min left at this T" + (capped ? " (--max-time)" : "");
    }
    std::lock_guard<std::mutex> lock(shared_.mutex);
    progress_->update(static_cast<double>(session_blocks_) * tpb, 0, time_unit(), status);
  }

  Shared& shared_;
  const EquilibrateOptions& options_;
  int replica_;
  ReplicaState state_;
  std::unique_ptr<Progress> progress_;
  std::chrono::steady_clock::time_point last_checkpoint_;
  long session_blocks_ = 0;  // blocks run by this process (for the rate)
  double tau_ = 0;           // the finished temperature's tau, for its progress line
};

// Temporary files a killed run may have left: ".<output>.tmp-<pid>-<n>" of AtomicOutput and
// "checkpoint-RRR.tlsbin.partial". Only names this stage writes are touched.
void remove_leftovers(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    const auto tmp = name.find(".tmp-");
    bool ours = false;
    if (name.size() > 1 && name[0] == '.' && tmp != std::string::npos) ours = is_stage_output(name.substr(1, tmp - 1));
    if (name.rfind("checkpoint-", 0) == 0 && name.size() > 8 && name.substr(name.size() - 8) == ".partial") ours = true;
    if (ours) std::filesystem::remove(entry.path(), ec);
  }
}

EquilibrateReport run_replicas(const EquilibrateOptions& o, const EquilibrateContext& ctx, const StartInput* input) {
  remove_leftovers(ctx.output_dir);
  Shared shared{o, ctx, input, settings_fingerprint(o, input), {}, {}, {}};
  shared.header.provenance = ctx.provenance;
  shared.header.method = to_string(o.chain.method);
  shared.header.particles = input ? input->configuration.size() : o.particles;
  shared.header.time_unit = o.chain.method == Method::swap ? "sweeps" : "md_time";
  shared.header.k = o.k;
  shared.header.glasses = o.snapshots > 0;
  shared.header.quench = !o.quench_temperatures.empty();
  shared.states.assign(static_cast<std::size_t>(o.replicas), nullptr);
  std::vector<std::unique_ptr<Runner>> runners;
  for (int r = 0; r < o.replicas; ++r) runners.push_back(std::make_unique<Runner>(shared, r));
  std::vector<char> resumed(static_cast<std::size_t>(o.replicas), 0);
  parallel_for(static_cast<std::size_t>(o.replicas), ctx.threads, [&](std::size_t r) {
    bool res = false;
    runners[r]->run(&res);
    resumed[r] = res;
  });
  shared.write_all_tables(true);
  EquilibrateReport rep;
  rep.replicas = o.replicas;
  std::string notes;
  for (int r = 0; r < o.replicas; ++r) {
    const ReplicaState* s = shared.states[static_cast<std::size_t>(r)];
    rep.resumed = rep.resumed || resumed[static_cast<std::size_t>(r)];
    if (s->crystallised) {
      ++rep.crystallised;
      notes += (notes.empty() ? "" : "; ") + s->crystal_note;
    }
    rep.capped += s->capped;
    rep.glasses += static_cast<int>(s->rows[kGlasses].size());
  }
  if (!ctx.keep_checkpoints)
    for (int r = 0; r < o.replicas; ++r) {
      std::error_code ec;
      std::filesystem::remove(ctx.output_dir + "/" + checkpoint_name(r), ec);
    }
  if (rep.crystallised)
    throw DataError(ctx.output_dir, 0, notes + ": no glass handed on (tables written; rerun with another seed)");
  if (rep.glasses < o.snapshots * o.replicas)
    throw DataError(ctx.output_dir, 0,
                    std::to_string(rep.glasses) + " of the " + std::to_string(o.snapshots * o.replicas) +
                        " glasses asked for were cut before --max-time stopped the last temperature (tables "
                        "written; raise --max-time, or cut by time with --snapshot-every)");
  return rep;
}

}  // namespace
}  // namespace equilibration

EquilibrateReport equilibrate(const EquilibrateOptions& o, const EquilibrateContext& ctx) {
  validate(o);
  // The input is read once, before the folder is made: a failing input leaves no empty folder,
  // and stdin ("-") is read only once.
  std::optional<StartInput> input;
  if (o.start == StartKind::file) input = read_start_input(o);
  std::error_code ec;
  const bool existed = std::filesystem::exists(ctx.output_dir, ec);
  make_directories(ctx.output_dir);
  try {
    return equilibration::run_replicas(o, ctx, input ? &*input : nullptr);
  } catch (...) {
    if (!existed) std::filesystem::remove(ctx.output_dir, ec);  // only if still empty
    throw;
  }
}

}  // namespace tls
