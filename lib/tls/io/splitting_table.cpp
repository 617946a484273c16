// Reader and writer of tls-splitting tables.
#include "tls/io/splitting_table.hpp"

#include <ostream>
#include <set>
#include <utility>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/io/text.hpp"

namespace tls {

const std::vector<std::string>& splitting_columns() {
  static const std::vector<std::string> cols = {"id",         "mass",      "d",    "dV",    "Vb",        "E1",
                                                "E2",         "splitting", "err",  "Delta", "Delta0",    "S_wkb",
                                                "Delta0_wkb", "rate_wkb",  "wall", "grid",  "precision", "flag"};
  return cols;
}

void write_splitting_table(std::ostream& out, const Metadata& meta, const GlassInfo& glass,
                           const std::vector<SplittingRecord>& rows) {
  TableWriter w(out, "splitting", kSplittingMajor, kSplittingMinor);
  write_stage_meta(w, meta, glass);
  w.columns(splitting_columns());
  for (const auto& s : rows)
    w.row({s.id, s.mass, s.d, s.dV, s.Vb, s.E1, s.E2, s.splitting, s.err, s.Delta, s.Delta0, s.S_wkb, s.Delta0_wkb,
           s.rate_wkb, s.wall, s.grid, s.precision, s.flag});
}

bool flag_has(const std::string& flag, const std::string& word) {
  for (auto w : split_on(flag, ','))
    if (trim(w) == word) return true;
  return false;
}

SplittingTable read_splitting_table(const std::string& path) {
  TableReader r(path);
  return read_splitting_table(r);
}

SplittingTable read_splitting_table(TableReader& r) {
  auto t = start_stage_table<SplittingTable>(r, "splitting", kSplittingMajor);
  if (const auto m = r.meta("masses")) {
    for (auto x : split_on(*m, ',')) {
      const double mass = parse_double(trim(x), r.source(), 0, "'##masses='");
      if (!(mass > 0)) throw DataError(r.source(), 0, "'##masses=' lists a non-positive mass");
      t.masses.push_back(mass);
    }
  }
  const int c_id = r.column("id"), c_mass = r.column("mass"), c_split = r.column("splitting");
  // Optional numeric columns: (column index, member).
  std::vector<std::pair<int, double SplittingRecord::*>> optional;
  const std::pair<const char*, double SplittingRecord::*> names[] = {{"d", &SplittingRecord::d},
                                                                     {"dV", &SplittingRecord::dV},
                                                                     {"Vb", &SplittingRecord::Vb},
                                                                     {"E1", &SplittingRecord::E1},
                                                                     {"E2", &SplittingRecord::E2},
                                                                     {"err", &SplittingRecord::err},
                                                                     {"Delta", &SplittingRecord::Delta},
                                                                     {"Delta0", &SplittingRecord::Delta0},
                                                                     {"S_wkb", &SplittingRecord::S_wkb},
                                                                     {"Delta0_wkb", &SplittingRecord::Delta0_wkb},
                                                                     {"rate_wkb", &SplittingRecord::rate_wkb},
                                                                     {"wall", &SplittingRecord::wall}};
  for (const auto& [name, member] : names)
    if (const int c = r.find_column(name); c >= 0) optional.emplace_back(c, member);
  const int c_grid = r.find_column("grid"), c_prec = r.find_column("precision"), c_flag = r.find_column("flag");
  std::set<std::pair<std::string, double>> seen;
  while (r.next()) {
    SplittingRecord s;
    s.id = std::string(trim(r.field(c_id)));
    if (s.id.empty()) throw DataError(r.source(), r.line(), "empty id");
    s.mass = r.number(c_mass);
    if (!(s.mass > 0)) throw DataError(r.source(), r.line(), "mass must be positive, got " + format_double(s.mass));
    const bool failed = c_flag >= 0 && flag_has(std::string(trim(r.field(c_flag))), "failed");
    s.splitting = r.number(c_split, failed);  // NaN only in rows flagged "failed"
    if (s.splitting < 0) throw DataError(r.source(), r.line(), "negative splitting " + format_double(s.splitting));
    for (const auto& [c, member] : optional) s.*member = r.number(c, true);
    if (c_grid >= 0) s.grid = static_cast<long>(r.integer(c_grid));
    if (c_prec >= 0) s.precision = std::string(trim(r.field(c_prec)));
    if (c_flag >= 0) s.flag = std::string(trim(r.field(c_flag)));
    if (!seen.emplace(s.id, s.mass).second)
      throw DataError(r.source(), r.line(), "id '" + s.id + "' appears twice for mass " + format_double(s.mass));
    t.rows.push_back(std::move(s));
  }
  return t;
}

}  // namespace tls
