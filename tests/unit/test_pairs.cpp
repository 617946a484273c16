// The transitions table and the pair list (formats, frozen versions, strict readers), the graph of
// minima, orientation and geometry of pairs, and the glass checks between library and tables.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/support.hpp"
#include "tls/core/error.hpp"
#include "tls/graph/pairs.hpp"
#include "tls/io/files.hpp"
#include "tls/io/pair_list.hpp"
#include "tls/io/transitions.hpp"

namespace {
std::string write_scratch(const std::string& name, const std::string& text) {
  const auto p = tls::test::scratch(name).string();
  std::ofstream(p) << text;
  return p;
}

const char* kTransitionsHead =
    "#%tls-transitions 1.0\n##glass_crc32=6bd5a75e\n"
    "#a\tb\tcount_ab\tcount_ba\truns\tfirst_run\tfirst_time\tfirst_depth\tmax_depth\tE_a\tE_b\n";

// A glass of four particles in a box of 10, and minima built from one reference by moving particle 0.
tls::GlassHeader four_particles() {
  tls::Configuration c;
  c.box.length = 10;
  c.diameters = Eigen::VectorXd::Ones(4);
  c.positions = Eigen::VectorXd::Zero(12);
  return tls::glass_header(c, "four");
}

tls::Minimum minimum(std::uint64_t id, double energy, const Eigen::Vector3d& move0) {
  tls::Minimum m;
  m.id = id;
  m.energy = energy;
  m.positions.resize(12);
  m.positions << 1, 1, 1, 3, 1, 1, 1, 3, 1, 9.5, 9.5, 9.5;
  m.positions.head<3>() += move0;
  return m;
}
}  // namespace

TEST(Transitions, ReadsFrozenVersion1) {
  tls::Metadata meta;
  const auto rows = tls::read_transitions(tls::test::test_data("frozen/transitions-v1.0.tsv"), &meta);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].a, 7u);
  EXPECT_EQ(rows[0].b, 9u);
  EXPECT_EQ(rows[0].count_ab, 3);
  EXPECT_EQ(rows[0].count_ba, 1);
  EXPECT_EQ(rows[0].runs, 2);
  EXPECT_EQ(rows[0].first_time, 1.25);
  EXPECT_EQ(rows[0].max_depth, 5);
  tls::GlassHeader h;
  tls::read_minima(tls::test::test_data("frozen/minima-v1.0.tlsmin"), &h);
  EXPECT_NO_THROW(tls::require_glass_metadata(meta, h, "t", "lib"));
}

TEST(Transitions, RoundTripAndStrictReader) {
  std::vector<tls::TransitionRecord> rows = {{1, 4, 2, 0, 1, 0, 0.5, 3, 3, -1.5, -1.25}, {2, 3, 0, 7, 2, 1, 12.25, 0, 6, -1, -0.5}};
  std::ostringstream s;
  tls::write_transitions(s, {{"tool", "test"}, {"glass_crc32", "00000000"}}, rows);
  const auto back = tls::read_transitions(write_scratch("t.tsv", s.str()));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[1].count_ba, 7);
  EXPECT_EQ(back[1].first_time, 12.25);
  const std::string head = kTransitionsHead;
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"nan", "1\t2\t1\t0\t1\t0\tnan\t0\t0\t-1\t-1\n"},
      {"inf energy", "1\t2\t1\t0\t1\t0\t1\t0\t0\tinf\t-1\n"},
      {"a == b", "2\t2\t1\t0\t1\t0\t1\t0\t0\t-1\t-1\n"},
      {"a > b", "3\t2\t1\t0\t1\t0\t1\t0\t0\t-1\t-1\n"},
      {"never seen", "1\t2\t0\t0\t1\t0\t1\t0\t0\t-1\t-1\n"},
      {"negative count", "1\t2\t-1\t2\t1\t0\t1\t0\t0\t-1\t-1\n"},
      {"duplicate", "1\t2\t1\t0\t1\t0\t1\t0\t0\t-1\t-1\n1\t2\t1\t0\t1\t0\t1\t0\t0\t-1\t-1\n"},
      {"short row", "1\t2\t1\t0\n"},
      {"not a number", "1\tx\t1\t0\t1\t0\t1\t0\t0\t-1\t-1\n"}};
  for (const auto& [what, row] : bad)
    EXPECT_THROW(tls::read_transitions(write_scratch("bad.tsv", head + row)), tls::DataError) << what;
  EXPECT_THROW(tls::read_transitions(write_scratch("v2.tsv", "#%tls-transitions 2.0\n#a\tb\n")), tls::DataError);
  EXPECT_THROW(tls::read_transitions(write_scratch("other.tsv", "#%tls-pairs 1.0\n#a\tb\n")), tls::DataError);
  EXPECT_THROW(tls::read_transitions(tls::test::scratch("absent.tsv").string()), tls::InputError);
}

