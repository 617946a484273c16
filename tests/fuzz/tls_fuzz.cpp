// tls-fuzz: a seeded mutation fuzzer of every reader (configurations, tls-* tables, the minima
// library, the NEB checkpoint). GCC has no libFuzzer, so this is a built-in driver: each seed file of
// the corpus is mutated (bit flips, byte edits, cuts, duplicated ranges, swapped lines, tokens
// replaced by extreme values, binary fields overwritten and record checksums recomputed so that the
// damage reaches the field checks), and the reader must either accept the input or throw a
// tls::Error with exit code 65, 66 or 74. Anything else (std::bad_alloc, an internal error, another
// exception, a crash or sanitizer report, more than --max-seconds for one input) is a finding: the
// input is saved to --findings and the run fails. --replay DIR runs every file of DIR/<target>/
// (regressions: each finding, once fixed, is kept there). docs/reliability.md.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "tls/core/checksum.hpp"
#include "tls/core/error.hpp"
#include "tls/io/configuration_io.hpp"
#include "tls/io/dwp_table.hpp"
#include "tls/io/minima_library.hpp"
#include "tls/io/pair_list.hpp"
#include "tls/io/profile_table.hpp"
#include "tls/io/splitting_table.hpp"
#include "tls/io/table.hpp"
#include "tls/io/transitions.hpp"
#include "tls/neb/checkpoint.hpp"

namespace fs = std::filesystem;

