// The pair pipeline: end points, CI-NEB with one retry, splitting at intermediate minima, DWPs.
#include "tls/neb/pair.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/core/names.hpp"
#include "tls/model/force_field.hpp"

namespace tls::neb {

namespace {
constexpr Named<SegmentStatus> kSegmentStatuses[] = {
    {SegmentStatus::dwp, "dwp"}, {SegmentStatus::non_dw, "non-dw"}, {SegmentStatus::unconverged, "unconverged"}};
constexpr Named<PairStatus> kPairStatuses[] = {{PairStatus::dwp, "dwp"},
                                               {PairStatus::split, "split"},
                                               {PairStatus::partial, "partial"},
                                               {PairStatus::non_dw, "non-dw"},
                                               {PairStatus::unconverged, "unconverged"},
                                               {PairStatus::identical, "identical"},
                                               {PairStatus::failed, "failed"}};
constexpr Named<NebMethod> kNebMethods[] = {{NebMethod::classic, "classic"},
                                            {NebMethod::fast, "fast"},
                                            {NebMethod::fast_compact, "fast-compact"},
                                            {NebMethod::fast_coarse, "fast-coarse"}};
}  // namespace

const char* status_name(SegmentStatus s) { return name_of(kSegmentStatuses, s); }

const char* status_name(PairStatus s) { return name_of(kPairStatuses, s); }

PairStatus pair_status_from_name(const std::string& name) {
  if (const auto s = value_named(kPairStatuses, name)) return *s;
  throw DataError("unknown pair status '" + name + "'");
}

NebMethod neb_method_from_name(const std::string& name) {
  return value_named_or_usage_error(kNebMethods, name, "NEB method");
}

const char* to_string(NebMethod m) { return name_of(kNebMethods, m); }

PairOptions pair_options(NebMethod m) {
  PairOptions o;
  if (m == NebMethod::fast_compact || m == NebMethod::fast_coarse) o.neb.lbfgs.form = LbfgsForm::compact_single;
  if (m == NebMethod::fast_coarse) {
    o.coarse_images = 8;
    o.neb.stall_iterations = 2000;  // retries still above 1 eps/sigma then are given up ("Stall rule")
  }
  if (m != NebMethod::classic) {
    o.neb.ftol = 1e-4;        // backstop: the whole band's NEB force
    o.neb.climb_ftol = 1e-4;  // stage 2 ends on the saddle's force and the path's perpendicular forces
    o.check_saddle = false;   // 0.4 s per DWP; order 1 on every DWP of the comparison pairs
  }
  return o;
}

bool same_minimum(const Surface& surface, const Eigen::VectorXd& xa, double ea, const Eigen::VectorXd& xb, double eb,
                  const PairOptions& o) {
  if (!(std::abs(ea - eb) < o.same_energy)) return false;
  return max_particle_norm(surface.displacement(xa, xb)) < o.same_distance;
}

namespace {

// The band reversed, so that the profile starts at its other end.
void reverse(Band& b) {
  const int m = b.size();
  b.x = b.x.rowwise().reverse().eval();
  b.force = b.force.rowwise().reverse().eval();
  b.tangent = (-b.tangent.rowwise().reverse()).eval();
  b.energy = b.energy.reverse().eval();
  if (b.climbing >= 0) b.climbing = m - 1 - b.climbing;
}

class PairSolver {
 public:
  PairSolver(Surface& s, const PairOptions& o, PairResult& r) : s_(s), o_(o), r_(r) {}

  // Minimises x in place through slot 0; returns the minimiser's report.
  MinimizeReport minimise(Eigen::VectorXd& x) {
    auto objective = [this](const Eigen::Ref<const Eigen::VectorXd>& p, Eigen::Ref<Eigen::VectorXd> f) {
      return s_.energy_forces(0, p, f);
    };
    return minimize(objective, x, o_.minimizer);
  }

