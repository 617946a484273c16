// One name table per enumeration (core/names.hpp): both directions and the message list read it,
// and the names the formats and command lines have always used are kept.
#include <gtest/gtest.h>

#include <string>

#include "tls/core/error.hpp"
#include "tls/core/names.hpp"
#include "tls/equilibrate/chain.hpp"
#include "tls/graph/pairs.hpp"
#include "tls/minimize/minimize.hpp"
#include "tls/neb/pair.hpp"

namespace {

enum class Colour { red, green, blue };
constexpr tls::Named<Colour> kColours[] = {{Colour::red, "red"}, {Colour::green, "green"}, {Colour::blue, "blue"}};

TEST(Names, BothDirectionsAndTheList) {
  EXPECT_STREQ(tls::name_of(kColours, Colour::green), "green");
  EXPECT_EQ(*tls::value_named(kColours, "blue"), Colour::blue);
  EXPECT_FALSE(tls::value_named(kColours, "Blue").has_value());
  EXPECT_EQ(tls::names_list(kColours), "red, green or blue");
  constexpr tls::Named<Colour> two[] = {{Colour::red, "red"}, {Colour::blue, "blue"}};
  EXPECT_EQ(tls::names_list(two), "red or blue");
  EXPECT_STREQ(tls::name_of(two, Colour::green), "?");
}

template <class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const tls::Error& e) {
    return e.what();
  }
  return "";
}

TEST(Names, TheToolkitsNamesAndMessagesAreKept) {
  for (const char* n : {"fire", "lbfgs", "fire+lbfgs"}) EXPECT_EQ(tls::to_string(tls::min_algorithm_from_name(n)), n);
  EXPECT_EQ(message_of([] { tls::min_algorithm_from_name("bfgs"); }),
            "unknown minimiser 'bfgs' (expected fire, lbfgs or fire+lbfgs)");
  for (const char* n : {"swap", "hybrid", "md"}) EXPECT_EQ(tls::to_string(tls::method_from_name(n)), n);
  EXPECT_EQ(message_of([] { tls::method_from_name("mc"); }), "unknown method 'mc' (expected swap, hybrid or md)");
  for (const char* n : {"classic", "fast", "fast-compact", "fast-coarse"})
    EXPECT_STREQ(tls::neb::to_string(tls::neb::neb_method_from_name(n)), n);
  EXPECT_EQ(message_of([] { tls::neb::neb_method_from_name("quick"); }),
            "unknown NEB method 'quick' (expected classic, fast, fast-compact or fast-coarse)");
  for (const char* n : {"dwp", "split", "partial", "non-dw", "unconverged", "identical", "failed"})
    EXPECT_STREQ(tls::neb::status_name(tls::neb::pair_status_from_name(n)), n);
  EXPECT_THROW(tls::neb::pair_status_from_name("ok"), tls::DataError);
  for (const char* n : {"connected", "all"}) EXPECT_EQ(tls::graph::to_string(tls::graph::selection_from_name(n)), n);
  EXPECT_EQ(message_of([] { tls::graph::selection_from_name("some"); }),
            "unknown selection 'some' (expected connected or all)");
  EXPECT_STREQ(tls::neb::status_name(tls::neb::SegmentStatus::non_dw), "non-dw");
  EXPECT_STREQ(tls::neb::status_name(tls::neb::SegmentStatus::unconverged), "unconverged");
}

}  // namespace
