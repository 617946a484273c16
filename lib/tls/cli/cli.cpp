// Common options, help and version, provenance, and the exception-to-exit-code wrapper.
#include "tls/cli/cli.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <new>

#include "tls/core/checksum.hpp"
#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/core/units.hpp"
#include "tls/core/version.hpp"
#include "tls/io/files.hpp"
#include "tls/io/text.hpp"

namespace tls::cli {

Tool::Tool(std::string name, std::string summary, std::string positional, std::string description)
    : name_(std::move(name)),
      summary_(std::move(summary)),
      positional_help_(std::move(positional)),
      description_(std::move(description)),
      options_(name_, summary_) {
  options_.positional_help(positional_help_).show_positional_help();
  options_.set_width(100);
  options_.add_options("General")("h,help", "print this help and exit")("version", "print the version and exit")(
      "q,quiet", "no progress or diagnostics on stderr (errors and warnings still print)");
}

void Tool::add_output(const std::string& help, bool required) {
  has_output_ = true;
  output_required_ = required;
  if (required)
    options_.add_options("General")("o,output", help, cxxopts::value<std::string>(), "DIR");
  else
    options_.add_options("General")("o,output", help, cxxopts::value<std::string>()->default_value("-"), "FILE");
}

void Tool::add_seed() {
  has_seed_ = true;
  options_.add_options("General")("seed",
                                  "random seed (required): every random stream derives from (seed, stage, item), "
                                  "so the same seed gives byte-identical output whatever --threads",
                                  cxxopts::value<std::uint64_t>(), "N");
}

void Tool::add_threads() {
  has_threads_ = true;
  options_.add_options("General")("j,threads", "worker threads (0 = all cores); results do not depend on it",
                                  cxxopts::value<int>()->default_value("1"), "N");
}

namespace {
std::string sanitize_arg(const std::string& a) {
  // Reduce absolute paths (also in --opt=/abs/path) to their file names: outputs must not depend
  // on where the project is checked out.
  const auto eq = a.find('=');
  const std::size_t start = (a.rfind("--", 0) == 0 && eq != std::string::npos) ? eq + 1 : 0;
  if (start < a.size() && a[start] == '/')
    return a.substr(0, start) + std::filesystem::path(a.substr(start)).filename().string();
  return a;
}
}  // namespace

void Tool::leave_out_of_command(const std::string& long_name, bool takes_value) {
  unrecorded_.push_back({long_name, "", takes_value});
}

void Tool::deprecate(const std::string& old_name, const std::string& new_name, std::string note) {
  deprecated_.push_back({old_name, new_name, std::move(note)});
}

std::optional<cxxopts::ParseResult> Tool::parse(int argc, char** argv_in) {
  // Old spellings become the new ones before anything else sees them (parser and recorded command).
  std::vector<std::string> args(argv_in, argv_in + argc);
  std::vector<std::string> warnings;
  for (std::size_t i = 1; i < args.size() && args[i] != "--"; ++i) {
    for (const auto& d : deprecated_) {
      const std::string old = "--" + d.old_name;
      if (args[i] == old || args[i].rfind(old + "=", 0) == 0) {
        args[i] = "--" + d.new_name + args[i].substr(old.size());
        std::string w = old + " is deprecated (removed in 0.2): use --" + d.new_name;
        if (!d.note.empty()) w += "; " + d.note;
        if (std::find(warnings.begin(), warnings.end(), w) == warnings.end()) warnings.push_back(w);
        break;
      }
    }
  }
  std::vector<char*> argv_vec;
  for (auto& a : args) argv_vec.push_back(a.data());
  argv_vec.push_back(nullptr);
  char** argv = argv_vec.data();
  // The thread count is left out of the recorded command: results do not depend on it, and outputs
  // must be byte-identical whatever it is.
  command_ = name_;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    bool skip = false;
    for (const auto& u : unrecorded_) {
      if (a == "--" + u.long_name || (!u.short_name.empty() && a == "-" + u.short_name)) {
        skip = true;
        if (u.takes_value) ++i;  // and its value
      } else if (u.takes_value && (a.rfind("--" + u.long_name + "=", 0) == 0 ||
                                   (!u.short_name.empty() && a.size() > 2 && a.rfind("-" + u.short_name, 0) == 0))) {
        skip = true;  // --threads=2, -j2
      }
      if (skip) break;
    }
    if (!skip) command_ += " " + sanitize_arg(a);
  }
  if (!positional_.empty()) {
    options_.add_options("Arguments")(positional_.back(), "", cxxopts::value<std::vector<std::string>>());
    for (std::size_t k = 0; k + 1 < positional_.size(); ++k)
      options_.add_options("Arguments")(positional_[k], "", cxxopts::value<std::string>());
    options_.parse_positional(positional_);
  }
  cxxopts::ParseResult result;
  try {
    result = options_.parse(argc, argv);
  } catch (const cxxopts::exceptions::exception& e) {
    throw UsageError(std::string(e.what()) + " (try '" + name_ + " --help')");
  }
  if (result.count("help")) {
    std::vector<std::string> groups;
    for (const auto& g : options_.groups())
      if (g != "Arguments") groups.push_back(g);
    std::cout << options_.help(groups) << '\n';
    if (!description_.empty()) std::cout << description_ << "\n\n";
    if (!epilog_.empty()) std::cout << epilog_ << '\n';
    return std::nullopt;
  }
  if (result.count("version")) {
    std::cout << name_ << " (TLS toolkit) " << kVersion << '\n';
    return std::nullopt;
  }
  if (!result.unmatched().empty()) throw UsageError("unexpected argument '" + result.unmatched().front() + "'");
  quiet_ = result.count("quiet") > 0;
  for (const auto& w : warnings) warn(w);
  try {
    if (has_seed_ && result.count("seed")) seed_ = result["seed"].as<std::uint64_t>();
    if (has_threads_) threads_ = result["threads"].as<int>();
    if (has_output_ && result.count("output")) output_ = result["output"].as<std::string>();
    // A folder named "dir/" must not give "dir//file" in messages.
    if (output_required_)
      while (output_.size() > 1 && output_.back() == '/') output_.pop_back();
  } catch (const cxxopts::exceptions::exception& e) {
    throw UsageError(std::string(e.what()) + " (try '" + name_ + " --help')");
  }
  if (threads_ < 0) throw UsageError("--threads must be 0 or more");
  if (!quiet_) progress_ = std::make_unique<Progress>(std::cerr, name_);
  return result;
}

