// tls-neb's checkpoint: schema `tls-neb-checkpoint` 1.0 on the tls-bin container
// (docs/formats/tls-neb-checkpoint.md). A `RUNK` record holds the run's key (inputs and every
// option that changes results); then one `PAIR` record per finished pair, appended and synced as
// pairs finish, in any order. A killed run leaves at most a torn last record, which is cut off.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tls/io/binary.hpp"
#include "tls/neb/pair.hpp"

namespace tls::neb {

inline constexpr const char* kCheckpointSchema = "tls-neb-checkpoint";

/// A finished pair as stored: its position in the input, its id, and its result (band positions
/// are never stored; node positions only where `keep_positions` said so when it was written).
struct StoredPair {
  std::uint64_t index = 0;
  std::string id;
  PairResult result;
};

/// Serialises a pair; the positions of chain node k are stored when keep_positions[k].
std::vector<char> encode_pair(std::uint64_t index, const std::string& id, const PairResult& r,
                              const std::vector<bool>& keep_positions);
/// Reads what encode_pair wrote; `dimension` is 3N. Throws DataError naming `source`.
StoredPair decode_pair(const std::vector<char>& data, const std::string& source, Eigen::Index dimension);

class Checkpoint {
 public:
  /// Opens `path`: resumes when it exists and holds `key` (a torn last record is cut off); creates
  /// it when absent, or when `restart`. Throws DataError when it exists with another key.
  Checkpoint(const std::string& path, const std::string& key, bool restart, Eigen::Index dimension);
  /// Pairs finished by earlier runs.
  const std::vector<StoredPair>& stored() const { return stored_; }
  bool repaired() const { return repaired_; }
  /// Appends one pair and makes it durable. Thread-safe.
  void add(const std::vector<char>& payload);

 private:
  std::string path_;
  std::optional<bin::Writer> writer_;
  std::vector<StoredPair> stored_;
  std::mutex mutex_;
  bool repaired_ = false;
};

}  // namespace tls::neb
