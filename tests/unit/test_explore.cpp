// Exploration: identity of minima, bisection on an analytic landscape with known minima and
// adjacency, ordered merging, the stop rule, thread-count independence and resume on the model.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "support/support.hpp"
#include "tls/core/error.hpp"
#include "tls/core/rng.hpp"
#include "tls/explore/driver.hpp"
#include "tls/explore/explore.hpp"
#include "tls/explore/run.hpp"
#include "tls/explore/settings.hpp"
#include "tls/io/configuration_io.hpp"
#include "tls/io/minima_library.hpp"
#include "tls/io/transitions.hpp"
#include "tls/minimize/minimize.hpp"

namespace {

using tls::explore::Landscape;
using tls::explore::Quench;
using tls::explore::Walker;

// An egg-crate in the plane, V = -c [cos(2 pi x) + cos(2 pi y)] + a x + b y, walled off beyond |u| = 1.25
// so that exactly nine minima exist, near the integer points (i, j), i, j in {-1, 0, 1}; a harmonic
// z keeps the vector three-dimensional (the minimisers judge forces per 3-vector). The tilt makes the
// nine energies distinct. Two minima are adjacent (joined by a single saddle) exactly when they are
// grid neighbours: the direct path between diagonal neighbours crosses the maximum near (1/2, 1/2),
// and the minimum-energy path goes through a third minimum.
constexpr double kAmplitude = 0.5, kA = 0.05, kB = 0.13, kWall = 50.0, kWallAt = 1.25;

double axis(double u, double tilt, double& du) {
  const double w = std::abs(u) - kWallAt;
  const double wall = w > 0 ? kWall * w * w : 0.0;
  du = kAmplitude * 2 * M_PI * std::sin(2 * M_PI * u) + tilt + (w > 0 ? 2 * kWall * w * (u > 0 ? 1 : -1) : 0.0);
  return -kAmplitude * std::cos(2 * M_PI * u) + tilt * u + wall;
}

double egg_crate(const Eigen::Ref<const Eigen::VectorXd>& x, Eigen::Ref<Eigen::VectorXd> f) {
  double dx, dy;
  const double e = axis(x[0], kA, dx) + axis(x[1], kB, dy) + 2.0 * x[2] * x[2];
  f[0] = -dx;
  f[1] = -dy;
  f[2] = -4.0 * x[2];
  return e;
}

// Langevin dynamics (BAOAB, Leimkuhler & Matthews 2013) on the egg-crate, unit mass.
class EggWalker : public Walker {
 public:
  EggWalker(double temperature, double dt, std::uint64_t seed, std::uint64_t run)
      : rng_(seed, "test-egg", run), t_(temperature), dt_(dt), x_(Eigen::Vector3d::Zero()), v_(3), f_(3) {
    for (int k = 0; k < 3; ++k) v_[k] = std::sqrt(t_) * rng_.normal();
    egg_crate(x_, f_);
  }
  void step() override {
    const double c = std::exp(-1.0 * dt_), s = std::sqrt((1 - c * c) * t_);
    v_ += 0.5 * dt_ * f_;
    x_ += 0.5 * dt_ * v_;
    for (int k = 0; k < 3; ++k) v_[k] = c * v_[k] + s * rng_.normal();
    x_ += 0.5 * dt_ * v_;
    egg_crate(x_, f_);
    v_ += 0.5 * dt_ * f_;
  }
  const Eigen::VectorXd& positions() const override { return x_; }
  Quench quench(const Eigen::VectorXd& x) override {
    Eigen::VectorXd y = x;
    const auto r = tls::minimize(tls::Objective(egg_crate), y, tls::MinimizerOptions{});
    return tls::explore::make_quench(std::move(y), r);
  }

