// Climbing-image nudged elastic band (Henkelman, Uberuaga & Jonsson, J. Chem. Phys. 113, 9901
// (2000)) with the improved tangent and spring force of Henkelman & Jonsson, J. Chem. Phys. 113,
// 9978 (2000), relaxed by FIRE 2.0 on the NEB force (SPEC.md section 5):
//
//   stage 1  plain NEB until the largest perpendicular force max_i |F_perp,i| < perp_ftol (1e-4);
//   stage 2  the highest image climbs (F - 2 (F.t) t, no spring) until the largest NEB force of
//            the whole band, per particle, is below ftol (1e-6).
//
// End points stay fixed. Forces are judged per particle (3 components), as everywhere in the toolkit.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "tls/minimize/fire.hpp"
#include "tls/neb/surface.hpp"

namespace tls::neb {

/// FIRE settings for bands: dt_max 0.1 (converged in ~30 % fewer steps than 0.05 on real pairs),
/// per-particle steps capped at 0.02 sigma (images sit ~d/31 apart).
FireOptions band_fire_defaults();

enum class BandOptimizer { fire, lbfgs };
/// "fire" or "lbfgs"; throws UsageError otherwise.
BandOptimizer band_optimizer_from_name(const std::string& name);
const char* to_string(BandOptimizer o);

/// How the band L-BFGS forms its direction H f from the stored pairs (s, y). Both give the same
/// matrix H; they differ in rounding and in memory traffic (the band vector is ~1 MB at N = 1500).
///   two_loop: Nocedal's recursion (1980); streams S and Y twice and the direction 4m times.
///   compact:  Byrd, Nocedal & Schnabel (1994), H = g I + [S gY] M [S gY]^T with M from the m x m
///             matrices S^T Y and Y^T Y, which are kept up to date from the inner products of the
///             next step (s_i.y_new = s_i.f - s_i.f_new): one pass over S, Y and f for S^T f and
///             Y^T f, one for the combination, both in cache-sized blocks.
///   compact_single: the compact form with S and Y stored in single precision (half the memory
///             traffic; inner products and the direction still accumulated in double).
enum class LbfgsForm { two_loop, compact, compact_single };
/// "two-loop", "compact" or "compact-single"; throws UsageError otherwise.
LbfgsForm lbfgs_form_from_name(const std::string& name);
const char* to_string(LbfgsForm f);

/// L-BFGS on the band without a line search (the NEB force is not a gradient): the two-loop
/// direction, capped per particle, taken whole (Sheppard, Terrell & Henkelman, J. Chem. Phys. 128,
/// 134106 (2008), "global L-BFGS").
struct BandLbfgsOptions {
  int memory = 5;                        ///< stored correction pairs (5 beat 10 and 20: docs/tools/tls-neb.md)
  double max_step = 0.01;                ///< largest per-particle displacement per step (sigma)
  double initial_scale = 0.01;           ///< inverse curvature before any is measured (sigma^2/eps)
  double blow_up = 10;                   ///< a step that multiplies the largest force by more is taken back
  LbfgsForm form = LbfgsForm::two_loop;  ///< direction from the history (same H, other rounding)
};

struct NebOptions {
  int images = 32;                                 ///< images including the two fixed end points (>= 3)
  double spring = 1.0;                             ///< spring constant (eps/sigma^2)
  double perp_ftol = 1e-4;                         ///< stage 1 ends when the largest perpendicular force is below this
  double ftol = 1e-6;                              ///< stage 2 ends when the largest NEB force is below this
  bool climb = true;                               ///< stage 2 with a climbing image (else plain NEB to ftol)
  long max_iterations = 10000;                     ///< FIRE steps for both stages together
  BandOptimizer optimizer = BandOptimizer::lbfgs;  ///< 5-10 times fewer steps than FIRE (docs/tools/tls-neb.md)
  FireOptions fire = band_fire_defaults();
  BandLbfgsOptions lbfgs;
  int threads = 1;  ///< threads over images (results do not depend on it)
  /// When > 0, stage 2 also ends as soon as the climbing image's largest true force is below this
  /// and the largest perpendicular force is below perp_ftol: what the profile needs (the saddle's
  /// energy error is second order in its force; the path's, in the perpendicular forces), without
  /// waiting for the springs' tangential balance, which only moves images along the path.
  double climb_ftol = 0;
  /// When > 0, a stage whose largest NEB force is still above stall_force after this many of its
  /// iterations stops ("stalled", not converged) instead of running on to max_iterations: the bands
  /// that end unconverged on real glasses sit at NEB forces of 1-300 eps/sigma for all 10,000
  /// iterations. solve_pair applies it to retries only (pair.hpp; docs/tools/tls-neb.md, "Stall rule").
  long stall_iterations = 0;
  double stall_force = 1.0;  ///< ... see stall_iterations (eps/sigma)
};

/// A band of M images, as columns: images 0 and M-1 are the fixed end points.
struct Band {
  Eigen::MatrixXd x;        ///< D x M positions
  Eigen::VectorXd energy;   ///< M energies
  Eigen::MatrixXd force;    ///< D x M true forces
  Eigen::MatrixXd tangent;  ///< D x M unit tangents (improved tangent; end points: their segment)
  int climbing = -1;        ///< climbing image, or -1

