// Tables, configuration files and the tls-bin container: round trips, frozen examples, errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include "support/support.hpp"
#include "tls/core/error.hpp"
#include "tls/io/binary.hpp"
#include "tls/io/configuration_io.hpp"
#include "tls/io/files.hpp"
#include "tls/io/table.hpp"

namespace fs = std::filesystem;

using tls::test::scratch;

TEST(Table, RoundTrip) {
  std::ostringstream out;
  tls::TableWriter w(out, "example", 1, 2);
  w.meta("tool", "tls-test 0");
  w.columns({"id", "x", "name"});
  w.row({1, 0.1, "a"});
  w.row({2, 1e-300, "b c"});
  std::istringstream in(out.str());
  tls::TableReader r(in, "mem");
  EXPECT_EQ(r.format(), "tls-example");
  EXPECT_EQ(r.minor(), 2);
  EXPECT_EQ(*r.meta("tool"), "tls-test 0");
  r.expect("example", 1);
  EXPECT_THROW(r.expect("example", 2), tls::DataError);
  EXPECT_THROW(r.expect("other", 1), tls::DataError);
  ASSERT_TRUE(r.next());
  EXPECT_EQ(r.integer(r.column("id")), 1);
  EXPECT_EQ(r.number(r.column("x")), 0.1);
  ASSERT_TRUE(r.next());
  EXPECT_EQ(r.number(1), 1e-300);
  EXPECT_EQ(r.field(2), "b c");
  EXPECT_FALSE(r.next());
  EXPECT_THROW(r.column("missing"), tls::DataError);
}

TEST(Table, Errors) {
  auto reader = [](const std::string& text) {
    std::istringstream in(text);
    tls::TableReader r(in, "mem");
    while (r.next()) {
      for (int c = 0; c < static_cast<int>(r.columns().size()); ++c) r.number(c);
    }
  };
  EXPECT_THROW(reader(""), tls::DataError);
  EXPECT_THROW(reader("id\tx\n1\t2\n"), tls::DataError);
  EXPECT_THROW(reader("#%tls-a 1.0\n"), tls::DataError);
  EXPECT_THROW(reader("#%tls-a 1.0\n#x\ty\n1\n"), tls::DataError);
  EXPECT_THROW(reader("#%tls-a 1.0\n#x\ty\n1\tfoo\n"), tls::DataError);
  EXPECT_THROW(reader("#%tls-a 1.0\n#x\ty\n1\tnan\n"), tls::DataError);
  try {
    reader("#%tls-a 1.0\n##k=v\n#x\ty\n1\t2\n1\tbad\n");
    FAIL();
  } catch (const tls::DataError& e) {
    EXPECT_EQ(e.location(), "mem:5");
  }
}

TEST(Configuration, XyzRoundTripIsExact) {
  auto c = tls::test::soft_random_configuration(30, 1.0, 1);
  c.velocities = Eigen::VectorXd::LinSpaced(90, -1, 1) / 3.0;
  std::ostringstream out;
  tls::write_xyz(out, c, 12.5);
  const auto back = tls::parse_configuration(out.str(), "mem");
  EXPECT_EQ(back.positions, c.positions);
  EXPECT_EQ(back.diameters, c.diameters);
  EXPECT_EQ(back.velocities, c.velocities);
  EXPECT_EQ(back.box.length, c.box.length);
  EXPECT_NE(out.str().find("Properties=species:S:1:pos:R:3:diameter:R:1:vel:R:3 energy=12.5 pbc=\"T T T\""),
            std::string::npos);
}

TEST(Configuration, LammpsRoundTrip) {
  auto c = tls::test::soft_random_configuration(30, 1.0, 2);
  c.positions[0] += 2 * c.box.length;  // unwrapped particle: written with image flags
  std::ostringstream out;
  tls::write_lammps(out, c, std::nullopt);
  const auto back = tls::parse_configuration(out.str(), "mem");
  EXPECT_LT((back.positions - c.positions).cwiseAbs().maxCoeff(), 1e-13);
  EXPECT_EQ(back.diameters, c.diameters);
}

