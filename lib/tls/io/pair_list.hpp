// The pair list `tls-pairs` 1.1 (docs/formats/tls-pairs.md): candidate pairs of minima of one glass,
// oriented so that `a` is the deeper minimum (xi = 0), with end-to-end distance, participation
// ratios and transition counts. Written by tls-pairs, read by tls-neb.
#pragma once

#include <cstdint>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "tls/io/minima_library.hpp"
#include "tls/io/table.hpp"

namespace tls {

inline constexpr int kPairsMajor = 1;
inline constexpr int kPairsMinor = 1;

/// One candidate pair. Energies in eps, lengths in sigma.
struct PairRecord {
  std::uint64_t pair = 0;      ///< unique in the file
  std::uint64_t a = 0, b = 0;  ///< library ids; E_a <= E_b (xi = 0 is a)
  double E_a = 0, E_b = 0;
  double dE = 0;                ///< E_b - E_a >= 0
  double distance = 0;          ///< |x_b - x_a| (minimum image, centre-of-mass shift removed)
  double max_displacement = 0;  ///< largest particle displacement, same convention
  double PR = 0;                ///< d^4 / sum_{i,mu} d_{i,mu}^4, in 1..3N
  double PR_particle = 0;       ///< d^4 / sum_i |d_i|^4, in 1..N
  long long count_ab = 0;       ///< observed transitions a -> b
  long long count_ba = 0;       ///< observed transitions b -> a
  bool connected = false;       ///< observed as a transition at all
  double disp2 = 0;             ///< 2nd largest particle displacement (1.1; 0 when read from 1.0)
  double disp3 = 0;             ///< 3rd largest particle displacement (1.1; 0 when read from 1.0)
};

/// The metadata of a pair list besides provenance.
struct PairListInfo {
  Metadata provenance;  ///< tool, command, seed, input lines
  Metadata glass;       ///< glass_metadata() of the library
  std::string library;  ///< file name of the library
  std::string selection = "connected";
  double max_dE = std::numeric_limits<double>::infinity();
  double min_dE = 0;
  double max_distance = std::numeric_limits<double>::infinity();
  long long min_count = 1;  ///< connected mode: pairs seen at least this often
};

/// Writes the table.
void write_pairs(std::ostream& out, const PairListInfo& info, const std::vector<PairRecord>& pairs);

/// A pair as a stage that computes pairs needs it: its id (any text without blanks) and its two
/// minima, with the line it was read from (for errors that come later, such as a missing minimum).
struct PairRef {
  std::string id;
  std::uint64_t a = 0, b = 0;
  long line = 0;
};

/// Reads the pairs of a pair list ("-" = stdin), of tls-pairs or written by hand: columns `pair`
/// (or `id`), `a`, `b`; others are ignored; a == b is allowed (the caller labels it). Throws
/// InputError, or DataError (file:line) for another format or major, an empty id, an id with
/// blanks or given twice, a negative minimum id. `metadata` receives the ## lines.
std::vector<PairRef> read_pair_refs(const std::string& path, Metadata* metadata = nullptr);

/// Reads a pair list ("-" = stdin). Throws InputError/DataError: another format or major, missing
/// columns (disp2 and disp3, added in 1.1, may be absent: 0 then), NaN or infinite numbers, a == b,
/// dE < 0, duplicate pair ids. `metadata` receives the ## lines (check the glass with require_glass_metadata() against
/// the library).
std::vector<PairRecord> read_pairs(const std::string& path, Metadata* metadata = nullptr);

}  // namespace tls
