// Input reading and atomic output files (temporary file + fsync + rename).
#include "tls/io/files.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <sstream>

#include "tls/core/error.hpp"

namespace tls {

std::string read_all(const std::string& path) {
  if (is_std_stream(path)) {
    std::ostringstream s;
    s << std::cin.rdbuf();
    if (std::cin.bad()) throw IoError("<stdin>", "read failed");
    return s.str();
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(path, "is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, std::strerror(errno));
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw IoError(path, "read failed");
  return data;
}

namespace {

/// Removes `.<name>.tmp-<pid>-<k>` files beside `target` left by processes that no longer exist (a
/// writer killed by SIGKILL cannot remove its temporary file). Temporaries of live processes, ours
/// included, are left alone.
void remove_stale_temporaries(const std::filesystem::path& target) {
  const auto dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  const std::string prefix = "." + target.filename().string() + ".tmp-";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string rest = name.substr(prefix.size());
    const auto dash = rest.find('-');
    if (dash == 0 || dash == std::string::npos || rest.find_first_not_of("0123456789-") != std::string::npos) continue;
    const long pid = std::strtol(rest.substr(0, dash).c_str(), nullptr, 10);
    if (pid <= 0 || pid == ::getpid()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) std::filesystem::remove(entry.path(), ec);
  }
}

}  // namespace

AtomicOutput::AtomicOutput(const std::string& path, bool binary) : path_(path) {
  if (is_std_stream(path)) return;
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path target(path);
  const auto dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) throw OutputError(path, "folder does not exist");
  if (std::filesystem::is_directory(target, ec)) throw OutputError(path, "is a directory");
  temp_ = (dir /
           ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++)))
              .string();
  auto mode = std::ios::out | std::ios::trunc;
  if (binary) mode |= std::ios::binary;
  file_ = std::make_unique<std::ofstream>(temp_, mode);
  if (!*file_) throw OutputError(path, std::strerror(errno));
}

AtomicOutput::~AtomicOutput() {
  if (!temp_.empty() && !committed_) {
    file_.reset();
    std::remove(temp_.c_str());
  }
}

std::ostream& AtomicOutput::stream() { return file_ ? static_cast<std::ostream&>(*file_) : std::cout; }

void AtomicOutput::commit() {
  if (committed_) return;
  if (!file_) {
    std::cout.flush();
    if (!std::cout) throw IoError("<stdout>", "write failed");
    committed_ = true;
    return;
  }
  file_->flush();
  if (!*file_) throw IoError(path_, "write failed");
  file_->close();
  // Sync the data before the rename so a crash cannot leave a renamed but empty file.
  const int fd = ::open(temp_.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) throw IoError(path_, std::strerror(errno));
  committed_ = true;
  remove_stale_temporaries(path_);
}

TemporaryPath::~TemporaryPath() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

void create_file_atomically(const std::string& path, const std::string& temp,
                            const std::function<void(const std::string& temp)>& write) {
  TemporaryPath guard(temp);  // removed if the write fails (a full disk)
  write(temp);
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec)
    throw IoError(path,
                  "cannot move " + std::filesystem::path(temp).filename().string() + " into place: " + ec.message());
  guard.release();
}

void make_directories(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec || !std::filesystem::is_directory(path)) throw OutputError(path, "cannot create folder");
}

void write_file_atomic(const std::string& path, const std::string& content) {
  AtomicOutput out(path, true);
  out.stream() << content;
  out.commit();
}

}  // namespace tls
