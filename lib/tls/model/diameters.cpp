// Deterministic quantile diameters of the sigma^-3 distribution.
#include "tls/model/diameters.hpp"

#include <cmath>

#include "tls/core/error.hpp"
#include "tls/core/rng.hpp"

namespace tls {

std::vector<double> quantile_diameters(int n) {
  if (n < 1) throw DataError("number of particles must be at least 1, got " + std::to_string(n));
  const double a = 1.0 / (kSigmaMin * kSigmaMin);
  const double b = 1.0 / (kSigmaMax * kSigmaMax);
  std::vector<double> d(static_cast<std::size_t>(n));
  for (int k = 0; k < n; ++k) {
    const double s = 1.0 / std::sqrt(a - (static_cast<double>(k) / n) * (a - b));
    d[static_cast<std::size_t>(k)] = std::round(s * 1e6) / 1e6;
  }
  return d;
}

std::vector<double> permuted_diameters(int n, std::uint64_t seed) {
  auto d = quantile_diameters(n);
  Rng rng(seed, "diameters", 0);
  rng.shuffle(d);
  return d;
}

}  // namespace tls
