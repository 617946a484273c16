// Progress reports for long loops: throttled lines on a stream (stderr), with rate and time left.
// Library stages take a Progress* that may be null (silent); tools make one unless --quiet.
#pragma once

#include <chrono>
#include <ostream>
#include <string>

namespace tls {

class Progress {
 public:
  /// `label` prefixes every line (e.g. "tls-equilibrate"); at most one line per `interval_s`.
  Progress(std::ostream& out, std::string label, double interval_s = 2.0);
  /// Reports `done` of `total` units (total <= 0: unknown) with a free-form status. Prints only
  /// when the interval has passed, or always when `force`.
  void update(double done, double total, const std::string& unit, const std::string& status, bool force = false);
  /// Prints one line now.
  void note(const std::string& line);
  double elapsed_seconds() const;

 private:
  std::ostream& out_;
  std::string label_;
  double interval_;
  std::chrono::steady_clock::time_point start_, last_;
  bool printed_ = false;
};

/// Reports through p when p is non-null.
/// A rate in units a reader takes in at a glance: "12.3 pairs/s", "12.8 pairs/min", "3.00 runs/h"
/// (per second, minute or hour, whichever gives a number of at least 1; three significant digits).
std::string rate_text(double per_second, const std::string& unit);
/// "1 pair", "3 pairs", "1 mass", "2 masses" (`plural` defaults to singular + "s").
std::string count_text(long n, const std::string& singular, const std::string& plural = "");

inline void progress_note(Progress* p, const std::string& line) {
  if (p) p->note(line);
}

}  // namespace tls