 private:
  tls::Rng rng_;
  double t_, dt_;
  Eigen::VectorXd x_, v_, f_;
};

class EggCrate : public Landscape {
 public:
  explicit EggCrate(double temperature) : t_(temperature) {}
  std::unique_ptr<Walker> walker(std::uint64_t seed, std::uint64_t run) const override {
    return std::make_unique<EggWalker>(t_, 0.01, seed, run);
  }
  double distance(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const override { return (a - b).norm(); }
  double time_step() const override { return 0.01; }

 private:
  double t_;
};

// The grid point (i, j) of a minimum.
std::pair<int, int> grid_of(const Eigen::VectorXd& x) {
  return {static_cast<int>(std::lround(x[0])), static_cast<int>(std::lround(x[1]))};
}

struct EggResult {
  std::vector<tls::explore::MinimumStats> minima;
  std::map<std::pair<std::uint64_t, std::uint64_t>, tls::explore::EdgeStats> edges;
  std::map<std::uint64_t, Eigen::VectorXd> positions;
  int max_depth = 0;
};

EggResult explore_egg(long interval, long resolution, int threads, long runs = 6) {
  EggCrate land(0.35);  // saddles 1 above the minima, the maxima 2: crossings every few time units
  tls::explore::ExplorationState state(land, {}, {});
  tls::explore::DriverOptions o;
  o.run.interval_steps = interval;
  o.run.snapshots = 20000 / interval;
  o.run.resolution = resolution;
  o.seed = 11;  // the outcome holds for every seed tried (1-8 at T = 0.3 and 0.35)
  o.max_runs = runs;
  o.threads = threads;
  EggResult out;
  tls::explore::run_exploration(
      land, state, o,
      [&](const tls::explore::Commit& c) {
        for (std::size_t k = 0; k < c.new_minima.size(); ++k)
          out.positions[c.first_new_id + k] = c.new_minima[k].positions;
        for (const auto& e : c.events) out.max_depth = std::max(out.max_depth, e.depth);
      },
      {}, nullptr);
  out.minima = state.minima();
  out.edges = state.edges();
  return out;
}

}  // namespace

TEST(ExploreAnalytic, FindsTheNineMinimaAndOnlyAdjacentTransitions) {
  // The known minima: minimise from each grid point.
  std::map<std::pair<int, int>, double> known;
  for (int i = -1; i <= 1; ++i)
    for (int j = -1; j <= 1; ++j) {
      Eigen::VectorXd x(3);
      x << i, j, 0;
      const auto r = tls::minimize(tls::Objective(egg_crate), x, tls::MinimizerOptions{});
      ASSERT_TRUE(r.converged);
      ASSERT_EQ(grid_of(x), std::make_pair(i, j));
      known[{i, j}] = r.energy;
    }
  // Inherent structures every 40 steps: the walker often crosses two saddles between snapshots.
  const auto res = explore_egg(200, 1, 2);
  ASSERT_EQ(res.minima.size(), 9u) << "every minimum is found, each once";
  std::set<std::pair<int, int>> found;
  for (const auto& m : res.minima) {
    const auto g = grid_of(res.positions.at(m.id));
    EXPECT_NEAR(m.energy, known.at(g), 1e-9);
    found.insert(g);
  }
  EXPECT_EQ(found.size(), 9u);
  // Only grid neighbours are recorded, and all twelve neighbour pairs are.
  std::set<std::pair<std::pair<int, int>, std::pair<int, int>>> edges;
  for (const auto& [key, e] : res.edges) {
    const auto ga = grid_of(res.positions.at(key.first)), gb = grid_of(res.positions.at(key.second));
    EXPECT_EQ(std::abs(ga.first - gb.first) + std::abs(ga.second - gb.second), 1)
        << "non-adjacent transition (" << ga.first << "," << ga.second << ") - (" << gb.first << "," << gb.second
        << ")";
    edges.insert({std::min(ga, gb), std::max(ga, gb)});
  }
  EXPECT_EQ(edges.size(), 12u);
  EXPECT_GT(res.max_depth, 2) << "transitions were resolved by bisection";
}

TEST(ExploreAnalytic, WithoutBisectionNonAdjacentPairsAppear) {
  // The same sampling with bisection switched off (resolution = the whole interval) records pairs
  // two saddles apart: the check above can fail.
  const auto res = explore_egg(200, 200, 1);
  int non_adjacent = 0;
  for (const auto& [key, e] : res.edges) {
    const auto ga = grid_of(res.positions.at(key.first)), gb = grid_of(res.positions.at(key.second));
    non_adjacent += std::abs(ga.first - gb.first) + std::abs(ga.second - gb.second) > 1;
  }
  EXPECT_GT(non_adjacent, 0);
  std::cout << "without bisection: " << non_adjacent << " of " << res.edges.size()
            << " recorded pairs are not adjacent\n";
}

TEST(ExploreAnalytic, SameResultWithOneAndTwoThreads) {
  const auto a = explore_egg(200, 1, 1, 4), b = explore_egg(200, 1, 2, 4);
  ASSERT_EQ(a.minima.size(), b.minima.size());
  for (std::size_t k = 0; k < a.minima.size(); ++k) {
    EXPECT_EQ(a.minima[k].energy, b.minima[k].energy);
    EXPECT_EQ(a.minima[k].visits, b.minima[k].visits);
  }
  ASSERT_EQ(a.edges.size(), b.edges.size());
  for (const auto& [key, e] : a.edges) {
    ASSERT_TRUE(b.edges.count(key));
    EXPECT_EQ(e.count_ab, b.edges.at(key).count_ab);
    EXPECT_EQ(e.count_ba, b.edges.at(key).count_ba);
    EXPECT_EQ(e.first_time, b.edges.at(key).first_time);
  }
}

TEST(ExploreIdentity, SameMinimumUpToCentreOfMassShiftAndImages) {
  const auto c = tls::test::soft_random_configuration(30, 1.0, 4);
  tls::explore::ModelSettings s;
  const tls::explore::ModelLandscape land(c, s);
  tls::explore::MinimumSet set(land, {});
  const auto k = set.add(10.0, c.positions);
  Eigen::VectorXd moved = c.positions;
  for (int i = 0; i < c.size(); ++i) moved[3 * i] += 0.37;  // a rigid shift
  moved[5] += c.box.length;                                 // and one particle one box away
  EXPECT_EQ(set.find(10.0 + 5e-7, moved), k);
  EXPECT_FALSE(set.find(10.0 + 2e-6, moved)) << "energy beyond the tolerance";
  moved[7] += 2e-3;
  EXPECT_FALSE(set.find(10.0, moved)) << "one particle 2e-3 away";
  moved[7] -= 2e-3 - 5e-4;
  EXPECT_EQ(set.find(10.0, moved), k);
}

TEST(ExploreStopRule, KolmogorovSmirnovDistance) {
  using S = std::vector<std::pair<double, double>>;
  EXPECT_DOUBLE_EQ(tls::explore::ks_distance(S{{1, 1}, {2, 1}}, S{{1, 2}, {2, 2}}), 0.0);
  EXPECT_DOUBLE_EQ(tls::explore::ks_distance(S{{1, 1}}, S{{2, 1}}), 1.0);
  EXPECT_DOUBLE_EQ(tls::explore::ks_distance(S{{1, 1}, {2, 1}, {3, 2}}, S{{1, 1}, {3, 1}}), 0.25);
  EXPECT_DOUBLE_EQ(tls::explore::ks_distance(S{}, S{{1, 1}}), 1.0);
}

namespace {
// A hand-made commit for run `run` that visits minima 0 and 1 with weights w0, w1 and records
// `transitions` transitions 0 <-> 1 over 100 steps of dt 0.01.
tls::explore::Commit synthetic(std::uint64_t run, long w0, long w1, int transitions) {
  tls::explore::Commit c;
  c.info.run = run;
  c.info.steps = 100;
  c.info.snapshots = w0 + w1;
  c.info.visits = {{0, w0}, {1, w1}};
  c.first_new_id = 2;
  for (int k = 0; k < transitions; ++k)
    c.events.push_back({k + 1L, static_cast<std::uint64_t>(k % 2), static_cast<std::uint64_t>(1 - k % 2), 0});
  c.info.transitions = transitions;
  return c;
}
}  // namespace

TEST(ExploreStopRule, StationaryOnlyWhenBothHalvesAgreeAndAfterMinRuns) {
  EggCrate land(0.4);
  tls::explore::StopRule rule;
  rule.min_runs = 4;
  auto fresh = [&] {
    auto s = std::make_unique<tls::explore::ExplorationState>(land, tls::explore::IdentityRule{}, rule);
    s->add_foreign(0, -2.0, 0, Eigen::Vector3d(0, 0, 0));
    s->add_foreign(1, -1.9, 0, Eigen::Vector3d(1, 0, 0));
    return s;
  };
  // Identical runs: stationary exactly from the fourth.
  auto s = fresh();
  for (std::uint64_t r = 0; r < 6; ++r) {
    s->apply(synthetic(r, 8, 2, 4));
    EXPECT_EQ(s->stationary(), r + 1 >= 4) << "after run " << r;
    EXPECT_DOUBLE_EQ(s->runs().back().ks, r >= 1 ? 0.0 : 1.0);
  }
  // The energy pdf drifts: the second half sits mostly in the higher minimum.
  s = fresh();
  for (std::uint64_t r = 0; r < 6; ++r) s->apply(r < 3 ? synthetic(r, 8, 2, 4) : synthetic(r, 2, 8, 4));
  EXPECT_FALSE(s->stationary());
  EXPECT_NEAR(s->runs().back().ks, 0.6, 1e-12);
  EXPECT_DOUBLE_EQ(s->runs().back().rate_change, 0.0);
  // The transition rate doubles in the second half.
  s = fresh();
  for (std::uint64_t r = 0; r < 6; ++r) s->apply(synthetic(r, 8, 2, r < 3 ? 4 : 8));
  EXPECT_FALSE(s->stationary());
  EXPECT_NEAR(s->runs().back().rate_change, 2.0 / 3.0, 1e-12);
  // Edges accumulate counts in both directions, first sighting from run 0.
  const auto& e = s->edges().at({0, 1});
  EXPECT_EQ(e.count_ab + e.count_ba, 3 * 4 + 3 * 8);
  EXPECT_EQ(e.runs, 6);
  EXPECT_EQ(e.first_run, 0);
  EXPECT_DOUBLE_EQ(e.first_time, 0.01);
}

TEST(ExploreStopRule, SaturatedWhenTheLastWindowOfRunsFindsFewNewMinima) {
  EggCrate land(0.4);
  tls::explore::StopRule rule;
  rule.when = tls::explore::StopWhen::saturated;
  rule.min_runs = 4;
  rule.window = 3;
  rule.max_new = 1;
  tls::explore::ExplorationState s(land, tls::explore::IdentityRule{}, rule);
  s.add_foreign(0, -2.0, 0, Eigen::Vector3d(0, 0, 0));
  // New minima per run; after run k (counted from 1) the rule looks at runs k-3 .. k-1: 1+0+1 = 2
  // after the 4th, 1 after the 5th and 6th, 3 after the 7th to 9th, 0 after the 10th.
  const std::vector<int> fresh = {2, 1, 0, 1, 0, 0, 3, 0, 0, 0};
  const std::vector<bool> want = {false, false, false, false, true, true, false, false, false, true};
  std::uint64_t next = 1;
  for (std::uint64_t r = 0; r < fresh.size(); ++r) {
    tls::explore::Commit c = synthetic(r, 10, 0, 0);
    c.info.visits = {{0, 10}};
    c.first_new_id = next;
    for (int k = 0; k < fresh[r]; ++k) {
      tls::explore::FoundMinimum m;
      m.positions = Eigen::Vector3d(static_cast<double>(next + k), 0, 0);
      m.energy = -1.0 + 0.01 * static_cast<double>(next + k);
      c.new_minima.push_back(m);
    }
    c.info.new_minima = fresh[r];
    next += static_cast<std::uint64_t>(fresh[r]);
    s.apply(std::move(c));
    EXPECT_EQ(s.stationary(), want[r]) << "after run " << r + 1;
  }
  EXPECT_EQ(s.runs().back().minima_total, 1 + 7);
  // The names the tool reads, and the refusal of any other.
  EXPECT_EQ(tls::explore::stop_when_from_name("saturated"), tls::explore::StopWhen::saturated);
  EXPECT_EQ(tls::explore::to_string(tls::explore::StopWhen::stationary), "stationary");
  EXPECT_THROW(tls::explore::stop_when_from_name("stable"), tls::UsageError);
}

// ---- the model: byte-identical folders with 1 and 2 threads, append and resume ----

namespace {
tls::Configuration small_glass() {
  auto c = tls::test::soft_random_configuration(64, 1.0, 21);
  tls::ForceField ff(c.box, c.diameters);
  tls::minimize(ff, c.positions, tls::MinimizerOptions{});
  return c;
}

tls::explore::ExploreConfig small_config(const std::string& dir, int threads, long runs) {
  tls::explore::ExploreConfig c;
  c.model.md.temperature = 0.15;  // hot for this tiny system, so that runs of 4 time units see transitions
  c.driver.run.interval_steps = 20;
  c.driver.run.snapshots = 40;
  c.driver.seed = 5;
  c.driver.max_runs = runs;
  c.driver.threads = threads;
  c.stop.enabled = false;
  c.glass_name = "small";
  c.output_dir = dir;
  return c;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void expect_same_folder(const std::string& a, const std::string& b) {
  for (const auto& f : {tls::explore::library_path, tls::explore::transitions_path, tls::explore::index_path,
                        tls::explore::runs_path}) {
    const std::string x = slurp(f(a)), y = slurp(f(b));
    EXPECT_FALSE(x.empty()) << f(a);
    EXPECT_TRUE(x == y) << f(a) << " and " << f(b) << " differ";
  }
}

const tls::Metadata kProvenance = {{"tool", "test"}, {"seed", "5"}};
auto quiet = [](const std::string&) {};
}  // namespace

TEST(ExploreModel, SameBytesWithOneAndTwoThreadsAppendAndResume) {
  namespace fs = std::filesystem;
  const auto glass = small_glass();
  const std::string d1 = tls::test::scratch("explore-j1").string(), d2 = tls::test::scratch("explore-j2").string(),
                    d3 = tls::test::scratch("explore-append").string(),
                    d4 = tls::test::scratch("explore-killed").string();
  for (const auto& d : {d1, d2, d3, d4}) fs::remove_all(d);
  const auto r1 = tls::explore::explore_glass(glass, small_config(d1, 1, 4), kProvenance, nullptr, quiet);
  tls::explore::explore_glass(glass, small_config(d2, 2, 4), kProvenance, nullptr, quiet);
  EXPECT_EQ(r1.runs_after, 4);
  EXPECT_GT(r1.minima, 2) << "the small glass should visit several minima at T = 0.15";
  EXPECT_GT(r1.pairs, 1);
  expect_same_folder(d1, d2);

  // Two runs now, two more later: the same as four at once.
  tls::explore::explore_glass(glass, small_config(d3, 2, 2), kProvenance, nullptr, quiet);
  const auto more = tls::explore::explore_glass(glass, small_config(d3, 1, 4), kProvenance, nullptr, quiet);
  EXPECT_TRUE(more.resumed);
  EXPECT_EQ(more.runs_before, 2);
  expect_same_folder(d1, d3);

  // A run killed while committing: its RUNS record written, its minima not all. Resuming cuts the
  // incomplete commit off, redoes the run and ends with the same bytes.
  fs::create_directories(d4);
  fs::copy_file(tls::explore::library_path(d1), tls::explore::library_path(d4));
  {
    tls::MinimaReader reader(tls::explore::library_path(d4));
    tls::bin::Record r, last_runs;
    std::uint64_t last_mini_offset = 0;
    while (reader.next_record(r)) {
      if (r.tag == tls::bin::tag("RUNS")) last_runs = r;
      if (tls::MinimaReader::is_minimum(r)) last_mini_offset = r.offset;
    }
    ASSERT_GT(last_mini_offset, last_runs.offset) << "the last run should have found a new minimum";
    fs::resize_file(tls::explore::library_path(d4), last_mini_offset + 100);  // torn inside the last MINI
  }
  std::vector<std::string> notes;
  const auto resumed = tls::explore::explore_glass(glass, small_config(d4, 2, 4), kProvenance, nullptr,
                                                   [&](const std::string& s) { notes.push_back(s); });
  EXPECT_TRUE(resumed.repaired);
  EXPECT_EQ(resumed.runs_before, 3);
  expect_same_folder(d1, d4);
}

TEST(ExploreModel, RefusesAnotherGlassOrOtherSettingsWithoutTouchingTheLibrary) {
  namespace fs = std::filesystem;
  const auto glass = small_glass();
  const std::string d = tls::test::scratch("explore-refuse").string();
  fs::remove_all(d);
  tls::explore::explore_glass(glass, small_config(d, 1, 1), kProvenance, nullptr, quiet);
  const std::string before = slurp(tls::explore::library_path(d));
  auto other = glass;
  other.diameters[0] += 0.01;
  EXPECT_THROW(tls::explore::explore_glass(other, small_config(d, 1, 2), kProvenance, nullptr, quiet), tls::DataError);
  auto moved = glass;
  moved.positions[0] += 0.01;
  EXPECT_THROW(tls::explore::explore_glass(moved, small_config(d, 1, 2), kProvenance, nullptr, quiet), tls::DataError);
  auto hotter = small_config(d, 1, 2);  // other settings: exit 65 as every resumable stage (settings_record.hpp)
  hotter.model.md.temperature = 0.2;
  EXPECT_THROW(tls::explore::explore_glass(glass, hotter, kProvenance, nullptr, quiet), tls::DataError);
  EXPECT_EQ(slurp(tls::explore::library_path(d)), before);
  EXPECT_THROW(tls::explore::explore_glass(glass, small_config(d, 1, 0), kProvenance, nullptr, quiet), tls::UsageError);
  // Even a torn library is left as it is when the command is refused (the tail is cut only on resume).
  const auto size = std::filesystem::file_size(tls::explore::library_path(d));
  std::filesystem::resize_file(tls::explore::library_path(d), size - 10);
  EXPECT_THROW(tls::explore::explore_glass(glass, hotter, kProvenance, nullptr, quiet), tls::DataError);
  EXPECT_EQ(std::filesystem::file_size(tls::explore::library_path(d)), size - 10);
}

TEST(ExploreFrozen, VersionOneFolderIsReadAndContinued) {
  // tests/data/frozen/explore-v1: tls-explore glass.xyz --seed 2 --temperature 0.3 --run-time 4
  // --runs 2 --no-stop (16 particles): a tls-minima 1.1 library and its three tables.
  namespace fs = std::filesystem;
  const std::string frozen = tls::test::test_data("frozen/explore-v1");
  // The library reads as minima (1.0 readers skip EXPL and RUNS), and holds both record kinds.
  tls::GlassHeader header;
  const auto minima = tls::read_minima(frozen + "/minima.tlsmin", &header);
  ASSERT_EQ(minima.size(), 16u);
  EXPECT_EQ(header.size(), 16);
  std::map<std::string, int> tags;
  {
    tls::MinimaReader reader(frozen + "/minima.tlsmin");
    tls::bin::Record r;
    while (reader.next_record(r)) ++tags[std::string(r.tag.begin(), r.tag.end())];
  }
  EXPECT_EQ(tags["EXPL"], 1);
  EXPECT_EQ(tags["RUNS"], 2);
  EXPECT_EQ(tags["MINI"], 16);
  // The tables read with their formats and columns.
  for (const auto& [file, format] : std::vector<std::pair<std::string, std::string>>{
           {"minima.tsv", "minima-index"}, {"runs.tsv", "explore-runs"}, {"transitions.tsv", "transitions"}}) {
    tls::TableReader t(frozen + "/" + file);
    EXPECT_NO_THROW(t.expect(format, 1)) << file;
    EXPECT_NO_THROW(tls::require_glass_metadata(t.metadata(), header, file, "minima.tlsmin")) << file;
  }
  EXPECT_EQ(tls::read_transitions(frozen + "/transitions.tsv").size(), 17u);
  // The current tls-explore continues it: the two runs are replayed, the tables regenerated with
  // the same rows, and a third run appended.
  const std::string d = tls::test::scratch("explore-frozen").string();
  fs::remove_all(d);
  fs::create_directories(d);
  fs::copy_file(frozen + "/minima.tlsmin", tls::explore::library_path(d));
  const auto glass = tls::read_configuration(frozen + "/glass.xyz");
  tls::explore::ExploreConfig c;
  c.model.md.temperature = 0.3;
  c.driver.run.snapshots = 40;
  c.driver.seed = 2;
  c.driver.max_runs = 2;
  c.stop.enabled = false;
  c.output_dir = d;
  auto rows = [](const std::string& path) {
    std::string out, line;
    std::ifstream in(path);
    while (std::getline(in, line))
      if (line.empty() || line[0] != '#') out += line + "\n";
    return out;
  };
  const auto again = tls::explore::explore_glass(glass, c, kProvenance, nullptr, quiet);
  EXPECT_EQ(again.runs_before, 2);
  EXPECT_EQ(again.runs_after, 2);
  for (const auto& f : {tls::explore::transitions_path, tls::explore::index_path, tls::explore::runs_path})
    EXPECT_EQ(rows(f(d)), rows(f(frozen))) << f(d);
  c.driver.max_runs = 3;
  const auto more = tls::explore::explore_glass(glass, c, kProvenance, nullptr, quiet);
  EXPECT_EQ(more.runs_after, 3);
  EXPECT_GE(more.minima, 16);
}

// ---- recognising known basins (--quench recognise) ----

namespace {
tls::explore::RunResult model_run(const tls::Configuration& glass, bool recognise, long snapshots) {
  tls::explore::ModelSettings s;
  s.md.temperature = 0.15;
  s.recognition.enabled = recognise;
  const tls::explore::ModelLandscape landscape(glass, s);
  tls::explore::RunSettings rs;
  rs.interval_steps = 20;
  rs.snapshots = snapshots;
  return tls::explore::explore_run(landscape, rs, tls::explore::IdentityRule{}, 5, 0);
}
}  // namespace

TEST(ExploreRecognition, SameMinimaAndTransitionsAsFullQuenchesOnTheSameTrajectory) {
  // The MD trajectory does not depend on how frames are quenched, so the two modes must name the
  // same minima in the same order and record the same transitions; only the cost differs.
  const auto glass = small_glass();
  const auto full = model_run(glass, false, 120);
  const auto fast = model_run(glass, true, 120);
  ASSERT_GT(full.minima.size(), 3u) << "the small glass should visit several minima at T = 0.15";
  ASSERT_GT(full.events.size(), 3u);
  EXPECT_EQ(full.recognised, 0);
  EXPECT_GT(fast.recognised, fast.quenches / 2) << "most quenches fall back into a minimum seen last";
  EXPECT_EQ(fast.quenches, full.quenches);
  EXPECT_LT(fast.force_calls, full.force_calls);
  ASSERT_EQ(fast.minima.size(), full.minima.size());
  for (std::size_t k = 0; k < full.minima.size(); ++k) {
    EXPECT_EQ(fast.minima[k].energy, full.minima[k].energy) << k;  // the same quench found it first
    EXPECT_EQ(fast.minima[k].first_step, full.minima[k].first_step) << k;
  }
  ASSERT_EQ(fast.events.size(), full.events.size());
  for (std::size_t k = 0; k < full.events.size(); ++k) {
    EXPECT_EQ(fast.events[k].step, full.events[k].step) << k;
    EXPECT_EQ(fast.events[k].from, full.events[k].from) << k;
    EXPECT_EQ(fast.events[k].to, full.events[k].to) << k;
    EXPECT_EQ(fast.events[k].depth, full.events[k].depth) << k;
  }
  EXPECT_EQ(fast.visits, full.visits);
}

TEST(ExploreRecognition, RecognisesOnlyTheMinimumTheDescentEndsIn) {
  // Two distinct minima A, B of the small glass; a configuration near B (B plus small random
  // displacements) quenches to B. Offered A alone, the walker must not recognise it (the harmonic
  // test fails) and polishes to B; offered B (alone or after A), it recognises B.
  const auto glass = small_glass();
  const auto run = model_run(glass, false, 120);
  ASSERT_GE(run.minima.size(), 2u);
  const auto& a = run.minima[0];
  const auto& b = run.minima[1];
  tls::explore::ModelSettings s;
  s.recognition.enabled = true;
  const tls::explore::ModelLandscape landscape(glass, s);
  auto walker = landscape.walker(1, 0);
  tls::Rng rng(3, "test-recognition", 0);
  Eigen::VectorXd near_b = b.positions;
  for (Eigen::Index i = 0; i < near_b.size(); ++i) near_b[i] += 0.01 * (2 * rng.uniform() - 1);
  const Quench plain = walker->quench(near_b);
  ASSERT_TRUE(plain.converged);
  ASSERT_LT(landscape.distance(plain.positions, b.positions), 1e-3) << "the perturbed B should quench to B";

  const Quench wrong = walker->quench(near_b, {{7, &a.positions, a.energy}});
  EXPECT_FALSE(wrong.recognised);
  ASSERT_TRUE(wrong.converged);
  EXPECT_LT(landscape.distance(wrong.positions, b.positions), 1e-3);
  EXPECT_EQ(wrong.energy, plain.energy) << "an unrecognised quench is the plain quench, bit for bit";

  const Quench right = walker->quench(near_b, {{7, &a.positions, a.energy}, {9, &b.positions, b.energy}});
  ASSERT_TRUE(right.recognised);
  EXPECT_EQ(*right.recognised, 9u);
  EXPECT_LT(right.force_calls, plain.force_calls);

  // Without the distance gate, the harmonic test alone must still refuse A.
  s.recognition.gate = 100;
  const tls::explore::ModelLandscape ungated(glass, s);
  auto w2 = ungated.walker(1, 0);
  EXPECT_FALSE(w2->quench(near_b, {{7, &a.positions, a.energy}}).recognised);
  EXPECT_TRUE(w2->quench(near_b, {{9, &b.positions, b.energy}}).recognised);
}

TEST(ExploreStart, RunsFromTheInherentStructureStartAtTheirTemperature) {
  // A glass cut from a chain at T_f = 0.062 carries the potential energy of T_f (E/N 0.295 against
  // about 0.263 at T_MD = 0.04 in its basin): started as it is, the first time units of a run are
  // hotter than T_MD until the thermostat (tau = 1) has taken the excess out. Started from its
  // inherent structure after a discarded transient of 5 tau (tls-explore's default), the potential
  // energy is at its T_MD level from the first sampled step on.
  const auto glass = tls::read_configuration(tls::test::project_data("glass-Tf0.062-N1500.xyz"));
  auto mean_energy = [&](tls::explore::RunStart start, long transient, long from, long to) {
    tls::explore::ModelSettings s;
    s.start = start;
    const tls::explore::ModelLandscape landscape(glass, s);
    tls::ForceField ff(glass.box, glass.diameters);
    double sum = 0;
    long count = 0;
    for (std::uint64_t run = 0; run < 3; ++run) {
      auto w = landscape.walker(11, run);
      for (long step = 0; step < transient; ++step) w->step();  // as explore_run discards it
      for (long step = 1; step <= to; ++step) {
        w->step();
        if (step > from && step % 10 == 0) sum += ff.energy(w->positions()) / glass.size(), ++count;
      }
    }
    return sum / count;
  };
  using tls::explore::RunStart;
  const double late = mean_energy(RunStart::inherent_structure, 1000, 1600, 2000);   // t = 8 ... 10
  const double is_early = mean_energy(RunStart::inherent_structure, 1000, 60, 300);  // t = 0.3 ... 1.5
  const double glass_early = mean_energy(RunStart::glass, 0, 60, 300);               // as before
  std::cout << "E/N at t = 0.3-1.5: from the IS " << is_early << ", from the glass " << glass_early
            << "; at t = 8-10: " << late << "\n";
  EXPECT_LT(std::abs(is_early - late), 0.003);
  EXPECT_GT(glass_early - late, 0.008) << "the glass as it is should start visibly hot";
}

// tls-explore's settings in time units (explore/settings.hpp): the one conversion to MD steps gives
// the values the tool has always used, and every bad setting is named with its value.
TEST(ExploreSettings, DefaultsConvertToTheToolsStepsAndEnums) {
  const tls::explore::ExploreSettings s;
  const auto c = tls::explore::explore_config(s);
  EXPECT_EQ(c.driver.run.interval_steps, 20);  // 0.1 / 0.005
  EXPECT_EQ(c.driver.run.snapshots, 1000);     // 100 / 0.1
  EXPECT_EQ(c.driver.run.transient_steps, 1000);
  EXPECT_EQ(c.driver.run.resolution, 1);
  EXPECT_TRUE(c.model.recognition.enabled);
  EXPECT_EQ(c.model.start, tls::explore::RunStart::inherent_structure);
  EXPECT_EQ(c.model.md.thermostat, tls::Thermostat::bussi);
  EXPECT_EQ(c.model.minimizer.max_force_calls, 100000);
  EXPECT_TRUE(c.stop.enabled);
  tls::explore::ExploreSettings t;
  t.config.model.md.dt = 0.01;
  t.is_interval = 0.05;
  t.run_time = 2;
  t.transient = 0;
  t.quench = "full";
  t.start = "glass";
  t.thermostat = "none";
  t.no_stop = true;
  const auto d = tls::explore::explore_config(t);
  EXPECT_EQ(d.driver.run.interval_steps, 5);
  EXPECT_EQ(d.driver.run.snapshots, 40);
  EXPECT_EQ(d.driver.run.transient_steps, 0);
  EXPECT_FALSE(d.model.recognition.enabled);
  EXPECT_EQ(d.model.start, tls::explore::RunStart::glass);
  EXPECT_EQ(d.model.md.thermostat, tls::Thermostat::none);
  EXPECT_FALSE(d.stop.enabled);
}

TEST(ExploreSettings, BadSettingsNameTheOptionAndValue) {
  auto message = [](const tls::explore::ExploreSettings& s) {
    try {
      tls::explore::explore_config(s);
    } catch (const tls::UsageError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  tls::explore::ExploreSettings s;
  s.run_time = 0.25;
  EXPECT_EQ(message(s), "--run-time must be a whole number of --is-interval (0.1), got 0.25");
  s = {};
  s.is_interval = 0.0123;
  EXPECT_EQ(message(s), "--is-interval must be a positive whole number of time steps (--dt 0.005), got 0.0123");
  s = {};
  s.config.stop.ks_tol = -1;
  EXPECT_EQ(message(s), "--stop-ks must be 0 or positive, got -1");
  s = {};
  s.config.driver.max_runs = 0;
  EXPECT_EQ(message(s), "--runs must be at least 1, got 0");
  s = {};
  s.quench = "half";
  EXPECT_EQ(message(s), "--quench must be 'recognise' or 'full', got 'half'");
}
