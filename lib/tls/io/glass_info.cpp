// Reading and writing the `##glass=` / `##particles=` metadata of stage tables.
#include "tls/io/glass_info.hpp"

#include "tls/core/error.hpp"
#include "tls/io/text.hpp"

namespace tls {

GlassInfo GlassInfo::from(const Metadata& meta, const std::string& source) {
  GlassInfo g;
  for (const auto& [key, value] : meta) {
    if (key == "glass") {
      const auto v = trim(value);
      if (v.empty()) throw DataError(source, 0, "'##glass=' is empty");
      g.glass = std::string(v);
    } else if (key == "particles") {
      const long long n = parse_int(trim(value), source, 0, "'##particles='");
      if (n <= 0) throw DataError(source, 0, "'##particles=' must be a positive integer, got " + value);
      g.particles = static_cast<long>(n);
    }
  }
  return g;
}

void GlassInfo::append_to(Metadata& meta) const {
  if (glass) meta.emplace_back("glass", *glass);
  if (particles) meta.emplace_back("particles", std::to_string(*particles));
}

void write_stage_meta(TableWriter& w, const Metadata& meta, const GlassInfo& glass) {
  w.meta(meta);
  Metadata g;
  glass.append_to(g);
  w.meta(g);
}

}  // namespace tls
