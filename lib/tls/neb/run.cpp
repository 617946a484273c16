// The tls-neb run: inputs, parallel pairs with a checkpoint, assembly in input order, outputs.
#include "tls/neb/run.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "tls/core/checksum.hpp"
#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/core/parallel.hpp"
#include "tls/io/dwp_table.hpp"
#include "tls/io/files.hpp"
#include "tls/io/minima_library.hpp"
#include "tls/io/pair_list.hpp"
#include "tls/io/text.hpp"
#include "tls/neb/checkpoint.hpp"

namespace tls::neb {

std::string describe(const PairOptions& o) {
  const auto& n = o.neb;
  std::string s = "images=" + std::to_string(n.images) + " spring=" + format_double(n.spring) +
                  " perp_ftol=" + format_double(n.perp_ftol) + " ftol=" + format_double(n.ftol) +
                  " climb=" + (n.climb ? "yes" : "no") + " max_iterations=" + std::to_string(n.max_iterations) +
                  " optimizer=" + to_string(n.optimizer);
  if (n.optimizer == BandOptimizer::fire)
    s += "(dt_max=" + format_double(n.fire.dt_max) + ",max_step=" + format_double(n.fire.max_step) + ")";
  else
    s += "(memory=" + std::to_string(n.lbfgs.memory) + ",max_step=" + format_double(n.lbfgs.max_step) +
         (n.lbfgs.form != LbfgsForm::two_loop ? std::string(",form=") + to_string(n.lbfgs.form) + ")" : ")");
  s += std::string(" retry_doubled=") + (o.retry_doubled ? "yes" : "no") +
       " dip_tol=" + format_double(o.dip_tolerance) + " max_intermediate=" + std::to_string(o.max_intermediate) +
       " same_energy=" + format_double(o.same_energy) + " same_distance=" + format_double(o.same_distance) +
       " samples=" + std::to_string(o.samples) + " continuation=" + format_double(o.continuation.range) + "d/" +
       format_double(o.continuation.height) + "Vb" +
       " saddle_check=" + (o.check_saddle ? format_double(o.saddle_threshold) : std::string("no")) +
       " minimizer=" + tls::describe(o.minimizer);
  if (n.climb_ftol > 0) s += " climb_ftol=" + format_double(n.climb_ftol);
  if (o.coarse_images > 0) s += " coarse=" + std::to_string(o.coarse_images) + "/" + format_double(o.coarse_ftol);
  if (n.stall_iterations > 0) s += " stall=" + std::to_string(n.stall_iterations) + "/" + format_double(n.stall_force);
  return s;
}

namespace {

struct Task {
  std::string id;
  std::uint64_t a = 0, b = 0;
  double ea = 0, eb = 0;  ///< energies as given (library, or computed for configuration files)
};

struct Inputs {
  GlassHeader header;
  std::vector<Task> tasks;
  std::map<std::uint64_t, Eigen::VectorXd> positions;  ///< of the minima the pairs name
  std::uint64_t next_id = 0;                           ///< first id free for new minima
  bool single = false;
  std::string key;  ///< identifies the inputs (checkpoint)
};

std::string header_crc(const GlassHeader& h) {
  std::string bytes = h.glass + "|" + format_double(h.box.length) + "|";
  bytes.append(reinterpret_cast<const char*>(h.diameters.data()),
               sizeof(double) * static_cast<std::size_t>(h.diameters.size()));
  return hex32(crc32(bytes));
}

Inputs load_library(const NebRunConfig& c) {
  Inputs in;
  Metadata pair_meta;
  const std::vector<PairRef> refs = read_pair_refs(c.pairs, &pair_meta);
  const std::string pairs_source = display_name(c.pairs);
  std::set<std::uint64_t> wanted;
  for (const auto& p : refs) {
    in.tasks.push_back(Task{p.id, p.a, p.b, 0, 0});
    wanted.insert(p.a);
    wanted.insert(p.b);
  }
  MinimaReader lib(c.library);
  in.header = lib.header();
  const auto glass =
      std::find_if(pair_meta.begin(), pair_meta.end(), [](const auto& kv) { return kv.first == "glass"; });
  if (glass != pair_meta.end() && glass->second != in.header.glass)
    throw DataError(pairs_source, 0,
                    "pair list of glass '" + glass->second + "' but the library " + display_name(c.library) +
                        " holds glass '" + in.header.glass + "'");
  std::map<std::uint64_t, double> energy;
  Minimum m;
  while (lib.next(m)) {
    if (!energy.emplace(m.id, m.energy).second)
      throw DataError(c.library, 0, "minimum id " + std::to_string(m.id) + " appears twice in the library");
    in.next_id = std::max(in.next_id, m.id + 1);
    if (wanted.count(m.id)) in.positions.emplace(m.id, m.positions);
  }
  for (std::size_t k = 0; k < in.tasks.size(); ++k) {
    auto& task = in.tasks[k];
    for (auto id : {task.a, task.b})
      if (!energy.count(id))
        throw DataError(pairs_source, refs[k].line,
                        "pair " + task.id + ": minimum " + std::to_string(id) + " is not in the library " +
                            display_name(c.library));
    task.ea = energy[task.a];
    task.eb = energy[task.b];
  }
  // A pair list from stdin cannot be read twice: identify it by its pairs instead of its bytes.
  std::string pairs_text;
  if (is_std_stream(c.pairs))
    for (const auto& task : in.tasks)
      pairs_text += task.id + ' ' + std::to_string(task.a) + ' ' + std::to_string(task.b) + '\n';
  in.key = "library glass " + header_crc(in.header) +
           " pairs crc32=" + hex32(is_std_stream(c.pairs) ? crc32(pairs_text) : crc32_file(c.pairs));
  return in;
}

Inputs load_single(const NebRunConfig& c) {
  Inputs in;
  in.single = true;
  auto ca = read_configuration(c.config_a, c.read);
  auto cb = read_configuration(c.config_b, c.read);
  std::string glass = c.glass;
  auto info = [](const Configuration& x) -> std::string {
    for (const auto& [k, v] : x.info)
      if (k == "glass") return v;
    return "";
  };
  if (glass.empty()) glass = info(ca) == info(cb) && !info(ca).empty() ? info(ca) : "unnamed";
  in.header = glass_header(ca, glass);
  const std::string where = display_name(c.config_b);
  if (ca.size() != cb.size())
    throw DataError(where, 0,
                    "end points from different glasses: " + std::to_string(cb.size()) + " particles, " +
                        display_name(c.config_a) + " has " + std::to_string(ca.size()));
  if (ca.box.length != cb.box.length)
    throw DataError(where, 0,
                    "end points from different glasses: box side " + format_double(cb.box.length) + ", " +
                        display_name(c.config_a) + " has " + format_double(ca.box.length));
  if (ca.diameters != cb.diameters)
    throw DataError(
        where, 0, "end points from different glasses: the particle diameters differ from " + display_name(c.config_a));
  ModelSurface s(ca.box, ca.diameters);
  Task task{c.pair_id, 0, 1, s.energy(0, ca.positions), s.energy(0, cb.positions)};
  in.tasks.push_back(task);
  in.positions.emplace(0, ca.positions);
  in.positions.emplace(1, cb.positions);
  in.next_id = 2;
  in.key = "configurations " +
           hex32(crc32(ca.positions.data(), sizeof(double) * static_cast<std::size_t>(ca.positions.size()))) + " " +
           hex32(crc32(cb.positions.data(), sizeof(double) * static_cast<std::size_t>(cb.positions.size()))) +
           " glass " + header_crc(in.header) + " id " + c.pair_id;
  return in;
}

std::string clean(std::string s) {
  for (auto& ch : s)
    if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
  return s.empty() ? "-" : s;
}

/// Segment ids: the pair id for a single segment, else <pair>.<k> in path order.
std::string segment_id(const std::string& pair, std::size_t k, std::size_t count) {
  return count == 1 ? pair : pair + "." + std::to_string(k + 1);
}

void write_band(const std::string& path, const GlassHeader& h, const Band& band, const std::string& id) {
  AtomicOutput out(path);
  const auto profile = band.size() > 1 ? path_profile(band) : PathProfile{};
  for (int i = 0; i < band.size(); ++i) {
    Configuration c = h.configuration(band.x.col(i));
    c.set_info("segment", id);
    c.set_info("image", std::to_string(i));
    if (!profile.xi.empty()) {
      c.set_info("xi", format_double(profile.xi[static_cast<std::size_t>(i)]));
      c.set_info("V", format_double(profile.v[static_cast<std::size_t>(i)]));
    }
    write_xyz(out.stream(), c, band.energy[i]);
  }
  out.commit();
}

// The id of every chain node, deciding which are minima new to the library (in input order, so
// ids do not depend on the order pairs finished in).
class Identifier {
 public:
  Identifier(const NebRunConfig& c, const Inputs& in, const PairOptions& o)
      : c_(c), in_(in), o_(o), surface_(in.header.box, in.header.diameters), next_(in.next_id) {}

