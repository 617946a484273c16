// Reader and writer of tls-profile tables, with every check a double-well profile needs.
#include "tls/io/profile_table.hpp"

#include <map>
#include <ostream>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/io/text.hpp"

namespace tls {

namespace {

void check_sample_count(const Profile& p, const std::string& source) {
  if (p.xi.size() < 3)
    throw DataError(source, p.line,
                    "profile '" + p.id + "' has " + std::to_string(p.xi.size()) + " sample" +
                        (p.xi.size() == 1 ? "" : "s") + "; at least 3 are needed");
}

}  // namespace

ProfileTable read_profile_table(const std::string& path) {
  TableReader r(path);
  auto t = start_stage_table<ProfileTable>(r, "profile", kProfileMajor);
  const int c_id = r.column("id"), c_d = r.column("d"), c_xi = r.column("xi"), c_v = r.column("V");
  std::map<std::string, long> seen;  // id -> line of its first sample
  Profile* cur = nullptr;
  while (r.next()) {
    const std::string id(trim(r.field(c_id)));
    if (id.empty()) throw DataError(r.source(), r.line(), "empty id");
    const double d = r.number(c_d), xi = r.number(c_xi), v = r.number(c_v);
    if (!cur || cur->id != id) {
      if (cur) check_sample_count(*cur, t.source);
      if (const auto it = seen.find(id); it != seen.end())
        throw DataError(r.source(), r.line(),
                        "samples of id '" + id + "' are not contiguous (it first appeared at line " +
                            std::to_string(it->second) + ")");
      seen.emplace(id, r.line());
      t.profiles.push_back(Profile{id, d, {}, {}, r.line()});
      cur = &t.profiles.back();
      if (!(d > 0)) throw DataError(r.source(), r.line(), "d must be positive, got " + format_double(d));
    } else {
      if (d != cur->d)
        throw DataError(
            r.source(), r.line(),
            "d changes within id '" + id + "' (" + format_double(cur->d) + " then " + format_double(d) + ")");
      if (!(xi > cur->xi.back()))
        throw DataError(r.source(), r.line(),
                        "xi must increase strictly within id '" + id + "' (" + format_double(xi) + " after " +
                            format_double(cur->xi.back()) + ")");
    }
    cur->xi.push_back(xi);
    cur->v.push_back(v);
  }
  if (cur) check_sample_count(*cur, t.source);
  return t;
}

void write_profile_table(std::ostream& out, const Metadata& meta, const GlassInfo& glass,
                         const std::vector<Profile>& profiles) {
  TableWriter w(out, "profile", kProfileMajor, kProfileMinor);
  write_stage_meta(w, meta, glass);
  w.columns({"id", "d", "xi", "V"});
  for (const auto& p : profiles)
    for (std::size_t k = 0; k < p.xi.size(); ++k) w.row({p.id, p.d, p.xi[k], p.v[k]});
}

}  // namespace tls
