// The stage tables of the quantum end (tls-profile, tls-splitting, tls-dwp): frozen examples of
// version 1.0 that the current readers must read, round trips, and every malformed input.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "support/support.hpp"
#include "tls/core/error.hpp"
#include "tls/io/dwp_table.hpp"
#include "tls/io/profile_table.hpp"
#include "tls/io/splitting_table.hpp"

namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = tls::test::scratch(name).string();
  std::ofstream(path) << text;
  return path;
}

// Expects a DataError whose location and message contain the given pieces.
template <class F>
void expect_data_error(F&& f, const std::string& location_part, const std::string& message_part) {
  try {
    f();
    ADD_FAILURE() << "no error; expected '" << message_part << "'";
  } catch (const tls::DataError& e) {
    EXPECT_NE(e.location().find(location_part), std::string::npos) << e.location();
    EXPECT_NE(std::string(e.what()).find(message_part), std::string::npos) << e.what();
  }
}

const std::string kProfileHead = "#%tls-profile 1.0\n#id\td\txi\tV\n";

}  // namespace

TEST(ProfileTable, FrozenVersion1) {
  const auto t = tls::read_profile_table(tls::test::test_data("frozen/profile-v1.0.tsv"));
  EXPECT_EQ(*t.glass.glass, "Tf0.062-g17");
  EXPECT_EQ(*t.glass.particles, 1500);
  ASSERT_EQ(t.profiles.size(), 2u);
  EXPECT_EQ(t.profiles[0].id, "3");
  EXPECT_EQ(t.profiles[0].xi.size(), 9u);
  EXPECT_DOUBLE_EQ(t.profiles[0].d, 0.62);
  EXPECT_EQ(t.profiles[1].xi.front(), -0.25);  // samples outside [0, 1] are kept
  EXPECT_EQ(t.profiles[1].line, 16);
}

TEST(ProfileTable, RoundTripAndEmptyTable) {
  tls::Profile p{"a b", 0.5, {0, 0.5, 1}, {0, 0.1, 0.02}, 0};
  tls::GlassInfo g;
  g.glass = "glass 1";
  g.particles = 500;
  std::ostringstream out;
  tls::write_profile_table(out, {{"tool", "test"}}, g, {p});
  const auto t = tls::read_profile_table(write_temp("rt.tsv", out.str()));
  ASSERT_EQ(t.profiles.size(), 1u);
  EXPECT_EQ(t.profiles[0].id, "a b");
  EXPECT_EQ(t.profiles[0].v, p.v);
  EXPECT_EQ(*t.glass.glass, "glass 1");
  // A header and no rows: a glass without double wells, not an error.
  EXPECT_TRUE(tls::read_profile_table(write_temp("empty-rows.tsv", kProfileHead)).profiles.empty());
}

TEST(ProfileTable, BadInputs) {
  auto read = [](const std::string& name, const std::string& text) {
    return [=] { tls::read_profile_table(write_temp(name, text)); };
  };
  expect_data_error(read("few.tsv", kProfileHead + "1\t1\t0\t0\n1\t1\t1\t0\n2\t1\t0\t0\n2\t1\t0.5\t1\n2\t1\t1\t0\n"),
                    "few.tsv:3", "profile '1' has 2 samples; at least 3 are needed");
  expect_data_error(read("order.tsv", kProfileHead + "1\t1\t0\t0\n1\t1\t0.5\t1\n1\t1\t0.4\t0\n"), "order.tsv:5",
                    "xi must increase strictly");
  expect_data_error(read("same-xi.tsv", kProfileHead + "1\t1\t0\t0\n1\t1\t0\t1\n1\t1\t1\t0\n"), "same-xi.tsv:4",
                    "xi must increase strictly");
  expect_data_error(read("nan.tsv", kProfileHead + "1\t1\t0\t0\n1\t1\t0.5\tnan\n1\t1\t1\t0\n"), "nan.tsv:4",
                    "not finite");
  expect_data_error(read("d0.tsv", kProfileHead + "1\t0\t0\t0\n1\t0\t0.5\t1\n1\t0\t1\t0\n"), "d0.tsv:3",
                    "d must be positive");
  expect_data_error(read("dneg.tsv", kProfileHead + "1\t-1\t0\t0\n"), "dneg.tsv:3", "d must be positive");
  expect_data_error(read("dchange.tsv", kProfileHead + "1\t1\t0\t0\n1\t2\t0.5\t1\n1\t1\t1\t0\n"), "dchange.tsv:4",
                    "d changes within id '1'");
  expect_data_error(read("split.tsv", kProfileHead + "1\t1\t0\t0\n1\t1\t0.5\t1\n1\t1\t1\t0\n2\t1\t0\t0\n2\t1\t0.5\t1\n"
                                                     "2\t1\t1\t0\n1\t1\t2\t0\n"),
                    "split.tsv:9", "not contiguous");
  expect_data_error(read("empty.tsv", ""), "empty.tsv", "empty file");
  expect_data_error(read("format.tsv", "#%tls-splitting 1.0\n#id\tmass\tsplitting\n"), "format.tsv:1",
                    "expected a tls-profile table, got tls-splitting");
  expect_data_error(read("major.tsv", "#%tls-profile 2.0\n#id\td\txi\tV\n"), "major.tsv:1", "not supported");
  expect_data_error(read("column.tsv", "#%tls-profile 1.0\n#id\td\txi\n"), "column.tsv", "no column 'V'");
  expect_data_error(read("particles.tsv", "#%tls-profile 1.0\n##particles=-3\n#id\td\txi\tV\n"), "particles.tsv",
                    "positive integer");
  // A newer minor version with an extra column still reads.
  EXPECT_EQ(tls::read_profile_table(write_temp("minor.tsv",
                                               "#%tls-profile 1.7\n#id\td\txi\tV\tnew\n"
                                               "1\t1\t0\t0\tx\n1\t1\t0.5\t1\ty\n1\t1\t1\t0\tz\n"))
                .profiles.size(),
            1u);
}

