// The toolkit's table format (docs/formats/table.md): tab-separated text with a versioned header.
//
//   #%tls-<format> <major>.<minor>
//   ##key=value            (provenance and metadata; never dates or absolute paths)
//   #col1<TAB>col2...
//   rows...
//
// `grep -v '^#'` gives the data. Readers accept any minor version of the major they know.
#pragma once

#include <cstdint>
#include <fstream>
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tls {

/// Key/value lines written under a table's (or file's) first line.
using Metadata = std::vector<std::pair<std::string, std::string>>;

/// One cell of a row: numbers are written in shortest round-trip form, integers exactly.
class Cell {
 public:
  Cell(double v);                  // NOLINT(google-explicit-constructor)
  Cell(long long v);               // NOLINT
  Cell(long v) : Cell(static_cast<long long>(v)) {}               // NOLINT
  Cell(int v) : Cell(static_cast<long long>(v)) {}                // NOLINT
  Cell(unsigned long v) : Cell(static_cast<long long>(v)) {}      // NOLINT
  Cell(std::string v) : text_(std::move(v)) {}                    // NOLINT
  Cell(const char* v) : text_(v) {}                               // NOLINT
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

class TableWriter {
 public:
  /// Writes the format line at once. `format` without the "tls-" prefix, e.g. "splitting".
  TableWriter(std::ostream& out, const std::string& format, int major, int minor);
  /// One "##key=value" line; must come before columns(). Tabs/newlines in values are replaced.
  void meta(const std::string& key, const std::string& value);
  void meta(const Metadata& m);
  /// The "#col..." header line.
  void columns(const std::vector<std::string>& names);
  /// One data row; its length must match the columns.
  void row(const std::vector<Cell>& cells);

 private:
  std::ostream& out_;
  std::size_t ncols_ = 0;
  bool header_done_ = false;
};

class TableReader {
 public:
  /// Opens `path` ("-" = stdin) and reads the header. Throws InputError, DataError.
  explicit TableReader(const std::string& path);
  /// Reads from a stream already open (for tests); `source` names it in errors.
  TableReader(std::istream& in, std::string source);

  const std::string& format() const { return format_; }   ///< e.g. "tls-profile"
  int major() const { return major_; }
  int minor() const { return minor_; }
  const Metadata& metadata() const { return meta_; }
  std::optional<std::string> meta(const std::string& key) const;
  const std::vector<std::string>& columns() const { return columns_; }
  const std::string& source() const { return source_; }

  /// Throws DataError unless the format is `tls-<name>` with this major version.
  void expect(const std::string& name, int major) const;
  /// Index of a column; throws DataError if absent.
  int column(const std::string& name) const;
  /// Index of a column, or -1.
  int find_column(const std::string& name) const;

  /// Advances to the next data row; false at the end. Throws DataError on a wrong field count.
  bool next();
  long line() const { return line_; }
  std::string_view field(int c) const { return fields_[static_cast<std::size_t>(c)]; }
  double number(int c, bool allow_nonfinite = false) const;
  long long integer(int c) const;

 private:
  void read_header();
  bool getline(std::string& s);

  std::unique_ptr<std::ifstream> file_;
  std::istream* in_;
  std::string source_;
  std::string format_;
  int major_ = 0, minor_ = 0;
  Metadata meta_;
  std::vector<std::string> columns_;
  std::string current_;
  std::vector<std::string_view> fields_;
  long line_ = 0;
};

}  // namespace tls
