// Tables of glass preparation: definitions and the writer.
#include "tls/equilibrate/tables.hpp"

#include "tls/core/format.hpp"
#include "tls/io/files.hpp"

namespace tls {

const std::vector<TableFormat>& equilibrate_tables() {
  static const std::vector<TableFormat> tables = {
      {"trace.tsv",
       "eqtrace",
       {"replica", "temperature", "phase", "time", "e", "acc_displacement", "acc_swap", "fs", "relaxations", "q6",
        "solid", "delta"}},
      {"summary.tsv",
       "equilibrium",
       {"replica", "temperature", "burn_in", "production", "samples", "e", "e_err", "e_drift", "tau", "tau_decays",
        "relaxations", "acc_displacement", "acc_swap", "swap_eligible", "delta", "q6", "solid_max", "equilibrated",
        "crystallised"}},
      {"fs.tsv", "fs", {"replica", "temperature", "lag", "fs", "origins"}},
      {"glasses.tsv", "glasses", {"file", "replica", "temperature", "time", "e", "e_is", "max_force", "q6", "solid"}},
      {"quench.tsv", "quench", {"replica", "temperature", "quench_temperature", "time", "e", "kinetic_temperature"}},
  };
  return tables;
}

namespace equilibration {

std::string row_text(const std::vector<Cell>& cells) {
  std::string s;
  for (std::size_t k = 0; k < cells.size(); ++k) {
    if (k) s += '\t';
    s += cells[k].text();
  }
  return s;
}

void write_tables(const std::string& dir, const TableHeader& header, const std::vector<const TableRows*>& replicas,
                  bool complete) {
  const auto& formats = equilibrate_tables();
  for (int k = 0; k < kTableKinds; ++k) {
    if (k == kGlasses && !header.glasses) continue;
    if (k == kQuench && !header.quench) continue;
    const TableFormat& spec = formats[static_cast<std::size_t>(k)];
    AtomicOutput out(dir + "/" + spec.file);
    TableWriter w(out.stream(), spec.format, 1, 0);
    w.meta(header.provenance);
    w.meta("method", header.method);
    w.meta("particles", std::to_string(header.particles));
    w.meta("time_unit", header.time_unit);
    w.meta("k", format_double(header.k));
    w.meta("complete", complete ? "true" : "false");
    w.columns(spec.columns);
    for (const TableRows* rows : replicas) {
      if (!rows) continue;
      for (const auto& line : (*rows)[static_cast<std::size_t>(k)]) {
        std::vector<Cell> cells;
        std::size_t a = 0;
        for (;;) {
          const auto b = line.find('\t', a);
          cells.emplace_back(line.substr(a, b == std::string::npos ? std::string::npos : b - a));
          if (b == std::string::npos) break;
          a = b + 1;
        }
        w.row(cells);
      }
    }
    out.commit();
  }
}

bool is_stage_output(const std::string& name) {
  for (const auto& spec : equilibrate_tables())
    if (name == spec.file) return true;
  return (name.rfind("final-", 0) == 0 || name.rfind("glass-", 0) == 0) && name.size() > 4 &&
         name.substr(name.size() - 4) == ".xyz";
}

}  // namespace equilibration
}  // namespace tls
