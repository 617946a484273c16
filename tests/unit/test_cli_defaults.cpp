// The defaults --help shows are made from the config structs' values (issue 17 item 4): the text
// must read back to the same value and keep the spelling the tools have always shown.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "tls/cli/cli.hpp"

namespace {

TEST(CliDefaults, NumbersKeepTheirUsualSpelling) {
  using tls::cli::default_text;
  EXPECT_EQ(default_text(1e-10), "1e-10");
  EXPECT_EQ(default_text(1e-6), "1e-6");
  EXPECT_EQ(default_text(1e-3), "1e-3");
  EXPECT_EQ(default_text(1e-4), "1e-4");
  EXPECT_EQ(default_text(0.01), "0.01");
  EXPECT_EQ(default_text(0.005), "0.005");
  EXPECT_EQ(default_text(0.115), "0.115");
  EXPECT_EQ(default_text(1.0), "1");
  EXPECT_EQ(default_text(4000.0), "4000");
  EXPECT_EQ(default_text(1e22), "1e22");
  EXPECT_EQ(default_text(-2.5e-7), "-2.5e-7");
  EXPECT_EQ(default_text(1500), "1500");
  EXPECT_EQ(default_text(2000000L), "2000000");
  EXPECT_EQ(default_text(std::string("auto")), "auto");
}

TEST(CliDefaults, NumberTextReadsBackExactly) {
  for (double v : {1e-10, 1e-3, 0.1, 0.2, 0.68, 1.35, 1.0 / 3.0, 6.02214076e23, 5e-324, 1e-300})
    EXPECT_EQ(std::strtod(tls::cli::default_text(v).c_str(), nullptr), v) << v;
}

TEST(CliDefaults, BoundOptionKeepsTheDefaultOrTakesTheGivenValue) {
  struct Config {
    double spring = 0.5;
    int images = 32;
    std::string from = "auto";
  } c;
  cxxopts::Options options("t", "t");
  options.add_options()("spring", "", tls::cli::bound(c.spring))("images", "", tls::cli::bound(c.images))(
      "from", "", tls::cli::bound(c.from));
  const char* argv[] = {"t", "--images", "64"};
  options.parse(3, const_cast<char**>(argv));
  EXPECT_EQ(c.spring, 0.5);
  EXPECT_EQ(c.images, 64);
  EXPECT_EQ(c.from, "auto");
}

}  // namespace
