// Throttled progress lines.
#include "tls/core/progress.hpp"

#include <cmath>

#include "tls/core/format.hpp"

namespace tls {

Progress::Progress(std::ostream& out, std::string label, double interval_s)
    : out_(out), label_(std::move(label)), interval_(interval_s), start_(std::chrono::steady_clock::now()), last_(start_) {}

double Progress::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

namespace {
std::string duration_text(double s) {
  if (!std::isfinite(s) || s < 0) return "?";
  if (s < 120) return format_fixed(s, 0) + " s";
  if (s < 7200) return format_fixed(s / 60, 1) + " min";
  return format_fixed(s / 3600, 1) + " h";
}
}  // namespace

std::string rate_text(double per_second, const std::string& unit) {
  if (!std::isfinite(per_second) || per_second <= 0) return "? " + unit + "/s";
  double r = per_second;
  std::string per = "/s";
  if (r < 1) r *= 60, per = "/min";
  if (r < 1) r *= 60, per = "/h";
  return format_fixed(r, r >= 100 ? 0 : r >= 10 ? 1 : 2) + " " + unit + per;
}

std::string count_text(long n, const std::string& singular, const std::string& plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural.empty() ? singular + "s" : plural);
}

void Progress::update(double done, double total, const std::string& unit, const std::string& status, bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && printed_ && std::chrono::duration<double>(now - last_).count() < interval_) return;
  if (!force && !printed_ && std::chrono::duration<double>(now - start_).count() < interval_) return;
  last_ = now;
  printed_ = true;
  const double t = elapsed_seconds();
  std::string line = label_ + ": " + format_fixed(done, 0);
  if (total > 0) line += "/" + format_fixed(total, 0);
  line += " " + unit;
  if (t > 0 && done > 0) line += ", " + rate_text(done / t, unit);
  if (total > 0 && done > 0 && done < total) line += ", " + duration_text(t * (total - done) / done) + " left";
  if (!status.empty()) line += ", " + status;
  out_ << line << '\n' << std::flush;
}

void Progress::note(const std::string& line) { out_ << label_ << ": " << line << '\n' << std::flush; }

}  // namespace tls
