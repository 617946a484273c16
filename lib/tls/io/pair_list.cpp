// tls-pairs table writer and strict reader.
#include "tls/io/pair_list.hpp"

#include <map>
#include <set>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/io/text.hpp"

namespace tls {

namespace {
const std::vector<std::string> kColumns = {
    "pair", "a",           "b",        "E_a",      "E_b",       "dE",    "distance", "max_displacement",
    "PR",   "PR_particle", "count_ab", "count_ba", "connected", "disp2", "disp3"};
}

void write_pairs(std::ostream& out, const PairListInfo& info, const std::vector<PairRecord>& pairs) {
  TableWriter t(out, "pairs", kPairsMajor, kPairsMinor);
  t.meta(info.provenance);
  t.meta(info.glass);
  t.meta("library", info.library);
  t.meta("selection", info.selection);
  t.meta("max_dE", format_double(info.max_dE));
  t.meta("min_dE", format_double(info.min_dE));
  t.meta("max_distance", format_double(info.max_distance));
  t.meta("min_count", std::to_string(info.min_count));
  t.columns(kColumns);
  for (const auto& p : pairs)
    t.row({static_cast<long long>(p.pair), static_cast<long long>(p.a), static_cast<long long>(p.b), p.E_a, p.E_b, p.dE,
           p.distance, p.max_displacement, p.PR, p.PR_particle, p.count_ab, p.count_ba, p.connected ? 1 : 0, p.disp2,
           p.disp3});
}

std::vector<PairRef> read_pair_refs(const std::string& path, Metadata* metadata) {
  TableReader t(path);
  t.expect("pairs", kPairsMajor);
  if (metadata) *metadata = t.metadata();
  // The pair id is `pair` in tables written by tls-pairs; a hand-written list may call it `id`.
  const int cid = t.find_column("pair") >= 0 ? t.column("pair") : t.column("id");
  const int ca = t.column("a"), cb = t.column("b");
  std::map<std::string, long> seen;
  std::vector<PairRef> pairs;
  while (t.next()) {
    PairRef p;
    p.id = std::string(trim(t.field(cid)));
    p.line = t.line();
    if (p.id.empty()) throw DataError(t.source(), t.line(), "empty pair id");
    if (p.id.find_first_of(" \t") != std::string::npos) throw DataError(t.source(), t.line(), "pair id with blanks");
    if (const auto it = seen.find(p.id); it != seen.end())
      throw DataError(t.source(), t.line(),
                      "pair id '" + p.id + "' appears twice (first at line " + std::to_string(it->second) + ")");
    seen.emplace(p.id, t.line());
    const long long a = t.integer(ca), b = t.integer(cb);
    if (a < 0 || b < 0) throw DataError(t.source(), t.line(), "minimum ids must be non-negative");
    p.a = static_cast<std::uint64_t>(a);
    p.b = static_cast<std::uint64_t>(b);
    pairs.push_back(std::move(p));
  }
  return pairs;
}

std::vector<PairRecord> read_pairs(const std::string& path, Metadata* metadata) {
  TableReader t(path);
  t.expect("pairs", kPairsMajor);
  if (metadata) *metadata = t.metadata();
  int col[15];
  for (std::size_t k = 0; k < 13; ++k) col[k] = t.column(kColumns[k]);
  col[13] = t.find_column("disp2");  // added in 1.1
  col[14] = t.find_column("disp3");
  auto fail = [&](const std::string& what) { throw DataError(t.source(), t.line(), what); };
  auto nonneg = [&](int c) {
    const long long v = t.integer(c);
    if (v < 0) fail("column '" + t.columns()[static_cast<std::size_t>(c)] + "' must be >= 0");
    return v;
  };
  std::vector<PairRecord> pairs;
  std::set<std::uint64_t> ids;
  while (t.next()) {
    PairRecord p;
    p.pair = static_cast<std::uint64_t>(nonneg(col[0]));
    p.a = static_cast<std::uint64_t>(nonneg(col[1]));
    p.b = static_cast<std::uint64_t>(nonneg(col[2]));
    if (p.a == p.b) fail("a pair joins two distinct minima (a == b)");
    p.E_a = t.number(col[3]);
    p.E_b = t.number(col[4]);
    p.dE = t.number(col[5]);
    if (p.dE < 0) fail("dE must be >= 0 (a is the deeper minimum)");
    p.distance = t.number(col[6]);
    p.max_displacement = t.number(col[7]);
    p.PR = t.number(col[8]);
    p.PR_particle = t.number(col[9]);
    p.count_ab = nonneg(col[10]);
    p.count_ba = nonneg(col[11]);
    const long long c = t.integer(col[12]);
    if (c != 0 && c != 1) fail("column 'connected' must be 0 or 1");
    p.connected = c == 1;
    if (col[13] >= 0) p.disp2 = t.number(col[13]);
    if (col[14] >= 0) p.disp3 = t.number(col[14]);
    if (!ids.insert(p.pair).second) fail("pair id " + std::to_string(p.pair) + " listed twice");
    pairs.push_back(p);
  }
  return pairs;
}

}  // namespace tls
