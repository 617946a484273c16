// The energy profile V(xi) along a relaxed band (SPEC.md section 5): reaction coordinate = arc
// length s in configuration space, d = total arc length, xi = s/d with each image at its true xi;
// cubic Hermite interpolation between images from their energies and tangential forces
// (dV/dxi = -d F.t); beyond both end points, the true energy along the end tangent (harmonic
// fallback); the double-well parameters of Khomenko et al., PRL 124, 225901 (2020), Fig. 1(c).
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "tls/neb/band.hpp"
#include "tls/neb/surface.hpp"

namespace tls::neb {

/// V(xi) at the images of a band, relative to image 0.
struct PathProfile {
  double d = 0;               ///< arc length of the band (sigma)
  std::vector<double> xi;     ///< xi of each image, 0 ... 1, strictly increasing
  std::vector<double> v;      ///< energy minus the energy of image 0 (eps)
  std::vector<double> slope;  ///< dV/dxi at each image, -d F.t (eps)

  int images() const { return static_cast<int>(xi.size()); }
  /// Cubic Hermite interpolation; xi is clamped to [0, 1].
  double value(double xi) const;
};

/// Profile of an evaluated band (energies, forces and tangents filled). Throws DataError when two
/// images coincide (xi would not increase).
PathProfile path_profile(const Band& band);

/// An interior local minimum of the profile deeper than `tolerance` below the highest point on
/// each side of it.
struct Dip {
  double xi = 0;  ///< where the interpolated profile is lowest
  double v = 0;   ///< its value
  int image = 0;  ///< the image nearest to it in energy (where a minimisation starts)
};

/// Interior minima of the Hermite profile, found on `samples_per_segment` points per segment
/// and at the images, in increasing xi.
std::vector<Dip> find_dips(const PathProfile& p, double tolerance, int samples_per_segment = 16);

/// Double-well parameters of a profile oriented with its deeper end at xi = 0 (PRL Fig. 1(c)).
struct DwpShape {
  double dV = 0;         ///< V(1) - V(0)
  double Va = 0;         ///< max V - V(0): the highest image (the climbing image, on the saddle)
  double Vb = 0;         ///< Va - dV/2
  double xi_saddle = 0;  ///< xi of the highest image
  int saddle_image = 0;
};
DwpShape dwp_shape(const PathProfile& p);

/// Participation of the end-to-end displacement delta (3N): PR over Cartesian components
/// |delta|^4 / sum delta_k^4 (1 .. 3N) and per particle (sum |delta_i|^2)^2 / sum |delta_i|^4 (1 .. N).
struct Participation {
  double d_end = 0;
  double pr = 0;
  double pr_particle = 0;
};
Participation participation(const Eigen::Ref<const Eigen::VectorXd>& delta);

/// One sample of the profile table.
struct Sample {
  enum class Kind { image, spline, line, harmonic };
  double xi = 0;
  double v = 0;
  Kind kind = Kind::spline;
  int image = -1;  ///< band image for Kind::image, else -1
};
/// "image", "spline", "line", "harmonic".
const char* kind_name(Sample::Kind k);
/// Inverse of kind_name(); throws DataError for an unknown name.
Sample::Kind kind_from_name(const std::string& name);

struct ContinuationOptions {
  double range = 0.5;   ///< continue out to this many d beyond each end point
  double height = 5.0;  ///< ... or stop once V exceeds the end's value by this many times its barrier
};

/// How one side was continued.
struct Continuation {
  Sample::Kind kind = Sample::Kind::line;  ///< line (true energy) or harmonic (fallback, after any rising part)
  std::string why;                         ///< reason for the fallback, empty for line
  double curvature = 0;                    ///< t.H.t at the end point (eps/sigma^2), harmonic only
};

/// Samples of V(xi): `per_segment` points per band segment in [0, 1] (images and Hermite values
/// between them), then beyond each end point along the end tangent t (outward unit vector of the
/// first/last segment) at the same spacing: V(x_end + s t) - E_0 from the true energy. If the true
/// energy stops rising (the line crosses a ridge) or cannot be evaluated, the samples that rose
/// are kept (kind line) and that side continues from the last of them, (s_k, V_k), with the
/// harmonic V_k + k (s^2 - s_k^2) / 2, k = t.H.t at the end point from a central difference of
/// forces (kind harmonic; with no rising sample, V_end + k s^2 / 2). `slot` is the surface slot used. xi strictly
/// increases.
std::vector<Sample> sample_profile(Surface& surface, int slot, const Band& band, const PathProfile& p, int per_segment,
                                   const ContinuationOptions& c, Continuation* left = nullptr,
                                   Continuation* right = nullptr);

}  // namespace tls::neb
