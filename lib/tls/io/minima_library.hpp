// The minima library: schema `tls-minima` 1.0 on the tls-bin container (docs/formats/tls-minima.md).
// One file per glass holds the glass (N, box, diameters) once and then each distinct minimum once,
// with full-precision positions. Append-only, so exploration can add minima later and a killed run
// loses at most its torn last record.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "tls/io/binary.hpp"
#include "tls/io/table.hpp"
#include "tls/model/configuration.hpp"

namespace tls {

inline constexpr const char* kMinimaSchema = "tls-minima";
inline constexpr std::uint16_t kMinimaMajor = 1;
inline constexpr std::uint16_t kMinimaMinor = 1;  ///< 1.1 adds tls-explore's EXPL and RUNS records

/// The glass a library belongs to: every minimum shares N, the box and the diameters.
struct GlassHeader {
  std::string glass;          ///< glass identifier (free text, e.g. "Tf0.062-g017")
  Box box;
  Eigen::VectorXd diameters;  ///< N
  Metadata metadata;          ///< provenance of the library (tool, command, seed, ...)

  int size() const { return static_cast<int>(diameters.size()); }
  /// A configuration of this glass with the given positions.
  Configuration configuration(const Eigen::Ref<const Eigen::VectorXd>& positions) const;
};

/// Builds the header of a glass from a configuration.
GlassHeader glass_header(const Configuration& c, const std::string& glass);

/// True when two headers describe the same glass (same N, box side and diameters, bit for bit).
bool same_glass(const GlassHeader& a, const GlassHeader& b);
/// Throws DataError naming `source` unless same_glass(a, b).
void require_same_glass(const GlassHeader& expected, const GlassHeader& got, const std::string& source);

/// Fingerprint of a glass: CRC-32 of N (u64), L (f64) and the N diameters (f64), little-endian.
/// Tables about one glass carry it as `##glass_crc32=` so that a library of another glass is refused.
std::uint32_t glass_fingerprint(const GlassHeader& h);
/// The metadata lines that tie a table to its glass: glass, particles, box, glass_crc32.
Metadata glass_metadata(const GlassHeader& h);
/// Throws DataError naming `source` unless the table's glass metadata (`##particles=`, `##box=`,
/// `##glass_crc32=`, each checked when present; at least glass_crc32 must be) matches `h`.
void require_glass_metadata(const Metadata& table_metadata, const GlassHeader& h, const std::string& source,
                            const std::string& library_name);

/// One inherent structure.
struct Minimum {
  std::uint64_t id = 0;       ///< unique within the library, assigned by the writer's owner
  double energy = 0;          ///< total potential energy (eps)
  double max_force = 0;       ///< max_i |F_i| at which the minimiser stopped
  Eigen::VectorXd positions;  ///< 3N, unwrapped
};

/// Appends minima to a library file. create() starts a new file (replacing any); append() checks
/// the glass and continues after the last complete record (cutting off a torn one).
class MinimaWriter {
 public:
  static MinimaWriter create(const std::string& path, const GlassHeader& header);
  static MinimaWriter append(const std::string& path, const GlassHeader& header, bool* repaired = nullptr);
  void add(const Minimum& m);
  /// Writes a record of another tag (schema extensions such as tls-explore's RUNS records).
  void record(bin::Tag tag, const std::vector<char>& payload) { writer_.record(tag, payload); }
  /// Makes everything added so far durable (flush + fsync).
  void sync() { writer_.sync(); }

 private:
  MinimaWriter(bin::Writer w, int n) : writer_(std::move(w)), n_(n) {}
  bin::Writer writer_;
  int n_;
};

/// Reads a library: header first, then minima in the order they were added. Throws InputError /
/// DataError (wrong schema, torn or corrupt record, positions of the wrong size, NaN).
class MinimaReader {
 public:
  explicit MinimaReader(const std::string& path);
  const GlassHeader& header() const { return header_; }
  /// Next minimum, skipping records of other tags; false at the end.
  bool next(Minimum& m);
  /// Next record of any tag (offset included), undecoded; false at the end. For schema extensions.
  bool next_record(bin::Record& r) { return reader_.next(r); }
  /// True for MINI records; decode() checks and decodes one.
  static bool is_minimum(const bin::Record& r);
  Minimum decode(const bin::Record& r) const;

 private:
  bin::Reader reader_;
  GlassHeader header_;
  std::unordered_set<std::uint64_t> ids_;  ///< of the minima read so far: an id twice is corrupt
};

/// The configuration of minimum `id` of a library (its glass, box and diameters); throws DataError
/// naming the file when the library has no such minimum.
Configuration read_library_minimum(const std::string& path, std::uint64_t id);

/// Reads a whole library.
std::vector<Minimum> read_minima(const std::string& path, GlassHeader* header = nullptr);

}  // namespace tls
