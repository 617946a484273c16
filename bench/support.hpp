// Shared inputs of the benchmarks: inherent structures of the model at rho = 1 for any N, made
// once per process (random positions, then FIRE + L-BFGS), and the authors' glass when present.
#pragma once

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "tls/core/rng.hpp"
#include "tls/minimize/minimize.hpp"
#include "tls/model/configuration.hpp"
#include "tls/model/diameters.hpp"
#include "tls/model/force_field.hpp"

namespace tls::bench {

/// Uniformly random positions at number density 1 with permuted quantile diameters.
inline Configuration random_configuration(int n, std::uint64_t seed) {
  Rng rng(seed, "bench-positions", 0);
  return tls::random_configuration(n, 1.0, seed, rng);
}

/// An inherent structure of N particles at rho = 1 (max|F| < 1e-8), cached per N.
inline const Configuration& inherent_structure(int n) {
  static std::map<int, Configuration> cache;
  auto it = cache.find(n);
  if (it != cache.end()) return it->second;
  Configuration c = random_configuration(n, 1);
  ForceField ff(c.box, c.diameters);
  MinimizerOptions o;
  o.ftol = 1e-8;
  minimize(ff, c.positions, o);
  return cache.emplace(n, std::move(c)).first->second;
}

/// Gaussian displacements of standard deviation sqrt(T) per component around x (unit stiffness
/// scale), a stand-in for a thermal configuration at temperature T.
inline Eigen::VectorXd thermal_kick(const Eigen::VectorXd& x, double temperature, std::uint64_t seed) {
  Rng rng(seed, "bench-kick", 0);
  Eigen::VectorXd y = x;
  const double a = std::sqrt(temperature) * 0.1;
  for (Eigen::Index k = 0; k < y.size(); ++k) y[k] += a * rng.normal();
  return y;
}

/// A file of the unpacked authors' glass ($TLS_REFERENCE_DIR, else build/reference/Cnf-148750000,
/// unpacked by the test fixture `ctest -R unpack_reference`), or "" when absent.
inline std::string reference_file(const std::string& name) {
  const char* env = std::getenv("TLS_REFERENCE_DIR");
  const std::string path = std::string(env ? env : TLS_REFERENCE_DIR_DEFAULT) + "/" + name;
  return std::filesystem::exists(path) ? path : "";
}

}  // namespace tls::bench