  // Solves the piece of path between nodes `from` and `to` (path[0] and path.back() are their
  // positions), appending its segments in path order. `attempt` 1 is the retry with more images.
  void solve(int from, int to, const std::vector<Eigen::VectorXd>& path, int attempt) {
    Band band = Band::from_path(path);
    NebOptions no = o_.neb;
    no.images = band.size();
    if (attempt == 0) no.stall_iterations = 0;  // the stall rule is for retries only (pair.hpp)
    const auto rep = relax_band(s_, band, no);
    r_.iterations += rep.iterations;
    iterations_ += rep.iterations;
    calls_ += rep.force_calls;
    std::string failure;
    SegmentStatus failed_as = SegmentStatus::non_dw;
    if (!rep.converged) {
      if (rep.stop_reason == "no interior maximum") {
        failure = "the relaxed band has no interior maximum (barrier not resolved)";
      } else {
        failure = "band not converged after " + std::to_string(rep.iterations) + " iterations with " +
                  std::to_string(band.size()) + " images (" + rep.stop_reason + ", NEB force " +
                  format_sci(rep.max_neb_force, 2) + ", perpendicular " + format_sci(rep.max_perp_force, 2) + ")";
        failed_as = SegmentStatus::unconverged;
      }
    } else {
      const auto profile = path_profile(band);
      const auto dips = find_dips(profile, o_.dip_tolerance);
      if (first_) {
        r_.first_va = *std::max_element(profile.v.begin(), profile.v.end());
        r_.first_dips = static_cast<int>(dips.size());
      }
      first_ = false;
      if (!dips.empty()) {
        if (split(from, to, band, dips)) return;
        failure = "the profile's " + std::to_string(dips.size()) +
                  " interior dip(s) (first at xi = " + format_fixed(dips.front().xi, 3) +
                  ") relax into minima already on the path";
      }
    }
    if (!failure.empty()) {
      if (attempt == 0 && o_.retry_doubled) {
        solve(from, to, resample_path(band.path(), 2 * band.size()), 1);
        return;
      }
      SegmentResult seg;
      seg.lo = from, seg.hi = to;
      seg.status = failed_as;
      seg.reason = failure;
      seg.images = band.size();
      if (o_.keep_bands) seg.band = std::move(band);
      finish(seg);
      return;
    }
    accept(from, to, band, rep);
  }

  void start() { first_ = true; }

  // The path relaxed first as a band of o_.coarse_images images (plain NEB until the perpendicular
  // forces are below coarse_ftol) and resampled back to path.size() images; the path itself when
  // that is off or the coarse band does not converge. Only the pair's first band starts this way:
  // sub-bands and retries start from a relaxed band already.
  std::vector<Eigen::VectorXd> coarse_start(const std::vector<Eigen::VectorXd>& path) {
    const int coarse = o_.coarse_images;
    if (coarse < 3 || coarse >= static_cast<int>(path.size())) return path;
    Band band = Band::from_path(resample_path(path, coarse));
    NebOptions no = o_.neb;
    no.images = coarse;
    no.stall_iterations = 0;  // a first band (pair.hpp)
    no.climb = false;
    no.climb_ftol = 0;
    no.perp_ftol = o_.coarse_ftol;                      // stage 1 only: the path, not the saddle
    no.ftol = std::numeric_limits<double>::infinity();  // (stage 2 without climbing then stops at once)
    const auto rep = relax_band(s_, band, no);
    r_.iterations += rep.iterations;
    iterations_ += rep.iterations;
    calls_ += rep.force_calls;
    if (!rep.converged) return path;
    return resample_path(band.path(), static_cast<int>(path.size()));
  }
  std::vector<Node>& nodes() { return nodes_; }
  std::vector<SegmentResult>& segments() { return segments_; }