  // Nodes that must be looked up rather than taken from the pair's a/b.
  bool needs_lookup(const Node& n) const {
    if (n.end < 0) return true;
    return !in_.single && !(n.moved < o_.same_distance);
  }

  // Loads positions of library minima whose energy is within same_energy of a node to identify.
  void load_candidates(const std::vector<PairResult>& results) {
    std::vector<double> e;
    for (const auto& r : results)
      for (const auto& n : r.chain)
        if (needs_lookup(n)) e.push_back(n.energy);
    if (e.empty() || in_.single) return;
    std::sort(e.begin(), e.end());
    MinimaReader lib(c_.library);
    Minimum m;
    while (lib.next(m)) {
      const auto it = std::lower_bound(e.begin(), e.end(), m.energy - o_.same_energy);
      if (it != e.end() && *it < m.energy + o_.same_energy) candidates_.push_back(m);
    }
    std::sort(candidates_.begin(), candidates_.end(), [](const Minimum& a, const Minimum& b) { return a.id < b.id; });
  }

  std::uint64_t id_of(const Node& n, const Task& t) {
    if (!needs_lookup(n)) return n.end == 0 ? t.a : t.b;
    if (n.x.size() == 0) throw InternalError("checkpoint lacks the positions of a node to identify");
    for (const auto& m : candidates_)
      if (same_minimum(surface_, m.positions, m.energy, n.x, n.energy, o_)) return m.id;
    for (const auto& m : found_)
      if (same_minimum(surface_, m.positions, m.energy, n.x, n.energy, o_)) return m.id;
    Minimum m;
    m.id = next_++;
    m.energy = n.energy;
    m.max_force = n.max_force;
    m.positions = n.x;
    found_.push_back(m);
    return m.id;
  }