cxxopts::ParseResult Tool::arguments(int argc, char** argv) {
  auto result = parse(argc, argv);
  if (!result) throw Finished{};
  return std::move(*result);
}

std::string Tool::single_input(const cxxopts::ParseResult& opt, const std::string& what,
                               const std::string& otherwise) const {
  const auto given = values(opt, positional_.empty() ? "input" : positional_.back());
  if (given.size() == 1) return given[0];
  if (given.empty() && !otherwise.empty()) return otherwise;
  throw UsageError("exactly one " + what + " expected (try '" + name_ + " --help')");
}

std::uint64_t Tool::seed() const {
  if (!seed_) throw UsageError("--seed is required (results must be reproducible)");
  return *seed_;
}

Metadata Tool::provenance(const std::vector<std::string>& inputs) const {
  Metadata m;
  m.emplace_back("tool", name_ + " " + kVersion);
  m.emplace_back("command", command_);
  if (seed_) m.emplace_back("seed", std::to_string(*seed_));
  for (const auto& in : inputs) {
    if (is_std_stream(in)) {
      m.emplace_back("input", "<stdin>");
      continue;
    }
    std::error_code ec;
    const std::string shown = std::filesystem::path(in).filename().string();
    if (std::filesystem::is_regular_file(in, ec))
      m.emplace_back("input", shown + " crc32=" + hex32(crc32_file(in)));
    else
      m.emplace_back("input", shown);
  }
  return m;
}

Progress* Tool::progress() { return progress_.get(); }

