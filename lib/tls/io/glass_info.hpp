// The glass a table belongs to (`##glass=`, `##particles=` metadata), carried from tls-neb's
// tables through tls-split to tls-density (docs/formats/tls-profile.md).
#pragma once

#include <optional>
#include <string>

#include "tls/io/table.hpp"

namespace tls {

struct GlassInfo {
  std::optional<std::string> glass;  ///< `##glass=<id string>`: identifies one glass (any text, no tabs)
  std::optional<long> particles;     ///< `##particles=<N>`: particles in that glass (N > 0)

  /// Reads both keys from a table's metadata (the last occurrence wins). Throws DataError (naming
  /// `source`) when `particles` is not a positive integer or `glass` is empty.
  static GlassInfo from(const Metadata& meta, const std::string& source);
  /// Appends the keys that are set, as `##glass=` and `##particles=` lines.
  void append_to(Metadata& meta) const;
};

/// Checks a stage table's format (`tls-<name>`, major version) and starts its in-memory form:
/// `Table` has members `source` (std::string) and `glass` (GlassInfo). Throws DataError.
template <class Table>
Table start_stage_table(const TableReader& r, const std::string& name, int major) {
  r.expect(name, major);
  Table t;
  t.source = r.source();
  t.glass = GlassInfo::from(r.metadata(), r.source());
  return t;
}

/// Writes the metadata of a stage table: `meta` (provenance and method) then the glass keys.
void write_stage_meta(TableWriter& w, const Metadata& meta, const GlassInfo& glass);

}  // namespace tls
