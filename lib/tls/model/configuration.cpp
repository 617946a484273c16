// Configuration invariants and comparisons.
#include "tls/model/configuration.hpp"

#include <algorithm>
#include <cmath>

#include "tls/core/error.hpp"
#include "tls/model/diameters.hpp"
#include "tls/model/potential.hpp"

namespace tls {

Configuration random_configuration(int n, double density, std::uint64_t diameter_seed, Rng& positions) {
  Configuration c;
  c.box.length = std::cbrt(n / density);
  const auto d = permuted_diameters(n, diameter_seed);
  c.diameters = Eigen::Map<const Eigen::VectorXd>(d.data(), n);
  c.positions.resize(3 * n);
  for (int k = 0; k < 3 * n; ++k) c.positions[k] = positions.uniform(0, c.box.length);
  return c;
}

void Configuration::set_info(const std::string& key, const std::string& value) {
  for (auto& kv : info)
    if (kv.first == key) {
      kv.second = value;
      return;
    }
  info.emplace_back(key, value);
}

void validate(const Configuration& c, const std::string& source) {
  const auto n = c.diameters.size();
  if (n < 1) throw DataError(source, 0, "configuration has no particles");
  if (!(std::isfinite(c.box.length) && c.box.length > 0))
    throw DataError(source, 0, "box side must be finite and positive, got " + std::to_string(c.box.length));
  for (int a = 0; a < 3; ++a)
    if (!std::isfinite(c.box.lo[a])) throw DataError(source, 0, "box origin is not finite");
  if (c.positions.size() != 3 * n) throw DataError(source, 0, "positions and diameters disagree in count");
  if (c.has_velocities() && c.velocities.size() != 3 * n)
    throw DataError(source, 0, "velocities and diameters disagree in count");
  for (Eigen::Index i = 0; i < n; ++i) {
    const std::string who = "particle " + std::to_string(i + 1);
    const double d = c.diameters[i];
    if (!(std::isfinite(d) && d > 0 && d < 2.5))
      throw DataError(source, 0, who + ": diameter must be in (0, 2.5), got " + std::to_string(d));
    for (int a = 0; a < 3; ++a) {
      if (!std::isfinite(c.positions[3 * i + a])) throw DataError(source, 0, who + ": position is not finite");
      // Beyond 2^50 box lengths the place of a particle inside the box is (almost) lost, and image
      // counts no longer fit the writers: refuse rather than compute a wrong energy.
      if (std::abs(c.positions[3 * i + a] - c.box.lo[a]) > kMaxBoxesAway * c.box.length)
        throw DataError(source, 0, who + ": position more than 2^50 box lengths from the box");
      if (c.has_velocities() && !std::isfinite(c.velocities[3 * i + a]))
        throw DataError(source, 0, who + ": velocity is not finite");
    }
  }
}

Eigen::VectorXd wrapped_positions(const Box& box, const Eigen::Ref<const Eigen::VectorXd>& x) {
  Eigen::VectorXd w(x.size());
  for (Eigen::Index k = 0; k < x.size(); ++k) {
    const double lo = box.lo[k % 3];
    w[k] = lo + (x[k] - lo) - std::floor((x[k] - lo) / box.length) * box.length;
  }
  return w;
}

int isolated_particles(const Configuration& c) {
  const auto n = c.diameters.size();
  int isolated = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    bool any = false;
    for (Eigen::Index j = 0; j < n && !any; ++j) {
      if (j == i) continue;
      const double rc = potential::kCut * potential::sigma_ij(c.diameters[i], c.diameters[j]);
      double r2 = 0;
      for (int k = 0; k < 3; ++k) {
        const double d = c.box.minimum_image(c.positions[3 * j + k] - c.positions[3 * i + k]);
        r2 += d * d;
      }
      any = r2 < rc * rc;
    }
    if (!any) ++isolated;
  }
  return isolated;
}

Eigen::VectorXd relative_displacement(const Box& box, const Eigen::Ref<const Eigen::VectorXd>& xa,
                                      const Eigen::Ref<const Eigen::VectorXd>& xb) {
  if (xa.size() != xb.size() || xa.size() % 3 != 0) throw InternalError("position vectors of different sizes");
  const auto n = xa.size() / 3;
  Eigen::VectorXd d(xa.size());
  double mean[3] = {0, 0, 0};
  for (Eigen::Index i = 0; i < n; ++i)
    for (int k = 0; k < 3; ++k) {
      d[3 * i + k] = box.minimum_image(xb[3 * i + k] - xa[3 * i + k]);
      mean[k] += d[3 * i + k] / static_cast<double>(n);
    }
  for (Eigen::Index i = 0; i < n; ++i)
    for (int k = 0; k < 3; ++k) d[3 * i + k] -= mean[k];
  return d;
}

double max_displacement(const Box& box, const Eigen::Ref<const Eigen::VectorXd>& xa,
                        const Eigen::Ref<const Eigen::VectorXd>& xb) {
  const Eigen::VectorXd d = relative_displacement(box, xa, xb);
  double worst = 0;
  for (Eigen::Index i = 0; i + 2 < d.size(); i += 3)
    worst = std::max(worst, d[i] * d[i] + d[i + 1] * d[i + 1] + d[i + 2] * d[i + 2]);
  return std::sqrt(worst);
}

double max_displacement(const Configuration& a, const Eigen::Ref<const Eigen::VectorXd>& xb) {
  return max_displacement(a.box, a.positions, xb);
}

}  // namespace tls