 private:
  // Minimises each dip; returns false when none gives a new minimum.
  bool split(int from, int to, const Band& band, const std::vector<Dip>& dips) {
    struct Found {
      int node;
      int image;
    };
    std::vector<Found> found;
    bool too_many = false;
    for (const auto& dip : dips) {
      Eigen::VectorXd x = band.x.col(dip.image);
      const auto rep = minimise(x);
      calls_ += rep.force_calls;
      if (!rep.converged)
        throw DataError("minimisation of the dip at xi = " + format_fixed(dip.xi, 3) + " did not converge (" +
                        rep.stop_reason + ")");
      bool known = false;
      for (const auto& n : nodes_) known = known || same_minimum(s_, n.x, n.energy, x, rep.energy, o_);
      if (known) continue;
      if (intermediate_ >= o_.max_intermediate) {
        too_many = true;
        break;
      }
      Node c;
      c.x = std::move(x);
      c.energy = rep.energy;
      c.max_force = rep.max_force;
      nodes_.push_back(std::move(c));
      ++intermediate_;
      found.push_back({static_cast<int>(nodes_.size()) - 1, dip.image});
    }
    if (too_many) {
      SegmentResult seg;
      seg.lo = from, seg.hi = to;
      seg.status = SegmentStatus::non_dw;
      seg.reason = "more than " + std::to_string(o_.max_intermediate) + " intermediate minima";
      seg.images = band.size();
      finish(seg);
      return true;
    }
    if (found.empty()) return false;
    // Sub-bands start from the parent band between the minima, resampled to the base image count.
    int prev = from, prev_image = 0;
    found.push_back({to, band.size() - 1});
    for (const auto& f : found) {
      std::vector<Eigen::VectorXd> piece;
      for (int k = prev_image; k <= f.image; ++k) piece.emplace_back(band.x.col(k));
      piece.front() = nodes_[static_cast<std::size_t>(prev)].x;
      piece.back() = nodes_[static_cast<std::size_t>(f.node)].x;
      solve(prev, f.node, resample_path(piece, o_.neb.images), 0);
      prev = f.node;
      prev_image = f.image;
    }
    return true;
  }

  void accept(int from, int to, Band& band, const NebReport& rep) {
    SegmentResult seg;
    seg.lo = from, seg.hi = to;
    if (nodes_[static_cast<std::size_t>(to)].energy < nodes_[static_cast<std::size_t>(from)].energy) {
      reverse(band);
      std::swap(seg.lo, seg.hi);
    }
    const auto profile = path_profile(band);
    seg.shape = dwp_shape(profile);
    seg.participation = participation(band.x.col(band.size() - 1) - band.x.col(0));
    seg.d = profile.d;
    seg.images = band.size();
    seg.max_neb_force = rep.max_neb_force;
    seg.saddle_force = max_particle_norm(band.force.col(seg.shape.saddle_image));
    if (o_.check_saddle) {
      seg.saddle_order = s_.negative_modes(band.x.col(seg.shape.saddle_image), o_.saddle_threshold);
      if (seg.saddle_order == 0 || seg.saddle_order > 1) {
        // A band over a higher-order saddle is not a minimum energy path: no DWP from it.
        seg.status = SegmentStatus::non_dw;
        seg.reason = "the climbing image is a stationary point with " + std::to_string(seg.saddle_order) +
                     " negative Hessian modes, not a first-order saddle";
        seg.images = band.size();
        if (o_.keep_bands) seg.band = std::move(band);
        finish(seg);
        return;
      }
    }
    const long before = s_.calls();
    seg.profile = sample_profile(s_, 0, band, profile, o_.samples, o_.continuation, &seg.left, &seg.right);
    calls_ += s_.calls() - before;
    if (o_.keep_bands) seg.band = std::move(band);
    finish(seg);
  }

  // Books the segment with the band effort spent since the last one.
  void finish(SegmentResult& seg) {
    seg.iterations = iterations_;
    seg.force_calls = calls_;
    iterations_ = calls_ = 0;
    segments_.push_back(std::move(seg));
  }

