// Quantile diameters (SPEC.md section 1), checked also against the authors' files.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "support/support.hpp"
#include "tls/core/error.hpp"
#include "tls/io/configuration_io.hpp"
#include "tls/model/diameters.hpp"

TEST(Diameters, QuantilesForN1500) {
  const auto d = tls::quantile_diameters(1500);
  ASSERT_EQ(d.size(), 1500u);
  EXPECT_DOUBLE_EQ(d.front(), 0.73);
  EXPECT_DOUBLE_EQ(d.back(), 1.617885);
  EXPECT_NEAR(std::accumulate(d.begin(), d.end(), 0.0) / 1500, 1.0061715, 5e-8);
  EXPECT_TRUE(std::is_sorted(d.begin(), d.end()));
  for (double v : d) EXPECT_DOUBLE_EQ(std::round(v * 1e6) / 1e6, v);
}

TEST(Diameters, PermutationIsSeededAndComplete) {
  const auto a = tls::permuted_diameters(500, 7), b = tls::permuted_diameters(500, 7), c = tls::permuted_diameters(500, 8);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  auto sa = a;
  std::sort(sa.begin(), sa.end());
  EXPECT_EQ(sa, tls::quantile_diameters(500));
}

TEST(Diameters, RejectsEmptySystem) { EXPECT_THROW(tls::quantile_diameters(0), tls::DataError); }

TEST(Diameters, SameAsTheAuthorsGlass) {
  TLS_REQUIRE_REFERENCE(dir);
  const auto c = tls::read_configuration(dir + "/2.044404608E-01.conf.txt");
  std::vector<double> d(c.diameters.data(), c.diameters.data() + c.size());
  std::sort(d.begin(), d.end());
  EXPECT_EQ(d, tls::quantile_diameters(1500));
}
