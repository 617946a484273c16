// The shared command-line layer of every tool (STYLE.md habits 1-2): common options defined once,
// --help/--version, provenance metadata, and one wrapper that turns exceptions into the exit codes
// and the error format of DESIGN.md:  tls-<tool>: error: <file>[:<line>]: <what is wrong>
#pragma once

#include <cstdint>
#include <cxxopts.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "tls/core/progress.hpp"
#include "tls/io/table.hpp"

namespace tls::cli {

class Tool {
 public:
  /// `name` is the executable ("tls-minimize"); `summary` one line; `positional` the usage of
  /// positional arguments (e.g. "CONFIG"); `description` paragraphs printed by --help.
  Tool(std::string name, std::string summary, std::string positional, std::string description);

  cxxopts::Options& options() { return options_; }
  /// Adds a group of tool-specific options: tool.add("Minimiser")("ftol", "...", cxxopts::value<double>()...)
  cxxopts::OptionAdder add(const std::string& group = "") { return options_.add_options(group); }

  /// Common options, each defined once here.
  /// -o/--output. A `required` output (a folder) shows no "(default: -)" in --help; output() is then
  /// "-" when it was not given, for the tool to reject, and never ends in '/'.
  void add_output(const std::string& help = "output file ('-' = stdout)", bool required = false);
  void add_seed();
  void add_threads();
  /// Text printed after the option list by --help (examples, formats, references).
  void set_epilog(std::string text) { epilog_ = std::move(text); }
  /// Positional arguments, in order, e.g. {"input"}; the last may take several values.
  void set_positional(std::vector<std::string> names) { positional_ = std::move(names); }
  /// Options that cannot change the results (how often to checkpoint, ...): left out of the
  /// recorded command, like --threads and --quiet, so outputs stay byte-identical. `takes_value`
  /// says whether the option is followed by a value.
  void leave_out_of_command(const std::string& long_name, bool takes_value);
  /// An old spelling kept for one minor version: `--old` and `--old=V` are read as `--new_name`
  /// (also in the recorded command) with "warning: --old is deprecated (removed in 0.2): use --new"
  /// on stderr; `note` is appended to the warning (e.g. when a meaning changed). The old spelling
  /// is not listed by --help.
  void deprecate(const std::string& old_name, const std::string& new_name, std::string note = "");

  /// Parses argv. Handles --help and --version (prints, then returns nullopt: the tool exits 0).
  /// Throws UsageError for unknown options or bad values.
  std::optional<cxxopts::ParseResult> parse(int argc, char** argv);
  /// parse() for a tool body run by cli::run(): after --help or --version it throws Finished, which
  /// run() turns into exit 0, so the body goes on only with options to act on.
  cxxopts::ParseResult arguments(int argc, char** argv);
  /// The one value of the (last) positional argument, or `otherwise` when none was given ("-":
  /// stdin); throws UsageError "exactly one <what> expected (try '<tool> --help')" when there are
  /// several, or none and `otherwise` is empty.
  std::string single_input(const cxxopts::ParseResult& opt, const std::string& what,
                           const std::string& otherwise = "") const;

  const std::string& name() const { return name_; }
  bool quiet() const { return quiet_; }
  /// The user's --seed (throws UsageError if the tool requires one and it was not given).
  std::uint64_t seed() const;
  int threads() const { return threads_; }
  std::string output() const { return output_; }

  /// Provenance: tool and version, the command line (absolute paths reduced to file names, the
  /// thread count left out since outputs do not depend on it), the
  /// seed when the tool has one, and a CRC-32 per input file. Never dates, hosts or absolute paths.
  Metadata provenance(const std::vector<std::string>& inputs = {}) const;
  /// The command line as recorded in provenance (without --threads, --quiet and the options given
  /// to leave_out_of_command()).
  const std::string& command() const { return command_; }

  /// Progress reporter on stderr, or null with --quiet.
  Progress* progress();
  /// A diagnostic line on stderr ("tls-x: text") unless --quiet.
  void note(const std::string& text) const;
  /// A warning on stderr ("tls-x: warning: text"), printed even with --quiet.
  void warn(const std::string& text) const;

 private:
  std::string name_, summary_, positional_help_, description_, epilog_;
  cxxopts::Options options_;
  std::vector<std::string> positional_;
  bool has_seed_ = false, has_threads_ = false, has_output_ = false, output_required_ = false;
  std::optional<std::uint64_t> seed_;
  int threads_ = 1;
  bool quiet_ = false;
  std::string output_ = "-";
  std::string command_;
  struct Unrecorded {
    std::string long_name, short_name;
    bool takes_value;
  };
  std::vector<Unrecorded> unrecorded_{{"threads", "j", true}, {"quiet", "q", false}};
  struct Deprecated {
    std::string old_name, new_name, note;
  };
  std::vector<Deprecated> deprecated_;
  std::unique_ptr<Progress> progress_;
};

/// The text --help shows as an option's default, made from the default itself so that no default is
/// written twice: integers and strings as they are; numbers as the shortest text that reads back to
/// the same double, the exponent without leading zeros ("1e-6") and powers of ten below 0.01 as
/// "1e-k" ("1e-3", not "0.001").
std::string default_number_text(double v);
template <class T>
std::string default_text(const T& v) {
  if constexpr (std::is_floating_point_v<T>)
    return default_number_text(static_cast<double>(v));
  else if constexpr (std::is_integral_v<T>)
    return std::to_string(v);
  else
    return std::string(v);
}

/// An option stored straight into a config field, its default (shown by --help) being the field's
/// value when the option is declared: tool.add()("spring", "...", cli::bound(config.spring), "K").
/// After parse() the field holds the given value, or its default when the option was not given.
template <class T>
std::shared_ptr<cxxopts::Value> bound(T& field) {
  return cxxopts::value<T>(field)->default_value(default_text(field));
}

/// The values of a repeatable option or positional argument `name`, or `otherwise` when none was given
/// (e.g. {"-"}: stdin).
std::vector<std::string> values(const cxxopts::ParseResult& opt, const std::string& name,
                                std::vector<std::string> otherwise = {});

/// Option values given as text; each throws UsageError naming `option`.
/// A finite number.
double parse_number(const std::string& text, const std::string& option);
/// Two numbers "LO<sep>HI".
std::pair<double, double> parse_pair(const std::string& text, const std::string& option, char sep = ',');
/// Positive dimensionless masses m~ from repeated and/or comma-separated values; the names "argon"
/// (or "Ar") and "nickel" (or "Ni") stand for their exact m~ (tls/core/units.hpp).
std::vector<double> parse_masses(const std::vector<std::string>& values, const std::string& option = "--mass");

/// Thrown by Tool::arguments() after --help or --version: the tool has done its work (exit 0).
struct Finished {};

/// Runs a tool body, mapping every exception to a message on stderr and an exit code: tls::Error
/// by its code, cxxopts errors 64, Finished 0, std::bad_alloc and anything else 70. Flushes stdout before
/// printing an error, and checks at the end that stdout was written completely (74 otherwise).
int run(const std::string& name, const std::function<int()>& body);

/// "tls-x: error: <location>: <message>" for an error.
std::string format_error(const std::string& tool, const std::string& location, const std::string& message);

}  // namespace tls::cli
