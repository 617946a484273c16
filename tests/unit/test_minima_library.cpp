// The tls-minima library: round trip, appending, torn tails, glass checks, frozen version 1.0 file.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/support.hpp"
#include "tls/core/error.hpp"
#include "tls/io/minima_library.hpp"

namespace {
tls::Minimum make_minimum(std::uint64_t id, int n, double shift) {
  tls::Minimum m;
  m.id = id;
  m.energy = 100.0 + id;
  m.max_force = 1e-11;
  m.positions = Eigen::VectorXd::LinSpaced(3 * n, 0.0, 1.0).array() + shift;
  return m;
}
}  // namespace

TEST(MinimaLibrary, RoundTripAppendAndRepair) {
  const auto c = tls::test::soft_random_configuration(20, 1.0, 3);
  auto h = tls::glass_header(c, "test-glass");
  h.metadata.emplace_back("tool", "test");
  const auto path = tls::test::scratch("lib.tlsmin").string();
  {
    auto w = tls::MinimaWriter::create(path, h);
    w.add(make_minimum(0, 20, 0.0));
    w.add(make_minimum(1, 20, 0.5));
    w.sync();
  }
  tls::GlassHeader back;
  auto all = tls::read_minima(path, &back);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(back.glass, "test-glass");
  EXPECT_TRUE(tls::same_glass(h, back));
  EXPECT_EQ(back.metadata, h.metadata);
  EXPECT_EQ(all[1].positions, make_minimum(1, 20, 0.5).positions);
  EXPECT_EQ(all[1].energy, 101.0);
  // A killed writer leaves a torn record: reading refuses it, appending cuts it and goes on.
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 100);
  EXPECT_THROW(tls::read_minima(path), tls::DataError);
  bool repaired = false;
  {
    auto w = tls::MinimaWriter::append(path, h, &repaired);
    w.add(make_minimum(2, 20, 1.0));
  }
  EXPECT_TRUE(repaired);
  all = tls::read_minima(path);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].id, 2u);
}

TEST(MinimaLibrary, RefusesAnotherGlass) {
  const auto c = tls::test::soft_random_configuration(20, 1.0, 3);
  const auto path = tls::test::scratch("lib2.tlsmin").string();
  tls::MinimaWriter::create(path, tls::glass_header(c, "a")).sync();
  auto other = c;
  other.diameters[3] += 0.01;
  EXPECT_THROW(tls::MinimaWriter::append(path, tls::glass_header(other, "a")), tls::DataError);
  const auto bigger = tls::test::soft_random_configuration(21, 1.0, 3);
  EXPECT_THROW(tls::require_same_glass(tls::glass_header(c, "a"), tls::glass_header(bigger, "a"), "x"), tls::DataError);
}

TEST(MinimaLibrary, FrozenVersion1File) {
  // Written by tls-minima 1.0 (3 particles, box 2, minima 7 and 9): must stay readable.
  tls::GlassHeader h;
  const auto all = tls::read_minima(tls::test::test_data("frozen/minima-v1.0.tlsmin"), &h);
  EXPECT_EQ(h.glass, "frozen");
  EXPECT_EQ(h.size(), 3);
  EXPECT_EQ(h.box.length, 2.0);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, 7u);
  EXPECT_EQ(all[1].id, 9u);
  EXPECT_EQ(all[1].positions[8], 1.75);
}
