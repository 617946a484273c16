// tls-neb's checkpoint: a pair's result survives encode/decode exactly; a checkpoint resumes only
// under the same key, and a torn last record (killed writer) is cut off, not read.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "support/analytic_surfaces.hpp"
#include "support/support.hpp"
#include "tls/core/error.hpp"
#include "tls/neb/checkpoint.hpp"

namespace {

tls::neb::PairResult split_pair() {
  tls::test::MullerBrown s;
  tls::neb::PairOptions o;
  o.neb.spring = 100;  // Mueller-Brown's scale, see test_neb_analytic.cpp
  o.samples = 2;
  return tls::neb::solve_pair(s, tls::test::Analytic2D::point({0.6, 0.03}), tls::test::Analytic2D::point({-0.55, 1.44}),
                              o);
}

TEST(NebCheckpoint, PairResultRoundTrips) {
  const auto r = split_pair();
  ASSERT_EQ(r.status, tls::neb::PairStatus::split) << r.reason;
  const auto data = tls::neb::encode_pair(7, "p7", r, {false, true, false});
  const auto back = tls::neb::decode_pair(data, "test", 3);
  EXPECT_EQ(back.index, 7u);
  EXPECT_EQ(back.id, "p7");
  const auto& q = back.result;
  EXPECT_EQ(q.status, r.status);
  EXPECT_EQ(q.reason, r.reason);
  EXPECT_EQ(q.force_calls, r.force_calls);
  EXPECT_EQ(q.first_dips, r.first_dips);
  ASSERT_EQ(q.chain.size(), 3u);
  EXPECT_EQ(q.chain[0].x.size(), 0);
  EXPECT_EQ(q.chain[1].x, r.chain[1].x);
  EXPECT_EQ(q.chain[2].energy, r.chain[2].energy);
  EXPECT_EQ(q.chain[2].end, r.chain[2].end);
  ASSERT_EQ(q.segments.size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    const auto &a = r.segments[k], &b = q.segments[k];
    EXPECT_EQ(a.lo, b.lo);
    EXPECT_EQ(a.hi, b.hi);
    EXPECT_EQ(a.shape.Vb, b.shape.Vb);
    EXPECT_EQ(a.participation.pr, b.participation.pr);
    EXPECT_EQ(a.saddle_order, b.saddle_order);
    EXPECT_EQ(a.left.kind, b.left.kind);
    ASSERT_EQ(a.profile.size(), b.profile.size());
    for (std::size_t j = 0; j < a.profile.size(); ++j) {
      EXPECT_EQ(a.profile[j].xi, b.profile[j].xi);
      EXPECT_EQ(a.profile[j].v, b.profile[j].v);
      EXPECT_EQ(a.profile[j].kind, b.profile[j].kind);
    }
  }
  auto bad = data;
  bad.push_back(0);
  EXPECT_THROW(tls::neb::decode_pair(bad, "test", 3), tls::DataError);
}

TEST(NebCheckpoint, ResumesUnderTheSameKeyAndCutsATornTail) {
  const auto path = tls::test::scratch("neb-checkpoint.tlsbin").string();
  std::filesystem::remove(path);
  const auto r = split_pair();
  {
    tls::neb::Checkpoint c(path, "key 1", false, 3);
    EXPECT_TRUE(c.stored().empty());
    c.add(tls::neb::encode_pair(0, "a", r, {}));
    c.add(tls::neb::encode_pair(2, "c", r, {}));
  }
  // A killed writer: half of a third record.
  const auto full = std::filesystem::file_size(path);
  {
    std::ofstream out(path, std::ios::binary | std::ios::app);
    const auto rec = tls::neb::encode_pair(1, "b", r, {});
    out.write("PAIR", 4);
    out.write(rec.data(), static_cast<std::streamsize>(rec.size() / 2));
  }
  EXPECT_THROW(tls::neb::Checkpoint(path, "key 2", false, 3), tls::DataError);
  tls::neb::Checkpoint c(path, "key 1", false, 3);
  EXPECT_TRUE(c.repaired());
  ASSERT_EQ(c.stored().size(), 2u);
  EXPECT_EQ(c.stored()[1].id, "c");
  EXPECT_EQ(std::filesystem::file_size(path), full);
  tls::neb::Checkpoint fresh(path, "key 2", true, 3);
  EXPECT_TRUE(fresh.stored().empty());
}

}  // namespace

namespace {

// A checkpoint written by tls-neb 0.1.0 (schema 1.0), frozen: the current reader must still read
// it. TLS_REGENERATE_GOLDEN=1 rewrites it (only for a deliberate format change).
TEST(NebCheckpoint, FrozenVersion1_0StillReads) {
  const std::string path = tls::test::test_data("frozen/neb-checkpoint-v1.0.tlsbin");
  const char* regenerate = std::getenv("TLS_REGENERATE_GOLDEN");
  if (regenerate && std::string(regenerate) == "1") {
    std::filesystem::remove(path);
    tls::neb::Checkpoint c(path, "frozen example", false, 3);
    c.add(tls::neb::encode_pair(0, "mb", split_pair(), {false, true, false}));
  }
  tls::neb::Checkpoint c(path, "frozen example", false, 3);
  ASSERT_EQ(c.stored().size(), 1u);
  const auto& r = c.stored()[0].result;
  EXPECT_EQ(c.stored()[0].id, "mb");
  EXPECT_EQ(r.status, tls::neb::PairStatus::split);
  ASSERT_EQ(r.segments.size(), 2u);
  ASSERT_EQ(r.chain.size(), 3u);
  EXPECT_EQ(r.chain[1].x.size(), 3);
  EXPECT_NEAR(r.chain[1].x[0], -0.050, 0.001);  // Mueller-Brown's middle minimum
  EXPECT_NEAR(r.segments[0].shape.Va, -40.665 + 146.700, 0.01);
  EXPECT_GT(r.segments[0].profile.size(), 3u);
}

}  // namespace
