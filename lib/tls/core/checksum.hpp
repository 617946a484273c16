// CRC-32 checksums (Boost.CRC) of byte ranges and files, for provenance lines and binary records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tls {

/// CRC-32 (IEEE 802.3, as zlib) of a byte range.
std::uint32_t crc32(const void* data, std::size_t size);
inline std::uint32_t crc32(std::string_view s) { return crc32(s.data(), s.size()); }

/// CRC-32 of a file's whole content; throws InputError when it cannot be read.
std::uint32_t crc32_file(const std::string& path);

/// Eight lower-case hex digits.
std::string hex32(std::uint32_t value);

}  // namespace tls