  int size() const { return static_cast<int>(x.cols()); }
  /// Band with the given images as columns (energies and forces not yet evaluated).
  static Band from_path(const std::vector<Eigen::VectorXd>& path);
  /// The images as vectors.
  std::vector<Eigen::VectorXd> path() const;
  /// Arc length from image 0 to each image (sum of Euclidean distances between images).
  std::vector<double> arc_length() const;
  /// Index of the highest interior image that is a strict local maximum higher than both end
  /// points, or -1 when the band has no interior maximum.
  int interior_maximum() const;
};

/// What relax_band() did.
struct NebReport {
  bool converged = false;
  std::string stop_reason;  ///< "converged", "max iterations", "stalled", "no interior maximum", ...
  long iterations = 0;      ///< FIRE steps, both stages
  long stage1_iterations = 0;
  long force_calls = 0;       ///< surface evaluations (images x steps, plus end points)
  double max_perp_force = 0;  ///< largest perpendicular force at the end
  double max_neb_force = 0;   ///< largest NEB force at the end
};

/// M images on the straight line from a to b (both included).
std::vector<Eigen::VectorXd> linear_path(const Eigen::VectorXd& a, const Eigen::VectorXd& b, int images);

/// The polyline through `path` resampled to `images` points equally spaced in arc length (first and
/// last points kept exactly). Used to start sub-bands from a converged band and to double images.
std::vector<Eigen::VectorXd> resample_path(const std::vector<Eigen::VectorXd>& path, int images);

/// Relaxes `band` in place (two stages above). Evaluates the end points through slots 0 and M-1 and
/// leaves energies, forces, tangents and the climbing image of the final band filled in.
/// Throws DataError when an image's energy is infinite.
NebReport relax_band(Surface& surface, Band& band, const NebOptions& options);

/// One evaluation of the band: energies, true forces and tangents of images 1..M-2 at band.x, and
/// their NEB forces into f ((M-2) x D, images in order): the perpendicular true force plus the
/// spring force along the tangent, or F - 2 (F.t) t for band.climbing; translations removed.
/// Returns the sum of the images' energies; *max_perp gets the largest perpendicular force.
double neb_force(Surface& surface, Band& band, const NebOptions& options, Eigen::Ref<Eigen::VectorXd> f,
                 double* max_perp = nullptr);

/// Fills energies, true forces and tangents of every image (no relaxation).
void evaluate_band(Surface& surface, Band& band, int threads = 1);

/// The improved tangent of Henkelman & Jonsson (2000), eqs. 8-11, at interior image i (unit norm).
Eigen::VectorXd improved_tangent(const Band& band, int i);

}  // namespace tls::neb
