// Particle diameters of the model: P(sigma) ~ sigma^-3 on [0.73, 1.62], as deterministic quantiles
// rounded to 6 decimals and permuted by seed (SPEC.md section 1; the authors' files hold exactly these).
#pragma once

#include <cstdint>
#include <vector>

namespace tls {

inline constexpr double kSigmaMin = 0.73;
inline constexpr double kSigmaMax = 1.62;

/// sigma_k = [a - (k/N)(a - b)]^(-1/2), a = 0.73^-2, b = 1.62^-2, k = 0..N-1, rounded to 6
/// decimals, in increasing order. Throws DataError if n < 1.
std::vector<double> quantile_diameters(int n);

/// The quantile diameters randomly permuted over particles by the stream (seed, "diameters", 0).
std::vector<double> permuted_diameters(int n, std::uint64_t seed);

}  // namespace tls
