// Readers and writers of extended XYZ and LAMMPS data files.
#include "tls/io/configuration_io.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>

#include "tls/core/error.hpp"
#include "tls/io/files.hpp"
#include "tls/io/text.hpp"
#include "tls/model/force_field.hpp"
#include "tls/model/neighbour_list.hpp"

namespace tls {

ConfigFormat config_format_from_name(const std::string& name) {
  if (name == "auto") return ConfigFormat::automatic;
  if (name == "xyz" || name == "extxyz") return ConfigFormat::xyz;
  if (name == "lammps" || name == "data") return ConfigFormat::lammps;
  throw UsageError("unknown configuration format '" + name + "' (expected auto, xyz or lammps)");
}

std::string to_string(ConfigFormat f) {
  static const char* const names[] = {"auto", "xyz", "lammps"};  // in the order of ConfigFormat
  return names[static_cast<int>(f)];
}

namespace {

std::string lower(std::string_view s) {
  std::string r(s);
  for (auto& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

bool is_integer_line(std::string_view line) {
  const auto t = split_ws(line);
  return t.size() == 1 &&
         std::all_of(t[0].begin(), t[0].end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// ---- extended XYZ --------------------------------------------------------------------------

// key=value pairs of an extended XYZ comment line; values may be "quoted" or {braced}.
std::map<std::string, std::string> parse_comment(std::string_view s, const LineCursor& cur) {
  std::map<std::string, std::string> kv;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i >= s.size()) break;
    std::size_t j = i;
    while (j < s.size() && s[j] != '=' && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    std::string key = lower(s.substr(i, j - i));
    std::string value;
    if (j < s.size() && s[j] == '=') {
      ++j;
      if (j < s.size() && (s[j] == '"' || s[j] == '{')) {
        const char close = s[j] == '"' ? '"' : '}';
        const auto end = s.find(close, j + 1);
        if (end == std::string_view::npos) cur.fail("unterminated quoted value of " + echo_token(key));
        value = std::string(s.substr(j + 1, end - j - 1));
        j = end + 1;
      } else {
        std::size_t k = j;
        while (k < s.size() && !std::isspace(static_cast<unsigned char>(s[k]))) ++k;
        value = std::string(s.substr(j, k - j));
        j = k;
      }
    }
    kv[key] = value;
    i = j;
  }
  return kv;
}

// The particle count of the first line, checked against the lines the file has.
long long read_xyz_count(LineCursor& cur, std::string_view text, const std::string& source) {
  std::string_view line;
  if (!cur.next(line)) cur.fail("empty file");
  if (!is_integer_line(line)) cur.fail("first line must be the number of particles, got " + echo_token(trim(line)));
  const long long n = parse_int(split_ws(line)[0], source, cur.line_number(), "particle count");
  if (n < 1) cur.fail("particle count must be at least 1");
  // The lines must exist before anything is allocated for them (a count of 1e11 is bad data, not
  // an out-of-memory error).
  const auto newlines = static_cast<long long>(std::count(text.begin(), text.end(), '\n'));
  if (n > newlines)
    cur.fail("declares " + std::to_string(n) + " particles but the file has only " + std::to_string(newlines + 1) +
             " lines");
  return n;
}

// The cubic box of the comment line's Lattice= (and Origin=).
Box xyz_box(const std::map<std::string, std::string>& kv, LineCursor& cur, const std::string& source) {
  Box box;
  const auto lat = kv.find("lattice");
  if (lat == kv.end()) cur.fail("no Lattice=\"...\" key: the box is unknown");
  const auto lv = split_ws(lat->second);
  if (lv.size() != 9) cur.fail("Lattice must have 9 numbers");
  double m[9];
  for (int k = 0; k < 9; ++k)
    m[k] = parse_double(lv[static_cast<std::size_t>(k)], source, cur.line_number(), "Lattice");
  const double L = m[0];
  const double tol = 1e-12 * std::abs(L);
  for (int k : {1, 2, 3, 5, 6, 7})
    if (std::abs(m[k]) > tol) cur.fail("only cubic boxes are supported (Lattice has off-diagonal terms)");
  if (std::abs(m[4] - L) > tol || std::abs(m[8] - L) > tol) cur.fail("only cubic boxes are supported (unequal sides)");
  if (!(L > 0)) cur.fail("box side must be positive, got " + format_double(L));
  box.length = L;
  if (const auto o = kv.find("origin"); o != kv.end()) {
    const auto ov = split_ws(o->second);
    if (ov.size() != 3) cur.fail("Origin must have 3 numbers");
    for (int k = 0; k < 3; ++k)
      box.lo[k] = parse_double(ov[static_cast<std::size_t>(k)], source, cur.line_number(), "Origin");
  }
  return box;
}

// Where positions, diameters (or radii) and velocities stand in a particle line (Properties=).
struct XyzColumns {
  int pos = -1, diameter = -1, velocity = -1, count = 0;
  double diameter_scale = 1.0;  // 2 when the column holds radii
};

XyzColumns xyz_columns(const std::map<std::string, std::string>& kv, LineCursor& cur, const std::string& source) {
  // Properties=name:type:count:...
  const auto prop = kv.find("properties");
  const std::string props = prop == kv.end() ? "species:S:1:pos:R:3" : prop->second;
  const auto pv = split_on(props, ':');
  if (pv.size() % 3 != 0) cur.fail("malformed Properties " + echo_token(props));
  XyzColumns c;
  int col = 0;
  for (std::size_t k = 0; k < pv.size(); k += 3) {
    const std::string name = lower(pv[k]);
    const int width = static_cast<int>(parse_int(pv[k + 2], source, cur.line_number(), "Properties width"));
    if (width < 1) cur.fail("Properties width must be positive");
    if (name == "pos" && width == 3) c.pos = col;
    if ((name == "diameter" || name == "sigma") && width == 1) c.diameter = col;
    if (name == "radius" && width == 1 && c.diameter < 0) {
      c.diameter = col;
      c.diameter_scale = 2.0;
    }
    if ((name == "vel" || name == "velo" || name == "velocities") && width == 3) c.velocity = col;
    col += width;
  }
  c.count = col;
  if (c.pos < 0) cur.fail("Properties has no pos:R:3 column");
  if (c.diameter < 0) cur.fail("Properties has no diameter:R:1 column (particle diameters are required)");
  return c;
}

// The n particle lines into c (positions, diameters, velocities when there is a column for them).
void read_xyz_particles(LineCursor& cur, const std::string& source, long long n, const XyzColumns& col,
                        Configuration& c) {
  std::string_view line;
  c.positions.resize(3 * n);
  c.diameters.resize(n);
  if (col.velocity >= 0) c.velocities.resize(3 * n);
  for (long long i = 0; i < n; ++i) {
    if (!cur.next(line))
      throw DataError(source, cur.line_number(),
                      "file ends after " + std::to_string(i) + " of " + std::to_string(n) + " particles");
    const auto t = split_ws(line);
    if (static_cast<int>(t.size()) != col.count)
      cur.fail("expected " + std::to_string(col.count) + " fields per particle, got " + std::to_string(t.size()));
    for (int k = 0; k < 3; ++k)
      c.positions[3 * i + k] =
          parse_double(t[static_cast<std::size_t>(col.pos + k)], source, cur.line_number(), "position");
    c.diameters[i] = col.diameter_scale *
                     parse_double(t[static_cast<std::size_t>(col.diameter)], source, cur.line_number(), "diameter");
    if (col.velocity >= 0)
      for (int k = 0; k < 3; ++k)
        c.velocities[3 * i + k] =
            parse_double(t[static_cast<std::size_t>(col.velocity + k)], source, cur.line_number(), "velocity");
  }
}

Configuration parse_xyz(std::string_view text, const std::string& source) {
  LineCursor cur(text, source);
  const long long n = read_xyz_count(cur, text, source);
  std::string_view line;
  if (!cur.next(line)) cur.fail("file ends before the comment line");
  const auto kv = parse_comment(line, cur);
  Configuration c;
  c.box = xyz_box(kv, cur, source);
  read_xyz_particles(cur, source, n, xyz_columns(kv, cur, source), c);
  while (cur.next(line))
    if (!trim(line).empty())
      cur.fail("more lines than the " + std::to_string(n) +
               " particles declared (a multi-frame file? tls-convert --frame K writes frame K)");
  return c;
}

// ---- LAMMPS data ----------------------------------------------------------------------------

bool is_section_line(std::string_view line) {
  const auto t = trim(line);
  return !t.empty() && std::isalpha(static_cast<unsigned char>(t[0]));
}

// A LAMMPS data file as read: the header's counts and box bounds, the Atoms style comment, and
// the rows of the Atoms and Velocities sections (tokens still text; Masses are checked and dropped).
struct LammpsRow {
  long long id;
  long line;
  std::vector<std::string_view> t;
};
struct LammpsFile {
  long long natoms = -1, ntypes = 1;
  double lo[3] = {0, 0, 0}, hi[3] = {0, 0, 0};
  bool have_box[3] = {false, false, false};
  std::string style;
  std::vector<LammpsRow> atoms, vels;
};

// One header line "<numbers> <keyword...>": atoms, atom types, box bounds (tilts must be zero).
void read_lammps_header_line(std::string_view body, LineCursor& cur, const std::string& source, LammpsFile& f) {
  const auto t = split_ws(body);
  const auto has = [&](std::size_t k, const char* w) { return t.size() > k && t[k] == w; };
  if (t.size() == 2 && t[1] == "atoms") {
    f.natoms = parse_int(t[0], source, cur.line_number(), "atom count");
  } else if (t.size() == 3 && has(1, "atom") && has(2, "types")) {
    f.ntypes = parse_int(t[0], source, cur.line_number(), "atom types");
    if (f.ntypes < 1 || f.ntypes > 1000000)
      cur.fail("atom types must be between 1 and 1000000, got " + std::to_string(f.ntypes));
  } else if (t.size() == 4 && t[2].size() == 3 && t[2].substr(1) == "lo" && t[3].size() == 3 &&
             t[3].substr(1) == "hi" && t[2][0] == t[3][0] && t[2][0] >= 'x' && t[2][0] <= 'z') {
    const int k = t[2][0] - 'x';
    f.lo[k] = parse_double(t[0], source, cur.line_number(), "box bound");
    f.hi[k] = parse_double(t[1], source, cur.line_number(), "box bound");
    f.have_box[k] = true;
  } else if (t.size() == 6 && has(3, "xy")) {
    for (int k = 0; k < 3; ++k)
      if (parse_double(t[static_cast<std::size_t>(k)], source, cur.line_number(), "tilt") != 0.0)
        cur.fail("triclinic boxes are not supported");
  }
}

LammpsFile read_lammps_file(LineCursor& cur, const std::string& source) {
  LammpsFile f;
  std::string_view line;
  if (!cur.next(line)) cur.fail("empty file");
  // Header: "<numbers> <keyword...>" lines up to the first section keyword.
  bool in_header = true;
  std::string section;
  while (cur.next(line)) {
    auto body = line.substr(0, line.find('#'));
    if (in_header) {
      if (trim(body).empty()) continue;
      if (is_section_line(body)) {
        in_header = false;
      } else {
        read_lammps_header_line(body, cur, source, f);
        continue;
      }
    }
    if (is_section_line(body)) {
      section = std::string(trim(body));
      if (section == "Atoms") {
        const auto hash = line.find('#');
        f.style = hash == std::string_view::npos ? "" : std::string(trim(line.substr(hash + 1)));
      }
      continue;
    }
    const auto t = split_ws(body);
    if (t.empty()) continue;
    if (section == "Atoms") {
      f.atoms.push_back({parse_int(t[0], source, cur.line_number(), "atom id"), cur.line_number(), t});
    } else if (section == "Velocities") {
      f.vels.push_back({parse_int(t[0], source, cur.line_number(), "atom id"), cur.line_number(), t});
    } else if (section == "Masses") {
      const auto type = parse_int(t[0], source, cur.line_number(), "atom type");
      if (type < 1 || type > f.ntypes)
        cur.fail("Masses: atom type " + std::to_string(type) + " out of range 1.." + std::to_string(f.ntypes));
      if (t.size() < 2) cur.fail("Masses: expected 'type mass'");
      const double mass = parse_double(t[1], source, cur.line_number(), "mass");
      if (!(mass > 0)) cur.fail("Masses: mass must be positive, got " + format_double(mass));
    }
  }
  return f;
}

// The cubic box side, after checking the atom count, the box lines and the Atoms rows' number.
double lammps_box_side(const LammpsFile& f, const std::string& source) {
  if (f.natoms < 0) throw DataError(source, 0, "no '<N> atoms' line in the header: not a LAMMPS data file");
  if (f.natoms < 1) throw DataError(source, 0, "atom count must be at least 1");
  for (int k = 0; k < 3; ++k)
    if (!f.have_box[k])
      throw DataError(
          source, 0,
          std::string("missing ") + static_cast<char>('x' + k) + "lo " + static_cast<char>('x' + k) + "hi line");
  const double L = f.hi[0] - f.lo[0];
  if (!(L > 0)) throw DataError(source, 0, "box side must be positive, got " + format_double(L));
  for (int k = 1; k < 3; ++k)
    if (std::abs((f.hi[k] - f.lo[k]) - L) > 1e-12 * L)
      throw DataError(source, 0, "only cubic boxes are supported (unequal sides)");
  if (static_cast<long long>(f.atoms.size()) != f.natoms)
    throw DataError(source, 0,
                    "header declares " + std::to_string(f.natoms) + " atoms but the Atoms section has " +
                        std::to_string(f.atoms.size()) +
                        (f.atoms.size() < static_cast<std::size_t>(f.natoms) ? " (truncated file?)" : ""));
  return L;
}

// Column layout of the atom style: first position column, diameter column (-1: by type).
struct LammpsColumns {
  std::string style;
  int x = 0, diameter = -1;
};

LammpsColumns lammps_columns(const LammpsFile& f, const std::string& source, const ReadOptions& opt) {
  // Without a style comment, infer the style from the column count.
  LammpsColumns c{f.style};
  if (c.style.empty()) {
    const auto w = f.atoms.front().t.size();
    c.style = (w == 5 || w == 8) ? "atomic" : (w == 6 || w == 9) ? "charge" : (w == 7 || w == 10) ? "sphere" : "";
  }
  if (c.style == "atomic") {
    c.x = 2;
    c.diameter = -1;
    if (opt.type_diameters.empty())
      throw DataError(source, 0, "atomic-style data files carry no diameters: give the diameter of each atom type");
  } else if (c.style == "charge") {
    c.x = 3;
    c.diameter = 2;
  } else if (c.style == "sphere") {
    c.x = 4;
    c.diameter = 2;
  } else {
    throw DataError(source, 0, "unsupported Atoms style " + echo_token(c.style) + " (atomic, charge or sphere)");
  }
  return c;
}

// The Atoms rows into c: each id once, its type in range, diameter (column or by type), position
// unwrapped by its image flags when present.
void read_lammps_atoms(const LammpsFile& f, const LammpsColumns& col, const std::string& source, const ReadOptions& opt,
                       Configuration& c) {
  const long long natoms = f.natoms;
  const int xcol = col.x;
  const double L = c.box.length;
  c.positions.resize(3 * natoms);
  c.diameters.resize(natoms);
  std::vector<bool> seen(static_cast<std::size_t>(natoms), false);
  for (const auto& a : f.atoms) {
    const std::size_t w = a.t.size();
    if (w != static_cast<std::size_t>(xcol + 3) && w != static_cast<std::size_t>(xcol + 6))
      throw DataError(source, a.line,
                      "expected " + std::to_string(xcol + 3) + " or " + std::to_string(xcol + 6) +
                          " fields for style " + col.style + ", got " + std::to_string(w));
    if (a.id < 1 || a.id > natoms) throw DataError(source, a.line, "atom id " + std::to_string(a.id) + " out of range");
    const auto i = a.id - 1;
    if (seen[static_cast<std::size_t>(i)]) throw DataError(source, a.line, "duplicate atom id " + std::to_string(a.id));
    seen[static_cast<std::size_t>(i)] = true;
    const auto type = parse_int(a.t[1], source, a.line, "atom type");
    if (type < 1 || type > f.ntypes)
      throw DataError(source, a.line,
                      "atom type " + std::to_string(type) + " out of range 1.." + std::to_string(f.ntypes));
    if (col.diameter >= 0) {
      c.diameters[i] = parse_double(a.t[static_cast<std::size_t>(col.diameter)], source, a.line, "diameter");
    } else {
      if (type > static_cast<long long>(opt.type_diameters.size()))
        throw DataError(source, a.line, "no diameter given for atom type " + std::to_string(type));
      c.diameters[i] = opt.type_diameters[static_cast<std::size_t>(type - 1)];
    }
    for (int k = 0; k < 3; ++k) {
      double x = parse_double(a.t[static_cast<std::size_t>(xcol + k)], source, a.line, "position");
      if (w == static_cast<std::size_t>(xcol + 6)) {
        const auto image = parse_int(a.t[static_cast<std::size_t>(xcol + 3 + k)], source, a.line, "image flag");
        if (std::abs(static_cast<double>(image)) > kMaxBoxesAway)
          throw DataError(source, a.line, "image flag " + std::to_string(image) + " beyond 2^50: the position is lost");
        x += static_cast<double>(image) * L;
      }
      c.positions[3 * i + k] = x;
    }
  }
}

void read_lammps_velocities(const LammpsFile& f, const std::string& source, Configuration& c) {
  if (f.vels.empty()) return;
  const long long natoms = f.natoms;
  if (static_cast<long long>(f.vels.size()) != natoms)
    throw DataError(source, 0, "Velocities section has the wrong number of rows");
  c.velocities.resize(3 * natoms);
  for (const auto& v : f.vels) {
    if (v.t.size() < 4) throw DataError(source, v.line, "expected id vx vy vz");
    if (v.id < 1 || v.id > natoms) throw DataError(source, v.line, "atom id out of range");
    for (int k = 0; k < 3; ++k)
      c.velocities[3 * (v.id - 1) + k] = parse_double(v.t[static_cast<std::size_t>(1 + k)], source, v.line, "velocity");
  }
}

Configuration parse_lammps(std::string_view text, const std::string& source, const ReadOptions& opt) {
  LineCursor cur(text, source);
  const LammpsFile f = read_lammps_file(cur, source);
  const double L = lammps_box_side(f, source);
  const LammpsColumns col = lammps_columns(f, source, opt);
  Configuration c;
  c.box.length = L;
  for (int k = 0; k < 3; ++k) c.box.lo[k] = f.lo[k];
  read_lammps_atoms(f, col, source, opt, c);
  read_lammps_velocities(f, source, c);
  return c;
}

}  // namespace

Configuration parse_configuration(std::string_view text, const std::string& source, const ReadOptions& options) {
  ConfigFormat fmt = options.format;
  if (fmt == ConfigFormat::automatic) {
    LineCursor cur(text, source);
    std::string_view line;
    bool any = false;
    while (cur.next(line))
      if (!trim(line).empty()) {
        any = true;
        break;
      }
    if (!any) throw DataError(source, 0, "empty file");
    if (is_integer_line(line)) {
      fmt = ConfigFormat::xyz;
    } else {
      // A LAMMPS data file has an "<N> atoms" line in its first lines.
      LineCursor scan(text, source);
      for (int k = 0; k < 60 && scan.next(line); ++k) {
        const auto t = split_ws(line.substr(0, line.find('#')));
        if (t.size() == 2 && t[1] == "atoms") {
          fmt = ConfigFormat::lammps;
          break;
        }
      }
      if (fmt == ConfigFormat::automatic)
        throw DataError(
            source, 0,
            "unknown configuration format: expected extended XYZ (first line = particle count) or a LAMMPS data file");
    }
  }
  Configuration c = fmt == ConfigFormat::xyz ? parse_xyz(text, source) : parse_lammps(text, source, options);
  validate(c, source);
  if (options.check_overlaps) {
    try {
      // Wrapped: the list counts periodic images in 32 bits (|x|/L >= 2^31 would overflow it).
      NeighbourList(0.01).build(c.box, wrapped_positions(c.box, c.positions), c.diameters);
    } catch (const DataError& e) {
      throw DataError(source, 0, e.what());
    }
    // Particles closer than the overlap test sees (1e-150 apart) give an infinite energy.
    const double e = ForceField(c.box, c.diameters).energy(wrapped_positions(c.box, c.positions));
    if (!std::isfinite(e))
      throw DataError(source, 0, "the energy is not finite (" + format_g17(e) + "): two particles (nearly) overlap");
  }
  return c;
}

Configuration read_configuration(const std::string& path, const ReadOptions& options) {
  return parse_configuration(read_all(path), display_name(path), options);
}

namespace {
std::string quote_if_needed(const std::string& v) {
  const bool plain = !v.empty() && v.find_first_of(" \t\"=") == std::string::npos;
  if (plain) return v;
  std::string s = v;
  std::replace(s.begin(), s.end(), '"', '\'');
  return "\"" + s + "\"";
}
}  // namespace

void write_xyz(std::ostream& out, const Configuration& c, std::optional<double> energy) {
  const int n = c.size();
  const std::string L = format_g17(c.box.length);
  out << n << '\n';
  out << "Lattice=\"" << L << " 0 0 0 " << L << " 0 0 0 " << L << "\" Properties=species:S:1:pos:R:3:diameter:R:1"
      << (c.has_velocities() ? ":vel:R:3" : "");
  if (energy) out << " energy=" << format_g17(*energy);
  out << " pbc=\"T T T\"";
  if (c.box.lo[0] != 0 || c.box.lo[1] != 0 || c.box.lo[2] != 0)
    out << " Origin=\"" << format_g17(c.box.lo[0]) << ' ' << format_g17(c.box.lo[1]) << ' ' << format_g17(c.box.lo[2])
        << '"';
  for (const auto& [k, v] : c.info) out << ' ' << k << '=' << quote_if_needed(v);
  out << '\n';
  for (int i = 0; i < n; ++i) {
    out << "X " << format_g17(c.positions[3 * i]) << ' ' << format_g17(c.positions[3 * i + 1]) << ' '
        << format_g17(c.positions[3 * i + 2]) << ' ' << format_double(c.diameters[i]);
    if (c.has_velocities())
      out << ' ' << format_g17(c.velocities[3 * i]) << ' ' << format_g17(c.velocities[3 * i + 1]) << ' '
          << format_g17(c.velocities[3 * i + 2]);
    out << '\n';
  }
}

void write_lammps(std::ostream& out, const Configuration& c, std::optional<double> energy) {
  const int n = c.size();
  const double L = c.box.length;
  out << "LAMMPS data file written by the TLS toolkit";
  if (energy) out << " energy=" << format_g17(*energy);
  for (const auto& [k, v] : c.info) out << ' ' << k << '=' << quote_if_needed(v);
  out << "\n\n" << n << " atoms\n1 atom types\n\n";
  const char* axis[3] = {"x", "y", "z"};
  for (int k = 0; k < 3; ++k)
    out << format_g17(c.box.lo[k]) << ' ' << format_g17(c.box.lo[k] + L) << ' ' << axis[k] << "lo " << axis[k]
        << "hi\n";
  out << "\nMasses\n\n1 1\n\nAtoms # charge\n\n";
  for (int i = 0; i < n; ++i) {
    out << i + 1 << " 1 " << format_double(c.diameters[i]);
    long image[3];
    double w[3];
    for (int k = 0; k < 3; ++k) {
      const double f = std::floor((c.positions[3 * i + k] - c.box.lo[k]) / L);
      image[k] = static_cast<long>(f);
      w[k] = c.positions[3 * i + k] - f * L;
    }
    for (double v : w) out << ' ' << format_g17(v);
    for (long v : image) out << ' ' << v;
    out << '\n';
  }
  if (c.has_velocities()) {
    out << "\nVelocities\n\n";
    for (int i = 0; i < n; ++i)
      out << i + 1 << ' ' << format_g17(c.velocities[3 * i]) << ' ' << format_g17(c.velocities[3 * i + 1]) << ' '
          << format_g17(c.velocities[3 * i + 2]) << '\n';
  }
}

ConfigFormat output_format(const std::string& path, ConfigFormat requested) {
  if (requested != ConfigFormat::automatic) return requested;
  const auto ext = std::filesystem::path(path).extension().string();
  return (ext == ".data" || ext == ".lmp" || ext == ".lammps") ? ConfigFormat::lammps : ConfigFormat::xyz;
}

void write_configuration(std::ostream& out, const Configuration& c, ConfigFormat format, std::optional<double> energy) {
  if (format == ConfigFormat::lammps)
    write_lammps(out, c, energy);
  else
    write_xyz(out, c, energy);
}

void write_configuration(const std::string& path, const Configuration& c, ConfigFormat format,
                         std::optional<double> energy) {
  AtomicOutput out(path);
  write_configuration(out.stream(), c, output_format(path, format), energy);
  out.commit();
}

}  // namespace tls
