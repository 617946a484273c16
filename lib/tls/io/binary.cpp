// tls-bin container: header, checksummed records, torn-tail detection and repair.
#include "tls/io/binary.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <filesystem>

#include "tls/core/checksum.hpp"
#include "tls/core/error.hpp"

namespace tls::bin {

static_assert(std::endian::native == std::endian::little, "tls-bin is little-endian; big-endian hosts are not supported");

namespace {
constexpr char kMagic[8] = {'\x89', 'T', 'L', 'S', 'B', 'I', 'N', '\n'};
constexpr std::size_t kRecordHead = 16;

struct ParsedHeader {
  std::uint16_t major, minor;
  Schema schema;
};

ParsedHeader parse_header(const char* h, const std::string& path) {
  if (std::memcmp(h, kMagic, 8) != 0) throw DataError(path, 0, "not a tls-bin file (bad magic)");
  ParsedHeader p;
  std::memcpy(&p.major, h + 8, 2);
  std::memcpy(&p.minor, h + 10, 2);
  if (p.major != kContainerMajor)
    throw DataError(path, 0, "tls-bin container version " + std::to_string(p.major) + " is not supported");
  p.schema.name.assign(h + 12, strnlen(h + 12, 28));
  std::memcpy(&p.schema.major, h + 40, 2);
  std::memcpy(&p.schema.minor, h + 42, 2);
  return p;
}

void check_schema(const Schema& s, const std::string& expected, std::uint16_t major, const std::string& path) {
  if (s.name != expected) throw DataError(path, 0, "expected a " + expected + " file, got " + s.name);
  if (s.major != major)
    throw DataError(path, 0, expected + " version " + std::to_string(s.major) + "." + std::to_string(s.minor) +
                                 " is not supported (this reader knows " + std::to_string(major) + ".x)");
}

// Reads one record at the stream position; returns false on a clean end, throws on corruption.
// `torn` is set instead of throwing when the damage is an incomplete last record.
bool read_record(std::istream& in, std::uint64_t offset, std::uint64_t size, const std::string& path, Record& r,
                 bool* torn) {
  if (offset == size) return false;
  auto fail = [&](const std::string& what, bool is_tail) -> bool {
    if (is_tail && torn) {
      *torn = true;
      return false;
    }
    throw DataError(path, 0, "record at byte " + std::to_string(offset) + ": " + what);
  };
  if (size - offset < kRecordHead + 4) return fail("truncated record header (file cut short?)", true);
  char head[kRecordHead];
  in.read(head, kRecordHead);
  std::uint64_t len;
  std::memcpy(&len, head + 8, 8);
  if (len > size - offset - kRecordHead - 4) return fail("record runs past the end of the file (file cut short?)", true);
  r.payload.resize(len);
  in.read(r.payload.data(), static_cast<std::streamsize>(len));
  std::uint32_t crc;
  in.read(reinterpret_cast<char*>(&crc), 4);
  if (!in) throw IoError(path, "read failed");
  std::vector<char> all(head, head + kRecordHead);
  all.insert(all.end(), r.payload.begin(), r.payload.end());
  if (tls::crc32(all.data(), all.size()) != crc) {
    const bool last = offset + kRecordHead + len + 4 == size;
    return fail("checksum mismatch (corrupt data)", last);
  }
  std::memcpy(r.tag.data(), head, 4);
  r.offset = offset;
  return true;
}
}  // namespace

void PayloadReader::get_bytes(void* p, std::size_t n) {
  if (n > data_.size() - pos_) throw DataError(source_, 0, "record too short for its schema");
  if (n == 0) return;  // memcpy from an empty payload's null data() is undefined even for 0 bytes
  std::memcpy(p, data_.data() + pos_, n);
  pos_ += n;
}

std::string PayloadReader::get_string() {
  const auto n = get<std::uint32_t>();
  // Checked before allocating: a corrupt length (4e9) is bad data, not 4 GB of zeros.
  if (n > remaining())
    throw DataError(source_, 0, "record too short for its schema (string of " + std::to_string(n) + " bytes)");
  std::string s(n, '\0');
  get_bytes(s.data(), n);
  return s;
}

bool is_tls_bin(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char m[8];
  return in.read(m, 8) && std::memcmp(m, kMagic, 8) == 0;
}

std::array<char, kHeaderSize> make_header(const Schema& schema) {
  if (schema.name.size() > 27) throw InternalError("tls-bin schema name too long");
  std::array<char, kHeaderSize> h{};
  std::memcpy(h.data(), kMagic, 8);
  std::memcpy(h.data() + 8, &kContainerMajor, 2);
  std::memcpy(h.data() + 10, &kContainerMinor, 2);
  std::memcpy(h.data() + 12, schema.name.data(), schema.name.size());
  std::memcpy(h.data() + 40, &schema.major, 2);
  std::memcpy(h.data() + 42, &schema.minor, 2);
  return h;
}

Reader::Reader(const std::string& path, const std::string& expected_schema, std::uint16_t schema_major)
    : path_(path), in_(path, std::ios::binary) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(path, "is a directory");
  if (!in_) throw InputError(path, std::strerror(errno));
  size_ = std::filesystem::file_size(path, ec);
  if (size_ < kHeaderSize) throw DataError(path, 0, size_ == 0 ? "empty file" : "file too short for a tls-bin header");
  char h[kHeaderSize];
  in_.read(h, kHeaderSize);
  schema_ = parse_header(h, path).schema;
  check_schema(schema_, expected_schema, schema_major, path);
}

bool Reader::next(Record& r) {
  if (!read_record(in_, offset_, size_, path_, r, nullptr)) return false;
  offset_ += kRecordHead + r.payload.size() + 4;
  return true;
}

Writer Writer::create(const std::string& path, const Schema& schema) {
  std::fstream f(path, std::ios::out | std::ios::binary | std::ios::trunc);
  if (!f) throw OutputError(path, std::strerror(errno));
  const auto h = make_header(schema);
  f.write(h.data(), kHeaderSize);
  return Writer(path, std::move(f));
}

Writer Writer::append(const std::string& path, const std::string& expected_schema, std::uint16_t schema_major,
                      bool* repaired) {
  std::uint64_t good_end = kHeaderSize;
  bool torn = false;
  {
    Reader reader(path, expected_schema, schema_major);
    std::ifstream in(path, std::ios::binary);
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    in.seekg(static_cast<std::streamoff>(kHeaderSize));
    Record r;
    while (read_record(in, good_end, size, path, r, &torn)) good_end += kRecordHead + r.payload.size() + 4;
  }
  if (torn) std::filesystem::resize_file(path, good_end);
  if (repaired) *repaired = torn;
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  if (!f) throw OutputError(path, std::strerror(errno));
  f.seekp(static_cast<std::streamoff>(good_end));
  return Writer(path, std::move(f));
}

void Writer::record(Tag t, const std::vector<char>& payload) {
  std::vector<char> all(kRecordHead);
  std::memcpy(all.data(), t.data(), 4);
  const std::uint64_t len = payload.size();
  std::memcpy(all.data() + 8, &len, 8);
  all.insert(all.end(), payload.begin(), payload.end());
  const std::uint32_t crc = tls::crc32(all.data(), all.size());
  out_.write(all.data(), static_cast<std::streamsize>(all.size()));
  out_.write(reinterpret_cast<const char*>(&crc), 4);
  if (!out_) throw IoError(path_, "write failed");
}

void Writer::sync() {
  out_.flush();
  if (!out_) throw IoError(path_, "write failed");
  const int fd = ::open(path_.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace tls::bin