TEST(SplittingTable, FrozenVersion1AndRoundTrip) {
  const auto t = tls::read_splitting_table(tls::test::test_data("frozen/splitting-v1.0.tsv"));
  EXPECT_EQ(*t.glass.glass, "Tf0.062-g17");
  EXPECT_EQ(t.masses, (std::vector<double>{4000, 30000}));
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[1].mass, 30000);
  EXPECT_TRUE(std::isnan(t.rows[1].Delta0));  // documented NaN
  EXPECT_TRUE(tls::flag_has(t.rows[1].flag, "delta0"));
  std::ostringstream out;
  tls::write_splitting_table(out, {}, t.glass, t.rows);
  const auto back = tls::read_splitting_table(write_temp("split-rt.tsv", out.str()));
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    EXPECT_EQ(back.rows[i].splitting, t.rows[i].splitting);
    EXPECT_EQ(back.rows[i].flag, t.rows[i].flag);
    EXPECT_EQ(back.rows[i].grid, t.rows[i].grid);
  }
}

TEST(SplittingTable, MinimalForeignTableAndErrors) {
  // DESIGN.md's minimum columns are enough; the rest reads as NaN and the flag as "ok".
  const auto t = tls::read_splitting_table(write_temp("minimal.tsv",
                                                      "#%tls-splitting 1.0\n#id\tmass\tE1\tE2\tsplitting\n"
                                                      "a\t4000\t0.1\t0.2\t0.1\n"));
  EXPECT_EQ(t.rows[0].flag, "ok");
  EXPECT_TRUE(std::isnan(t.rows[0].Delta));
  const std::string head = "#%tls-splitting 1.0\n#id\tmass\tsplitting\n";
  auto read = [](const std::string& name, const std::string& text) {
    return [=] { tls::read_splitting_table(write_temp(name, text)); };
  };
  expect_data_error(read("dup.tsv", head + "a\t4000\t0.1\na\t4000\t0.2\n"), "dup.tsv:4", "appears twice");
  expect_data_error(read("mass.tsv", head + "a\t0\t0.1\n"), "mass.tsv:3", "mass must be positive");
  expect_data_error(read("neg.tsv", head + "a\t4000\t-0.1\n"), "neg.tsv:3", "negative splitting");
  expect_data_error(read("inf.tsv", head + "a\t4000\tinf\n"), "inf.tsv:3", "not finite");
  expect_data_error(read("dwp.tsv", "#%tls-dwp 1.0\n#id\tdV\tVb\td\tPR\n"), "dwp.tsv:1", "expected a tls-splitting");
}

TEST(DwpTable, FrozenVersion1AndErrors) {
  const auto t = tls::read_dwp_table(tls::test::test_data("frozen/dwp-v1.0.tsv"));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_DOUBLE_EQ(t.rows[1].PR, 40);
  EXPECT_DOUBLE_EQ(t.rows[1].PR_particle, 15.2);
  EXPECT_EQ(*t.glass.particles, 1500);
  // d_sqrtPR is computed when a writer leaves it out.
  const std::string head = "#%tls-dwp 1.0\n#id\tdV\tVb\td\tPR\n";
  const auto m = tls::read_dwp_table(write_temp("dwp-min.tsv", head + "x\t0.001\t0.02\t0.8\t16\n"));
  EXPECT_DOUBLE_EQ(m.rows[0].d_sqrtPR, 0.2);
  // Issue 15 item 6: with d_end, from the end-to-end displacement that PR is built from.
  const auto e = tls::read_dwp_table(
      write_temp("dwp-end.tsv", "#%tls-dwp 1.0\n#id\tdV\tVb\td\td_end\tPR\nx\t0.001\t0.02\t0.8\t0.6\t16\n"));
  EXPECT_DOUBLE_EQ(e.rows[0].d_sqrtPR, 0.15);
  auto read = [](const std::string& name, const std::string& text) {
    return [=] { tls::read_dwp_table(write_temp(name, text)); };
  };
  expect_data_error(read("dv.tsv", head + "x\t-0.001\t0.02\t0.8\t16\n"), "dv.tsv:3", "dV must be >= 0");
  expect_data_error(read("pr.tsv", head + "x\t0.001\t0.02\t0.8\t0.5\n"), "pr.tsv:3", "PR must be at least 1");
  expect_data_error(read("d.tsv", head + "x\t0.001\t0.02\t0\t2\n"), "d.tsv:3", "d must be positive");
  expect_data_error(read("dupid.tsv", head + "x\t0.001\t0.02\t0.8\t2\nx\t0.001\t0.02\t0.8\t2\n"), "dupid.tsv:4",
                    "appears twice");
  std::ostringstream out;
  tls::write_dwp_table(out, {}, t.glass, t.rows);
  EXPECT_EQ(tls::read_dwp_table(write_temp("dwp-rt.tsv", out.str())).rows[0].d_sqrtPR, t.rows[0].d_sqrtPR);
}
