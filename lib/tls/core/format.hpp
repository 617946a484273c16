// Locale-independent number formatting shared by every writer.
#pragma once

#include <charconv>
#include <cstdio>
#include <string>

namespace tls {

/// Shortest decimal text that reads back to exactly the same double.
inline std::string format_double(double v) {
  char buf[32];
  const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, ptr);
}

/// printf("%.17g"): the fixed 17 significant digits the configuration formats use.
inline std::string format_g17(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

/// printf-style fixed formatting for messages, e.g. format_fixed(0.2044404608, 10).
inline std::string format_fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

/// printf("%.*e") for messages.
inline std::string format_sci(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*e", decimals, v);
  return buf;
}

}  // namespace tls