  Surface& s_;
  const PairOptions& o_;
  PairResult& r_;
  std::vector<Node> nodes_;
  std::vector<SegmentResult> segments_;
  long iterations_ = 0, calls_ = 0;
  int intermediate_ = 0;
  bool first_ = true;
};

}  // namespace

PairResult solve_pair(Surface& surface, const Eigen::VectorXd& xa, const Eigen::VectorXd& xb, const PairOptions& o) {
  PairResult r;
  const long calls0 = surface.calls();
  PairSolver solver(surface, o, r);
  auto& nodes = solver.nodes();
  for (int e = 0; e < 2; ++e) {
    Node n;
    n.x = e == 0 ? xa : xb;
    n.end = e;
    const auto rep = solver.minimise(n.x);
    n.energy = rep.energy;
    n.max_force = rep.max_force;
    n.moved = max_particle_norm(surface.displacement(e == 0 ? xa : xb, n.x));
    if (!rep.converged) {
      r.status = PairStatus::failed;
      r.reason = std::string("end point ") + (e == 0 ? "a" : "b") + " did not minimise to max|F| < " +
                 format_double(o.minimizer.ftol) + " (" + rep.stop_reason + ", max|F| " + format_sci(rep.max_force, 2) +
                 ")";
      r.force_calls = surface.calls() - calls0;
      return r;
    }
    nodes.push_back(std::move(n));
  }
  if (nodes[1].energy < nodes[0].energy) std::swap(nodes[0], nodes[1]);
  // B's image next to A: the frame every band of this pair lives in.
  nodes[1].x = nodes[0].x + surface.displacement(nodes[0].x, nodes[1].x);
  if (same_minimum(surface, nodes[0].x, nodes[0].energy, nodes[1].x, nodes[1].energy, o)) {
    r.status = PairStatus::identical;
    r.reason = "both end points are the same minimum after re-minimisation (|dE| = " +
               format_sci(std::abs(nodes[1].energy - nodes[0].energy), 2) + ", largest displacement " +
               format_sci(max_particle_norm(nodes[1].x - nodes[0].x), 2) + " sigma)";
    r.chain = std::move(nodes);
    r.force_calls = surface.calls() - calls0;
    return r;
  }
  solver.start();
  solver.solve(0, 1, solver.coarse_start(linear_path(nodes[0].x, nodes[1].x, o.neb.images)), 0);

  // Chain in path order, segments re-indexed to it.
  auto& segs = solver.segments();
  std::vector<int> order{0};
  for (const auto& s : segs) {
    const int last = order.back();
    order.push_back(s.lo == last ? s.hi : s.lo);
  }
  std::vector<int> position(nodes.size(), -1);
  for (std::size_t k = 0; k < order.size(); ++k) position[static_cast<std::size_t>(order[k])] = static_cast<int>(k);
  for (int k : order) r.chain.push_back(nodes[static_cast<std::size_t>(k)]);
  int ok = 0, unconverged = 0;
  std::string why;
  for (auto& s : segs) {
    s.lo = position[static_cast<std::size_t>(s.lo)];
    s.hi = position[static_cast<std::size_t>(s.hi)];
    if (s.status == SegmentStatus::dwp) {
      ++ok;
    } else {
      unconverged += s.status == SegmentStatus::unconverged;
      if (!why.empty()) why += "; ";
      if (segs.size() > 1) why += "segment " + std::to_string(std::min(s.lo, s.hi) + 1) + ": ";
      why += s.reason;
    }
    r.segments.push_back(std::move(s));
  }
  const int n = static_cast<int>(r.segments.size());
  if (ok == n)
    r.status = n == 1 ? PairStatus::dwp : PairStatus::split;
  else if (ok > 0)
    r.status = PairStatus::partial;
  else
    r.status = unconverged > 0 ? PairStatus::unconverged : PairStatus::non_dw;
  r.reason = why;
  if (n > 1 && r.reason.empty()) r.reason = std::to_string(n - 1) + " intermediate minim" + (n == 2 ? "um" : "a");
  r.force_calls = surface.calls() - calls0;
  return r;
}

}  // namespace tls::neb
