// Table writer and streaming reader.
#include "tls/io/table.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "tls/core/error.hpp"
#include "tls/io/files.hpp"
#include "tls/io/text.hpp"

namespace tls {

Cell::Cell(double v) : text_(format_double(v)) {}
Cell::Cell(long long v) : text_(std::to_string(v)) {}

namespace {
std::string sanitize(std::string s) {
  for (auto& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}
}  // namespace

TableWriter::TableWriter(std::ostream& out, const std::string& format, int major, int minor) : out_(out) {
  out_ << "#%tls-" << format << ' ' << major << '.' << minor << '\n';
}

void TableWriter::meta(const std::string& key, const std::string& value) {
  if (header_done_) throw InternalError("table metadata after the column line");
  out_ << "##" << sanitize(key) << '=' << sanitize(value) << '\n';
}

void TableWriter::meta(const Metadata& m) {
  for (const auto& [k, v] : m) meta(k, v);
}

void TableWriter::columns(const std::vector<std::string>& names) {
  out_ << '#';
  for (std::size_t i = 0; i < names.size(); ++i) out_ << (i ? "\t" : "") << names[i];
  out_ << '\n';
  ncols_ = names.size();
  header_done_ = true;
}

void TableWriter::row(const std::vector<Cell>& cells) {
  if (cells.size() != ncols_) throw InternalError("table row has " + std::to_string(cells.size()) +
                                                  " cells for " + std::to_string(ncols_) + " columns");
  for (std::size_t i = 0; i < cells.size(); ++i) out_ << (i ? "\t" : "") << cells[i].text();
  out_ << '\n';
}

TableReader::TableReader(const std::string& path) : source_(display_name(path)) {
  if (is_std_stream(path)) {
    in_ = &std::cin;
  } else {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw InputError(path, "is a directory");
    file_ = std::make_unique<std::ifstream>(path);
    if (!*file_) throw InputError(path, std::strerror(errno));
    in_ = file_.get();
  }
  read_header();
}

TableReader::TableReader(std::istream& in, std::string source) : in_(&in), source_(std::move(source)) {
  read_header();
}

bool TableReader::getline(std::string& s) {
  if (!std::getline(*in_, s)) {
    if (in_->bad()) throw IoError(source_, "read failed");
    return false;
  }
  if (!s.empty() && s.back() == '\r') s.pop_back();
  ++line_;
  return true;
}

void TableReader::read_header() {
  std::string s;
  if (!getline(s)) throw DataError(source_, 0, "empty file: expected a '#%tls-<format> <version>' line");
  if (s.rfind("#%", 0) != 0) throw DataError(source_, 1, "not a toolkit table: first line must be '#%tls-<format> <major>.<minor>'");
  const auto parts = split_ws(std::string_view(s).substr(2));
  if (parts.size() != 2) throw DataError(source_, 1, "malformed format line " + echo_token(s));
  format_ = std::string(parts[0]);
  const auto v = split_on(parts[1], '.');
  if (v.size() != 2) throw DataError(source_, 1, "malformed version " + echo_token(parts[1]));
  major_ = static_cast<int>(parse_int(v[0], source_, 1, "major version"));
  minor_ = static_cast<int>(parse_int(v[1], source_, 1, "minor version"));
  for (;;) {
    if (!getline(s)) throw DataError(source_, line_, "missing '#col1<TAB>col2...' header line");
    if (s.rfind("##", 0) == 0) {
      const auto eq = s.find('=');
      if (eq == std::string::npos) throw DataError(source_, line_, "metadata line without '='");
      meta_.emplace_back(s.substr(2, eq - 2), s.substr(eq + 1));
      continue;
    }
    if (s.rfind("#", 0) == 0) {
      for (auto c : split_on(std::string_view(s).substr(1), '\t')) columns_.emplace_back(trim(c));
      if (columns_.empty() || columns_[0].empty()) throw DataError(source_, line_, "empty column header");
      return;
    }
    throw DataError(source_, line_, "data before the column header line");
  }
}

std::optional<std::string> TableReader::meta(const std::string& key) const {
  for (const auto& [k, v] : meta_)
    if (k == key) return v;
  return std::nullopt;
}

void TableReader::expect(const std::string& name, int major) const {
  if (format_ != "tls-" + name)
    throw DataError(source_, 1, "expected a tls-" + name + " table, got " + format_);
  if (major_ != major)
    throw DataError(source_, 1, "tls-" + name + " version " + std::to_string(major_) + "." + std::to_string(minor_) +
                                    " is not supported (this reader knows " + std::to_string(major) + ".x)");
}

int TableReader::find_column(const std::string& name) const {
  for (std::size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i] == name) return static_cast<int>(i);
  return -1;
}

int TableReader::column(const std::string& name) const {
  const int c = find_column(name);
  if (c < 0 && columns_.size() == 1 && columns_[0].find(' ') != std::string::npos)
    throw DataError(source_, 0, format_ + " table has no column '" + name +
                                    "': its header is separated by spaces, not tabs (tables are tab-separated)");
  if (c < 0) throw DataError(source_, 0, format_ + " table has no column '" + name + "'");
  return c;
}

bool TableReader::next() {
  for (;;) {
    if (!getline(current_)) return false;
    if (current_.empty() || current_[0] == '#') continue;
    fields_ = split_on(current_, '\t');
    if (fields_.size() != columns_.size())
      throw DataError(source_, line_, "row has " + std::to_string(fields_.size()) + " fields, header has " +
                                          std::to_string(columns_.size()));
    return true;
  }
}

double TableReader::number(int c, bool allow_nonfinite) const {
  return parse_double(trim(field(c)), source_, line_, "column '" + columns_[static_cast<std::size_t>(c)] + "'",
                      allow_nonfinite);
}

long long TableReader::integer(int c) const {
  return parse_int(trim(field(c)), source_, line_, "column '" + columns_[static_cast<std::size_t>(c)] + "'");
}

}  // namespace tls
