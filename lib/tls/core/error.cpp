// Error formatting helpers.
#include "tls/core/error.hpp"

namespace tls {

std::string Error::describe() const {
  if (location_.empty()) return what();
  return location_ + ": " + what();
}

DataError::DataError(const std::string& file, long line, const std::string& message)
    : Error(ExitCode::data, line > 0 ? file + ":" + std::to_string(line) : file, message) {}

std::string display_name(const std::string& path) { return path == "-" || path.empty() ? "<stdin>" : path; }

}  // namespace tls
