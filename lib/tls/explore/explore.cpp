// The exploration folder: library records of tls-explore (EXPL, RUNS), resume by replay, tables.
#include "tls/explore/explore.hpp"

#include <cmath>
#include <filesystem>
#include <optional>

#include "tls/core/checksum.hpp"
#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/io/files.hpp"
#include "tls/io/minima_library.hpp"
#include "tls/io/settings_record.hpp"
#include "tls/io/transitions.hpp"

namespace tls::explore {

namespace fs = std::filesystem;

namespace {
constexpr bin::Tag kSettingsTag = bin::tag("EXPL");
constexpr bin::Tag kRunTag = bin::tag("RUNS");

// RUNS payload: the run's statistics, its events and visits in global ids, and the first step of
// each new minimum; the new minima themselves follow as MINI records.
std::vector<char> encode_run(const Commit& c) {
  const RunInfo& i = c.info;
  bin::PayloadWriter p;
  p.put(i.run);
  p.put(i.seed);
  for (long v : {i.steps, i.snapshots, i.quenches, i.force_calls, i.failed_quenches, i.self_loops})
    p.put(static_cast<std::uint64_t>(v));
  p.put(static_cast<std::uint32_t>(i.max_depth));
  p.put(c.first_new_id);
  p.put(static_cast<std::uint64_t>(c.new_minima.size()));
  for (const auto& m : c.new_minima) p.put(static_cast<std::uint64_t>(m.first_step));
  p.put(static_cast<std::uint64_t>(c.events.size()));
  for (const auto& e : c.events) {
    p.put(static_cast<std::uint64_t>(e.step));
    p.put(e.from);
    p.put(e.to);
    p.put(static_cast<std::uint32_t>(e.depth));
  }
  p.put(static_cast<std::uint64_t>(i.visits.size()));
  for (const auto& [id, n] : i.visits) {
    p.put(id);
    p.put(static_cast<std::uint64_t>(n));
  }
  return p.data();
}

// Decodes a RUNS record into a commit whose new_minima still lack positions/energies.
Commit decode_run(const bin::Record& r, const std::string& source) {
  bin::PayloadReader p(r.payload, source);
  Commit c;
  RunInfo& i = c.info;
  i.run = p.get<std::uint64_t>();
  i.seed = p.get<std::uint64_t>();
  for (long* v : {&i.steps, &i.snapshots, &i.quenches, &i.force_calls, &i.failed_quenches, &i.self_loops})
    *v = static_cast<long>(p.get<std::uint64_t>());
  i.max_depth = static_cast<int>(p.get<std::uint32_t>());
  c.first_new_id = p.get<std::uint64_t>();
  const auto n_new = p.get<std::uint64_t>();
  if (n_new > p.remaining() / 8) throw DataError(source, 0, "RUNS record too short for its schema");
  c.new_minima.resize(n_new);
  for (auto& m : c.new_minima) m.first_step = static_cast<long>(p.get<std::uint64_t>());
  const auto n_events = p.get<std::uint64_t>();
  if (n_events > p.remaining() / 28) throw DataError(source, 0, "RUNS record too short for its schema");
  c.events.resize(n_events);
  for (auto& e : c.events) {
    e.step = static_cast<long>(p.get<std::uint64_t>());
    e.from = p.get<std::uint64_t>();
    e.to = p.get<std::uint64_t>();
    e.depth = static_cast<int>(p.get<std::uint32_t>());
  }
  const auto n_visits = p.get<std::uint64_t>();
  if (n_visits > p.remaining() / 16) throw DataError(source, 0, "RUNS record too short for its schema");
  i.visits.resize(n_visits);
  for (auto& [id, n] : i.visits) {
    id = p.get<std::uint64_t>();
    n = static_cast<long>(p.get<std::uint64_t>());
  }
  if (!p.at_end()) throw DataError(source, 0, "RUNS record longer than its schema");
  i.new_minima = static_cast<long>(n_new);
  i.transitions = static_cast<long>(n_events);
  return c;
}

// A stored setting in the words of tls-explore's command line: {"--run-time", "10"} for
// snapshots_per_run.
std::pair<std::string, std::string> as_option(const Metadata& m, const std::string& key) {
  const std::string v = settings_value(m, key);
  const auto number = [&](const std::string& k) {
    try {
      return std::stod(settings_value(m, k));
    } catch (const std::exception&) {
      return std::nan("");
    }
  };
  if (key == "temperature") return {"--temperature", v};
  if (key == "dt") return {"--dt", v};
  if (key == "thermostat") return {"--thermostat/--tau", v};
  if (key == "is_interval_steps") return {"--is-interval", format_double(number(key) * number("dt"))};
  if (key == "snapshots_per_run")
    return {"--run-time", format_double(number(key) * number("is_interval_steps") * number("dt"))};
  if (key == "bisect_resolution_steps") return {"--bisect-steps", v};
  if (key == "minimizer") return {"the minimiser settings (--ftol, --switch-ftol, --max-force-calls)", v};
  if (key == "quench") return {"--quench", std::string(v == "full" ? "full" : "recognise") + " (" + v + ")"};
  if (key == "start") return {"--start/--transient", v};
  if (key == "skin") return {"--skin", v.substr(0, v.find(' '))};
  if (key == "same_energy_tol") return {"--same-energy", v};
  if (key == "same_distance_tol") return {"--same-distance", v};
  if (key == "start_crc32") return {"the start configuration of this glass (start_crc32)", v};
  return {key, v};
}

// Refuses, before anything is changed, a library of another glass, start or settings.
void check_library(const std::string& path, const GlassHeader& header, const Metadata& settings) {
  MinimaReader reader(path);
  require_same_glass(header, reader.header(), path);
  bin::Record r;
  if (!reader.next_record(r) || r.tag != kSettingsTag)
    throw DataError(path, 0, "not an exploration library (no EXPL settings record): explore into another folder");
  Metadata stored = decode_settings_record(r.payload, path);
  // Libraries from before --quench and --start quenched fully and started from the glass as it was.
  if (settings_value(stored, "quench") == "(absent)") stored.emplace_back("quench", "full");
  if (settings_value(stored, "start") == "(absent)") stored.emplace_back("start", "glass");
  require_same_settings(stored, settings, path,
                        {"library explored with other settings", "the library",
                         "continue it with the same settings, or explore into another folder", as_option});
}

// Loads an existing library into `state`: checks glass, start and settings, cuts a torn tail and
// an incomplete last commit, replays the committed runs.
bool load_library(const std::string& path, const GlassHeader& header, const Metadata& settings, ExplorationState& state,
                  const std::function<void(const std::string&)>& note) {
  check_library(path, header, settings);
  bool repaired = false;
  // Cuts a torn last record (a writer killed mid-record).
  MinimaWriter::append(path, header, &repaired);
  if (repaired) note("cut a torn last record off " + path + " (a killed run)");
  std::optional<Commit> open;  // a RUNS record whose minima are still being read
  std::uint64_t open_offset = 0;
  std::size_t filled = 0;  // its minima read so far
  std::uint64_t cut_at = 0;
  {
    MinimaReader reader(path);
    bin::Record r;
    auto close_open = [&] {
      state.apply(std::move(*open));
      open.reset();
    };
    while (reader.next_record(r)) {
      if (r.tag == kRunTag) {
        if (open) throw DataError(path, 0, "run " + std::to_string(open->info.run) + " lacks some of its minima");
        open = decode_run(r, path);
        open_offset = r.offset;
        filled = 0;
        if (open->new_minima.empty()) close_open();
      } else if (MinimaReader::is_minimum(r)) {
        Minimum m = reader.decode(r);
        if (open) {
          if (m.id != open->first_new_id + filled)
            throw DataError(
                path, 0, "minimum " + std::to_string(m.id) + " out of order in run " + std::to_string(open->info.run));
          const std::size_t k = filled++;
          auto& f = open->new_minima[k];
          f.positions = std::move(m.positions);
          f.energy = m.energy;
          f.max_force = m.max_force;
          if (k + 1 == open->new_minima.size()) close_open();
        } else {
          state.add_foreign(m.id, m.energy, m.max_force, std::move(m.positions));
        }
      }
    }
    if (open) cut_at = open_offset;
  }
  if (open) {
    fs::resize_file(path, cut_at);
    note("cut the incomplete last run " + std::to_string(open->info.run) + " off " + path +
         " (a killed run); it is redone");
    repaired = true;
  }
  return repaired;
}

Metadata table_metadata(const Metadata& provenance, const GlassHeader& header, const Metadata& settings,
                        const ExplorationState& state) {
  Metadata m = provenance;
  for (auto& kv : glass_metadata(header)) m.push_back(std::move(kv));
  m.emplace_back("library", "minima.tlsmin");
  for (const auto& kv : settings) m.push_back(kv);
  m.emplace_back("runs", std::to_string(state.runs().size()));
  return m;
}

void write_tables(const std::string& dir, const Metadata& meta, const GlassHeader& header,
                  const ExplorationState& state) {
  const auto& minima = state.minima();
  std::map<std::uint64_t, double> energy;
  for (const auto& m : minima) energy[m.id] = m.energy;
  {
    std::vector<TransitionRecord> rows;
    for (const auto& [key, e] : state.edges())
      rows.push_back({key.first, key.second, e.count_ab, e.count_ba, e.runs, e.first_run, e.first_time, e.first_depth,
                      e.max_depth, energy.at(key.first), energy.at(key.second)});
    AtomicOutput out(transitions_path(dir));
    write_transitions(out.stream(), meta, rows);
    out.commit();
  }
  {
    AtomicOutput out(index_path(dir));
    TableWriter t(out.stream(), "minima-index", 1, 0);
    t.meta(meta);
    t.columns({"id", "E", "E_per_particle", "max_force", "first_run", "first_time", "visits"});
    const double n = static_cast<double>(header.size());
    for (const auto& m : minima)
      t.row({static_cast<long long>(m.id), m.energy, m.energy / n, m.max_force, m.first_run, m.first_time, m.visits});
    out.commit();
  }
  {
    AtomicOutput out(runs_path(dir));
    TableWriter t(out.stream(), "explore-runs", 1, 0);
    t.meta(meta);
    const auto& s = state.stop_rule();
    std::string rule = std::string(s.enabled ? "on" : "off") + " min_runs=" + std::to_string(s.min_runs) +
                       " ks_tol=" + format_double(s.ks_tol) + " rate_tol=" + format_double(s.rate_tol);
    if (s.when == StopWhen::saturated)  // the default rule keeps the line it always had
      rule += " when=saturated window=" + std::to_string(s.window) + " max_new=" + std::to_string(s.max_new);
    t.meta("stop_rule", rule);
    t.columns({"run", "seed", "md_time", "snapshots", "quenches", "force_calls", "failed_quenches", "new_minima",
               "transitions", "self_loops", "rate", "max_depth", "minima_total", "pairs_total", "ks", "rate_change",
               "stationary"});
    for (const auto& r : state.runs())
      t.row({static_cast<long long>(r.run), static_cast<long long>(r.seed), r.md_time, r.snapshots, r.quenches,
             r.force_calls, r.failed_quenches, r.new_minima, r.transitions, r.self_loops,
             r.md_time > 0 ? static_cast<double>(r.transitions) / r.md_time : 0.0, r.max_depth, r.minima_total,
             r.edges_total, r.ks, r.rate_change, r.stationary ? 1 : 0});
    out.commit();
  }
}
}  // namespace

std::string library_path(const std::string& dir) { return (fs::path(dir) / "minima.tlsmin").string(); }
std::string transitions_path(const std::string& dir) { return (fs::path(dir) / "transitions.tsv").string(); }
std::string index_path(const std::string& dir) { return (fs::path(dir) / "minima.tsv").string(); }
std::string runs_path(const std::string& dir) { return (fs::path(dir) / "runs.tsv").string(); }

Metadata exploration_settings(const Configuration& glass, const ExploreConfig& c) {
  const auto& md = c.model.md;
  return {{"temperature", format_double(md.temperature)},
          {"dt", format_double(md.dt)},
          {"thermostat", md.thermostat == Thermostat::bussi ? "bussi tau=" + format_double(md.tau) : "none"},
          {"is_interval_steps", std::to_string(c.driver.run.interval_steps)},
          {"snapshots_per_run", std::to_string(c.driver.run.snapshots)},
          {"bisect_resolution_steps", std::to_string(c.driver.run.resolution)},
          {"minimizer", describe(c.model.minimizer)},
          {"quench", describe(c.model.recognition)},
          {"start", describe_start(c.model.start, c.driver.run.transient_steps)},
          {"skin", format_double(c.model.skin) + " outer=" + format_double(c.model.skin + NeighbourList::kOuterExtra)},
          {"same_energy_tol", format_double(c.identity.energy_tol)},
          {"same_distance_tol", format_double(c.identity.distance_tol)},
          {"start_crc32",
           hex32(crc32(glass.positions.data(), sizeof(double) * static_cast<std::size_t>(glass.positions.size())))}};
}

ExploreReport explore_glass(const Configuration& glass, const ExploreConfig& config, const Metadata& provenance,
                            Progress* progress, const std::function<void(const std::string&)>& note) {
  validate(config);
  const ModelLandscape landscape(glass, config.model);
  GlassHeader header = glass_header(glass, config.glass_name);
  header.metadata = provenance;
  const Metadata settings = exploration_settings(glass, config);
  ExplorationState state(landscape, config.identity, config.stop);
  ExploreReport report;
  const std::string lib = library_path(config.output_dir);

  std::error_code ec;
  if (fs::exists(lib, ec)) {
    report.resumed = true;
    report.repaired = load_library(lib, header, settings, state, note);
    note("continuing " + lib + ": " + std::to_string(state.runs().size()) + " runs, " +
         std::to_string(state.minima().size()) + " minima, " + std::to_string(state.edges().size()) +
         " transition pairs");
  } else {
    make_directories(config.output_dir);
    // A new library appears only complete with its header records (written aside, then renamed).
    create_file_atomically(lib, (fs::path(config.output_dir) / ".minima.tlsmin.new").string(),
                           [&](const std::string& temp) {
                             auto w = MinimaWriter::create(temp, header);
                             w.record(kSettingsTag, encode_settings_record(settings));
                             w.sync();
                           });
  }
  report.runs_before = static_cast<long>(state.runs().size());
  auto writer = MinimaWriter::append(lib, header);
  auto persist = [&](const Commit& c) {
    writer.record(kRunTag, encode_run(c));
    for (std::size_t k = 0; k < c.new_minima.size(); ++k) {
      const auto& f = c.new_minima[k];
      writer.add({c.first_new_id + k, f.energy, f.max_force, f.positions});
    }
    writer.sync();
  };
  auto tables = [&] {
    write_tables(config.output_dir, table_metadata(provenance, header, settings, state), header, state);
  };
  report.reason = run_exploration(landscape, state, config.driver, persist, tables, progress);
  tables();
  report.runs_after = static_cast<long>(state.runs().size());
  report.minima = static_cast<long>(state.minima().size());
  report.pairs = static_cast<long>(state.edges().size());
  report.stationary = state.stationary();
  if (!state.runs().empty()) {
    report.ks = state.runs().back().ks;
    report.rate_change = state.runs().back().rate_change;
  }
  return report;
}

}  // namespace tls::explore
