// The tables of glass preparation (docs/formats/tls-eqtrace.md, tls-equilibrium.md, tls-fs.md,
// tls-glasses.md, tls-quench.md): their files and columns, and their rows kept as text so that a
// checkpoint carries them exactly.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "tls/io/table.hpp"

namespace tls {

/// A table this stage writes (docs/formats/tls-<format>.md): file name in the output folder,
/// format name without "tls-" (version 1.0), columns in order.
struct TableFormat {
  std::string file, format;
  std::vector<std::string> columns;
};
/// trace, summary, fs, glasses, quench, in that order (the order of TableKind).
const std::vector<TableFormat>& equilibrate_tables();

namespace equilibration {

enum TableKind { kTrace, kSummary, kFs, kGlasses, kQuench };
inline constexpr int kTableKinds = 5;

/// One replica's rows of each table, each row its cells joined by tabs.
using TableRows = std::array<std::vector<std::string>, kTableKinds>;

/// The cells of a row joined by tabs.
std::string row_text(const std::vector<Cell>& cells);

/// Which tables a run writes and what their metadata says.
struct TableHeader {
  Metadata provenance;    ///< tool, command, seed, inputs
  std::string method;     ///< ##method=
  int particles = 0;      ///< ##particles=
  std::string time_unit;  ///< ##time_unit=
  double k = 7;           ///< ##k=
  bool glasses = false;   ///< write glasses.tsv
  bool quench = false;    ///< write quench.tsv
};

/// Writes each table atomically into `dir`, with ##complete=`complete`, rows of the replicas in
/// replica order (null entries skipped). Throws OutputError, IoError.
void write_tables(const std::string& dir, const TableHeader& header, const std::vector<const TableRows*>& replicas,
                  bool complete);

/// True for a name this stage writes into its folder (tables, final-*.xyz, glass-*.xyz): used to
/// clear the temporaries a killed run left.
bool is_stage_output(const std::string& name);

}  // namespace equilibration
}  // namespace tls
