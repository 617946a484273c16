// Random streams: seeding, bounded integers, normal and gamma deviates.
#include "tls/core/rng.hpp"

#include <cmath>

namespace tls {

namespace {
__extension__ typedef unsigned __int128 u128;

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}
}  // namespace

Rng::Rng(std::uint64_t seed, std::string_view stage, std::uint64_t item) {
  // Mix the three keys through SplitMix64 one after another so nearby seeds/items give unrelated
  // streams; then fill the xoshiro state from the mixed key.
  std::uint64_t x = seed;
  std::uint64_t k = splitmix64(x);
  x = k ^ stage_id(stage);
  k = splitmix64(x);
  x = k ^ (item * 0xd1342543de82ef95ull + 0x2545f4914f6cdd1dull);
  for (auto& s : s_) s = splitmix64(x);
}

std::uint64_t Rng::below(std::uint64_t n) {
  // Lemire, "Fast random integer generation in an interval", ACM TOMACS 29, 3 (2019).
  u128 m = static_cast<u128>(bits()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<u128>(bits()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

double Rng::normal() {
  if (has_cached_) {
    has_cached_ = false;
    return cached_;
  }
  double u, v, s;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double f = std::sqrt(-2.0 * std::log(s) / s);
  cached_ = v * f;
  has_cached_ = true;
  return u * f;
}

double Rng::gamma(double shape) {
  if (shape < 1.0) {
    // Boost to shape + 1, then scale by U^(1/shape) (Marsaglia & Tsang, section 6).
    const double u = uniform();
    return gamma(shape + 1.0) * std::pow(u > 0 ? u : 0x1.0p-53, 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x, v;
    do {
      x = normal();
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = uniform();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

void Rng::set_state(const State& st) {
  for (int i = 0; i < 4; ++i) s_[i] = st.s[i];
  cached_ = st.cached_normal;
  has_cached_ = st.has_cached;
}

}  // namespace tls