void Tool::note(const std::string& text) const {
  if (!quiet_) std::cerr << name_ << ": " << text << '\n';
}

void Tool::warn(const std::string& text) const { std::cerr << name_ << ": warning: " << text << '\n'; }

std::vector<std::string> values(const cxxopts::ParseResult& opt, const std::string& name,
                                std::vector<std::string> otherwise) {
  return opt.count(name) ? opt[name].as<std::vector<std::string>>() : std::move(otherwise);
}

std::string default_number_text(double v) {
  std::string s = format_double(v);
  const auto e = s.find('e');
  if (e != std::string::npos) {  // "1e-06" -> "1e-6", "1e+20" -> "1e20"
    std::string mantissa = s.substr(0, e), exponent = s.substr(e + 1);
    std::string sign;
    if (exponent[0] == '-' || exponent[0] == '+') {
      if (exponent[0] == '-') sign = "-";
      exponent.erase(0, 1);
    }
    exponent.erase(0, std::min(exponent.find_first_not_of('0'), exponent.size() - 1));
    return mantissa + "e" + sign + exponent;
  }
  // "0.001" -> "1e-3": tolerances read as powers of ten.
  if (s.size() >= 5 && s.rfind("0.00", 0) == 0 && s.back() == '1' && s.find_first_not_of('0', 2) == s.size() - 1)
    return "1e-" + std::to_string(s.size() - 2);
  return s;
}

double parse_number(const std::string& text, const std::string& option) {
  try {
    return parse_double(trim(text), option, 0, option);
  } catch (const DataError&) {
    throw UsageError(option + ": expected a number, got '" + text + "'");
  }
}

std::pair<double, double> parse_pair(const std::string& text, const std::string& option, char sep) {
  const auto parts = split_on(text, sep);
  if (parts.size() == 2) {
    try {
      return {parse_double(trim(parts[0]), option, 0, option), parse_double(trim(parts[1]), option, 0, option)};
    } catch (const DataError&) {
    }
  }
  throw UsageError(option + ": expected two numbers 'LO" + std::string(1, sep) + "HI', got '" + text + "'");
}

std::vector<double> parse_masses(const std::vector<std::string>& values, const std::string& option) {
  std::vector<double> out;
  for (const auto& value : values) {
    for (const auto t : split_on(value, ',')) {
      const std::string s(trim(t));
      double m;
      if (s == kArgon.name || s == "Ar")
        m = kArgon.mass;
      else if (s == kNickel.name || s == "Ni")
        m = kNickel.mass;
      else {
        try {
          m = parse_double(s, option, 0, option);
        } catch (const DataError&) {
          throw UsageError(option + ": expected a number, 'argon' or 'nickel', got '" + s + "'");
        }
      }
      if (!(m > 0)) throw UsageError(option + " must be positive, got " + s);
      out.push_back(m);
    }
  }
  return out;
}

std::string format_error(const std::string& tool, const std::string& location, const std::string& message) {
  // Messages may echo input: never let them carry raw control bytes or run for pages.
  return tool + ": error: " + (location.empty() ? "" : printable(location, 300) + ": ") + printable(message);
}

int run(const std::string& name, const std::function<int()>& body) {
  auto fail = [&](ExitCode code, const std::string& location, const std::string& message) {
    std::cout.flush();
    std::cerr << format_error(name, location, message) << '\n';
    return static_cast<int>(code);
  };
  int code = 0;
  try {
    code = body();
  } catch (const Finished&) {
    code = 0;
  } catch (const Error& e) {
    return fail(e.code(), e.location(), e.what());
  } catch (const cxxopts::exceptions::exception& e) {
    return fail(ExitCode::usage, "", e.what());
  } catch (const std::bad_alloc&) {
    return fail(ExitCode::software, "", "out of memory");
  } catch (const std::exception& e) {
    return fail(ExitCode::software, "", std::string("internal error: ") + e.what());
  }
  std::cout.flush();
  if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout))
    return fail(ExitCode::io, "<stdout>", "write failed");
  return code;
}

}  // namespace tls::cli
