// Reader and writer of tls-spectrum tables.
#include "tls/io/spectrum_table.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/io/text.hpp"

namespace tls {

void write_spectrum_table(std::ostream& out, const Metadata& meta, const GlassInfo& glass,
                          const std::vector<double>& lambda, const std::vector<double>& zero) {
  TableWriter w(out, "spectrum", kSpectrumMajor, kSpectrumMinor);
  write_stage_meta(w, meta, glass);
  w.meta("zero_modes", std::to_string(zero.size()));
  std::string z;
  for (double v : zero) z += (z.empty() ? "" : ",") + format_double(v);
  w.meta("zero_eigenvalues", z);
  w.meta("units", "lambda in epsilon/sigma^2 (omega^2, m = 1); hbar omega / epsilon = sqrt(lambda / m~)");
  w.columns({"k", "lambda"});
  for (std::size_t k = 0; k < lambda.size(); ++k) w.row({static_cast<long>(k), lambda[k]});
}

SpectrumTable read_spectrum_table(const std::string& path) {
  TableReader r(path);
  return read_spectrum_table(r);
}

SpectrumTable read_spectrum_table(TableReader& r) {
  auto t = start_stage_table<SpectrumTable>(r, "spectrum", kSpectrumMajor);
  if (!t.glass.particles) throw DataError(r.source(), 0, "no '##particles=' line");
  const auto zm = r.meta("zero_modes");
  if (!zm) throw DataError(r.source(), 0, "no '##zero_modes=' line");
  const double z = parse_double(trim(*zm), r.source(), 0, "'##zero_modes='");
  if (!(z >= 0 && z == std::floor(z) && z < 3.0 * static_cast<double>(*t.glass.particles)))
    throw DataError(r.source(), 0, "'##zero_modes=' must be an integer in [0, 3N)");
  t.zero_modes = static_cast<int>(z);
  const int c = r.column("lambda");
  while (r.next()) {
    const double v = r.number(c);
    if (!t.lambda.empty() && v < t.lambda.back())
      throw DataError(r.source(), r.line(), "eigenvalues must be ascending");
    t.lambda.push_back(v);
  }
  const long expected = 3 * *t.glass.particles - t.zero_modes;
  if (static_cast<long>(t.lambda.size()) != expected)
    throw DataError(
        r.source(), 0,
        std::to_string(t.lambda.size()) + " eigenvalues, expected 3N - zero_modes = " + std::to_string(expected));
  if (!t.lambda.empty() && t.lambda.front() < -1e-8 * std::max(std::fabs(t.lambda.back()), std::fabs(t.lambda.front())))
    throw DataError(r.source(), 0, "negative eigenvalue " + format_sci(t.lambda.front(), 3) + ": not a minimum");
  return t;
}

}  // namespace tls
