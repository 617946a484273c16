// tls-transitions table writer and strict reader.
#include "tls/io/transitions.hpp"

#include <set>
#include <utility>

#include "tls/core/error.hpp"

namespace tls {

namespace {
const std::vector<std::string> kColumns = {"a",         "b",          "count_ab",    "count_ba",  "runs", "first_run",
                                           "first_time", "first_depth", "max_depth", "E_a",       "E_b"};
}

void write_transitions(std::ostream& out, const Metadata& metadata, const std::vector<TransitionRecord>& rows) {
  TableWriter t(out, "transitions", kTransitionsMajor, kTransitionsMinor);
  t.meta(metadata);
  t.columns(kColumns);
  for (const auto& r : rows)
    t.row({static_cast<long long>(r.a), static_cast<long long>(r.b), r.count_ab, r.count_ba, r.runs, r.first_run,
           r.first_time, r.first_depth, r.max_depth, r.E_a, r.E_b});
}

std::vector<TransitionRecord> read_transitions(const std::string& path, Metadata* metadata) {
  TableReader t(path);
  t.expect("transitions", kTransitionsMajor);
  if (metadata) *metadata = t.metadata();
  int col[11];
  for (std::size_t k = 0; k < kColumns.size(); ++k) col[k] = t.column(kColumns[k]);
  std::vector<TransitionRecord> rows;
  std::set<std::pair<std::uint64_t, std::uint64_t>> seen;
  auto fail = [&](const std::string& what) { throw DataError(t.source(), t.line(), what); };
  auto id = [&](int c) {
    const long long v = t.integer(c);
    if (v < 0) fail("minimum id must be >= 0");
    return static_cast<std::uint64_t>(v);
  };
  auto count = [&](int c) {
    const long long v = t.integer(c);
    if (v < 0) fail("counts must be >= 0");
    return v;
  };
  while (t.next()) {
    TransitionRecord r;
    r.a = id(col[0]);
    r.b = id(col[1]);
    if (r.a == r.b) fail("a transition joins two distinct minima (a == b)");
    if (r.a > r.b) fail("rows must have a < b");
    r.count_ab = count(col[2]);
    r.count_ba = count(col[3]);
    // Both are >= 0: no sum, which overflows for counts near 2^63 (UBSan, tls-fuzz).
    if (r.count_ab == 0 && r.count_ba == 0) fail("a transition must have been seen at least once");
    r.runs = count(col[4]);
    r.first_run = count(col[5]);
    r.first_time = t.number(col[6]);
    r.first_depth = static_cast<int>(count(col[7]));
    r.max_depth = static_cast<int>(count(col[8]));
    r.E_a = t.number(col[9]);
    r.E_b = t.number(col[10]);
    if (!seen.emplace(r.a, r.b).second) fail("pair " + std::to_string(r.a) + "-" + std::to_string(r.b) + " listed twice");
    rows.push_back(r);
  }
  return rows;
}

}  // namespace tls
