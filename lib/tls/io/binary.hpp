// The tls-bin container (docs/formats/tls-bin.md): a versioned, append-only binary file of
// checksummed records, used for bulk data (minima libraries, trajectories, checkpoints).
//
//   header (64 bytes): magic "\x89TLSBIN\n", u16 container major, u16 minor, char[28] schema name,
//                      u16 schema major, u16 schema minor, u32 flags (0), 16 reserved zero bytes
//   records:           char[4] tag, u32 flags (0), u64 payload length, payload, u32 CRC-32 of all
//                      preceding bytes of the record
// Little-endian throughout. A torn last record (killed writer) is detected by its length or CRC and
// never read as data; appending first cuts it off.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace tls::bin {

inline constexpr std::uint16_t kContainerMajor = 1;
inline constexpr std::uint16_t kContainerMinor = 0;
inline constexpr std::size_t kHeaderSize = 64;

struct Schema {
  std::string name;  ///< at most 27 characters, e.g. "tls-minima"
  std::uint16_t major = 1;
  std::uint16_t minor = 0;
};

using Tag = std::array<char, 4>;
constexpr Tag tag(const char (&s)[5]) { return {s[0], s[1], s[2], s[3]}; }

/// Builds a record payload: raw little-endian values.
class PayloadWriter {
 public:
  template <class T>
  void put(const T& v) {
    const auto* p = reinterpret_cast<const char*>(&v);
    data_.insert(data_.end(), p, p + sizeof(T));
  }
  void put_bytes(const void* p, std::size_t n) {
    const auto* c = static_cast<const char*>(p);
    data_.insert(data_.end(), c, c + n);
  }
  void put_string(std::string_view s) {
    put(static_cast<std::uint32_t>(s.size()));
    put_bytes(s.data(), s.size());
  }
  const std::vector<char>& data() const { return data_; }

 private:
  std::vector<char> data_;
};

/// Reads a record payload with bounds checks (DataError "record too short" on overrun).
class PayloadReader {
 public:
  PayloadReader(const std::vector<char>& data, std::string source) : data_(data), source_(std::move(source)) {}
  template <class T>
  T get() {
    T v;
    get_bytes(&v, sizeof(T));
    return v;
  }
  void get_bytes(void* p, std::size_t n);
  std::string get_string();
  bool at_end() const { return pos_ == data_.size(); }
  std::size_t remaining() const { return data_.size() - pos_; }

 private:
  const std::vector<char>& data_;
  std::string source_;
  std::size_t pos_ = 0;
};

struct Record {
  Tag tag{};
  std::vector<char> payload;
  std::uint64_t offset = 0;  ///< byte offset of the record in the file
};

/// Sequential reader. Throws InputError (cannot open) and DataError (bad magic, unknown major
/// version, wrong schema, corrupt or torn record).
class Reader {
 public:
  Reader(const std::string& path, const std::string& expected_schema, std::uint16_t schema_major);
  const Schema& schema() const { return schema_; }
  /// Next record; false at a clean end of file.
  bool next(Record& r);
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::ifstream in_;
  Schema schema_;
  std::uint64_t offset_ = kHeaderSize;
  std::uint64_t size_ = 0;
};

/// Writes a whole new file (use with AtomicOutput for atomicity) or appends to an existing one.
class Writer {
 public:
  /// Creates `path` with a fresh header, replacing any file there. Throws OutputError.
  static Writer create(const std::string& path, const Schema& schema);
  /// Opens an existing file for appending after checking its header and records; a torn last
  /// record is cut off (and reported through `repaired`). Throws InputError/DataError.
  static Writer append(const std::string& path, const std::string& expected_schema, std::uint16_t schema_major,
                       bool* repaired = nullptr);

  void record(Tag t, const std::vector<char>& payload);
  /// Flushes and fsyncs so every record written so far survives a crash.
  void sync();
  const std::string& path() const { return path_; }

 private:
  Writer(std::string path, std::fstream f) : path_(std::move(path)), out_(std::move(f)) {}
  std::string path_;
  std::fstream out_;
};

/// True when the file at `path` starts with the tls-bin magic (false if it cannot be read).
bool is_tls_bin(const std::string& path);

/// Serialises a header (exposed for tests that build corrupt files on purpose).
std::array<char, kHeaderSize> make_header(const Schema& schema);

}  // namespace tls::bin
