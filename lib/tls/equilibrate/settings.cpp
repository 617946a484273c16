// Settings of glass preparation: options, validation, the input read once, the settings record.
#include "tls/equilibrate/settings.hpp"

#include <cmath>

#include "tls/core/checksum.hpp"
#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/io/configuration_io.hpp"
#include "tls/io/files.hpp"

namespace tls {

// In the order of StartKind; "file" is chosen by giving an input, never by name.
static const char* const start_names[] = {"random", "lattice", "file"};

StartKind start_from_name(const std::string& name) {
  for (int k : {0, 1})
    if (name == start_names[k]) return static_cast<StartKind>(k);
  throw UsageError("unknown start '" + name + "' (expected random or lattice, or give an input configuration)");
}

std::string to_string(StartKind s) { return start_names[static_cast<int>(s)]; }

namespace {
void require(bool ok, const std::string& what) {
  if (!ok) throw UsageError(what);
}
bool finite_positive(double v) { return std::isfinite(v) && v > 0; }
}  // namespace

void validate(const EquilibrateOptions& o) {
  require(!o.temperatures.empty(), "at least one temperature is required (--temperature)");
  for (double t : o.temperatures)
    require(finite_positive(t), "--temperature must be positive and finite, got " + format_double(t));
  require(o.start == StartKind::file || o.particles >= 2,
          "--particles must be at least 2, got " + std::to_string(o.particles));
  require(o.replicas >= 1, "--replicas must be at least 1, got " + std::to_string(o.replicas));
  require(std::isfinite(o.burn_in) && o.burn_in >= 0,
          "--burn-in must be finite and non-negative, got " + format_double(o.burn_in));
  require(std::isfinite(o.production) && o.production >= 0,
          "--production must be finite and non-negative, got " + format_double(o.production));
  require(std::isfinite(o.max_time) && o.max_time >= 0,
          "--max-time must be finite and non-negative (0 = none), got " + format_double(o.max_time));
  require(o.burn_in_relaxations >= 0,
          "--burn-in-relaxations must be non-negative, got " + std::to_string(o.burn_in_relaxations));
  require(o.relaxations >= 1, "--relaxations must be at least 1, got " + std::to_string(o.relaxations));
  require(finite_positive(o.k), "--k (wave number) must be positive, got " + format_double(o.k));
  require(o.samples_per_relaxation >= 2,
          "--samples-per-relaxation must be at least 2, got " + std::to_string(o.samples_per_relaxation));
  require(o.snapshots >= 0, "--snapshots must be non-negative, got " + std::to_string(o.snapshots));
  require(o.snapshot_relaxations >= 1,
          "--snapshot-relaxations must be at least 1, got " + std::to_string(o.snapshot_relaxations));
  require(
      std::isfinite(o.snapshot_every) && o.snapshot_every >= 0,
      "--snapshot-every must be finite and non-negative (0 = by relaxations), got " + format_double(o.snapshot_every));
  require(o.crystal_fraction > 0 && o.crystal_fraction <= 1,
          "--crystal-fraction must lie in (0, 1], got " + format_double(o.crystal_fraction));
  require(o.order.bond_cut > 1 && o.order.bond_cut < 2,
          "--bond-cut must lie in (1, 2) sigma_ij, got " + format_double(o.order.bond_cut));
  require(o.order.coherence > -1 && o.order.coherence < 1, "bond coherence threshold must lie in (-1, 1)");
  require(o.order.solid_bonds >= 1, "solid-like bonds must be at least 1");
  require(o.tune_acceptance >= 0 && o.tune_acceptance < 1,
          "--tune-acceptance must lie in [0, 1), got " + format_double(o.tune_acceptance));
  for (double t : o.quench_temperatures)
    require(finite_positive(t), "--quench-temperature must be positive and finite, got " + format_double(t));
  require(finite_positive(o.quench_time) && finite_positive(o.quench_every) && finite_positive(o.quench_tau),
          "--quench-time, --quench-every and --quench-tau must be positive");
  require(o.minimizer.ftol > 0, "--ftol must be positive, got " + format_double(o.minimizer.ftol));
  ChainOptions c = o.chain;
  c.mc.temperature = o.temperatures.front();
  validate(c);
}

StartInput read_start_input(const EquilibrateOptions& o) {
  // Read once, as bytes: stdin cannot be read twice, and the settings record names the input by
  // the CRC-32 of exactly what was parsed.
  const std::string text = read_all(o.input);
  const std::string source = display_name(o.input);
  StartInput in;
  in.crc32 = crc32(text.data(), text.size());
  in.configuration = parse_configuration(text, source);
  validate(in.configuration, source);
  if (in.configuration.size() < 2)
    throw DataError(source, 0, "at least 2 particles are needed, got " + std::to_string(in.configuration.size()));
  in.configuration.info.clear();
  return in;
}

Metadata settings_fingerprint(const EquilibrateOptions& o, const StartInput* input) {
  auto list = [](const std::vector<double>& v) {
    std::string s;
    for (double t : v) {
      if (!s.empty()) s += ',';
      s += format_double(t);
    }
    return s;
  };
  const auto& c = o.chain;
  Metadata m;
  m.emplace_back("state", "tls-equilibrate-state 1");
  m.emplace_back("method", to_string(c.method));
  m.emplace_back("temperatures", list(o.temperatures));
  if (o.start == StartKind::file) {
    if (!input) throw InternalError("settings_fingerprint: a file start without its input");
    m.emplace_back("start", "file " + hex32(input->crc32));
  } else {
    m.emplace_back("start",
                   std::string(o.start == StartKind::random ? "random " : "lattice ") + std::to_string(o.particles));
  }
  m.emplace_back("seed", std::to_string(o.seed));
  m.emplace_back("replicas", std::to_string(o.replicas));
  m.emplace_back("swap", format_double(c.mc.p_swap) + " " + format_double(c.mc.max_swap_difference) + " " +
                             format_double(c.mc.delta) + " tune " + format_double(o.tune_acceptance));
  m.emplace_back("md", format_double(c.md.dt) + " " + format_double(c.md.tau) + " " + std::to_string(c.block_steps) +
                           " " + std::to_string(c.block_swaps));
  m.emplace_back("length", format_double(o.burn_in) + " " + std::to_string(o.burn_in_relaxations) + " " +
                               format_double(o.production) + " " + std::to_string(o.relaxations) + " " +
                               format_double(o.max_time) + " " + format_double(o.k) + " " +
                               std::to_string(o.samples_per_relaxation));
  // snapshot_every joins the key only when used, so checkpoints written before it existed resume.
  m.emplace_back("snapshots", std::to_string(o.snapshots) + " " + std::to_string(o.snapshot_relaxations) + " " +
                                  describe(o.minimizer) +
                                  (o.snapshot_every > 0 ? " every " + format_double(o.snapshot_every) : ""));
  m.emplace_back("order", format_double(o.order.bond_cut) + " " + format_double(o.order.coherence) + " " +
                              std::to_string(o.order.solid_bonds) + " " + format_double(o.crystal_fraction));
  m.emplace_back("quench", list(o.quench_temperatures) + " " + format_double(o.quench_time) + " " +
                               format_double(o.quench_every) + " " + format_double(o.quench_tau));
  return m;
}

}  // namespace tls
