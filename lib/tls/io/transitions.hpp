// The transitions table `tls-transitions` 1.0 (docs/formats/tls-transitions.md): one row per pair of
// minima seen as consecutive inherent structures (after bisection) in an exploration, with counts in
// both directions and the first sighting. Written by tls-explore, read by tls-pairs.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "tls/io/table.hpp"

namespace tls {

inline constexpr int kTransitionsMajor = 1;
inline constexpr int kTransitionsMinor = 0;

/// One undirected pair of minima a < b (library ids) and what was seen of it.
struct TransitionRecord {
  std::uint64_t a = 0, b = 0;   ///< a < b
  long long count_ab = 0;       ///< transitions a -> b
  long long count_ba = 0;       ///< transitions b -> a
  long long runs = 0;           ///< number of runs in which it was seen
  long long first_run = 0;      ///< run of the first sighting
  double first_time = 0;        ///< MD time into that run (tau) of the first sighting
  int first_depth = 0;          ///< bisection depth of the first sighting
  int max_depth = 0;            ///< deepest bisection over all sightings
  double E_a = 0, E_b = 0;      ///< total energies of the minima (eps), for convenience
};

/// Writes the table: `metadata` (provenance, glass, settings) then one row per record, in order.
void write_transitions(std::ostream& out, const Metadata& metadata, const std::vector<TransitionRecord>& rows);

/// Reads a transitions table ("-" = stdin). Throws InputError/DataError: another format or major,
/// missing columns, non-integer ids or counts, a == b, a > b, negative or all-zero counts, NaN or
/// infinite numbers, duplicate pairs. `metadata` receives the ## lines.
std::vector<TransitionRecord> read_transitions(const std::string& path, Metadata* metadata = nullptr);

}  // namespace tls
