// CRC-32 through Boost.CRC.
#include "tls/core/checksum.hpp"

#include <boost/crc.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <vector>

#include "tls/core/error.hpp"

namespace tls {

std::uint32_t crc32(const void* data, std::size_t size) {
  boost::crc_32_type crc;
  crc.process_bytes(data, size);
  return crc.checksum();
}

std::uint32_t crc32_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, std::strerror(errno));
  boost::crc_32_type crc;
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    crc.process_bytes(buf.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw IoError(path, "read failed");
  return crc.checksum();
}

std::string hex32(std::uint32_t value) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", value);
  return buf;
}

}  // namespace tls
