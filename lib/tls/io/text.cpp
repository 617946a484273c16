// Text parsing helpers built on std::from_chars / std::to_chars (locale-independent, exact).
#include "tls/io/text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "tls/core/error.hpp"

namespace tls {

bool LineCursor::next(std::string_view& line) {
  if (pos_ >= text_.size()) return false;
  const auto end = text_.find('\n', pos_);
  const auto stop = end == std::string_view::npos ? text_.size() : end;
  line = text_.substr(pos_, stop - pos_);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  pos_ = end == std::string_view::npos ? text_.size() : end + 1;
  ++line_;
  return true;
}

void LineCursor::fail(const std::string& message) const { throw DataError(source_, line_, message); }

std::vector<std::string_view> split_ws(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    if (i >= s.size()) break;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<std::string_view> split_on(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  for (;;) {
    const auto j = s.find(sep, i);
    if (j == std::string_view::npos) {
      out.push_back(s.substr(i));
      return out;
    }
    out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

double parse_double(std::string_view token, const std::string& source, long line, const std::string& what,
                    bool allow_nonfinite) {
  double v = 0;
  std::string_view t = token;
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || ptr != t.data() + t.size())
    throw DataError(source, line, what + ": expected a number, got " + echo_token(token));
  if (!allow_nonfinite && !std::isfinite(v))
    throw DataError(source, line, what + ": value is not finite (" + echo_token(token) + ")");
  return v;
}

long long parse_int(std::string_view token, const std::string& source, long line, const std::string& what) {
  long long v = 0;
  std::string_view t = token;
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || ptr != t.data() + t.size())
    throw DataError(source, line, what + ": expected an integer, got " + echo_token(token));
  return v;
}

namespace {
void append_escaped(std::string& out, std::string_view s) {
  for (const char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    if (u < 0x20 || u >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += ch;
    }
  }
}
}  // namespace

std::string echo_token(std::string_view token, std::size_t max) {
  std::string out = "'";
  append_escaped(out, token.substr(0, max));
  out += token.size() > max ? "...' (" + std::to_string(token.size()) + " bytes)" : "'";
  return out;
}

std::string printable(std::string_view message, std::size_t max) {
  std::string out;
  append_escaped(out, message.substr(0, max));
  if (message.size() > max) out += "... (" + std::to_string(message.size()) + " bytes)";
  return out;
}

}  // namespace tls
