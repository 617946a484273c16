// The minima library: schema `tls-minima` 1.0 on the tls-bin container (docs/formats/tls-minima.md).
// One file per glass holds the glass (N, box, diameters) once and then each distinct minimum once,
// with full-precision positions. Append-only, so exploration can add minima later and a killed run
// loses at most its torn last record.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tls/io/binary.hpp"
#include "tls/io/table.hpp"
#include "tls/model/configuration.hpp"

namespace tls {

inline constexpr const char* kMinimaSchema = "tls-minima";
inline constexpr std::uint16_t kMinimaMajor = 1;
inline constexpr std::uint16_t kMinimaMinor = 0;

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
  bool next(Minimum& m);

 private:
  bin::Reader reader_;
  GlassHeader header_;
};

/// Reads a whole library.
std::vector<Minimum> read_minima(const std::string& path, GlassHeader* header = nullptr);

}  // namespace tls
