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

MeanError batch_mean(const std::vector<double>& x, long batch) {
  MeanError r;
  r.samples = static_cast<long>(x.size());
  double sum = 0;
  for (double v : x) sum += v;
  r.mean = x.empty() ? std::numeric_limits<double>::quiet_NaN() : sum / static_cast<double>(x.size());
  r.error = std::numeric_limits<double>::quiet_NaN();
  if (batch < 1) batch = 1;
  const long nb = r.samples / batch;
  if (nb < 4) return r;
  std::vector<double> means(static_cast<std::size_t>(nb), 0.0);
  for (long b = 0; b < nb; ++b) {
    for (long k = 0; k < batch; ++k) means[static_cast<std::size_t>(b)] += x[static_cast<std::size_t>(b * batch + k)];
    means[static_cast<std::size_t>(b)] /= static_cast<double>(batch);
  }
  double m = 0;
  for (double v : means) m += v;
  m /= static_cast<double>(nb);
  double s2 = 0;
  for (double v : means) s2 += (v - m) * (v - m);
  r.error = std::sqrt(s2 / static_cast<double>(nb - 1) / static_cast<double>(nb));
  double var = 0;
  for (double v : x) var += (v - r.mean) * (v - r.mean);
  var /= static_cast<double>(x.size() - 1);
  r.independent = r.error > 0 ? var / (r.error * r.error) : static_cast<double>(x.size());
  return r;
}

}  // namespace tls
