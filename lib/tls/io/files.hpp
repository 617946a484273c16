// Input files ("-" is stdin) and atomic output files ("-" or empty is stdout): an output is written
// to a temporary file in the same folder and renamed over the target only on commit(), so a killed
// or failing run never leaves a plausible half file.
#pragma once

#include <fstream>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>

namespace tls {

/// Reads a whole input into memory. "-" reads stdin. Throws InputError (cannot open) or IoError.
std::string read_all(const std::string& path);

/// True for the names that mean stdin/stdout.
inline bool is_std_stream(const std::string& path) { return path.empty() || path == "-"; }

/// An output stream that becomes visible only when committed.
class AtomicOutput {
 public:
  /// Opens `path` ("-" or "" = stdout). `binary` selects binary mode. Throws OutputError.
  explicit AtomicOutput(const std::string& path, bool binary = false);
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  /// Removes the temporary file unless committed.
  ~AtomicOutput();

  std::ostream& stream();
  /// Flushes, syncs and renames into place (or flushes stdout). Throws IoError on failure.
  void commit();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string temp_;
  std::unique_ptr<std::ofstream> file_;
  bool committed_ = false;
};

/// Removes a file on destruction unless released: the fixed-name temporaries of tls-bin writers
/// (written aside, then renamed) must not outlive a failed write (a full disk, an I/O error).
class TemporaryPath {
 public:
  explicit TemporaryPath(std::string path) : path_(std::move(path)) {}
  TemporaryPath(const TemporaryPath&) = delete;
  TemporaryPath& operator=(const TemporaryPath&) = delete;
  ~TemporaryPath();
  const std::string& path() const { return path_; }
  /// Keeps the file (call after renaming it into place).
  void release() { path_.clear(); }

 private:
  std::string path_;
};

/// Creates the file `path` whole or not at all, for writers that must open a path themselves (the
/// tls-bin container): `write(temp)` writes everything to `temp`, a fixed name beside `path` (such
/// as path + ".partial"; a later run may recognise and clear it), which is then renamed over
/// `path`. If `write` throws, or the rename fails (IoError), `temp` is removed and `path` is left
/// as it was.
void create_file_atomically(const std::string& path, const std::string& temp,
                            const std::function<void(const std::string& temp)>& write);

/// Creates a directory (and parents) if missing. Throws OutputError.
void make_directories(const std::string& path);

/// Writes `content` to `path` atomically (convenience for small files).
void write_file_atomic(const std::string& path, const std::string& content);

}  // namespace tls
