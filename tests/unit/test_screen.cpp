// The pair screen's library: XGBoost boosters (determinism, thread independence), the streamed
// all-pairs features (equal to tls-pairs' geometry to the last bit) and ranking (independent of
// threads and batch size).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "tls/core/error.hpp"
#include "tls/core/rng.hpp"
#include "tls/graph/pairs.hpp"
#include "tls/screen/stream.hpp"

namespace {

tls::screen::Model small_model(std::uint64_t seed) {
  tls::screen::Model m;
  m.features = tls::screen::known_features();
  m.mass = 4000;
  tls::screen::Matrix x;
  x.cols = m.features.size();
  std::vector<float> y, z;
  tls::Rng rng(seed, "test-screen", 0);
  for (int k = 0; k < 400; ++k) {
    for (std::size_t f = 0; f < x.cols; ++f) x.values.push_back(static_cast<float>(rng.uniform(0, 2)));
    const float d = x.values[x.values.size() - x.cols + 1];
    y.push_back(d > 0.8f ? 1.0f : 0.0f);
    z.push_back(-3.0f * d + x.values[x.values.size() - x.cols]);
  }
  x.rows = y.size();
  tls::screen::BoosterParams p;
  p.rounds = 30;
  p.seed = seed;
  p.objective = "binary:logistic";
  m.classifier = tls::screen::train_booster(x, y, p);
  p.objective = "reg:squarederror";
  m.regressor = tls::screen::train_booster(x, z, p);
  // Model 1.1's TLS classifier and cost regressor: TLS iff the regressor's target is low; cost grows
  // with the first feature.
  std::vector<float> t, c;
  for (std::size_t k = 0; k < x.rows; ++k) {
    t.push_back(y[k] > 0 && z[k] < -2.5f ? 1.0f : 0.0f);
    c.push_back(3.0f + x.values[k * x.cols]);
  }
  p.objective = "binary:logistic";
  m.tls = tls::screen::train_booster(x, t, p);
  p.objective = "reg:squarederror";
  m.cost = tls::screen::train_booster(x, c, p);
  m.threshold = 2 * 3.141592653589793 / m.mass;
  return m;
}

struct SmallLibrary {
  tls::Box box;
  std::vector<tls::Minimum> minima;
};

SmallLibrary small_library(int m, int n) {
  SmallLibrary lib;
  lib.box.length = 4;
  tls::Rng rng(3, "test-screen-library", 0);
  Eigen::VectorXd base(3 * n);
  for (int k = 0; k < 3 * n; ++k) base[k] = rng.uniform(0, 4);
  for (int k = 0; k < m; ++k) {
    tls::Minimum mi;
    mi.id = static_cast<std::uint64_t>(100 + k);
    mi.energy = rng.uniform(0, 0.3);
    mi.positions = base;
    // Moves up to 3.9 sigma in a box of 4: many displacements wrap around the box.
    for (int j = 0; j < 1 + k % 5; ++j)
      for (int c = 0; c < 3; ++c) mi.positions[3 * ((7 * k + j) % n) + c] += rng.uniform(-3.9, 3.9);
    lib.minima.push_back(mi);
  }
  return lib;
}

}  // namespace

TEST(ScreenBooster, SameSeedSameBytesOtherSeedOtherBytes) {
  EXPECT_EQ(small_model(1).classifier, small_model(1).classifier);
  EXPECT_EQ(small_model(1).regressor, small_model(1).regressor);
  EXPECT_NE(small_model(1).classifier, small_model(2).classifier);
}

TEST(ScreenBooster, PredictionsDoNotDependOnThreads) {
  const auto m = small_model(1);
  tls::screen::Matrix x;
  x.cols = m.features.size();
  tls::Rng rng(9, "test-screen-predict", 0);
  for (int k = 0; k < 5000; ++k)
    for (std::size_t f = 0; f < x.cols; ++f) x.values.push_back(static_cast<float>(rng.uniform(0, 2)));
  x.rows = 5000;
  EXPECT_EQ(tls::screen::predict_booster(m.classifier, x, 1), tls::screen::predict_booster(m.classifier, x, 2));
  EXPECT_EQ(tls::screen::predict_booster(m.regressor, x, 1), tls::screen::predict_booster(m.regressor, x, 3));
  x.cols = 3;
  x.values.resize(3 * x.rows);
  EXPECT_THROW(tls::screen::predict_booster(m.classifier, x, 1), tls::DataError) << "width differs from the model";
}

