// Error types of the toolkit, each carrying the sysexits-style exit code of DESIGN.md.
#pragma once

#include <stdexcept>
#include <string>

namespace tls {

/// Exit codes shared by every tool (DESIGN.md, "Fixed points").
enum class ExitCode : int {
  ok = 0,
  usage = 64,        ///< bad command line
  data = 65,         ///< input data is malformed or physically invalid
  no_input = 66,     ///< an input cannot be opened
  software = 70,     ///< internal error (a bug)
  cant_create = 73,  ///< an output cannot be created
  io = 74,           ///< read or write failed midway
};

/// Base of every toolkit error: a message, an optional location ("file" or "file:line"), an exit code.
/// The command-line wrapper prints it as `tls-<tool>: error: <location>: <message>`.
class Error : public std::runtime_error {
 public:
  Error(ExitCode code, std::string location, const std::string& message)
      : std::runtime_error(message), code_(code), location_(std::move(location)) {}
  ExitCode code() const noexcept { return code_; }
  const std::string& location() const noexcept { return location_; }
  /// "location: message", or just the message when there is no location.
  std::string describe() const;

 private:
  ExitCode code_;
  std::string location_;
};

/// Bad command-line usage (exit 64).
struct UsageError : Error {
  explicit UsageError(const std::string& message) : Error(ExitCode::usage, "", message) {}
};

/// Malformed or physically invalid input data (exit 65). `line` 0 means "no line".
struct DataError : Error {
  DataError(const std::string& file, long line, const std::string& message);
  explicit DataError(const std::string& message) : Error(ExitCode::data, "", message) {}
};

/// An input that cannot be opened (exit 66).
struct InputError : Error {
  InputError(const std::string& file, const std::string& message)
      : Error(ExitCode::no_input, file, message) {}
};

/// An output that cannot be created (exit 73).
struct OutputError : Error {
  OutputError(const std::string& file, const std::string& message)
      : Error(ExitCode::cant_create, file, message) {}
};

/// A read or write that failed midway (exit 74).
struct IoError : Error {
  IoError(const std::string& file, const std::string& message) : Error(ExitCode::io, file, message) {}
};

/// Violated internal invariant: a bug in the toolkit (exit 70).
struct InternalError : Error {
  explicit InternalError(const std::string& message) : Error(ExitCode::software, "", message) {}
};

/// Displayable name of a path for messages: "-" is shown as "<stdin>".
std::string display_name(const std::string& path);

}  // namespace tls
