// Blocking analysis of correlated series.
#include "tls/equilibrate/statistics.hpp"

#include <cmath>
#include <limits>

namespace tls {

MeanError blocking_mean(const std::vector<double>& x, int min_blocks) {
  MeanError r;
  r.samples = static_cast<long>(x.size());
  if (x.empty()) {
    r.mean = r.error = std::numeric_limits<double>::quiet_NaN();
    return r;
  }
  double sum = 0;
  for (double v : x) sum += v;
  r.mean = sum / static_cast<double>(x.size());
  if (x.size() < 2) {
    r.error = std::numeric_limits<double>::quiet_NaN();
    return r;
  }
  std::vector<double> b = x;
  double best = 0, sd0 = 0;
  bool first = true;
  while (b.size() >= 2 && (first || static_cast<long>(b.size()) >= min_blocks)) {
    const auto n = static_cast<double>(b.size());
    double m = 0;
    for (double v : b) m += v;
    m /= n;
    double s2 = 0;
    for (double v : b) s2 += (v - m) * (v - m);
    const double var = s2 / (n - 1);
    const double err = std::sqrt(var / n);
    if (first) sd0 = std::sqrt(var);
    first = false;
    best = std::max(best, err);
    std::vector<double> h(b.size() / 2);
    for (std::size_t k = 0; k < h.size(); ++k) h[k] = 0.5 * (b[2 * k] + b[2 * k + 1]);
    b.swap(h);
  }
  r.error = best;
  r.independent = best > 0 ? (sd0 / best) * (sd0 / best) : static_cast<double>(x.size());
  return r;
}

}  // namespace tls
