// Checkpoints of glass preparation: the replica state encoded field by field, settings checked.
#include "tls/equilibrate/checkpoint.hpp"

#include <algorithm>
#include <cstdint>

#include "tls/core/error.hpp"
#include "tls/io/binary.hpp"
#include "tls/io/files.hpp"
#include "tls/io/settings_record.hpp"

namespace tls::equilibration {

namespace {

constexpr const char* kStateSchema = "tls-equilibrate-state";
constexpr std::uint16_t kStateMajor = 1, kStateMinor = 0;
constexpr bin::Tag kSettingsTag = bin::tag("SETT");
constexpr bin::Tag kStateTag = bin::tag("STAT");

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

// Rows are checked too: a row with the wrong number of cells would only surface when the tables
// are written, after the run had gone on from a corrupt state.
void check_rows(const TableRows& rows, const std::string& path) {
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const auto ncols = equilibrate_tables()[k].columns.size();
    for (const auto& row : rows[k])
      if (static_cast<std::size_t>(std::count(row.begin(), row.end(), '\t')) + 1 != ncols ||
          row.find_first_of("\n\r") != std::string::npos)
        throw DataError(path, 0,
                        "checkpoint: a row of " + equilibrate_tables()[k].file + " does not have its " +
                            std::to_string(ncols) + " cells");
  }
}

}  // namespace

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
  const StageClock& c = st.clock;
  w.put(static_cast<std::uint8_t>(c.started));
  w.put(static_cast<std::uint8_t>(c.production));
  w.put(static_cast<std::uint8_t>(c.capped));
  for (long v : {c.blocks, c.burn_blocks, c.interval, c.ref_block, c.since_ref}) w.put(static_cast<std::int64_t>(v));
  w.put(static_cast<std::int32_t>(c.decays));
  w.put(static_cast<std::int32_t>(c.snapshots));
  put_doubles(w, st.reference.data(), static_cast<std::size_t>(st.reference.size()));
  put_longs(w, c.decay_blocks);
  put_doubles(w, st.energies.data(), st.energies.size());
  st.correlator.save(w);
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

ReplicaState decode(const std::vector<char>& data, const std::string& path, const Box& box,
                    const ChainOptions& options) {
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
  StageClock& c = st.clock;
  c.started = r.get<std::uint8_t>() != 0;
  c.production = r.get<std::uint8_t>() != 0;
  c.capped = r.get<std::uint8_t>() != 0;
  for (long* v : {&c.blocks, &c.burn_blocks, &c.interval, &c.ref_block, &c.since_ref})
    *v = static_cast<long>(r.get<std::int64_t>());
  c.decays = r.get<std::int32_t>();
  c.snapshots = r.get<std::int32_t>();
  const auto ref = get_doubles(r);
  st.reference = Eigen::Map<const Eigen::VectorXd>(ref.data(), static_cast<Eigen::Index>(ref.size()));
  c.decay_blocks = get_longs(r);
  st.energies = get_doubles(r);
  st.correlator.load(r);
  st.at_sample = get_counts(r);
  st.at_production = get_counts(r);
  st.q6_sum = r.get<double>();
  st.solid_max = r.get<double>();
  if (r.get<std::uint8_t>()) s.chain.emplace(r, box, options);
  for (auto& v : s.rows) {
    const auto n = r.get<std::uint64_t>();
    if (n > r.remaining() / 4) throw DataError(path, 0, "checkpoint: table longer than its record");
    for (std::uint64_t q = 0; q < n; ++q) v.push_back(r.get_string());
  }
  if (!r.at_end()) throw DataError(path, 0, "checkpoint: trailing bytes after the state");
  check_rows(s.rows, path);
  if (c.interval < 1 || s.next_interval < 1 || c.blocks < 0 || s.ladder < 0)
    throw DataError(path, 0, "checkpoint: implausible run state");
  if (c.started && s.chain && st.reference.size() != 3 * static_cast<Eigen::Index>(s.chain->size()))
    throw DataError(path, 0, "checkpoint: reference configuration of the wrong size");
  return s;
}

void write_checkpoint(const std::string& path, const Metadata& settings, const ReplicaState& s) {
  // Written beside the target and renamed over it: a kill leaves the previous checkpoint whole.
  create_file_atomically(path, path + ".partial", [&](const std::string& temp) {
    auto w = bin::Writer::create(temp, {kStateSchema, kStateMajor, kStateMinor});
    w.record(kSettingsTag, encode_settings_record(settings));
    w.record(kStateTag, encode(s));
    w.sync();
  });
}

ReplicaState read_checkpoint(const std::string& path, const Metadata& settings, const Box& box,
                             const ChainOptions& options, int replica) {
  bin::Reader reader(path, kStateSchema, kStateMajor);
  bin::Record rec;
  if (!reader.next(rec) || rec.tag != kSettingsTag) throw DataError(path, 0, "checkpoint without its settings record");
  require_same_settings(decode_settings_record(rec.payload, path), settings, path,
                        {"checkpoint written with other settings", "the checkpoint", "remove it to start afresh", {}});
  if (!reader.next(rec) || rec.tag != kStateTag) throw DataError(path, 0, "checkpoint without its state record");
  ReplicaState s = decode(rec.payload, path, box, options);
  if (s.replica != replica) throw DataError(path, 0, "checkpoint belongs to replica " + std::to_string(s.replica));
  return s;
}

}  // namespace tls::equilibration