TEST(Configuration, FrozenExamplesStillRead) {
  // Files written by version 0.1 of the toolkit (tests/data/frozen): current readers must read them.
  const auto x = tls::read_configuration(tls::test::test_data("frozen/config-v0.1.xyz"));
  const auto l = tls::read_configuration(tls::test::test_data("frozen/config-v0.1.data"));
  EXPECT_EQ(x.size(), 4);
  EXPECT_LT((x.positions - l.positions).cwiseAbs().maxCoeff(), 1e-15);
  EXPECT_EQ(x.diameters, l.diameters);
  const auto a = tls::read_configuration(tls::test::test_data("frozen/atomic-style.data"),
                                         tls::ReadOptions{tls::ConfigFormat::automatic, {0.8, 1.2}, true});
  EXPECT_EQ(a.diameters[0], 0.8);
  EXPECT_EQ(a.diameters[1], 1.2);
}

TEST(Configuration, AuthorsChargeStyleFile) {
  TLS_REQUIRE_REFERENCE(dir);
  const auto c = tls::read_configuration(dir + "/2.044404608E-01.conf.txt");
  EXPECT_EQ(c.size(), 1500);
  EXPECT_NEAR(c.box.length, 11.447142426, 1e-9);
  EXPECT_DOUBLE_EQ(c.diameters[0], 0.829653);
}

TEST(Configuration, MalformedInputsAreDataErrors) {
  const std::string good = "2\nLattice=\"5 0 0 0 5 0 0 0 5\" Properties=species:S:1:pos:R:3:diameter:R:1\nX 0 0 0 1\nX 1 1 1 1\n";
  EXPECT_NO_THROW(tls::parse_configuration(good, "m"));
  for (const std::string& bad :
       {std::string(""), std::string("2\n"), good.substr(0, good.size() - 10),
        std::string("3\nLattice=\"5 0 0 0 5 0 0 0 5\" Properties=species:S:1:pos:R:3:diameter:R:1\nX 0 0 0 1\nX 1 1 1 1\n"),
        std::string("1\nLattice=\"5 0 0 0 5 0 0 0 5\" Properties=species:S:1:pos:R:3:diameter:R:1\nX 0 0 0 1\nX 1 1 1 1\n"),
        std::string("1\nLattice=\"5 0 0 0 5 0 0 0 5\" Properties=species:S:1:pos:R:3:diameter:R:1\nX 0 zero 0 1\n"),
        std::string("1\nLattice=\"5 0 0 0 5 0 0 0 5\" Properties=species:S:1:pos:R:3:diameter:R:1\nX 0 nan 0 1\n"),
        std::string("1\nLattice=\"5 0 0 0 5 0 0 0 5\" Properties=species:S:1:pos:R:3:diameter:R:1\nX 0 inf 0 1\n"),
        std::string("1\nLattice=\"0 0 0 0 0 0 0 0 0\" Properties=species:S:1:pos:R:3:diameter:R:1\nX 0 0 0 1\n"),
        std::string("1\nLattice=\"-5 0 0 0 -5 0 0 0 -5\" Properties=species:S:1:pos:R:3:diameter:R:1\nX 0 0 0 1\n"),
        std::string("1\nLattice=\"5 0 0 0 6 0 0 0 5\" Properties=species:S:1:pos:R:3:diameter:R:1\nX 0 0 0 1\n"),
        std::string("1\nLattice=\"5 0 0 0 5 0 0 0 5\" Properties=species:S:1:pos:R:3\nX 0 0 0\n"),
        std::string("2\nLattice=\"5 0 0 0 5 0 0 0 5\" Properties=species:S:1:pos:R:3:diameter:R:1\nX 1 1 1 1\nX 1 1 1 1\n"),
        std::string("hello world\nthis is not a configuration\n")}) {
    EXPECT_THROW(tls::parse_configuration(bad, "m"), tls::DataError) << bad;
  }
}

