// Shared helpers of the unit tests: locating the reference data, building test configurations.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "tls/core/rng.hpp"
#include "tls/io/configuration_io.hpp"
#include "tls/model/diameters.hpp"

namespace tls::test {

/// An environment variable, or the default compiled in by tests/CMakeLists.txt.
inline std::string setting(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v ? v : fallback;
}

/// The unpacked authors' inherent structures, or "" when ../shared/reference is absent.
inline std::string reference_dir() {
  const std::string d = setting("TLS_REFERENCE_DIR", TLS_REFERENCE_DIR_DEFAULT);
  if (!std::filesystem::exists(d + "/2.044404608E-01.conf.txt")) return "";
  return d;
}

/// The shared folder beside the project (may not exist).
inline std::string shared_dir() { return setting("TLS_SHARED_DIR", TLS_SHARED_DIR_DEFAULT); }

/// A scratch folder for test files, created on demand.
inline std::filesystem::path scratch(const std::string& name) {
  const std::filesystem::path d = std::filesystem::path(setting("TLS_WORK_DIR", TLS_WORK_DIR_DEFAULT)) / "unit";
  std::filesystem::create_directories(d);
  return d / name;
}

/// Skips the current test with a clear message when the reference data is absent.
#define TLS_REQUIRE_REFERENCE(dir)                      \
  const std::string dir = ::tls::test::reference_dir(); \
  if (dir.empty()) GTEST_SKIP() << "../shared/reference not found: reference-data test skipped";

inline std::string test_data(const std::string& name) {
  return setting("TLS_TEST_DATA", TLS_TEST_DATA_DEFAULT) + "/" + name;
}

/// A file of the project's data/ folder (results committed with their provenance, data/README.md).
inline std::string project_data(const std::string& name) {
  return setting("TLS_PROJECT_DATA", TLS_PROJECT_DATA_DEFAULT) + "/" + name;
}

/// N particles with the model's quantile diameters at number density rho, uniformly random
/// positions (overlapping pairs are allowed: use for finite-difference tests at high energy).
inline Configuration random_configuration(int n, double rho, std::uint64_t seed) {
  Rng rng(seed, "test-positions", 0);
  return tls::random_configuration(n, rho, seed, rng);
}

/// Random positions with no pair closer than `min_x` sigma_ij (rejection sampling), so energies
/// and forces stay moderate.
inline Configuration soft_random_configuration(int n, double rho, std::uint64_t seed, double min_x = 0.85) {
  Configuration c = random_configuration(n, rho, seed);
  Rng rng(seed, "test-soft-positions", 0);
  const double L = c.box.length;
  for (int i = 0; i < n; ++i) {
    for (int attempt = 0;; ++attempt) {
      bool ok = true;
      for (int j = 0; j < i && ok; ++j) {
        double r2 = 0;
        for (int k = 0; k < 3; ++k) {
          const double d = c.box.minimum_image(c.positions[3 * i + k] - c.positions[3 * j + k]);
          r2 += d * d;
        }
        const double s =
            0.5 * (c.diameters[i] + c.diameters[j]) * (1 - 0.2 * std::abs(c.diameters[i] - c.diameters[j]));
        ok = r2 > min_x * min_x * s * s;
      }
      if (ok || attempt > 10000) break;
      for (int k = 0; k < 3; ++k) c.positions[3 * i + k] = rng.uniform(0, L);
    }
  }
  return c;
}

}  // namespace tls::test
