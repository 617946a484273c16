// Equilibration runs: replicas through a temperature ladder, samples (energy, acceptance, F_s,
// bond order), snapshots with inherent structures, quenches, tables and exact checkpoints.
#include "tls/equilibrate/equilibrate.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>

#include "tls/core/checksum.hpp"
#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/core/parallel.hpp"
#include "tls/equilibrate/scattering.hpp"
#include "tls/equilibrate/statistics.hpp"
#include "tls/io/binary.hpp"
#include "tls/io/configuration_io.hpp"
#include "tls/io/files.hpp"
#include "tls/md/md.hpp"
#include "tls/model/diameters.hpp"
#include "tls/model/force_field.hpp"

namespace tls {

StartKind start_from_name(const std::string& name) {
  if (name == "random") return StartKind::random;
  if (name == "lattice") return StartKind::lattice;
  throw UsageError("unknown start '" + name + "' (expected random or lattice, or give an input configuration)");
}

namespace {
void require(bool ok, const std::string& what) {
  if (!ok) throw UsageError(what);
}
bool finite_positive(double v) { return std::isfinite(v) && v > 0; }
}  // namespace

void validate(const EquilibrateOptions& o) {
  require(!o.temperatures.empty(), "at least one temperature is required (--temperature)");
  for (double t : o.temperatures)
    require(finite_positive(t), "temperature must be positive and finite, got " + format_double(t));
  require(o.start == StartKind::file || o.particles >= 2,
          "at least 2 particles are needed, got " + std::to_string(o.particles));
  require(o.replicas >= 1, "at least one replica is needed");
  require(std::isfinite(o.burn_in) && o.burn_in >= 0, "burn-in time must be finite and non-negative");
  require(std::isfinite(o.production) && o.production >= 0, "production time must be finite and non-negative");
  require(std::isfinite(o.max_time) && o.max_time >= 0, "time cap must be finite and non-negative (0 = none)");
  require(o.burn_in_relaxations >= 0, "burn-in relaxations must be non-negative");
  require(o.relaxations >= 1, "production needs at least one relaxation");
  require(finite_positive(o.k), "wave number k must be positive");
  require(o.samples_per_relaxation >= 2, "samples per relaxation must be at least 2");
  require(o.snapshots >= 0, "number of snapshots must be non-negative");
  require(o.snapshot_relaxations >= 1, "relaxations between snapshots must be at least 1");
  require(std::isfinite(o.snapshot_every) && o.snapshot_every >= 0,
          "time between snapshots must be finite and non-negative (0 = by relaxations)");
  require(o.crystal_fraction > 0 && o.crystal_fraction <= 1, "crystal fraction must lie in (0, 1]");
  require(o.order.bond_cut > 1 && o.order.bond_cut < 2, "bond cut-off must lie in (1, 2) sigma_ij");
  require(o.order.coherence > -1 && o.order.coherence < 1, "bond coherence threshold must lie in (-1, 1)");
  require(o.order.solid_bonds >= 1, "solid-like bonds must be at least 1");
  require(o.tune_acceptance >= 0 && o.tune_acceptance < 1, "target acceptance must lie in [0, 1)");
  for (double t : o.quench_temperatures)
    require(finite_positive(t), "quench temperature must be positive and finite, got " + format_double(t));
  require(finite_positive(o.quench_time) && finite_positive(o.quench_every) && finite_positive(o.quench_tau),
          "quench time, sampling interval and thermostat constant must be positive");
  require(o.minimizer.ftol > 0, "minimiser tolerance must be positive");
  ChainOptions c = o.chain;
  c.mc.temperature = o.temperatures.front();
  validate(c);
}

Configuration initial_configuration(const EquilibrateOptions& o, int replica) {
  if (o.start == StartKind::file) {
    Configuration c = read_configuration(o.input);
    validate(c, display_name(o.input));
    if (c.size() < 2) throw DataError(display_name(o.input), 0, "at least 2 particles are needed, got " + std::to_string(c.size()));
    c.info.clear();
    return c;
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

const std::vector<TableFormat>& equilibrate_tables() {
  static const std::vector<TableFormat> tables = {
      {"trace.tsv", "eqtrace",
       {"replica", "temperature", "phase", "time", "e", "acc_displacement", "acc_swap", "fs", "relaxations", "q6", "solid",
        "delta"}},
      {"summary.tsv", "equilibrium",
       {"replica", "temperature", "burn_in", "production", "samples", "e", "e_err", "e_drift", "tau", "tau_decays",
        "relaxations", "acc_displacement", "acc_swap", "swap_eligible", "delta", "q6", "solid_max", "equilibrated",
        "crystallised"}},
      {"fs.tsv", "fs", {"replica", "temperature", "lag", "fs", "origins"}},
      {"glasses.tsv", "glasses", {"file", "replica", "temperature", "time", "e", "e_is", "max_force", "q6", "solid"}},
      {"quench.tsv", "quench", {"replica", "temperature", "quench_temperature", "time", "e", "kinetic_temperature"}},
  };
  return tables;
}

Metadata settings_fingerprint(const EquilibrateOptions& o) {
  auto list = [](const std::vector<double>& v) {
    std::string s;
    for (double t : v) {
      if (!s.empty()) s += ',';
      s += format_double(t);
    }
    return s;
  };
  const auto& c = o.chain;
  Metadata m;
  m.emplace_back("state", "tls-equilibrate-state 1");
  m.emplace_back("method", to_string(c.method));
  m.emplace_back("temperatures", list(o.temperatures));
  if (o.start == StartKind::file) {
    std::error_code ec;
    const bool file = std::filesystem::is_regular_file(o.input, ec);
    m.emplace_back("start", "file " + (file ? hex32(crc32_file(o.input)) : std::string("<stream>")));
  } else {
    m.emplace_back("start", std::string(o.start == StartKind::random ? "random " : "lattice ") + std::to_string(o.particles));
  }
  m.emplace_back("seed", std::to_string(o.seed));
  m.emplace_back("replicas", std::to_string(o.replicas));
  m.emplace_back("swap", format_double(c.mc.p_swap) + " " + format_double(c.mc.max_swap_difference) + " " +
                             format_double(c.mc.delta) + " tune " + format_double(o.tune_acceptance));
  m.emplace_back("md", format_double(c.md.dt) + " " + format_double(c.md.tau) + " " + std::to_string(c.block_steps) +
                           " " + std::to_string(c.block_swaps));
  m.emplace_back("length", format_double(o.burn_in) + " " + std::to_string(o.burn_in_relaxations) + " " +
                               format_double(o.production) + " " + std::to_string(o.relaxations) + " " +
                               format_double(o.max_time) + " " + format_double(o.k) + " " +
                               std::to_string(o.samples_per_relaxation));
  // snapshot_every joins the key only when used, so checkpoints written before it existed resume.
  m.emplace_back("snapshots", std::to_string(o.snapshots) + " " + std::to_string(o.snapshot_relaxations) + " " +
                                  describe(o.minimizer) +
                                  (o.snapshot_every > 0 ? " every " + format_double(o.snapshot_every) : ""));
  m.emplace_back("order", format_double(o.order.bond_cut) + " " + format_double(o.order.coherence) + " " +
                              std::to_string(o.order.solid_bonds) + " " + format_double(o.crystal_fraction));
  m.emplace_back("quench", list(o.quench_temperatures) + " " + format_double(o.quench_time) + " " +
                               format_double(o.quench_every) + " " + format_double(o.quench_tau));
  return m;
}

namespace {

constexpr const char* kStateSchema = "tls-equilibrate-state";
constexpr std::uint16_t kStateMajor = 1, kStateMinor = 0;
constexpr bin::Tag kSettingsTag = bin::tag("SETT");
constexpr bin::Tag kStateTag = bin::tag("STAT");

std::string row_text(const std::vector<Cell>& cells) {
  std::string s;
  for (std::size_t k = 0; k < cells.size(); ++k) {
    if (k) s += '\t';
    s += cells[k].text();
  }
  return s;
}

// Output tables, rows kept as text so a checkpoint carries them exactly.
constexpr int kRowKinds = 5;
enum RowKind { kTrace, kSummary, kFs, kGlasses, kQuench };
using Rows = std::array<std::vector<std::string>, kRowKinds>;

struct Stage {
  bool started = false;
  bool production = false;
  bool capped = false;
  long blocks = 0;       // blocks run at this temperature
  long burn_blocks = 0;  // blocks of burn-in, once production has begun
  long interval = 1;     // blocks between samples
  long ref_block = 0;    // when the F_s reference was taken
  long since_ref = 0;    // samples since then
  int decays = 0;        // F_s decays in the current phase
  int snapshots = 0;
  Eigen::VectorXd ref;
  std::vector<long> decay_blocks;  // durations of the production decays
  std::vector<double> energies;    // production samples of E/N
  FsCorrelator corr;
  MoveCounts at_sample, at_production;
  double q6_sum = 0, solid_max = 0;
};

struct ReplicaState {
  int replica = 0;
  int ladder = 0;  // index of the current temperature
  bool done = false;
  bool crystallised = false;
  std::string crystal_note;
  int capped = 0;          // temperatures stopped by the time cap
  long next_interval = 1;  // first sample interval of the next temperature
  Stage stage;
  std::optional<Chain> chain;
  Rows rows;
};

// --- checkpoint encoding -------------------------------------------------------------------------

void put_longs(bin::PayloadWriter& w, const std::vector<long>& v) {
  w.put(static_cast<std::uint64_t>(v.size()));
  for (long x : v) w.put(static_cast<std::int64_t>(x));
}
std::vector<long> get_longs(bin::PayloadReader& r) {
  const auto n = r.get<std::uint64_t>();
  if (n > r.remaining() / 8) throw DataError("checkpoint: list longer than its record");
  std::vector<long> v(n);
  for (auto& x : v) x = static_cast<long>(r.get<std::int64_t>());
  return v;
}
void put_doubles(bin::PayloadWriter& w, const double* p, std::size_t n) {
  w.put(static_cast<std::uint64_t>(n));
  w.put_bytes(p, sizeof(double) * n);
}
std::vector<double> get_doubles(bin::PayloadReader& r) {
  const auto n = r.get<std::uint64_t>();
  if (n > r.remaining() / 8) throw DataError("checkpoint: list longer than its record");
  std::vector<double> v(n);
  r.get_bytes(v.data(), sizeof(double) * n);
  return v;
}
void put_counts(bin::PayloadWriter& w, const MoveCounts& c) {
  for (auto v : {c.displacements, c.displacements_accepted, c.swaps, c.swaps_eligible, c.swaps_accepted}) w.put(v);
}
MoveCounts get_counts(bin::PayloadReader& r) {
  MoveCounts c;
  for (auto* v : {&c.displacements, &c.displacements_accepted, &c.swaps, &c.swaps_eligible, &c.swaps_accepted})
    *v = r.get<std::uint64_t>();
  return c;
}

std::vector<char> encode(const ReplicaState& s) {
  bin::PayloadWriter w;
  w.put(static_cast<std::int32_t>(s.replica));
  w.put(static_cast<std::int32_t>(s.ladder));
  w.put(static_cast<std::uint8_t>(s.done));
  w.put(static_cast<std::uint8_t>(s.crystallised));
  w.put_string(s.crystal_note);
  w.put(static_cast<std::int32_t>(s.capped));
  w.put(static_cast<std::int64_t>(s.next_interval));
  const Stage& st = s.stage;
  w.put(static_cast<std::uint8_t>(st.started));
  w.put(static_cast<std::uint8_t>(st.production));
  w.put(static_cast<std::uint8_t>(st.capped));
  for (long v : {st.blocks, st.burn_blocks, st.interval, st.ref_block, st.since_ref}) w.put(static_cast<std::int64_t>(v));
  w.put(static_cast<std::int32_t>(st.decays));
  w.put(static_cast<std::int32_t>(st.snapshots));
  put_doubles(w, st.ref.data(), static_cast<std::size_t>(st.ref.size()));
  put_longs(w, st.decay_blocks);
  put_doubles(w, st.energies.data(), st.energies.size());
  st.corr.save(w);
  put_counts(w, st.at_sample);
  put_counts(w, st.at_production);
  w.put(st.q6_sum);
  w.put(st.solid_max);
  w.put(static_cast<std::uint8_t>(s.chain.has_value()));
  if (s.chain) s.chain->save(w);
  for (const auto& v : s.rows) {
    w.put(static_cast<std::uint64_t>(v.size()));
    for (const auto& line : v) w.put_string(line);
  }
  return w.data();
}

ReplicaState decode(const std::vector<char>& data, const std::string& path, const Box& box, const ChainOptions& co) {
  bin::PayloadReader r(data, path);
  ReplicaState s;
  s.replica = r.get<std::int32_t>();
  s.ladder = r.get<std::int32_t>();
  s.done = r.get<std::uint8_t>() != 0;
  s.crystallised = r.get<std::uint8_t>() != 0;
  s.crystal_note = r.get_string();
  s.capped = r.get<std::int32_t>();
  s.next_interval = static_cast<long>(r.get<std::int64_t>());
  Stage& st = s.stage;
  st.started = r.get<std::uint8_t>() != 0;
  st.production = r.get<std::uint8_t>() != 0;
  st.capped = r.get<std::uint8_t>() != 0;
  for (long* v : {&st.blocks, &st.burn_blocks, &st.interval, &st.ref_block, &st.since_ref})
    *v = static_cast<long>(r.get<std::int64_t>());
  st.decays = r.get<std::int32_t>();
  st.snapshots = r.get<std::int32_t>();
  const auto ref = get_doubles(r);
  st.ref = Eigen::Map<const Eigen::VectorXd>(ref.data(), static_cast<Eigen::Index>(ref.size()));
  st.decay_blocks = get_longs(r);
  st.energies = get_doubles(r);
  st.corr.load(r);
  st.at_sample = get_counts(r);
  st.at_production = get_counts(r);
  st.q6_sum = r.get<double>();
  st.solid_max = r.get<double>();
  if (r.get<std::uint8_t>()) s.chain.emplace(r, box, co);
  for (auto& v : s.rows) {
    const auto n = r.get<std::uint64_t>();
    if (n > r.remaining() / 4) throw DataError(path, 0, "checkpoint: table longer than its record");
    for (std::uint64_t q = 0; q < n; ++q) v.push_back(r.get_string());
  }
  if (!r.at_end()) throw DataError(path, 0, "checkpoint: trailing bytes after the state");
  // Fields past the checksum are checked too: a row with the wrong number of cells would only
  // surface when the tables are written, after the run had gone on from a corrupt state.
  for (std::size_t k = 0; k < s.rows.size(); ++k) {
    const auto ncols = equilibrate_tables()[k].columns.size();
    for (const auto& row : s.rows[k])
      if (static_cast<std::size_t>(std::count(row.begin(), row.end(), '\t')) + 1 != ncols ||
          row.find_first_of("\n\r") != std::string::npos)
        throw DataError(path, 0,
                        "checkpoint: a row of " + equilibrate_tables()[k].file + " does not have its " +
                            std::to_string(ncols) + " cells");
  }
  if (st.interval < 1 || s.next_interval < 1 || st.blocks < 0 || s.ladder < 0)
    throw DataError(path, 0, "checkpoint: implausible run state");
  if (st.started && s.chain && st.ref.size() != 3 * static_cast<Eigen::Index>(s.chain->size()))
    throw DataError(path, 0, "checkpoint: reference configuration of the wrong size");
  return s;
}

void write_checkpoint(const std::string& path, const Metadata& settings, const ReplicaState& s) {
  // Written beside the target and renamed over it: a kill leaves the previous checkpoint whole.
  const std::string temp = path + ".partial";
  TemporaryPath guard(temp);  // removed if the write fails (a full disk)
  {
    auto w = bin::Writer::create(temp, {kStateSchema, kStateMajor, kStateMinor});
    bin::PayloadWriter m;
    m.put(static_cast<std::uint32_t>(settings.size()));
    for (const auto& [k, v] : settings) {
      m.put_string(k);
      m.put_string(v);
    }
    w.record(kSettingsTag, m.data());
    w.record(kStateTag, encode(s));
    w.sync();
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) throw IoError(path, "cannot move the checkpoint into place: " + ec.message());
  guard.release();
}

ReplicaState read_checkpoint(const std::string& path, const Metadata& settings, const Box& box, const ChainOptions& co,
                             int replica) {
  bin::Reader reader(path, kStateSchema, kStateMajor);
  bin::Record rec;
  if (!reader.next(rec) || rec.tag != kSettingsTag) throw DataError(path, 0, "checkpoint without its settings record");
  Metadata got;
  {
    bin::PayloadReader p(rec.payload, path);
    const auto n = p.get<std::uint32_t>();
    if (n > 1000) throw DataError(path, 0, "checkpoint settings are corrupt");
    for (std::uint32_t k = 0; k < n; ++k) {
      auto key = p.get_string();
      got.emplace_back(std::move(key), p.get_string());
    }
  }
  for (const auto& [k, v] : settings) {
    auto it = std::find_if(got.begin(), got.end(), [&](const auto& kv) { return kv.first == k; });
    const std::string had = it == got.end() ? "(absent)" : it->second;
    if (had != v)
      throw DataError(path, 0, "checkpoint was written with other settings (" + k + ": " + had + ", now " + v +
                                   "); remove it to start afresh");
  }
  if (!reader.next(rec) || rec.tag != kStateTag) throw DataError(path, 0, "checkpoint without its state record");
  ReplicaState s = decode(rec.payload, path, box, co);
  if (s.replica != replica) throw DataError(path, 0, "checkpoint belongs to replica " + std::to_string(s.replica));
  return s;
}

// --- tables --------------------------------------------------------------------------------------

const std::vector<TableFormat>& kTables = equilibrate_tables();

std::string padded(int v, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*d", width, v);
  return buf;
}

// What the replicas share: their states (for the tables) and stderr.
struct Shared {
  const EquilibrateOptions& o;
  const EquilibrateContext& ctx;
  Metadata settings;
  std::string time_unit;
  int particles = 0;
  std::mutex mutex;
  std::vector<ReplicaState*> states;

  void append(std::vector<std::string>& rows, std::string row) {
    std::lock_guard<std::mutex> lock(mutex);
    rows.push_back(std::move(row));
  }

  void write_tables(bool complete) {
    std::lock_guard<std::mutex> lock(mutex);
    for (int k = 0; k < kRowKinds; ++k) {
      if (k == kGlasses && o.snapshots == 0) continue;
      if (k == kQuench && o.quench_temperatures.empty()) continue;
      const TableFormat& spec = kTables[static_cast<std::size_t>(k)];
      AtomicOutput out(ctx.output_dir + "/" + spec.file);
      TableWriter w(out.stream(), spec.format, 1, 0);
      w.meta(ctx.provenance);
      w.meta("method", to_string(o.chain.method));
      w.meta("particles", std::to_string(particles));
      w.meta("time_unit", time_unit);
      w.meta("k", format_double(o.k));
      w.meta("complete", complete ? "true" : "false");
      w.columns(spec.columns);
      for (const ReplicaState* s : states) {
        if (!s) continue;
        for (const auto& line : s->rows[static_cast<std::size_t>(k)]) {
          std::vector<Cell> cells;
          std::size_t a = 0;
          for (;;) {
            const auto b = line.find('\t', a);
            cells.emplace_back(line.substr(a, b == std::string::npos ? std::string::npos : b - a));
            if (b == std::string::npos) break;
            a = b + 1;
          }
          w.row(cells);
        }
      }
      out.commit();
    }
  }
};

double nan() { return std::numeric_limits<double>::quiet_NaN(); }

long floor_pow2(long v) {
  long p = 1;
  while (2 * p <= v) p *= 2;
  return p;
}

class Runner {
 public:
  Runner(Shared& shared, int replica) : sh_(shared), o_(shared.o), r_(replica) {}

  /// Runs (or resumes) the replica to the end; returns its state.
  ReplicaState& run(bool* resumed) {
    const std::string path = checkpoint_path();
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      Box box;
      if (o_.start == StartKind::file)
        box = read_configuration(o_.input).box;
      else
        box.length = std::cbrt(static_cast<double>(o_.particles));
      s_ = read_checkpoint(path, sh_.settings, box, o_.chain, r_);
      *resumed = true;
    } else {
      s_.replica = r_;
      ChainOptions co = o_.chain;
      co.mc.temperature = o_.temperatures.front();
      s_.chain.emplace(initial_configuration(o_, r_), co, o_.seed, static_cast<std::uint64_t>(r_));
    }
    {
      std::lock_guard<std::mutex> lock(sh_.mutex);
      sh_.states[static_cast<std::size_t>(r_)] = &s_;
    }
    if (sh_.ctx.progress) {
      const std::string label = o_.replicas > 1 ? "tls-equilibrate[r" + std::to_string(r_) + "]" : "tls-equilibrate";
      progress_ = std::make_unique<Progress>(std::cerr, label);
    }
    last_checkpoint_ = std::chrono::steady_clock::now();
    const auto nt = static_cast<int>(o_.temperatures.size());
    while (!s_.done) {
      if (s_.ladder < nt) {
        if (!s_.stage.started) start_stage();
        chain().advance(s_.stage.interval);
        s_.stage.blocks += s_.stage.interval;
        session_blocks_ += s_.stage.interval;
        const bool end = sample();
        report();
        if (end) finish_stage();
      }
      if (s_.crystallised) {
        s_.done = true;
      } else if (s_.ladder >= nt) {
        write_final();
        quench();
        s_.done = true;
      }
      maybe_checkpoint(s_.done);
    }
    return s_;
  }

 private:
  Chain& chain() { return *s_.chain; }
  std::string checkpoint_path() const { return sh_.ctx.output_dir + "/checkpoint-" + padded(r_, 3) + ".tlsbin"; }
  bool last_temperature() const { return s_.ladder + 1 == static_cast<int>(o_.temperatures.size()); }
  double temperature() const { return o_.temperatures[static_cast<std::size_t>(s_.ladder)]; }

  void start_stage() {
    if (chain().temperature() != temperature()) chain().set_temperature(temperature());
    Stage& st = s_.stage;
    st = Stage{};
    st.started = true;
    st.interval = s_.next_interval;
    st.ref = chain().positions();
    st.at_sample = chain().counts();
    st.corr = FsCorrelator(o_.k);
  }

  // One sample after a block of `interval`; true when this temperature is finished.
  bool sample() {
    Stage& st = s_.stage;
    Chain& c = chain();
    const double tpb = c.time_per_block();
    const int n = c.size();
    const Eigen::VectorXd x = c.positions();
    const double e = c.energy() / n;
    const MoveCounts counts = c.counts();
    const MoveCounts d = counts - st.at_sample;
    st.at_sample = counts;
    ++st.since_ref;
    const double fs = self_scattering(st.ref, x, o_.k);
    if (fs < std::exp(-1.0)) {
      const long duration = st.blocks - st.ref_block;
      ++st.decays;
      if (st.production) st.decay_blocks.push_back(duration);
      st.ref = x;
      st.ref_block = st.blocks;
      st.since_ref = 0;
      if (!st.production) st.interval = std::max(1L, floor_pow2(duration / o_.samples_per_relaxation));
    } else if (!st.production && st.since_ref >= 4L * o_.samples_per_relaxation) {
      // Still no decay: sample less often (tau is longer than the interval suggested).
      st.interval *= 2;
      st.since_ref /= 2;
    }
    if (!st.production && o_.tune_acceptance > 0 && o_.chain.method == Method::swap && d.displacements >= 100) {
      const double acc = d.displacement_acceptance();
      const double factor = std::clamp(acc / o_.tune_acceptance, 0.7, 1.4);
      const double top = 0.95 * o_.chain.mc.skin / std::sqrt(3.0);
      c.set_delta(std::clamp(c.delta() * factor, 0.005, top));
    }
    const BondOrder order = bond_order(c.box(), x, c.diameters(), o_.order);
    if (st.production) {
      st.energies.push_back(e);
      st.corr.add(x);
      st.q6_sum += order.q6;
      st.solid_max = std::max(st.solid_max, order.solid_fraction);
    }
    const bool swaps = o_.chain.method != Method::md;
    sh_.append(s_.rows[kTrace],
               row_text({r_, temperature(), st.production ? "production" : "burn-in", static_cast<double>(st.blocks) * tpb, e,
                         o_.chain.method == Method::swap ? d.displacement_acceptance() : nan(),
                         swaps ? d.swap_acceptance() : nan(), fs, st.decays, order.q6, order.solid_fraction,
                         o_.chain.method == Method::swap ? c.delta() : nan()}));
    // Crystallisation: never hand such a configuration on. A lattice start is crystalline until it
    // melts, so there the watch waits for the first relaxation (or 4096 blocks: a lattice that does
    // not melt at all is a crystal too).
    const bool melting = o_.start == StartKind::lattice && s_.ladder == 0 && !st.production && st.decays == 0 &&
                         st.blocks < 4096;
    if (order.solid_fraction > o_.crystal_fraction && !melting) {
      s_.crystallised = true;
      s_.crystal_note = "replica " + std::to_string(r_) + " crystallised at T = " + format_double(temperature()) +
                      " (time " + format_double(static_cast<double>(st.blocks) * tpb) + ", solid-like fraction " +
                      format_fixed(order.solid_fraction, 3) + ", Q6 " + format_fixed(order.q6, 3) + ")";
      return true;
    }
    if (last_temperature() && st.production && st.snapshots < o_.snapshots &&
        (o_.snapshot_every > 0
             ? static_cast<double>(st.blocks - st.burn_blocks) * tpb >= (st.snapshots + 1) * o_.snapshot_every
             : st.decays >= (st.snapshots + 1) * o_.snapshot_relaxations))
      snapshot(x, e, order);
    const double time = static_cast<double>(st.blocks) * tpb;
    if (!st.production && time >= o_.burn_in && st.decays >= o_.burn_in_relaxations) {
      st.production = true;
      st.burn_blocks = st.blocks;
      st.decays = 0;
      st.ref = x;
      st.ref_block = st.blocks;
      st.since_ref = 0;
      st.at_production = counts;
      st.corr = FsCorrelator(o_.k);
      st.corr.add(x);
    } else if (st.production && static_cast<double>(st.blocks - st.burn_blocks) * tpb >= o_.production &&
               st.decays >= o_.relaxations && (!last_temperature() || st.snapshots >= o_.snapshots)) {
      return true;
    }
    if (o_.max_time > 0 && time >= o_.max_time) {
      st.capped = true;
      return true;
    }
    return false;
  }

  void snapshot(const Eigen::VectorXd& x, double e, const BondOrder& order) {
    Stage& st = s_.stage;
    Chain& c = chain();
    const double tpb = c.time_per_block();
    Configuration g;
    g.box = c.box();
    g.diameters = c.diameters();
    g.positions = x;
    Eigen::VectorXd is = x;
    ForceField ff(g.box, g.diameters);
    const auto rep = minimize(ff, is, o_.minimizer);
    const int n = c.size();
    const std::string name = "glass-" + padded(r_, 3) + "-" + padded(st.snapshots, 4) + ".xyz";
    g.set_info("tool", sh_.ctx.provenance.empty() ? "tls-equilibrate" : sh_.ctx.provenance.front().second);
    g.set_info("method", to_string(o_.chain.method));
    g.set_info("seed", std::to_string(o_.seed));
    g.set_info("replica", std::to_string(r_));
    g.set_info("temperature", format_double(temperature()));
    g.set_info("time", format_double(static_cast<double>(st.blocks - st.burn_blocks) * tpb));
    g.set_info("e_is", format_double(rep.energy / n));
    g.set_info("is_max_force", format_sci(rep.max_force, 3));
    g.set_info("solid_fraction", format_fixed(order.solid_fraction, 4));
    write_configuration(sh_.ctx.output_dir + "/" + name, g, ConfigFormat::xyz, e * n);
    sh_.append(s_.rows[kGlasses],
               row_text({name, r_, temperature(), static_cast<double>(st.blocks - st.burn_blocks) * tpb, e, rep.energy / n,
                         rep.max_force, order.q6, order.solid_fraction}));
    ++st.snapshots;
  }

  void finish_stage() {
    Stage& st = s_.stage;
    Chain& c = chain();
    const double tpb = c.time_per_block();
    // Error bars from batches of two relaxation times (the energy decorrelates within about one),
    // or by blocking when tau is unknown.
    const double tau_samples = st.corr.relaxation_time();
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
    const double tau = tau_samples * static_cast<double>(st.interval) * tpb;
    double tau_decays = nan();
    if (!st.decay_blocks.empty()) {
      double sum = 0;
      for (long v : st.decay_blocks) sum += static_cast<double>(v);
      tau_decays = sum / static_cast<double>(st.decay_blocks.size()) * tpb;
    }
    const MoveCounts d = c.counts() - st.at_production;
    const bool swaps = o_.chain.method != Method::md;
    const double prod = st.production ? static_cast<double>(st.blocks - st.burn_blocks) * tpb : 0.0;
    const double burn = static_cast<double>(st.production ? st.burn_blocks : st.blocks) * tpb;
    const auto samples = static_cast<long>(st.energies.size());
    sh_.append(s_.rows[kSummary],
               row_text({r_, temperature(), burn, prod, samples, m.mean, m.error, drift, tau, tau_decays,
                         st.production ? st.decays : 0, o_.chain.method == Method::swap ? d.displacement_acceptance() : nan(),
                         swaps ? d.swap_acceptance() : nan(),
                         swaps && d.swaps ? static_cast<double>(d.swaps_eligible) / static_cast<double>(d.swaps) : nan(),
                         o_.chain.method == Method::swap ? c.delta() : nan(),
                         samples ? st.q6_sum / static_cast<double>(samples) : nan(), st.solid_max,
                         !st.capped && !s_.crystallised ? 1 : 0, s_.crystallised ? 1 : 0}));
    for (const auto& p : st.corr.curve())
      sh_.append(s_.rows[kFs], row_text({r_, temperature(), static_cast<double>(p.lag * st.interval) * tpb, p.fs, p.origins}));
    if (st.capped) ++s_.capped;
    if (progress_) {
      // One line per temperature, whatever the throttle: what this temperature gave.
      const std::string status = "T=" + format_double(temperature()) + " [" + std::to_string(s_.ladder + 1) + "/" +
                                 std::to_string(o_.temperatures.size()) + "] done: E/N " + format_fixed(m.mean, 5) +
                                 " +- " + format_fixed(m.error, 5) + ", tau " + format_sci(tau, 2) + " " + sh_.time_unit +
                                 ", " + std::to_string(st.production ? st.decays : 0) + " relaxations" +
                                 (st.capped ? " (stopped by --max-time)" : "") + (s_.crystallised ? " (crystallised)" : "");
      std::lock_guard<std::mutex> lock(sh_.mutex);
      progress_->update(static_cast<double>(session_blocks_) * tpb, 0, sh_.time_unit, status, true);
    }
    s_.next_interval = st.interval;
    st = Stage{};
    ++s_.ladder;
    if (s_.crystallised) s_.ladder = static_cast<int>(o_.temperatures.size());
  }

  void write_final() {
    Chain& c = chain();
    Configuration g;
    g.box = c.box();
    g.diameters = c.diameters();
    g.positions = c.positions();
    g.set_info("tool", sh_.ctx.provenance.empty() ? "tls-equilibrate" : sh_.ctx.provenance.front().second);
    g.set_info("method", to_string(o_.chain.method));
    g.set_info("seed", std::to_string(o_.seed));
    g.set_info("replica", std::to_string(r_));
    g.set_info("temperature", format_double(o_.temperatures.back()));
    write_configuration(sh_.ctx.output_dir + "/final-" + padded(r_, 3) + ".xyz", g, ConfigFormat::xyz, c.energy());
  }

  void quench() {
    Chain& c = chain();
    const int n = c.size();
    for (std::size_t q = 0; q < o_.quench_temperatures.size(); ++q) {
      const double tq = o_.quench_temperatures[q];
      Rng rng(o_.seed, "equilibrate-quench", static_cast<std::uint64_t>(r_) * 1000 + q);
      MdOptions mo;
      mo.dt = o_.chain.md.dt;
      mo.temperature = tq;
      mo.tau = o_.quench_tau;
      const Eigen::VectorXd v = maxwell_boltzmann(n, tq, rng);
      MdIntegrator md(ForceField(c.box(), c.diameters()), mo, rng, c.positions(), v);
      const long every = std::max(1L, std::lround(o_.quench_every / mo.dt));
      const long rows = std::lround(o_.quench_time / (static_cast<double>(every) * mo.dt));
      for (long k = 0; k <= rows; ++k) {
        if (k > 0) md.run(every);
        sh_.append(s_.rows[kQuench], row_text({r_, o_.temperatures.back(), tq, static_cast<double>(k * every) * mo.dt,
                                             md.potential() / n, md.state().temperature()}));
      }
    }
  }

  void maybe_checkpoint(bool force) {
    const auto now = std::chrono::steady_clock::now();
    if (!force && std::chrono::duration<double>(now - last_checkpoint_).count() < sh_.ctx.checkpoint_interval) return;
    write_checkpoint(checkpoint_path(), sh_.settings, s_);
    sh_.write_tables(false);
    last_checkpoint_ = std::chrono::steady_clock::now();
  }

  void report() {
    if (!progress_) return;
    const Stage& st = s_.stage;
    const double tpb = chain().time_per_block();
    const double elapsed = progress_->elapsed_seconds();
    const double rate = elapsed > 0 ? static_cast<double>(session_blocks_) / elapsed : 0;  // blocks/s
    std::string status = "T=" + format_double(temperature()) + " [" + std::to_string(s_.ladder + 1) + "/" +
                         std::to_string(o_.temperatures.size()) + "] " + (st.production ? "production" : "burn-in") +
                         " at " + format_sci(static_cast<double>(st.blocks) * tpb, 2) + " " + sh_.time_unit + ", E/N " +
                         format_fixed(chain().energy() / chain().size(), 5) + ", " + std::to_string(st.decays) + " relaxations";
    if (st.started && rate > 0) {
      // Time left at this temperature: the relaxations still to come at the mean pace so far.
      const long phase_start = st.production ? st.burn_blocks : 0;
      const long per = st.decays > 0 ? (st.blocks - phase_start) / st.decays : st.interval * o_.samples_per_relaxation;
      int left = st.production ? std::max(o_.relaxations, last_temperature() ? o_.snapshots * o_.snapshot_relaxations : 0) - st.decays
                               : o_.burn_in_relaxations - st.decays + o_.relaxations;
      left = std::max(left, 0);
      // --max-time ends the temperature sooner than the relaxations would: the honest time left.
      double blocks_left = static_cast<double>(left) * static_cast<double>(per);
      const bool capped = o_.max_time > 0 && o_.max_time / tpb - static_cast<double>(st.blocks) < blocks_left;
      if (capped) blocks_left = std::max(0.0, o_.max_time / tpb - static_cast<double>(st.blocks));
      status += ", ~" + format_fixed(blocks_left / rate / 60.0, 1) + " min left at this T" + (capped ? " (--max-time)" : "");
    }
    std::lock_guard<std::mutex> lock(sh_.mutex);
    progress_->update(static_cast<double>(session_blocks_) * tpb, 0, sh_.time_unit, status);
  }

 private:
  Shared& sh_;
  const EquilibrateOptions& o_;
  int r_;
  ReplicaState s_;
  std::unique_ptr<Progress> progress_;
  std::chrono::steady_clock::time_point last_checkpoint_;
  long session_blocks_ = 0;
};

}  // namespace

namespace {
// Temporary files a killed run may have left: ".<output>.tmp-<pid>-<n>" of AtomicOutput and
// "checkpoint-RRR.tlsbin.partial". Only names this stage writes are touched.
void remove_leftovers(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    const auto tmp = name.find(".tmp-");
    bool ours = false;
    if (name.size() > 1 && name[0] == '.' && tmp != std::string::npos) {
      const std::string target = name.substr(1, tmp - 1);
      for (const auto& spec : kTables) ours = ours || target == spec.file;
      ours = ours || ((target.rfind("final-", 0) == 0 || target.rfind("glass-", 0) == 0) &&
                      target.size() > 4 && target.substr(target.size() - 4) == ".xyz");
    }
    if (name.rfind("checkpoint-", 0) == 0 && name.size() > 8 && name.substr(name.size() - 8) == ".partial") ours = true;
    if (ours) std::filesystem::remove(entry.path(), ec);
  }
}
}  // namespace

namespace {
EquilibrateReport equilibrate_in(const EquilibrateOptions& o, const EquilibrateContext& ctx, int particles);
}  // namespace

EquilibrateReport equilibrate(const EquilibrateOptions& o, const EquilibrateContext& ctx) {
  validate(o);
  // The input is read before the folder is made: a failing input leaves no empty folder.
  const int particles = o.start == StartKind::file ? read_configuration(o.input).size() : o.particles;
  std::error_code ec;
  const bool existed = std::filesystem::exists(ctx.output_dir, ec);
  make_directories(ctx.output_dir);
  try {
    return equilibrate_in(o, ctx, particles);
  } catch (...) {
    if (!existed) std::filesystem::remove(ctx.output_dir, ec);  // only if still empty
    throw;
  }
}

namespace {
EquilibrateReport equilibrate_in(const EquilibrateOptions& o, const EquilibrateContext& ctx, int particles) {
  remove_leftovers(ctx.output_dir);
  Shared shared{o, ctx, settings_fingerprint(o), o.chain.method == Method::swap ? "sweeps" : "md_time", 0, {}, {}};
  shared.states.assign(static_cast<std::size_t>(o.replicas), nullptr);
  shared.particles = particles;
  std::vector<std::unique_ptr<Runner>> runners;
  for (int r = 0; r < o.replicas; ++r) runners.push_back(std::make_unique<Runner>(shared, r));
  std::vector<char> resumed(static_cast<std::size_t>(o.replicas), 0);
  parallel_for(static_cast<std::size_t>(o.replicas), ctx.threads, [&](std::size_t r) {
    bool res = false;
    runners[r]->run(&res);
    resumed[r] = res;
  });
  shared.write_tables(true);
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
      std::filesystem::remove(ctx.output_dir + "/checkpoint-" + padded(r, 3) + ".tlsbin", ec);
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

}  // namespace tls
