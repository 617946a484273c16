// The per-temperature decisions of glass preparation (StageClock), driven by made-up F_s values:
// no chain, no model. Each test names the rule of equilibrate.hpp it checks.
#include <gtest/gtest.h>

#include <vector>

#include "tls/equilibrate/ladder.hpp"
#include "tls/equilibrate/settings.hpp"

namespace {

using tls::equilibration::StageClock;
using tls::equilibration::StageRules;
using tls::equilibration::StageStep;

constexpr double kHigh = 0.9;  // F_s above 1/e: no decay
constexpr double kLow = 0.1;   // below: a decay

StageRules rules() {
  StageRules r;
  r.time_per_block = 1;
  r.burn_in_relaxations = 2;
  r.relaxations = 3;
  r.samples_per_relaxation = 4;
  return r;
}

// One sample after one interval of blocks; returns what decide() says.
StageStep sample(StageClock& c, double fs, const StageRules& r) {
  c.advance();
  c.record_sample(fs, r);
  return c.decide(r);
}

TEST(EquilibrateLadder, BurnInEndsAfterItsDecaysThenProductionAfterItsOwn) {
  const StageRules r = rules();
  StageClock c;
  c.start(1);
  EXPECT_FALSE(sample(c, kLow, r).production_begins);
  const StageStep s = sample(c, kLow, r);  // second burn-in decay
  EXPECT_TRUE(s.production_begins);
  EXPECT_FALSE(s.finished);
  EXPECT_TRUE(c.production);
  EXPECT_EQ(c.decays, 0);  // production counts its own decays
  EXPECT_EQ(c.burn_blocks, c.blocks);
  EXPECT_FALSE(sample(c, kLow, r).finished);
  EXPECT_FALSE(sample(c, kLow, r).finished);
  EXPECT_TRUE(sample(c, kLow, r).finished);
  EXPECT_FALSE(c.capped);
  EXPECT_EQ(c.decay_blocks.size(), 3u);  // only production decays are timed
}

TEST(EquilibrateLadder, LeastTimesHoldEvenWhenDecaysCameEarly) {
  StageRules r = rules();
  r.burn_in = 10;
  StageClock c;
  c.start(1);
  for (int k = 0; k < 9; ++k) EXPECT_FALSE(sample(c, kLow, r).production_begins) << "block " << c.blocks;
  EXPECT_TRUE(sample(c, kLow, r).production_begins);  // time 10 reached
  EXPECT_EQ(c.burn_in_time(r), 10);
}

TEST(EquilibrateLadder, IntervalFollowsTheDecayTimeInBurnInAndIsFrozenInProduction) {
  const StageRules r = rules();
  StageClock c;
  c.start(1);
  for (int k = 0; k < 16; ++k) sample(c, kHigh, r);  // 4 * samples_per_relaxation without a decay
  EXPECT_EQ(c.interval, 2);                          // doubled
  EXPECT_EQ(c.since_ref, 8);                         // and the count halved
  while (c.blocks < 40) sample(c, kHigh, r);         // 8 samples at 2 blocks: doubled again at block 32
  EXPECT_EQ(c.interval, 4);
  // A decay after 44 blocks: interval = floor_pow2(44 / 4) = 8.
  c.advance();
  EXPECT_TRUE(c.record_sample(kLow, r));
  EXPECT_EQ(c.blocks, 44);
  EXPECT_EQ(c.interval, 8);
  c.decide(r);
  sample(c, kLow, r);  // second decay: production begins with the interval of the last decay
  ASSERT_TRUE(c.production);
  const long frozen = c.interval;
  for (int k = 0; k < 40; ++k) {
    c.advance();
    c.record_sample(k % 5 ? kHigh : kLow, r);
  }
  EXPECT_EQ(c.interval, frozen);
  EXPECT_EQ(tls::equilibration::floor_pow2(1), 1);
  EXPECT_EQ(tls::equilibration::floor_pow2(0), 1);
  EXPECT_EQ(tls::equilibration::floor_pow2(17), 16);
}

TEST(EquilibrateLadder, MaxTimeCapsAndSaysSo) {
  StageRules r = rules();
  r.max_time = 5;
  StageClock c;
  c.start(1);
  for (int k = 0; k < 4; ++k) EXPECT_FALSE(sample(c, kHigh, r).finished);
  const StageStep s = sample(c, kHigh, r);
  EXPECT_TRUE(s.finished);
  EXPECT_TRUE(c.capped);
  EXPECT_FALSE(c.production);
}

TEST(EquilibrateLadder, TheLastTemperatureWaitsForItsSnapshotsByDecays) {
  StageRules r = rules();
  r.burn_in_relaxations = 0;
  r.relaxations = 1;
  r.snapshots = 2;
  r.snapshot_relaxations = 2;
  StageClock c;
  c.start(1);
  EXPECT_TRUE(sample(c, kHigh, r).production_begins);  // no burn-in decays needed
  EXPECT_FALSE(c.snapshot_due(r));
  std::vector<int> taken_at, finished_at;
  for (int k = 0; k < 4; ++k) {
    c.advance();
    c.record_sample(kLow, r);  // decays 1, 2, 3, 4
    if (c.snapshot_due(r)) {
      c.snapshot_taken();
      taken_at.push_back(k);
    }
    if (c.decide(r).finished) finished_at.push_back(k);
  }
  EXPECT_EQ(taken_at, (std::vector<int>{1, 3}));  // every 2 decays
  EXPECT_EQ(finished_at, (std::vector<int>{3}));  // 1 relaxation was enough, 2 snapshots were not
}

TEST(EquilibrateLadder, SnapshotsByProductionTimeNeedNoDecay) {
  StageRules r = rules();
  r.burn_in_relaxations = 0;
  r.snapshots = 1;
  r.snapshot_every = 10;
  r.max_time = 100;
  StageClock c;
  c.start(1);
  sample(c, kHigh, r);  // production begins at block 1
  int due_at = -1;
  for (int k = 0; k < 20 && due_at < 0; ++k) {
    sample(c, kHigh, r);
    if (c.snapshot_due(r)) due_at = static_cast<int>(c.production_time(r));
  }
  EXPECT_EQ(due_at, 10);
}

TEST(EquilibrateLadder, RulesComeFromTheOptionsWithSnapshotsOnlyAtTheLastTemperature) {
  tls::EquilibrateOptions o;
  o.snapshots = 4;
  o.relaxations = 7;
  const auto last = tls::equilibration::stage_rules(o, true, 0.1);
  const auto other = tls::equilibration::stage_rules(o, false, 0.1);
  EXPECT_EQ(last.snapshots, 4);
  EXPECT_EQ(other.snapshots, 0);
  EXPECT_EQ(other.relaxations, 7);
  EXPECT_DOUBLE_EQ(other.time_per_block, 0.1);
}

}  // namespace