namespace {

struct Target {
  std::string name;
  std::vector<std::string> seeds;  ///< files under the corpus folder
  bool binary;
  std::function<void(const std::string& path)> read;
};

void read_table(const std::string& path) {
  tls::TableReader r(path);
  while (r.next())
    for (int c = 0; c < static_cast<int>(r.columns().size()); ++c) (void)r.field(c);
}

std::vector<Target> targets() {
  auto config = [](tls::ConfigFormat f, std::vector<double> types) {
    return [f, types](const std::string& path) {
      tls::ReadOptions o;
      o.format = f;
      o.type_diameters = types;
      (void)tls::read_configuration(path, o);
    };
  };
  return {
      {"xyz", {"config-v0.1.xyz", "explore-v1/glass.xyz"}, false, config(tls::ConfigFormat::xyz, {})},
      {"lammps", {"config-v0.1.data", "atomic-style.data"}, false, config(tls::ConfigFormat::lammps, {1.0, 1.2})},
      {"config-auto", {"config-v0.1.xyz", "config-v0.1.data"}, false, config(tls::ConfigFormat::automatic, {1.0})},
      {"table",
       {"eqtrace-v1.0.tsv", "equilibrium-v1.0.tsv", "fs-v1.0.tsv", "glasses-v1.0.tsv", "quench-v1.0.tsv",
        "explore-v1/minima.tsv", "explore-v1/runs.tsv"},
       false,
       read_table},
      {"dwp", {"dwp-v1.0.tsv"}, false, [](const std::string& p) { (void)tls::read_dwp_table(p); }},
      {"pairs", {"pairs-v1.0.tsv"}, false, [](const std::string& p) { (void)tls::read_pairs(p); }},
      {"profile", {"profile-v1.0.tsv"}, false, [](const std::string& p) { (void)tls::read_profile_table(p); }},
      {"splitting", {"splitting-v1.0.tsv"}, false, [](const std::string& p) { (void)tls::read_splitting_table(p); }},
      {"transitions",
       {"transitions-v1.0.tsv", "explore-v1/transitions.tsv"},
       false,
       [](const std::string& p) { (void)tls::read_transitions(p); }},
      {"minima",
       {"minima-v1.0.tlsmin", "explore-v1/minima.tlsmin"},
       true,
       [](const std::string& p) {
         (void)tls::read_minima(p);
         if (tls::bin::is_tls_bin(p)) {  // and every record, as tls-explore reads its library
           tls::MinimaReader r(p);
           tls::bin::Record rec;
           while (r.next_record(rec))
             if (tls::MinimaReader::is_minimum(rec)) (void)r.decode(rec);
         }
       }},
      {"neb-checkpoint",
       {"neb-checkpoint-v1.0.tlsbin"},
       true,
       [](const std::string& p) {
         tls::neb::Checkpoint c(p, "frozen example", false, 3);
         (void)c.stored();
       }},
  };
}

using Bytes = std::string;

const std::vector<std::string> kExtreme = {"nan",
                                           "inf",
                                           "-inf",
                                           "1e308",
                                           "-1.7976931348623157e308",
                                           "1e-320",
                                           "0",
                                           "-1",
                                           "-7",
                                           "4000000000",
                                           "100000000000",
                                           "9223372036854775807",
                                           "-9223372036854775808",
                                           "18446744073709551616",
                                           "1e20",
                                           "0x10",
                                           "",
                                           std::string(300, '9'),
                                           "\x01\x1b[2J",
                                           "#",
                                           "\t\t"};

// Recomputes the CRC of every record whose length is consistent (the file header is 64 bytes).
void fix_crcs(Bytes& b) {
  std::size_t off = 64;
  while (off + 20 <= b.size()) {
    std::uint64_t len;
    std::memcpy(&len, b.data() + off + 8, 8);
    if (len > b.size() - off - 20) return;
    const std::uint32_t crc = tls::crc32(b.data() + off, 16 + len);
    std::memcpy(b.data() + off + 16 + len, &crc, 4);
    off += 20 + len;
  }
}

Bytes mutate(Bytes b, std::mt19937_64& rng, bool binary) {
  auto pick = [&](std::size_t n) { return n == 0 ? std::size_t{0} : static_cast<std::size_t>(rng() % n); };
  const int rounds = 1 + static_cast<int>(rng() % 3);
  for (int r = 0; r < rounds; ++r) {
    switch (rng() % (binary ? 9 : 8)) {
      case 0:  // flip a bit
        if (!b.empty()) b[pick(b.size())] ^= static_cast<char>(1u << (rng() % 8));
        break;
      case 1: {  // one byte to a random or a special value
        static const char special[] = {'\0', '\n', '\t', ' ', '-', 'e', '9', '#', '"', '=', '\r', '\x7f'};
        if (!b.empty()) b[pick(b.size())] = rng() % 2 ? static_cast<char>(rng()) : special[pick(sizeof special)];
        break;
      }
      case 2: {  // delete a range
        const auto at = pick(b.size()), n = std::min(b.size() - at, 1 + pick(64));
        b.erase(at, n);
        break;
      }
      case 3: {  // duplicate a range
        const auto at = pick(b.size()), n = std::min(b.size() - at, 1 + pick(256));
        b.insert(at, b.substr(at, n));
        break;
      }
      case 4:  // truncate
        b.resize(pick(b.size() + 1));
        break;
      case 5:
      case 6: {  // a whitespace-separated token to an extreme value
        if (b.empty()) break;
        auto at = pick(b.size());
        auto sep = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '='; };
        while (at > 0 && !sep(b[at - 1])) --at;
        auto end = at;
        while (end < b.size() && !sep(b[end])) ++end;
        b.replace(at, end - at, kExtreme[pick(kExtreme.size())]);
        break;
      }
      case 7: {  // swap two lines
        std::vector<std::size_t> starts{0};
        for (std::size_t k = 0; k < b.size(); ++k)
          if (b[k] == '\n') starts.push_back(k + 1);
        if (starts.size() < 3) break;
        const auto i = pick(starts.size() - 1), j = pick(starts.size() - 1);
        if (i == j) break;
        const auto a = std::min(i, j), c = std::max(i, j);
        const Bytes la = b.substr(starts[a], starts[a + 1] - starts[a]);
        const Bytes lc = b.substr(starts[c], starts[c + 1] - starts[c]);
        b = b.substr(0, starts[a]) + lc + b.substr(starts[a + 1], starts[c] - starts[a + 1]) + la +
            b.substr(starts[c + 1]);
        break;
      }
      case 8: {  // binary: 8 bytes to an extreme integer or double
        if (b.size() < 8) break;
        const double d[] = {std::nan(""), 1.0 / 0.0, -1.0 / 0.0, 1e308, -0.0, 5e-324, 1e20};
        const std::uint64_t u[] = {0, 1, 0xffffffffull, 0x100000000ull, 0x7fffffffffffffffull, ~0ull, 4000000000ull};
        const auto at = pick(b.size() - 7);
        if (rng() % 2)
          std::memcpy(b.data() + at, &d[pick(7)], 8);
        else
          std::memcpy(b.data() + at, &u[pick(7)], 8);
        break;
      }
    }
  }
  if (binary && rng() % 4 != 0) fix_crcs(b);  // mostly reach the fields behind the checksum
  return b;
}

