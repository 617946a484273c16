// The `tls-spectrum` table (docs/formats/tls-spectrum.md): the Hessian eigenvalues of one glass's
// inherent structure without its zero modes, written by `tls-minimize --spectrum` and read by
// tls-density for the harmonic specific heat (SPEC.md section 7).
//
// lambda in epsilon/sigma^2 (omega^2 in 1/tau^2 with m = 1); hbar omega / epsilon = sqrt(lambda / m~).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "tls/io/glass_info.hpp"
#include "tls/io/table.hpp"

namespace tls {

struct SpectrumTable {
  std::string source;
  GlassInfo glass;
  int zero_modes = 0;          ///< `##zero_modes=`: eigenvalues removed (the d translations)
  std::vector<double> lambda;  ///< ascending
};

inline constexpr int kSpectrumMajor = 1;
inline constexpr int kSpectrumMinor = 0;

/// Writes a tls-spectrum table: `meta` (provenance), the glass keys, `##zero_modes=` and
/// `##zero_eigenvalues=` (the removed values, for the record), then one row (k, lambda) per mode.
void write_spectrum_table(std::ostream& out, const Metadata& meta, const GlassInfo& glass,
                          const std::vector<double>& lambda, const std::vector<double>& zero);

/// Reads a tls-spectrum table ("-" = stdin). Required: columns `lambda` (finite, ascending, not
/// below -1e-8 times the largest), `##particles=` and `##zero_modes=` with 3N - zero_modes rows.
/// Throws InputError or DataError (file:line).
SpectrumTable read_spectrum_table(const std::string& path);
/// The same from a reader whose header has been read.
SpectrumTable read_spectrum_table(TableReader& reader);

}  // namespace tls
