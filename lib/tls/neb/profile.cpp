// Profiles, dips, double-well parameters and the continuation beyond the end points.
#include "tls/neb/profile.hpp"

#include <algorithm>
#include <cmath>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"

namespace tls::neb {

namespace {

// Cubic Hermite basis on one segment of width h, t in [0, 1].
double hermite(double t, double h, double v0, double m0, double v1, double m1) {
  const double t2 = t * t, t3 = t2 * t;
  return (2 * t3 - 3 * t2 + 1) * v0 + (t3 - 2 * t2 + t) * h * m0 + (-2 * t3 + 3 * t2) * v1 + (t3 - t2) * h * m1;
}

}  // namespace

double PathProfile::value(double x) const {
  if (xi.empty()) throw InternalError("empty profile");
  x = std::clamp(x, xi.front(), xi.back());
  const auto it = std::upper_bound(xi.begin(), xi.end(), x);
  std::size_t i = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, (it - xi.begin()) - 1));
  if (i + 1 >= xi.size()) return v.back();
  const double h = xi[i + 1] - xi[i];
  return hermite((x - xi[i]) / h, h, v[i], slope[i], v[i + 1], slope[i + 1]);
}

PathProfile path_profile(const Band& band) {
  PathProfile p;
  const auto s = band.arc_length();
  p.d = s.back();
  if (!(p.d > 0)) throw DataError("band of zero length");
  for (int i = 0; i < band.size(); ++i) {
    const auto k = static_cast<std::size_t>(i);
    p.xi.push_back(i == band.size() - 1 ? 1.0 : s[k] / p.d);
    if (k > 0 && !(p.xi[k] > p.xi[k - 1])) throw DataError("two band images coincide");
    p.v.push_back(band.energy[i] - band.energy[0]);
    p.slope.push_back(-p.d * band.force.col(i).dot(band.tangent.col(i)));
  }
  return p;
}

std::vector<Dip> find_dips(const PathProfile& p, double tolerance, int per_segment) {
  struct Point {
    double xi, v;
    int segment;
  };
  std::vector<Point> pts;
  for (int i = 0; i + 1 < p.images(); ++i) {
    const auto k = static_cast<std::size_t>(i);
    for (int j = 0; j < per_segment; ++j) {
      const double x = p.xi[k] + (p.xi[k + 1] - p.xi[k]) * j / per_segment;
      pts.push_back({x, j == 0 ? p.v[k] : p.value(x), i});
    }
  }
  pts.push_back({1.0, p.v.back(), p.images() - 2});
  std::vector<double> left(pts.size()), right(pts.size());
  double best = -INFINITY;
  for (std::size_t k = 0; k < pts.size(); ++k) left[k] = best = std::max(best, pts[k].v);
  best = -INFINITY;
  for (std::size_t k = pts.size(); k-- > 0;) right[k] = best = std::max(best, pts[k].v);
  std::vector<Dip> dips;
  for (std::size_t k = 1; k + 1 < pts.size(); ++k) {
    if (!(pts[k].v < pts[k - 1].v && pts[k].v <= pts[k + 1].v)) continue;
    if (std::min(left[k - 1], right[k + 1]) - pts[k].v <= tolerance) continue;
    // Start the minimisation from the lower interior image of the bracketing segment.
    const int i = pts[k].segment;
    int img = p.v[static_cast<std::size_t>(i)] <= p.v[static_cast<std::size_t>(i + 1)] ? i : i + 1;
    if (std::abs(pts[k].xi - p.xi[static_cast<std::size_t>(i)]) < 1e-15) img = i;  // dip on an image
    img = std::clamp(img, 1, p.images() - 2);
    if (!dips.empty() && dips.back().image == img) continue;
    dips.push_back({pts[k].xi, pts[k].v, img});
  }
  return dips;
}

DwpShape dwp_shape(const PathProfile& p) {
  DwpShape s;
  const auto top = std::max_element(p.v.begin(), p.v.end());
  s.saddle_image = static_cast<int>(top - p.v.begin());
  s.dV = p.v.back() - p.v.front();
  s.Va = *top - p.v.front();
  s.Vb = s.Va - 0.5 * s.dV;
  s.xi_saddle = p.xi[static_cast<std::size_t>(s.saddle_image)];
  return s;
}

Participation participation(const Eigen::Ref<const Eigen::VectorXd>& delta) {
  Participation r;
  const double d2 = delta.squaredNorm();
  r.d_end = std::sqrt(d2);
  double s4 = 0, p4 = 0;
  for (Eigen::Index i = 0; i + 2 < delta.size(); i += 3) {
    double q = 0;
    for (int k = 0; k < 3; ++k) {
      const double c = delta[i + k];
      s4 += c * c * c * c;
      q += c * c;
    }
    p4 += q * q;
  }
  r.pr = s4 > 0 ? d2 * d2 / s4 : 0.0;
  r.pr_particle = p4 > 0 ? d2 * d2 / p4 : 0.0;
  return r;
}

const char* kind_name(Sample::Kind k) {
  switch (k) {
    case Sample::Kind::image:
      return "image";
    case Sample::Kind::spline:
      return "spline";
    case Sample::Kind::line:
      return "line";
    case Sample::Kind::harmonic:
      return "harmonic";
  }
  return "?";
}

