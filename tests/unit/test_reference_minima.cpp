// The authors' inherent structures (../shared/reference): energies to 5e-11 per particle, and what
// relaxing them to max|F| < 1e-10 does (SPEC.md section 1: 346 stay put, about 21 slide away).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "support/support.hpp"
#include "tls/minimize/minimize.hpp"
#include "tls/model/force_field.hpp"

namespace {
double name_energy(const std::filesystem::path& p) { return std::stod(p.filename().string()); }
}  // namespace

TEST(ReferenceMinima, StableInherentStructureKeepsItsBasin) {
  TLS_REQUIRE_REFERENCE(dir);
  auto c = tls::read_configuration(dir + "/2.044404608E-01.conf.txt");
  const auto start = c;
  tls::ForceField ff(c.box, c.diameters);
  const double e0 = ff.energy(c.positions) / c.size();
  EXPECT_NEAR(e0, 0.2044404608, 5e-11);
  const auto r = tls::minimize(ff, c.positions, tls::MinimizerOptions{});
  ASSERT_TRUE(r.converged) << r.stop_reason;
  EXPECT_LT(r.max_force, 1e-10);
  EXPECT_LT(tls::max_displacement(start, c.positions), 1e-3);
  EXPECT_LT(std::abs(r.energy / c.size() - e0), 1e-9);
}

TEST(ReferenceMinima, EnergiesAndBasinsOfAllFiles) {
  TLS_REQUIRE_REFERENCE(dir);
  int files = 0, left = 0;
  double worst_energy = 0;
  std::set<long long> group_minima;  // where the movers with E/N in 0.204483-0.2044915 end
  int group = 0;
  double e_2045310801 = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    auto c = tls::read_configuration(entry.path().string());
    const auto start = c;
    tls::ForceField ff(c.box, c.diameters);
    const double target = name_energy(entry.path());
    worst_energy = std::max(worst_energy, std::abs(ff.energy(c.positions) / c.size() - target));
    const auto r = tls::minimize(ff, c.positions, tls::MinimizerOptions{});
    ASSERT_TRUE(r.converged) << entry.path() << ": " << r.stop_reason;
    const double moved = tls::max_displacement(start, c.positions);
    const double e = r.energy / c.size();
    ++files;
    if (moved > 1e-3) {
      ++left;
      EXPECT_GT(moved, 0.04) << entry.path() << ": a file that moves slides far (SPEC: 0.045-0.15)";
      EXPECT_LT(e, target) << entry.path();
    } else {
      EXPECT_LT(std::abs(e - target), 1e-9) << entry.path();
    }
    if (moved > 1e-3 && target >= 0.204483 && target <= 0.2044915) {
      ++group;
      group_minima.insert(std::llround(e * 1e9));
    }
    if (std::abs(target - 0.2045310801) < 1e-12) e_2045310801 = e;
  }
  EXPECT_EQ(files, 367);
  EXPECT_LT(worst_energy, 5e-11) << "largest |E/N - file name|";
  // SPEC.md section 1: about 21 of 367 are not minima at 1e-10 (this minimiser: exactly 21).
  EXPECT_GE(left, 18);
  EXPECT_LE(left, 24);
  RecordProperty("files_leaving_basin", left);
  std::cout << "[ reference ] " << left << " of " << files << " files leave their basin\n";
  EXPECT_EQ(group, 16);
  // SPEC.md section 1: the group of 16 collapses onto four minima near 0.204456-0.204458.
  EXPECT_EQ(group_minima.size(), 4u);
  for (long long m : group_minima) EXPECT_NEAR(m * 1e-9, 0.204457, 1.5e-6);
  EXPECT_NEAR(e_2045310801, 0.2045272272, 1e-10);
}