Bytes slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void spit(const std::string& path, const Bytes& b) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(b.data(), static_cast<std::streamsize>(b.size()));
}

// Runs the reader on one input; returns "" when the outcome keeps the contract, else what went wrong.
std::string check(const Target& t, const std::string& path, double max_seconds) {
  const auto start = std::chrono::steady_clock::now();
  std::string bad;
  try {
    t.read(path);
  } catch (const tls::Error& e) {
    const auto c = e.code();
    if (c != tls::ExitCode::data && c != tls::ExitCode::no_input && c != tls::ExitCode::io)
      bad = "exit " + std::to_string(static_cast<int>(c)) + ": " + e.describe();
  } catch (const std::bad_alloc&) {
    bad = "std::bad_alloc (out of memory instead of bad data)";
  } catch (const std::exception& e) {
    bad = std::string("untyped exception: ") + e.what();
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (bad.empty() && s > max_seconds) bad = "took " + std::to_string(s) + " s";
  return bad;
}

int usage() {
  std::cerr << "usage: tls-fuzz --corpus DIR [--target NAME|all] [--runs N] [--seed S] [--work DIR]\n"
               "                [--findings DIR] [--replay DIR] [--max-seconds S] [--list]\n";
  return 64;
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> opt{{"--target", "all"},
                                         {"--runs", "1000"},
                                         {"--seed", "1"},
                                         {"--work", fs::temp_directory_path().string()},
                                         {"--findings", "fuzz-findings"},
                                         {"--max-seconds", "2"}};
  bool list = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--list") {
      list = true;
    } else if (opt.count(a) || a == "--corpus" || a == "--replay") {
      if (i + 1 >= argc) return usage();
      opt[a] = argv[++i];
    } else {
      return usage();
    }
  }
  const auto all = targets();
  if (list) {
    for (const auto& t : all) std::cout << t.name << '\n';
    return 0;
  }
  if (!opt.count("--corpus")) return usage();
  const long runs = std::stol(opt["--runs"]);
  const double max_seconds = std::stod(opt["--max-seconds"]);
  const fs::path work = fs::path(opt["--work"]) / ("tls-fuzz-" + std::to_string(::getpid()));
  fs::create_directories(work);
  int findings = 0;
  for (const auto& t : all) {
    if (opt["--target"] != "all" && opt["--target"] != t.name) continue;
    const std::string scratch = (work / (t.name + (t.binary ? ".tlsbin" : ".txt"))).string();
    long n = 0, accepted = 0;
    auto run_one = [&](const Bytes& input, const std::string& label) {
      spit(scratch, input);
      const auto bad = check(t, scratch, max_seconds);
      ++n;
      if (bad.empty()) {
        // accepted inputs are counted from the outcome of a second, clean read
        try {
          t.read(scratch);
          ++accepted;
        } catch (...) {
        }
        return;
      }
      ++findings;
      fs::create_directories(fs::path(opt["--findings"]) / t.name);
      const auto saved = fs::path(opt["--findings"]) / t.name / (label + (t.binary ? ".tlsbin" : ".txt"));
      spit(saved.string(), input);
      std::cerr << "FINDING " << t.name << " " << label << ": " << bad << " (saved to " << saved.string() << ")\n";
    };
    if (opt.count("--replay")) {
      const fs::path dir = fs::path(opt["--replay"]) / t.name;
      std::error_code ec;
      if (fs::is_directory(dir, ec))
        for (const auto& e : fs::directory_iterator(dir))
          run_one(slurp(e.path().string()), "replay-" + e.path().filename().string());
    }
    std::mt19937_64 rng(std::stoull(opt["--seed"]) * 1000003u + std::hash<std::string>{}(t.name));
    std::vector<Bytes> seeds;
    for (const auto& s : t.seeds) seeds.push_back(slurp((fs::path(opt["--corpus"]) / s).string()));
    for (const auto& s : seeds) run_one(s, "seed");
    for (long k = 0; k < runs; ++k)
      run_one(mutate(seeds[static_cast<std::size_t>(rng() % seeds.size())], rng, t.binary),
              "seed" + opt["--seed"] + "-" + std::to_string(k));
    std::cout << t.name << ": " << n << " executions, " << accepted << " accepted, rest refused as bad data\n";
  }
  std::error_code ec;
  fs::remove_all(work, ec);
  if (findings) std::cerr << findings << " finding(s)\n";
  return findings ? 1 : 0;
}
