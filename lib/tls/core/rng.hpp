// Random streams derived from (seed, stage, item), so results do not depend on threads or order.
//
// Generator: xoshiro256** (Blackman & Vigna, ACM TOMS 47, 36 (2021)); state seeded by SplitMix64
// over a hash of (seed, stage name, item). We write the transforms (uniform, normal, gamma) ourselves
// rather than use <random>'s distributions, whose output is implementation-defined: the same seed
// must give byte-identical files with any standard library. HOOMD-blue seeds its streams the same way.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace tls {

/// FNV-1a hash of a stage name, used to separate the streams of different stages.
constexpr std::uint64_t stage_id(std::string_view name) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

/// One independent random stream. Cheap to create: make one per (stage, item).
class Rng {
 public:
  /// Stream for `item` of `stage` under the user's `seed`.
  Rng(std::uint64_t seed, std::string_view stage, std::uint64_t item);

  /// Next 64 random bits.
  std::uint64_t bits() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /// Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(bits() >> 11) * 0x1.0p-53; }
  /// Uniform in [a, b).
  double uniform(double a, double b) { return a + (b - a) * uniform(); }
  /// Uniform integer in [0, n), unbiased (Lemire's method). n > 0.
  std::uint64_t below(std::uint64_t n);
  /// Standard normal deviate (Marsaglia polar method).
  double normal();
  /// Gamma(shape, 1) deviate, shape > 0 (Marsaglia & Tsang, ACM TOMS 26, 363 (2000)).
  double gamma(double shape);
  /// Fisher-Yates shuffle of v.
  template <class T>
  void shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
  }

  /// The raw state, for checkpoints.
  struct State {
    std::uint64_t s[4];
    double cached_normal;
    bool has_cached;
  };
  State state() const { return {{s_[0], s_[1], s_[2], s_[3]}, cached_, has_cached_}; }
  void set_state(const State& st);

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
  double cached_ = 0.0;
  bool has_cached_ = false;
};

}  // namespace tls
