// WKB integrals of sqrt(V - level) with V linear between samples, integrated exactly.
#include "tls/quantum/wkb.hpp"

#include <algorithm>
#include <cmath>

namespace tls {

namespace {

// Integral of sqrt(max(f, 0)) over one interval of width h where f is linear from fa to fb.
double interval_integral(double fa, double fb, double h) {
  if (fa <= 0 && fb <= 0) return 0;
  if (fa < 0 || fb < 0) {  // one turning point inside: only the positive part contributes
    const double fp = std::max(fa, fb), fn = std::min(fa, fb);
    const double length = h * fp / (fp - fn);
    return 2.0 / 3.0 * std::sqrt(fp) * length;
  }
  if (std::fabs(fb - fa) <= 1e-12 * std::max(fa, fb)) return h * std::sqrt((fa + fb) / 2);
  return 2.0 / 3.0 * h * (fb * std::sqrt(fb) - fa * std::sqrt(fa)) / (fb - fa);
}

double prefactor(const WkbProfile& p) { return std::sqrt(2 * p.mass) * p.d; }

}  // namespace

double wkb_barrier_action(const WkbProfile& p, double xi_top, double level) {
  const auto& x = p.xi;
  const auto& v = p.v;
  if (x.size() < 2) return 0;
  std::size_t t = static_cast<std::size_t>(std::lower_bound(x.begin(), x.end(), xi_top) - x.begin());
  t = std::min(t, x.size() - 1);
  if (t > 0 && std::fabs(x[t - 1] - xi_top) < std::fabs(x[t] - xi_top)) --t;
  if (v[t] <= level) return 0;
  std::size_t lo = t, hi = t;
  while (lo > 0 && v[lo] > level) --lo;  // v[lo] <= level (turning interval) or lo = 0
  while (hi + 1 < x.size() && v[hi] > level) ++hi;
  double s = 0;
  for (std::size_t i = lo; i < hi; ++i) s += interval_integral(v[i] - level, v[i + 1] - level, x[i + 1] - x[i]);
  return prefactor(p) * s;
}

double wkb_wall_action(const WkbProfile& p, double level, bool left) {
  const auto& x = p.xi;
  const auto& v = p.v;
  const std::size_t n = x.size();
  if (n < 2) return 0;
  double s = 0;
  if (left) {
    for (std::size_t i = 0; i + 1 < n && !(v[i] <= level); ++i)
      s += interval_integral(v[i] - level, v[i + 1] - level, x[i + 1] - x[i]);
  } else {
    for (std::size_t i = n - 1; i > 0 && !(v[i] <= level); --i)
      s += interval_integral(v[i - 1] - level, v[i] - level, x[i] - x[i - 1]);
  }
  return prefactor(p) * s;
}

}  // namespace tls