Sample::Kind kind_from_name(const std::string& name) {
  for (auto k : {Sample::Kind::image, Sample::Kind::spline, Sample::Kind::line, Sample::Kind::harmonic})
    if (name == kind_name(k)) return k;
  throw DataError("unknown profile sample kind '" + name + "'");
}

namespace {

// Samples of one side beyond an end point: s = j ds, j = 1, 2, ... while s <= s_max, stopping after
// the first sample above `v_stop`. Returns V relative to image 0 (v_end at s = 0); `rose` receives
// the number of leading samples that are true energies (the rest are harmonic).
std::vector<double> continue_side(Surface& surface, int slot, const Eigen::VectorXd& x_end, const Eigen::VectorXd& t,
                                  double v_end, double ds, int count, double v_stop, Continuation& how,
                                  std::size_t& rose) {
  std::vector<double> out;
  rose = 0;
  how = Continuation{};
  try {
    const double e_end = surface.energy(slot, x_end);
    double previous = v_end;
    for (int j = 1; j <= count; ++j) {
      const double v = v_end + (surface.energy(slot, x_end + (j * ds) * t) - e_end);
      if (!std::isfinite(v)) {
        how.why = "non-finite energy at s = " + format_sci(j * ds, 3);
        break;
      }
      if (!(v > previous)) {
        how.why = "true energy stops rising at s = " + format_sci(j * ds, 3) + " sigma";
        break;
      }
      out.push_back(v);
      previous = v;
      if (v > v_stop) break;
    }
  } catch (const DataError& e) {
    how.why = std::string("true energy cannot be evaluated: ") + e.what();
  }
  rose = out.size();
  if (how.why.empty()) return out;
  // Harmonic fallback: curvature along t from a central difference of forces. The samples that
  // rose are kept; from the last of them (s_k, V_k) on, V = V_k + k (s^2 - s_k^2)/2.
  if (rose > 0) how.why += "; the " + std::to_string(rose) + " rising samples before it kept";
  how.kind = Sample::Kind::harmonic;
  const double eps = 1e-4;
  Eigen::VectorXd fp(x_end.size()), fm(x_end.size());
  surface.energy_forces(slot, x_end + eps * t, fp);
  surface.energy_forces(slot, x_end - eps * t, fm);
  how.curvature = -(fp - fm).dot(t) / (2 * eps);
  if (!(how.curvature > 0)) {
    how.why += "; curvature along the tangent " + format_sci(how.curvature, 3) + " is not positive, clamped";
    how.curvature = std::max(how.curvature, 1e-12);
  }
  const double s_k = static_cast<double>(rose) * ds, v_k = rose ? out.back() : v_end;
  if (rose > 0 && v_k > v_stop) return out;
  for (int j = static_cast<int>(rose) + 1; j <= count; ++j) {
    const double s = j * ds;
    out.push_back(v_k + 0.5 * how.curvature * (s * s - s_k * s_k));
    if (out.back() > v_stop) break;
  }
  return out;
}

}  // namespace

std::vector<Sample> sample_profile(Surface& surface, int slot, const Band& band, const PathProfile& p, int per_segment,
                                   const ContinuationOptions& c, Continuation* left, Continuation* right) {
  if (per_segment < 1) throw InternalError("at least one sample per segment");
  const int m = p.images();
  const double dxi = 1.0 / (static_cast<double>(m - 1) * per_segment);
  const double ds = p.d * dxi;
  const int count = static_cast<int>(std::floor(c.range / dxi + 1e-9));
  const double top = *std::max_element(p.v.begin(), p.v.end());
  const double v0 = p.v.front(), v1 = p.v.back();
  const double stop0 = top > v0 ? v0 + c.height * (top - v0) : INFINITY;
  const double stop1 = top > v1 ? v1 + c.height * (top - v1) : INFINITY;

  Continuation how0, how1;
  const Eigen::VectorXd x0 = band.x.col(0), x1 = band.x.col(m - 1);
  const Eigen::VectorXd t0 = (band.x.col(0) - band.x.col(1)).normalized();
  const Eigen::VectorXd t1 = (band.x.col(m - 1) - band.x.col(m - 2)).normalized();
  std::size_t rose0 = 0, rose1 = 0;
  const auto before = continue_side(surface, slot, x0, t0, v0, ds, count, stop0, how0, rose0);
  const auto after = continue_side(surface, slot, x1, t1, v1, ds, count, stop1, how1, rose1);

  std::vector<Sample> out;
  for (std::size_t j = before.size(); j-- > 0;)
    out.push_back({-static_cast<double>(j + 1) * dxi, before[j], j < rose0 ? Sample::Kind::line : how0.kind, -1});
  for (int i = 0; i + 1 < m; ++i) {
    const auto k = static_cast<std::size_t>(i);
    out.push_back({p.xi[k], p.v[k], Sample::Kind::image, i});
    for (int j = 1; j < per_segment; ++j) {
      const double x = p.xi[k] + (p.xi[k + 1] - p.xi[k]) * j / per_segment;
      out.push_back({x, p.value(x), Sample::Kind::spline, -1});
    }
  }
  out.push_back({1.0, p.v.back(), Sample::Kind::image, m - 1});
  for (std::size_t j = 0; j < after.size(); ++j)
    out.push_back({1.0 + static_cast<double>(j + 1) * dxi, after[j], j < rose1 ? Sample::Kind::line : how1.kind, -1});
  if (left) *left = how0;
  if (right) *right = how1;
  return out;
}

}  // namespace tls::neb
