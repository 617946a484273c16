// Reader and writer of tls-dwp tables.
#include "tls/io/dwp_table.hpp"

#include <cmath>
#include <ostream>
#include <set>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/io/text.hpp"

namespace tls {

void write_dwp_table(std::ostream& out, const Metadata& meta, const GlassInfo& glass,
                     const std::vector<DwpRecord>& rows, const Metadata& after) {
  TableWriter w(out, "dwp", kDwpMajor, kDwpMinor);
  write_stage_meta(w, meta, glass);
  w.meta(after);
  w.columns({"id",          "dV",          "Va",           "Vb",           "d",           "d_end",
             "PR",          "PR_particle", "d_sqrtPR",     "pair",         "kind",        "a",
             "b",           "Ea",          "Eb",           "xi_saddle",    "images",      "iterations",
             "force_calls", "max_force",   "saddle_force", "saddle_order", "continuation"});
  for (const auto& x : rows)
    w.row({x.id,          x.dV,          x.Va,           x.Vb,           x.d,           x.d_end,
           x.PR,          x.PR_particle, x.d_sqrtPR,     x.pair,         x.kind,        x.a,
           x.b,           x.Ea,          x.Eb,           x.xi_saddle,    x.images,      x.iterations,
           x.force_calls, x.max_force,   x.saddle_force, x.saddle_order, x.continuation});
}

DwpTable read_dwp_table(const std::string& path) {
  TableReader r(path);
  return read_dwp_table(r);
}

DwpTable read_dwp_table(TableReader& r) {
  auto t = start_stage_table<DwpTable>(r, "dwp", kDwpMajor);
  const int c_id = r.column("id"), c_dv = r.column("dV"), c_vb = r.column("Vb"), c_d = r.column("d"),
            c_pr = r.column("PR");
  const int c_va = r.find_column("Va"), c_end = r.find_column("d_end"), c_prp = r.find_column("PR_particle"),
            c_dpr = r.find_column("d_sqrtPR");
  const int c_pair = r.find_column("pair"), c_kind = r.find_column("kind"), c_a = r.find_column("a"),
            c_b = r.find_column("b"), c_ea = r.find_column("Ea"), c_eb = r.find_column("Eb"),
            c_xs = r.find_column("xi_saddle"), c_im = r.find_column("images"), c_it = r.find_column("iterations"),
            c_fc = r.find_column("force_calls"), c_mf = r.find_column("max_force"),
            c_sf = r.find_column("saddle_force"), c_so = r.find_column("saddle_order"),
            c_cont = r.find_column("continuation");
  std::set<std::string> seen;
  while (r.next()) {
    DwpRecord x;
    x.id = std::string(trim(r.field(c_id)));
    if (x.id.empty()) throw DataError(r.source(), r.line(), "empty id");
    x.dV = r.number(c_dv);
    x.Vb = r.number(c_vb);
    x.d = r.number(c_d);
    x.PR = r.number(c_pr);
    if (c_va >= 0) x.Va = r.number(c_va);
    if (c_end >= 0) x.d_end = r.number(c_end);
    if (c_prp >= 0) x.PR_particle = r.number(c_prp);
    // Computed when absent from the same end-to-end displacement as PR (d_end; d without it).
    x.d_sqrtPR = c_dpr >= 0 ? r.number(c_dpr) : (c_end >= 0 ? x.d_end : x.d) / std::sqrt(x.PR);
    if (c_pair >= 0) x.pair = std::string(trim(r.field(c_pair)));
    if (c_kind >= 0) x.kind = std::string(trim(r.field(c_kind)));
    if (c_cont >= 0) x.continuation = std::string(trim(r.field(c_cont)));
    for (auto [c, v] : {std::pair{c_a, &x.a},
                        {c_b, &x.b},
                        {c_im, &x.images},
                        {c_it, &x.iterations},
                        {c_fc, &x.force_calls},
                        {c_so, &x.saddle_order}})
      if (c >= 0) *v = r.integer(c);
    for (auto [c, v] :
         {std::pair{c_ea, &x.Ea}, {c_eb, &x.Eb}, {c_xs, &x.xi_saddle}, {c_mf, &x.max_force}, {c_sf, &x.saddle_force}})
      if (c >= 0 && trim(r.field(c)) != "nan") *v = r.number(c);  // NaN: not recorded
    if (x.dV < 0)
      throw DataError(r.source(), r.line(),
                      "dV must be >= 0 (xi = 0 is the deeper minimum), got " + format_double(x.dV));
    if (!(x.d > 0)) throw DataError(r.source(), r.line(), "d must be positive, got " + format_double(x.d));
    if (!(x.PR >= 1)) throw DataError(r.source(), r.line(), "PR must be at least 1, got " + format_double(x.PR));
    if (!seen.insert(x.id).second) throw DataError(r.source(), r.line(), "id '" + x.id + "' appears twice");
    t.rows.push_back(std::move(x));
  }
  return t;
}

}  // namespace tls