TEST(PairList, ReadsFrozenVersion1AndFrozenInputsGiveIt) {
  tls::Metadata meta;
  const auto frozen = tls::read_pairs(tls::test::test_data("frozen/pairs-v1.0.tsv"), &meta);
  ASSERT_EQ(frozen.size(), 1u);
  EXPECT_EQ(frozen[0].a, 9u);  // the deeper minimum is a
  EXPECT_EQ(frozen[0].b, 7u);
  EXPECT_EQ(frozen[0].dE, 0.25);
  EXPECT_EQ(frozen[0].count_ab, 1);
  EXPECT_EQ(frozen[0].count_ba, 3);
  EXPECT_TRUE(frozen[0].connected);
  // The frozen library and transitions table give the frozen pair list.
  tls::GlassHeader h;
  const auto minima = tls::read_minima(tls::test::test_data("frozen/minima-v1.0.tlsmin"), &h);
  EXPECT_NO_THROW(tls::require_glass_metadata(meta, h, "p", "lib"));
  const auto transitions = tls::read_transitions(tls::test::test_data("frozen/transitions-v1.0.tsv"));
  const auto pairs = tls::graph::select_pairs(h, minima, transitions, {}, "t");
  ASSERT_EQ(pairs.size(), 1u);
  const auto& p = pairs[0];
  const auto& f = frozen[0];
  EXPECT_EQ(std::tie(p.pair, p.a, p.b, p.E_a, p.E_b, p.dE, p.distance, p.max_displacement, p.PR, p.PR_particle, p.count_ab,
                     p.count_ba, p.connected),
            std::tie(f.pair, f.a, f.b, f.E_a, f.E_b, f.dE, f.distance, f.max_displacement, f.PR, f.PR_particle, f.count_ab,
                     f.count_ba, f.connected));
}

TEST(PairList, RoundTripAndStrictReader) {
  tls::PairListInfo info;
  info.provenance = {{"tool", "test"}};
  info.glass = tls::glass_metadata(four_particles());
  info.library = "minima.tlsmin";
  tls::PairRecord r;
  r.pair = 0, r.a = 3, r.b = 1, r.E_a = -2, r.E_b = -1.5, r.dE = 0.5, r.distance = 0.25, r.max_displacement = 0.2;
  r.PR = 2.5, r.PR_particle = 1.5, r.count_ab = 2, r.count_ba = 1, r.connected = true;
  std::ostringstream s;
  tls::write_pairs(s, info, {r});
  tls::Metadata meta;
  const auto back = tls::read_pairs(write_scratch("p.tsv", s.str()), &meta);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].a, 3u);
  EXPECT_EQ(back[0].PR, 2.5);
  EXPECT_NO_THROW(tls::require_glass_metadata(meta, four_particles(), "p", "lib"));
  std::string text = s.str();
  text.replace(text.find("\t2.5\t"), 5, "\tnan\t");
  EXPECT_THROW(tls::read_pairs(write_scratch("nan.tsv", text)), tls::DataError);
  text = s.str();
  text.replace(text.find("\t0.5\t"), 5, "\t-0.5\t");
  EXPECT_THROW(tls::read_pairs(write_scratch("neg.tsv", text)), tls::DataError) << "dE < 0";
}