  const std::vector<Minimum>& found() const { return found_; }

 private:
  const NebRunConfig& c_;
  const Inputs& in_;
  const PairOptions& o_;
  ModelSurface surface_;
  std::vector<Minimum> candidates_, found_;
  std::uint64_t next_;
};

// Written aside and renamed: never appended, so no input library is ever modified (a kill between a
// record and its checksum used to leave the input library torn).
void write_minima(const std::string& path, const GlassHeader& h, const std::vector<Minimum>& minima) {
  create_file_atomically(path, path + ".new", [&](const std::string& temp) {
    auto w = MinimaWriter::create(temp, h);
    for (const auto& m : minima) w.add(m);
    w.sync();
  });
}

// The pairs' results in input order: those an earlier run finished (from the checkpoint) and the
// pending ones, solved in parallel and appended to the checkpoint as each finishes.
struct SolvedPairs {
  std::vector<PairResult> results;
  long resumed = 0;
  long force_calls = 0;
};

long count_dwps(const PairResult& r) {
  return static_cast<long>(std::count_if(r.segments.begin(), r.segments.end(),
                                         [](const SegmentResult& s) { return s.status == SegmentStatus::dwp; }));
}

// One pair on its own surface: identical end points are labelled, a failure is a result.
PairResult solve_one(const NebRunConfig& c, const Inputs& in, const Task& t, const PairOptions& po) {
  ModelSurface surface(in.header.box, in.header.diameters, c.skin);
  PairResult r;
  if (t.a == t.b) {
    r.status = PairStatus::identical;
    r.reason = "a and b name the same minimum";
    return r;
  }
  try {
    r = solve_pair(surface, in.positions.at(t.a), in.positions.at(t.b), po);
  } catch (const DataError& e) {
    r = PairResult{};
    r.status = PairStatus::failed;
    r.reason = e.what();
    r.force_calls = surface.calls();
  }
  return r;
}

// Writes the bands of a solved pair (--bands), then drops what the checkpoint need not keep: band
// positions always, node positions of library minima found where they were.
void shed_positions(const NebRunConfig& c, const Inputs& in, const Task& t, const PairOptions& po, PairResult& r,
                    std::vector<bool>& keep) {
  if (c.write_bands)
    for (std::size_t s = 0; s < r.segments.size(); ++s)
      if (r.segments[s].band.size() > 0)
        write_band(c.output + "/bands/" + segment_id(t.id, s, r.segments.size()) + ".xyz", in.header,
                   r.segments[s].band, segment_id(t.id, s, r.segments.size()));
  for (auto& s : r.segments) s.band = Band{};
  for (auto& n : r.chain) {
    const bool needed = in.single || n.end < 0 || !(n.moved < po.same_distance);
    keep.push_back(needed);
    if (!needed) n.x.resize(0);
  }
}

SolvedPairs solve_pending_pairs(const NebRunConfig& c, const Inputs& in, PairOptions& po, Progress* progress) {
  const Eigen::Index dim = 3 * static_cast<Eigen::Index>(in.header.size());
  Checkpoint checkpoint(c.output + "/checkpoint.tlsbin", in.key + " | " + describe(po), c.restart, dim);
  SolvedPairs solved;
  auto& results = solved.results;
  results.resize(in.tasks.size());
  std::vector<bool> done(in.tasks.size(), false);
  for (const auto& sp : checkpoint.stored()) {
    if (sp.index >= in.tasks.size() || in.tasks[sp.index].id != sp.id)
      throw DataError(c.output + "/checkpoint.tlsbin", 0,
                      "checkpoint does not match the pair list (pair " + sp.id + ")");
    results[sp.index] = sp.result;
    done[sp.index] = true;
  }
  const auto pairs = static_cast<long>(in.tasks.size());
  solved.resumed = std::count(done.begin(), done.end(), true);
  if (checkpoint.repaired()) progress_note(progress, "checkpoint: cut off a torn last record (killed run)");
  if (solved.resumed > 0)
    progress_note(progress, "resuming: " + std::to_string(solved.resumed) + " of " + std::to_string(pairs) +
                                " pairs already done (checkpoint.tlsbin)");

  std::vector<std::size_t> pending;
  for (std::size_t k = 0; k < in.tasks.size(); ++k)
    if (!done[k]) pending.push_back(k);
  const int workers = c.threads > 0 ? c.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // Threads go to pairs first; when there are fewer pairs than threads, to the images of each band.
  po.neb.threads =
      pending.empty() ? 1 : std::max(1, workers / static_cast<int>(std::min<std::size_t>(pending.size(), workers)));

  std::mutex mutex;
  std::array<long, 7> by_status{};
  long finished = solved.resumed;
  std::atomic<long> calls{0};
  long segments_ok = 0;  // DWPs so far (before removing ones found twice)
  for (std::size_t k = 0; k < results.size(); ++k)
    if (done[k]) {
      ++by_status[static_cast<std::size_t>(results[k].status)];
      segments_ok += count_dwps(results[k]);
    }
  auto status_line = [&] {
    return std::to_string(segments_ok) + " DWPs; pairs: dwp " + std::to_string(by_status[0]) + ", split " +
           std::to_string(by_status[1]) + ", partial " + std::to_string(by_status[2]) + ", non-dw " +
           std::to_string(by_status[3] + by_status[5]) + ", unconverged " + std::to_string(by_status[4]) + ", failed " +
           std::to_string(by_status[6]);
  };
  parallel_for(pending.size(), workers, [&](std::size_t j) {
    const std::size_t k = pending[j];
    const Task& t = in.tasks[k];
    PairResult r = solve_one(c, in, t, po);
    calls += r.force_calls;
    std::vector<bool> keep;
    shed_positions(c, in, t, po, r, keep);
    checkpoint.add(encode_pair(k, t.id, r, keep));
    std::lock_guard<std::mutex> lock(mutex);
    ++by_status[static_cast<std::size_t>(r.status)];
    segments_ok += count_dwps(r);
    ++finished;
    results[k] = std::move(r);
    if (progress) progress->update(static_cast<double>(finished), static_cast<double>(pairs), "pairs", status_line());
  });
  solved.force_calls = calls.load();
  return solved;
}

// One DWP row: the segment's shape and participation, and how the band found it.
DwpRecord dwp_record(const std::string& id, const Task& t, const PairResult& r, const SegmentResult& seg,
                     std::uint64_t ia, std::uint64_t ib) {
  const auto& sh = seg.shape;
  const auto& p = seg.participation;
  DwpRecord x;
  x.id = id;
  x.dV = sh.dV;
  x.Va = sh.Va;
  x.Vb = sh.Vb;
  x.d = seg.d;
  x.d_end = p.d_end;
  x.PR = p.pr;
  x.PR_particle = p.pr_particle;
  x.d_sqrtPR = p.d_end / std::sqrt(p.pr);  // d_end and PR from the same end-to-end displacement
  x.pair = t.id;
  x.kind = r.segments.size() == 1 ? "simple" : "segment";
  x.a = static_cast<long long>(ia);
  x.b = static_cast<long long>(ib);
  x.Ea = r.chain[static_cast<std::size_t>(seg.lo)].energy;
  x.Eb = r.chain[static_cast<std::size_t>(seg.hi)].energy;
  x.xi_saddle = sh.xi_saddle;
  x.images = seg.images;
  x.iterations = seg.iterations;
  x.force_calls = seg.force_calls;
  x.max_force = seg.max_neb_force;
  x.saddle_force = seg.saddle_force;
  x.saddle_order = seg.saddle_order;
  x.continuation = std::string(kind_name(seg.left.kind)) + "/" + kind_name(seg.right.kind);
  return x;
}

void count_status(PairStatus status, NebRunSummary& sum) {
  switch (status) {
    case PairStatus::non_dw:
    case PairStatus::identical:
    case PairStatus::partial:
      ++sum.non_dw;
      break;
    case PairStatus::unconverged:
      ++sum.unconverged;
      break;
    case PairStatus::failed:
      ++sum.failed;
      break;
    default:
      break;
  }
}

// The rows of the three tables in input order: DWP records (each unordered pair of minima once),
// profile rows and one status row per pair.
void assemble_tables(const Inputs& in, const std::vector<PairResult>& results, Identifier& ident,
                     std::vector<DwpRecord>& dwps, TableWriter& profiles, TableWriter& status, NebRunSummary& sum) {
  std::map<std::pair<std::uint64_t, std::uint64_t>, std::string> seen;
  for (std::size_t k = 0; k < results.size(); ++k) {
    const Task& t = in.tasks[k];
    const PairResult& r = results[k];
    std::vector<std::uint64_t> ids;
    for (const auto& n : r.chain) ids.push_back(ident.id_of(n, t));
    std::string dwp_ids, reason = r.reason == "-" ? "" : r.reason;
    double ea = t.ea, eb = t.eb, moved_a = 0, moved_b = 0;
    for (const auto& n : r.chain) {
      if (n.end == 0) ea = n.energy, moved_a = n.moved;
      if (n.end == 1) eb = n.energy, moved_b = n.moved;
    }
    for (std::size_t s = 0; s < r.segments.size(); ++s) {
      const auto& seg = r.segments[s];
      if (seg.status != SegmentStatus::dwp) continue;
      const std::string id = segment_id(t.id, s, r.segments.size());
      const auto ia = ids[static_cast<std::size_t>(seg.lo)], ib = ids[static_cast<std::size_t>(seg.hi)];
      const auto key = std::minmax(ia, ib);
      if (const auto it = seen.find(key); it != seen.end()) {
        ++sum.duplicates;
        reason += std::string(reason.empty() ? "" : "; ") + id + " repeats DWP " + it->second;
        continue;
      }
      seen.emplace(key, id);
      ++sum.dwps;
      dwp_ids += (dwp_ids.empty() ? "" : ",") + id;
      dwps.push_back(dwp_record(id, t, r, seg, ia, ib));
      for (const auto& q : seg.profile) profiles.row({id, seg.d, q.xi, q.v, kind_name(q.kind), q.image});
    }
    std::string chain;
    for (auto id : ids) chain += (chain.empty() ? "" : ">") + std::to_string(id);
    // Segments dropped because the climbing image has 0 or >= 2 negative Hessian modes.
    long long bad_saddles = 0;
    for (const auto& seg : r.segments) bad_saddles += seg.saddle_order == 0 || seg.saddle_order > 1;
    sum.bad_saddles += bad_saddles;
    status.row({t.id, static_cast<long long>(t.a), static_cast<long long>(t.b), status_name(r.status), clean(dwp_ids),
                clean(chain), ea, eb, moved_a, moved_b, r.first_va, r.first_dips, r.iterations, r.force_calls,
                bad_saddles, clean(reason)});
    count_status(r.status, sum);
  }
}

// Minima the run found: in single-pair mode every node with its end points (minima.tlsmin), else
// the new ones only (new-minima.tlsmin or --new-minima; always written, so reruns give the same
// folder).
void write_found_minima(const NebRunConfig& c, const Inputs& in, const std::vector<PairResult>& results,
                        const Identifier& ident) {
  if (in.single) {
    std::vector<Minimum> all;
    for (const auto& n : results[0].chain)
      if (n.end >= 0) all.push_back({static_cast<std::uint64_t>(n.end), n.energy, n.max_force, n.x});
    std::sort(all.begin(), all.end(), [](const Minimum& a, const Minimum& b) { return a.id < b.id; });
    all.insert(all.end(), ident.found().begin(), ident.found().end());
    write_minima(c.output + "/minima.tlsmin", in.header, all);
  } else {
    write_minima(c.new_minima.empty() ? c.output + "/new-minima.tlsmin" : c.new_minima, in.header, ident.found());
  }
}

}  // namespace

void validate(const NebRunConfig& c) {
  auto bad = [](const char* option, const char* want, const std::string& got) {
    throw UsageError(std::string(option) + " must be " + want + ", got " + got);
  };
  auto positive = [&](double v, const char* option) {
    if (!(v > 0)) bad(option, "positive", format_double(v));
  };
  auto non_negative = [&](double v, const char* option) {
    if (!(v >= 0)) bad(option, "0 or positive", format_double(v));
  };
  auto at_least = [&](long v, long min, const char* option) {
    if (v < min) bad(option, ("at least " + std::to_string(min)).c_str(), std::to_string(v));
  };
  const PairOptions& p = c.pair;
  const NebOptions& n = p.neb;
  at_least(n.images, 3, "--images");
  positive(n.spring, "--spring");
  positive(n.perp_ftol, "--perp-ftol");
  positive(n.ftol, "--neb-ftol");
  non_negative(n.climb_ftol, "--climb-ftol");
  if (p.coarse_images != 0 && (p.coarse_images < 3 || p.coarse_images >= n.images))
    bad("--coarse-images", ("0 (off) or from 3 to --images - 1 (" + std::to_string(n.images - 1) + ")").c_str(),
        std::to_string(p.coarse_images));
  positive(p.coarse_ftol, "--coarse-ftol");
  at_least(n.max_iterations, 1, "--max-iterations");
  at_least(n.stall_iterations, 0, "--stall-iterations");
  positive(n.stall_force, "--stall-force");
  at_least(n.lbfgs.memory, 1, "--neb-lbfgs-memory");
  positive(n.lbfgs.max_step, "--neb-lbfgs-max-step");
  positive(n.fire.dt_max, "--neb-fire-dt-max");
  positive(n.fire.max_step, "--neb-fire-max-step");
  positive(p.minimizer.ftol, "--ftol");
  non_negative(p.dip_tolerance, "--dip-tol");
  at_least(p.max_intermediate, 0, "--max-intermediate");
  positive(p.same_energy, "--same-energy");
  positive(p.same_distance, "--same-distance");
  at_least(p.samples, 1, "--samples");
  non_negative(p.continuation.range, "--continuation");
  positive(p.continuation.height, "--continuation-height");
  positive(c.skin, "--skin");
  if (c.pair_id.empty() || c.pair_id.find_first_of(" \t") != std::string::npos)
    throw UsageError("--id must be a non-empty word, got '" + c.pair_id + "'");
}

NebRunSummary run_neb(const NebRunConfig& c, Progress* progress) {
  if (c.output.empty() || is_std_stream(c.output)) throw UsageError("-o must name an output folder");
  validate(c);
  const Inputs in = c.library.empty() ? load_single(c) : load_library(c);
  const GlassHeader& h = in.header;
  make_directories(c.output);
  if (c.write_bands) make_directories(c.output + "/bands");

  PairOptions po = c.pair;
  po.keep_bands = c.write_bands;
  SolvedPairs solved = solve_pending_pairs(c, in, po, progress);
  const auto& results = solved.results;
  NebRunSummary sum;
  sum.pairs = static_cast<long>(in.tasks.size());
  sum.resumed = solved.resumed;
  sum.force_calls = solved.force_calls;
  if (in.single && (results[0].status == PairStatus::identical || results[0].status == PairStatus::failed))
    throw DataError(display_name(c.config_a) + ", " + display_name(c.config_b), 0, results[0].reason);

  // Assembly in input order.
  Identifier ident(c, in, po);
  ident.load_candidates(results);
  Metadata meta = c.provenance;
  meta.emplace_back("glass", h.glass);
  meta.emplace_back("particles", std::to_string(h.size()));
  meta.emplace_back("neb", describe(po));
  AtomicOutput dwp_out(c.output + "/dwp.tsv"), prof_out(c.output + "/profiles.tsv"), stat_out(c.output + "/status.tsv");
  TableWriter prof(prof_out.stream(), "profile", 1, 0), stat(stat_out.stream(), "neb-status", 1, 0);
  prof.meta(meta);
  prof.meta("V", "eps, relative to the DWP's deeper minimum (xi = 0); xi = arc length / d");
  prof.columns({"id", "d", "xi", "V", "kind", "image"});
  stat.meta(meta);
  stat.columns({"id", "a", "b", "status", "dwps", "chain", "Ea", "Eb", "a_moved", "b_moved", "first_Va", "dips",
                "iterations", "force_calls", "bad_saddles", "reason"});
  std::vector<DwpRecord> dwps;
  assemble_tables(in, results, ident, dwps, prof, stat, sum);
  GlassInfo glass;
  glass.glass = h.glass;
  glass.particles = static_cast<long>(h.size());
  write_dwp_table(dwp_out.stream(), c.provenance, glass, dwps,
                  {{"neb", describe(po)}, {"V", "energies in eps, lengths in sigma; xi = 0 is the deeper minimum a"}});
  sum.new_minima = static_cast<long>(ident.found().size());

  // Minima first, then the tables: a table never names a minimum that is nowhere to be found.
  write_found_minima(c, in, results, ident);
  dwp_out.commit();
  prof_out.commit();
  stat_out.commit();
  return sum;
}

}  // namespace tls::neb