// The three orders on hand-made predictions: the p_dw gate first, then the order's quantity, then
// the predicted splitting, then the pair id.
TEST(ScreenRank, OrdersByGateThenTheirQuantityThenSplittingThenId) {
  using tls::screen::Order;
  tls::screen::FeatureTable t;
  t.ids = {10, 11, 12, 13, 14, 15};
  tls::screen::Prediction p;
  p.p_dw = {0.9f, 0.9f, 0.9f, 0.2f, 0.9f, 0.9f};
  p.splitting = {1e-2, 1e-4, 1e-3, 1e-6, 1e-3, 1e-3};
  p.p_tls = {0.5f, 0.1f, 0.8f, 0.99f, 0.5f, 0.5f};
  p.cost = {1e3, 1e3, 1e5, 1e2, 1e3, 1e3};
  auto ids = [&](Order o) {
    std::vector<std::uint64_t> out;
    for (std::size_t k : tls::screen::rank_order(t, p, 0.5, o)) out.push_back(t.ids[k]);
    return out;
  };
  // tls: 12 (0.8), then 14, 15 (0.5, 1e-3; id), 10 (0.5, 1e-2), 11 (0.1); 13 fails the gate.
  EXPECT_EQ(ids(Order::tls), (std::vector<std::uint64_t>{12, 14, 15, 10, 11, 13}));
  // yield: p_tls / cost = 5e-4 (14, 15, 10), 1e-4 (11), 8e-6 (12); 13 last.
  EXPECT_EQ(ids(Order::yield), (std::vector<std::uint64_t>{14, 15, 10, 11, 12, 13}));
  // splitting: 11, then 12, 14, 15 (1e-3; id), 10; 13 last despite the smallest splitting.
  EXPECT_EQ(ids(Order::splitting), (std::vector<std::uint64_t>{11, 12, 14, 15, 10, 13}));
  EXPECT_EQ(tls::screen::order_from_name("yield"), Order::yield);
  EXPECT_EQ(tls::screen::to_string(Order::splitting), "splitting");
  EXPECT_THROW(tls::screen::order_from_name("cost"), tls::UsageError);
  // Without a TLS classifier (a 1.0 model) only the splitting order works.
  p.p_tls.clear();
  p.cost.clear();
  EXPECT_THROW(tls::screen::rank_order(t, p, 0.5, Order::tls), tls::DataError);
  EXPECT_EQ(ids(Order::splitting), (std::vector<std::uint64_t>{11, 12, 14, 15, 10, 13}));
}

TEST(ScreenStream, FeaturesEqualTlsPairsGeometryBitForBit) {
  const auto lib = small_library(40, 30);
  std::vector<double> f(tls::screen::known_features().size());
  for (std::size_t p = 0; p < lib.minima.size(); ++p)
    for (std::size_t q = 0; q < lib.minima.size(); ++q) {
      if (p == q) continue;
      const auto& a = lib.minima[p];
      const auto& b = lib.minima[q];
      tls::screen::pair_features(lib.box, a, b, tls::screen::known_features(), f.data());
      const auto g = tls::graph::pair_geometry(lib.box, a.positions, b.positions);
      EXPECT_EQ(f[0], b.energy - a.energy);
      EXPECT_EQ(f[1], g.distance);
      EXPECT_EQ(f[2], g.max_displacement);
      EXPECT_EQ(f[3], g.PR);
      EXPECT_EQ(f[4], g.PR_particle);
      EXPECT_EQ(f[5], 0.0);
      EXPECT_EQ(f[6], 0.0);
      EXPECT_EQ(f[7], g.disp2);
      EXPECT_EQ(f[8], g.disp3);
    }
}

TEST(ScreenStream, RankingDoesNotDependOnThreadsOrBatch) {
  const auto lib = small_library(80, 20);
  const auto m = small_model(4);
  long long within = 0;
  for (const auto& a : lib.minima)
    for (const auto& b : lib.minima)
      if (a.id < b.id && std::abs(a.energy - b.energy) <= 0.1) ++within;
  const auto ref = tls::screen::rank_all_pairs(lib.box, lib.minima, 0.1, m, 50, 0.5, 1, 1 << 16);
  EXPECT_EQ(ref.pairs, within);
  ASSERT_EQ(ref.best.size(), 50u);
  for (const auto order : {tls::screen::Order::splitting, tls::screen::Order::tls, tls::screen::Order::yield}) {
    const auto first = tls::screen::rank_all_pairs(lib.box, lib.minima, 0.1, m, 50, 0.5, 1, 1 << 16, order);
    // Small batches cost many XGBoost calls: all three only for the splitting order.
    std::vector<std::pair<int, int>> runs = {{3, 333}};
    if (order == tls::screen::Order::splitting) runs.insert(runs.end(), {{2, 7}, {1, 97}});
    for (const auto& [threads, batch] : runs) {
      const auto r = tls::screen::rank_all_pairs(lib.box, lib.minima, 0.1, m, 50, 0.5, threads,
                                                 static_cast<std::size_t>(batch), order);
      ASSERT_EQ(r.best.size(), first.best.size());
      for (std::size_t k = 0; k < r.best.size(); ++k) {
        EXPECT_EQ(r.best[k].a, first.best[k].a) << k;
        EXPECT_EQ(r.best[k].b, first.best[k].b) << k;
        EXPECT_EQ(r.best[k].splitting, first.best[k].splitting) << k;
        EXPECT_EQ(r.best[k].p_tls, first.best[k].p_tls) << k;
      }
      // Best first by the order's own key.
      for (std::size_t k = 1; k < first.best.size(); ++k)
        EXPECT_LE(tls::screen::compare_keys(first.best[k - 1].key, first.best[k].key), 0) << k;
    }
  }
  // Deeper minimum first, best first.
  for (std::size_t k = 0; k < ref.best.size(); ++k) {
    const auto& a =
        *std::find_if(lib.minima.begin(), lib.minima.end(), [&](const auto& x) { return x.id == ref.best[k].a; });
    const auto& b =
        *std::find_if(lib.minima.begin(), lib.minima.end(), [&](const auto& x) { return x.id == ref.best[k].b; });
    EXPECT_LE(a.energy, b.energy);
    if (k > 0 && (ref.best[k].p_dw >= 0.5) == (ref.best[k - 1].p_dw >= 0.5)) {
      EXPECT_LE(ref.best[k - 1].splitting, ref.best[k].splitting);
    }
  }
}