TEST(PairGraph, SummaryOfAKnownGraph) {
  std::vector<tls::TransitionRecord> e(3);
  e[0].a = 0, e[0].b = 1, e[1].a = 1, e[1].b = 2, e[2].a = 3, e[2].b = 4;
  const auto s = tls::graph::summarize_graph({0, 1, 2, 3, 4, 5}, e, "t");
  EXPECT_EQ(s.minima, 6);
  EXPECT_EQ(s.edges, 3);
  EXPECT_EQ(s.components, 3);
  EXPECT_EQ(s.largest_component, 3);
  EXPECT_EQ(s.isolated, 1);
  EXPECT_EQ(s.degree_histogram, (std::vector<long>{1, 4, 1}));
  e[2].b = 17;
  EXPECT_THROW(tls::graph::summarize_graph({0, 1, 2, 3, 4, 5}, e, "t"), tls::DataError);
}

TEST(PairGraph, OrientationGeometryAndSelectionModes) {
  const auto h = four_particles();
  // Minimum 0 deeper than 1 and 2; 1 moves particle 0 by 0.3 along x, 2 by 0.3 along (1,1,0)/sqrt(2),
  // 3 is far up in energy.
  const double s = 0.3 / std::sqrt(2.0);
  const std::vector<tls::Minimum> minima = {minimum(0, -2.0, {0, 0, 0}), minimum(1, -1.99, {0.3, 0, 0}),
                                            minimum(2, -1.98, {s, s, 0}), minimum(3, -1.0, {0, 0, 0.3})};
  std::vector<tls::TransitionRecord> t(2);
  t[0].a = 0, t[0].b = 1, t[0].count_ab = 5, t[0].count_ba = 4;
  t[1].a = 1, t[1].b = 2, t[1].count_ab = 0, t[1].count_ba = 1;
  auto pairs = tls::graph::select_pairs(h, minima, t, {}, "t");
  ASSERT_EQ(pairs.size(), 2u);
  // Centre-of-mass shift removed: particle 0 moves 0.225, the other three -0.075 each.
  const double d2 = 0.225 * 0.225 + 3 * 0.075 * 0.075, d4 = std::pow(0.225, 4) + 3 * std::pow(0.075, 4);
  EXPECT_EQ(pairs[0].a, 0u);
  EXPECT_NEAR(pairs[0].distance, std::sqrt(d2), 1e-12);
  EXPECT_NEAR(pairs[0].max_displacement, 0.225, 1e-12);
  EXPECT_NEAR(pairs[0].PR, d2 * d2 / d4, 1e-9);
  EXPECT_NEAR(pairs[0].PR_particle, d2 * d2 / d4, 1e-9);
  EXPECT_EQ(pairs[0].count_ab, 5);
  // Pair (1, 2): 1 is deeper, the table's count_ab (1 -> 2) stays count_ab.
  EXPECT_EQ(pairs[1].a, 1u);
  EXPECT_EQ(pairs[1].b, 2u);
  EXPECT_NEAR(pairs[1].dE, 0.01, 1e-12);
  EXPECT_EQ(pairs[1].count_ba, 1);
  // Between 0 and 2 the displacement is diagonal: two Cartesian components per moving particle.
  tls::graph::PairOptions all;
  all.selection = tls::graph::Selection::all;
  all.max_dE = 0.1;
  pairs = tls::graph::select_pairs(h, minima, t, all, "t");
  ASSERT_EQ(pairs.size(), 3u) << "pairs among 0, 1, 2; minimum 3 is beyond the dE cut";
  EXPECT_EQ(pairs[1].a, 0u);
  EXPECT_EQ(pairs[1].b, 2u);
  EXPECT_FALSE(pairs[1].connected);
  EXPECT_NEAR(pairs[1].PR, 2 * pairs[1].PR_particle, 1e-9);
  // Filters.
  all.max_distance = 0.2;
  EXPECT_EQ(tls::graph::select_pairs(h, minima, t, all, "t").size(), 1u) << "only 1-2 is closer than 0.2";
  tls::graph::PairOptions cut;
  cut.max_dE = 0.005;
  EXPECT_EQ(tls::graph::select_pairs(h, minima, t, cut, "t").size(), 0u);
  cut.max_dE = 0.015;
  cut.min_count = 2;
  EXPECT_EQ(tls::graph::select_pairs(h, minima, t, cut, "t").size(), 1u);
  // Unknown ids and missing cuts in `all` mode.
  t[1].b = 8;
  EXPECT_THROW(tls::graph::select_pairs(h, minima, t, {}, "t"), tls::DataError);
  all.max_dE = all.max_distance = std::numeric_limits<double>::infinity();
  EXPECT_THROW(tls::graph::select_pairs(h, minima, {}, all, "t"), tls::UsageError);
}