TEST(Binary, RoundTripAndTornTail) {
  const auto path = scratch("round.tlsbin").string();
  {
    auto w = tls::bin::Writer::create(path, {"tls-test", 1, 0});
    for (int k = 0; k < 3; ++k) {
      tls::bin::PayloadWriter p;
      p.put(static_cast<std::int32_t>(k));
      p.put(3.25 * k);
      p.put_string("rec" + std::to_string(k));
      w.record(tls::bin::tag("DATA"), p.data());
    }
    w.sync();
  }
  auto read_all_records = [&] {
    tls::bin::Reader r(path, "tls-test", 1);
    std::vector<double> v;
    tls::bin::Record rec;
    while (r.next(rec)) {
      tls::bin::PayloadReader p(rec.payload, path);
      const auto k = p.get<std::int32_t>();
      v.push_back(p.get<double>());
      EXPECT_EQ(p.get_string(), "rec" + std::to_string(k));
      EXPECT_TRUE(p.at_end());
    }
    return v;
  };
  EXPECT_EQ(read_all_records(), (std::vector<double>{0, 3.25, 6.5}));
  EXPECT_THROW(tls::bin::Reader(path, "tls-other", 1), tls::DataError);
  EXPECT_THROW(tls::bin::Reader(path, "tls-test", 2), tls::DataError);
  // Cut the file inside the last record: reading fails, appending repairs and continues.
  const auto size = fs::file_size(path);
  fs::resize_file(path, size - 5);
  EXPECT_THROW(read_all_records(), tls::DataError);
  bool repaired = false;
  {
    auto w = tls::bin::Writer::append(path, "tls-test", 1, &repaired);
    tls::bin::PayloadWriter p;
    p.put(static_cast<std::int32_t>(9));
    p.put(1.5);
    p.put_string("rec9");
    w.record(tls::bin::tag("DATA"), p.data());
  }
  EXPECT_TRUE(repaired);
  EXPECT_EQ(read_all_records(), (std::vector<double>{0, 3.25, 1.5}));
  // A flipped byte in the middle is corruption, not a torn tail: never silently used or cut.
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(tls::bin::kHeaderSize + 20));
    f.put('\x7f');
  }
  EXPECT_THROW(read_all_records(), tls::DataError);
  EXPECT_THROW(tls::bin::Writer::append(path, "tls-test", 1), tls::DataError);
}

TEST(Binary, NotABinaryFile) {
  const auto path = scratch("text.tlsbin").string();
  tls::write_file_atomic(path, "hello, this is text and not a tls-bin file at all, long enough for a header........");
  EXPECT_THROW(tls::bin::Reader(path, "tls-test", 1), tls::DataError);
  EXPECT_THROW(tls::bin::Reader(scratch("missing.tlsbin").string(), "tls-test", 1), tls::InputError);
}

TEST(Binary, FrozenVersion1File) {
  // tests/data/frozen/container-v1.tlsbin was written by container version 1.0; it must stay readable.
  tls::bin::Reader r(tls::test::test_data("frozen/container-v1.tlsbin"), "tls-test", 1);
  tls::bin::Record rec;
  ASSERT_TRUE(r.next(rec));
  EXPECT_EQ(std::string(rec.tag.data(), 4), "DATA");
  tls::bin::PayloadReader p(rec.payload, "frozen");
  EXPECT_EQ(p.get<std::int32_t>(), 7);
  EXPECT_EQ(p.get<double>(), 0.125);
  EXPECT_EQ(p.get_string(), "frozen");
  EXPECT_FALSE(r.next(rec));
}

TEST(AtomicOutput, NothingVisibleUntilCommit) {
  const auto path = scratch("atomic.txt");
  fs::remove(path);
  {
    tls::AtomicOutput out(path.string());
    out.stream() << "partial";
    EXPECT_FALSE(fs::exists(path));
  }
  EXPECT_FALSE(fs::exists(path));
  for (const auto& e : fs::directory_iterator(path.parent_path()))
    EXPECT_EQ(e.path().filename().string().find(".atomic.txt.tmp"), std::string::npos);
  {
    tls::AtomicOutput out(path.string());
    out.stream() << "whole";
    out.commit();
  }
  EXPECT_EQ(tls::read_all(path.string()), "whole");
  EXPECT_THROW(tls::AtomicOutput("/nonexistent-folder/x"), tls::OutputError);
}

TEST(AtomicOutput, CommitRemovesTemporariesOfDeadWriters) {
  // A writer killed by SIGKILL leaves its temporary; the next commit of the same file removes it,
  // but never a temporary of a live process (here the test's parent).
  const auto path = scratch("stale.txt");
  const auto dir = path.parent_path();
  const pid_t dead = [] {
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    return child;  // reaped: no such process any more
  }();
  const auto stale = dir / (".stale.txt.tmp-" + std::to_string(dead) + "-3");
  const auto live = dir / (".stale.txt.tmp-" + std::to_string(::getppid()) + "-0");
  const auto other = dir / (".other.txt.tmp-" + std::to_string(dead) + "-0");
  for (const auto& f : {stale, live, other}) std::ofstream(f) << "partial";
  {
    tls::AtomicOutput out(path.string());
    out.stream() << "whole";
    out.commit();
  }
  EXPECT_FALSE(fs::exists(stale)) << "temporary of a dead writer left";
  EXPECT_TRUE(fs::exists(live)) << "temporary of a live process removed";
  EXPECT_TRUE(fs::exists(other)) << "temporary of another file removed";
  fs::remove(live);
  fs::remove(other);
}
