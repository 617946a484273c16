// Strict text parsing with file:line locations, and round-trip number formatting.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tls/core/format.hpp"

namespace tls {

/// Walks the lines of an in-memory text, counting line numbers (1-based) for error messages.
class LineCursor {
 public:
  LineCursor(std::string_view text, std::string source) : text_(text), source_(std::move(source)) {}
  /// Next line without its terminator ("\n" or "\r\n"); false at end of text.
  bool next(std::string_view& line);
  long line_number() const { return line_; }
  const std::string& source() const { return source_; }
  /// Throws DataError at the current line.
  [[noreturn]] void fail(const std::string& message) const;

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  long line_ = 0;
  std::string source_;
};

/// Splits on blanks and tabs.
std::vector<std::string_view> split_ws(std::string_view s);
/// Splits on one character (fields may be empty).
std::vector<std::string_view> split_on(std::string_view s, char sep);
std::string_view trim(std::string_view s);

/// Parses a whole token as a double; throws DataError(source:line) with `what` naming the field.
/// Non-finite values (nan, inf) are rejected unless allow_nonfinite.
double parse_double(std::string_view token, const std::string& source, long line, const std::string& what,
                    bool allow_nonfinite = false);
/// Parses a whole token as a 64-bit integer.
long long parse_int(std::string_view token, const std::string& source, long line, const std::string& what);


/// A token as it is safe to echo in an error message: in single quotes, control and non-ASCII bytes
/// as \xNN, cut after `max` bytes with the full length named ('777...' (200000 bytes)).
std::string echo_token(std::string_view token, std::size_t max = 40);
/// Escapes control bytes (\xNN) and cuts a whole message after `max` bytes (for the error printer).
std::string printable(std::string_view message, std::size_t max = 1000);

}  // namespace tls