TEST(PairGraph, RefusesALibraryOfAnotherGlassAndWritesNothing) {
  // The frozen transitions belong to the frozen 3-particle glass; the four-particle library does not.
  const auto lib = tls::test::scratch("four.tlsmin").string();
  {
    auto w = tls::MinimaWriter::create(lib, four_particles());
    w.add(minimum(7, -2, {0, 0, 0}));
    w.add(minimum(9, -1, {0.1, 0, 0}));
  }
  tls::graph::PairsConfig c;
  c.library = lib;
  c.transitions = tls::test::test_data("frozen/transitions-v1.0.tsv");
  c.output = tls::test::scratch("refused-pairs.tsv").string();
  std::filesystem::remove(c.output);
  EXPECT_THROW(tls::graph::make_pair_list(c, {}, nullptr), tls::DataError);
  EXPECT_FALSE(std::filesystem::exists(c.output));
  // Same N and box but other diameters: the fingerprint tells them apart.
  auto h = four_particles();
  auto meta = tls::glass_metadata(h);
  h.diameters[2] = 1.1;
  EXPECT_THROW(tls::require_glass_metadata(meta, h, "t", "lib"), tls::DataError);
  meta.pop_back();
  EXPECT_THROW(tls::require_glass_metadata(meta, four_particles(), "t", "lib"), tls::DataError) << "no fingerprint";
}

TEST(PairList, ReadsFrozenVersion1_1WithDisplacementColumns) {
  const auto frozen = tls::read_pairs(tls::test::test_data("frozen/pairs-v1.1.tsv"));
  ASSERT_EQ(frozen.size(), 2u);
  EXPECT_EQ(frozen[1].max_displacement, 0.375);
  EXPECT_EQ(frozen[1].disp2, 0.25);
  EXPECT_EQ(frozen[1].disp3, 0.125);
  EXPECT_FALSE(frozen[1].connected);
  // A 1.0 table has no such columns: they read as 0.
  const auto old = tls::read_pairs(tls::test::test_data("frozen/pairs-v1.0.tsv"));
  EXPECT_EQ(old[0].disp2, 0.0);
}

TEST(PairGeometry, SecondAndThirdLargestDisplacements) {
  // Four particles displaced by 0.5, 0.1, 0.3, 0.2 along x (mean 0.275 removed: 0.225, -0.175, 0.025, -0.075).
  const auto h = four_particles();
  Eigen::VectorXd xa = Eigen::VectorXd::Zero(12), xb = Eigen::VectorXd::Zero(12);
  for (int i = 0; i < 4; ++i) xa[3 * i] = xa[3 * i + 1] = xa[3 * i + 2] = 0.5 * i;
  xb = xa;
  const double dx[4] = {0.5, 0.1, 0.3, 0.2};
  for (int i = 0; i < 4; ++i) xb[3 * i] += dx[i];
  const auto g = tls::graph::pair_geometry(h.box, xa, xb);
  EXPECT_NEAR(g.max_displacement, 0.225, 1e-12);
  EXPECT_NEAR(g.disp2, 0.175, 1e-12);
  EXPECT_NEAR(g.disp3, 0.075, 1e-12);
  EXPECT_LE(g.disp3, g.disp2);
  EXPECT_LE(g.disp2, g.max_displacement);
}
