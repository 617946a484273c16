// One pair of minima -> its double-well potentials (SPEC.md section 5):
//
//   1. both end points re-minimised to max|F_i| < 1e-10 (they may slide: SPEC.md section 1); the
//      same minimum twice -> "identical";
//   2. oriented so that xi = 0 is the deeper minimum; B taken to its image next to A (per-particle
//      minimum images, relative centre-of-mass shift removed); linear initial path;
//   3. CI-NEB (band.hpp); an unconverged band, one without an interior maximum, or one whose dips
//      all relax into its own end points is retried once from the same band with twice the images;
//   4. interior dips of the converged profile are minimised to minima C; new ones split the segment
//      into (A, C1), (C1, C2), ..., (Ck, B), each started from its part of the parent band and
//      solved the same way (Khomenko et al. 2020: "an iterative method to split the energy profile
//      into distinct DWPs");
//   5. each single-barrier segment becomes one double-well potential, oriented deeper end first.
//
// Works on any Surface, so it is tested on analytic surfaces with known saddles.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "tls/minimize/minimize.hpp"
#include "tls/neb/band.hpp"
#include "tls/neb/profile.hpp"
#include "tls/neb/surface.hpp"

namespace tls::neb {

struct PairOptions {
  /// The bands' settings. Its stall rule (stall_iterations) applies to the retry with twice the
  /// images only: a first band above 1 eps/sigma at iteration 2,000 can still converge (one of the
  /// 53 hardest pairs of docs/tools/tls-neb.md, "Stall rule"), a retry that far off is given up.
  NebOptions neb;
  MinimizerOptions minimizer;   ///< end points and dips (ftol 1e-10)
  bool retry_doubled = true;    ///< retry a failed band once with twice the images
  double dip_tolerance = 1e-7;  ///< a dip must be this far (eps) below the highest point on each side
  int max_intermediate = 8;     ///< intermediate minima per pair before giving up ("non-DW")
  double same_energy = 1e-6;    ///< same minimum: |dE| below this (eps) ...
  double same_distance = 1e-3;  ///< ... and every particle within this (sigma), SPEC.md section 3
  int samples = 8;              ///< profile samples per band segment
  ContinuationOptions continuation;
  bool keep_bands = false;   ///< keep each DWP's final band (for viewing)
  bool check_saddle = true;  ///< count negative Hessian modes at the climbing image
  /// When >= 3 (and fewer than the band's images), a first band's initial path is first relaxed as a
  /// band of this many images (plain NEB, no climbing) until its largest perpendicular force is below
  /// coarse_ftol, then resampled to the full band: a cheaper start (docs/tools/tls-neb.md).
  int coarse_images = 0;
  double coarse_ftol = 1e-4;       ///< ... see coarse_images
  double saddle_threshold = 1e-8;  ///< ... below -threshold (eps/sigma^2); translations are ~1e-13
};

/// Settings bundles of tls-neb (--neb-method). classic: the defaults above (SPEC.md section 5).
/// fast: the same 32-image bands and stage 1, but stage 2 ends once the climbing image's force is
/// below 1e-4 and every perpendicular force below perp_ftol (NebOptions::climb_ftol; the saddle's
/// energy error is second order in its force), and no saddle check: about 3 times cheaper
/// (docs/tools/tls-neb.md, "Fast method"). Climbing from 1e-3 was 6 times cheaper but moved one
/// splitting of 20 pairs by 8.6 % (the continuation's direction near the soft minimum).
/// fast-compact: fast with the band L-BFGS direction from the compact form, history in single
/// precision (LbfgsForm::compact_single): the same H up to rounding, less memory traffic per step
/// (docs/performance.md, "Compact L-BFGS").
/// fast-coarse: fast-compact whose first band starts from the linear path relaxed as an 8-image band
/// (coarse_images; the same stage-1 tolerance), about 30 % fewer force calls ("Coarse start"), and
/// whose retries with twice the images stop when still above 1 eps/sigma after 2,000 iterations of
/// a stage (NebOptions::stall_iterations; the same results on the 53 hardest pairs of 34 glasses).
enum class NebMethod { classic, fast, fast_compact, fast_coarse };
/// "classic", "fast", "fast-compact" or "fast-coarse"; throws UsageError otherwise.
NebMethod neb_method_from_name(const std::string& name);
const char* to_string(NebMethod m);
/// The PairOptions of a method (the fields a method sets; everything else at its default).
PairOptions pair_options(NebMethod m);

/// A minimum of the chain A = chain[0], C1, ..., B = chain.back(), positions in the frame of the
/// band (unwrapped, continuous along the path).
struct Node {
  Eigen::VectorXd x;
  double energy = 0;
  double max_force = 0;
  int end = -1;      ///< 0: the pair's input a, 1: input b, -1: found between them
  double moved = 0;  ///< end points: largest particle displacement when re-minimised (sigma)
};

enum class SegmentStatus { dwp, non_dw, unconverged };
const char* status_name(SegmentStatus s);

/// One piece of the path between consecutive chain minima.
struct SegmentResult {
  int lo = 0, hi = 0;  ///< chain indices of the xi = 0 (deeper) and xi = 1 minima
  SegmentStatus status = SegmentStatus::dwp;
  std::string reason;  ///< why it is not a DWP (empty for a DWP)
  DwpShape shape;
  Participation participation;
  double d = 0;         ///< arc length (sigma)
  int images = 0;       ///< images of the final band
  long iterations = 0;  ///< FIRE steps of this segment's bands
  long force_calls = 0;
  double max_neb_force = 0;  ///< largest NEB force of the final band
  double saddle_force = 0;   ///< largest true force on the climbing image
  int saddle_order = -1;     ///< negative Hessian modes there (1: first-order saddle; -1: not checked)
  Continuation left, right;
  std::vector<Sample> profile;  ///< DWPs only
  Band band;                    ///< final band, when PairOptions::keep_bands (oriented like the profile)
};

enum class PairStatus { dwp, split, partial, non_dw, unconverged, identical, failed };
const char* status_name(PairStatus s);
/// Inverse of status_name(); throws DataError for an unknown name.
PairStatus pair_status_from_name(const std::string& name);

struct PairResult {
  PairStatus status = PairStatus::failed;
  std::string reason;
  std::vector<Node> chain;              ///< minima in path order, deeper end point first
  std::vector<SegmentResult> segments;  ///< segments[k] joins chain[k] and chain[k+1]
  long force_calls = 0;                 ///< everything: minimisations, bands, continuations
  long iterations = 0;                  ///< FIRE steps of all bands
  double first_va = 0;                  ///< highest point of the first band above its deeper end
  int first_dips = 0;                   ///< dips of the first converged band
};

/// Runs steps 1-5 for end points xa and xb (the surface's slot 0 does minimisations and
/// continuations; a band of M images uses slots 0 .. M-1). Throws DataError for an infinite energy.
PairResult solve_pair(Surface& surface, const Eigen::VectorXd& xa, const Eigen::VectorXd& xb, const PairOptions& o);

/// Same minimum (SPEC.md section 3): |dE| < same_energy and max_i |dr_i| < same_distance, with the
/// displacement as the surface defines it (minimum images, centre-of-mass shift removed).
bool same_minimum(const Surface& surface, const Eigen::VectorXd& xa, double ea, const Eigen::VectorXd& xb, double eb,
                  const PairOptions& o);

}  // namespace tls::neb
