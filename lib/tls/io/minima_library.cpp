// tls-minima schema: GLAS record (glass), then one MINI record per minimum.
#include "tls/io/minima_library.hpp"

#include <cmath>
#include <cstring>
#include <optional>

#include "tls/core/checksum.hpp"
#include "tls/core/error.hpp"
#include "tls/core/format.hpp"

namespace tls {

namespace {
constexpr bin::Tag kGlassTag = bin::tag("GLAS");
constexpr bin::Tag kMinimumTag = bin::tag("MINI");

std::vector<char> encode_header(const GlassHeader& h) {
  bin::PayloadWriter p;
  p.put_string(h.glass);
  p.put(static_cast<std::uint64_t>(h.diameters.size()));
  p.put(h.box.length);
  for (double lo : h.box.lo) p.put(lo);
  p.put_bytes(h.diameters.data(), sizeof(double) * static_cast<std::size_t>(h.diameters.size()));
  p.put(static_cast<std::uint32_t>(h.metadata.size()));
  for (const auto& [k, v] : h.metadata) {
    p.put_string(k);
    p.put_string(v);
  }
  return p.data();
}

GlassHeader decode_header(const std::vector<char>& data, const std::string& source) {
  bin::PayloadReader p(data, source);
  GlassHeader h;
  h.glass = p.get_string();
  const auto n = p.get<std::uint64_t>();
  if (n < 1 || n > 100000000) throw DataError(source, 0, "implausible particle count " + std::to_string(n));
  h.box.length = p.get<double>();
  for (double& lo : h.box.lo) lo = p.get<double>();
  if (n > p.remaining() / sizeof(double))
    throw DataError(source, 0, "glass record too short for " + std::to_string(n) + " particles");
  h.diameters.resize(static_cast<Eigen::Index>(n));
  p.get_bytes(h.diameters.data(), sizeof(double) * n);
  const auto m = p.get<std::uint32_t>();
  for (std::uint32_t k = 0; k < m; ++k) {
    auto key = p.get_string();
    h.metadata.emplace_back(std::move(key), p.get_string());
  }
  // Every field, not only the checksum: a NaN origin or box passes a CRC.
  Configuration c = h.configuration(Eigen::VectorXd::Zero(3 * static_cast<Eigen::Index>(n)));
  for (int k = 0; k < 3; ++k) c.positions(k) = h.box.lo[k];
  validate(c, source);
  return h;
}
}  // namespace

Configuration GlassHeader::configuration(const Eigen::Ref<const Eigen::VectorXd>& positions) const {
  Configuration c;
  c.box = box;
  c.diameters = diameters;
  c.positions = positions;
  return c;
}

GlassHeader glass_header(const Configuration& c, const std::string& glass) {
  GlassHeader h;
  h.glass = glass;
  h.box = c.box;
  h.diameters = c.diameters;
  return h;
}

bool same_glass(const GlassHeader& a, const GlassHeader& b) {
  return a.diameters.size() == b.diameters.size() && a.box.length == b.box.length && a.diameters == b.diameters;
}

void require_same_glass(const GlassHeader& expected, const GlassHeader& got, const std::string& source) {
  if (expected.diameters.size() != got.diameters.size())
    throw DataError(source, 0, "belongs to another glass: " + std::to_string(got.diameters.size()) + " particles, expected " +
                                   std::to_string(expected.diameters.size()));
  if (expected.box.length != got.box.length) throw DataError(source, 0, "belongs to another glass: different box");
  if (expected.diameters != got.diameters) throw DataError(source, 0, "belongs to another glass: different diameters");
}

std::uint32_t glass_fingerprint(const GlassHeader& h) {
  bin::PayloadWriter p;
  p.put(static_cast<std::uint64_t>(h.diameters.size()));
  p.put(h.box.length);
  p.put_bytes(h.diameters.data(), sizeof(double) * static_cast<std::size_t>(h.diameters.size()));
  return crc32(p.data().data(), p.data().size());
}

Metadata glass_metadata(const GlassHeader& h) {
  return {{"glass", h.glass},
          {"particles", std::to_string(h.diameters.size())},
          {"box", format_double(h.box.length)},
          {"glass_crc32", hex32(glass_fingerprint(h))}};
}

void require_glass_metadata(const Metadata& m, const GlassHeader& h, const std::string& source,
                            const std::string& library_name) {
  auto get = [&](const std::string& key) -> const std::string* {
    for (const auto& [k, v] : m)
      if (k == key) return &v;
    return nullptr;
  };
  const std::string mismatch = "belongs to another glass than " + library_name + ": ";
  if (const auto* n = get("particles"); n && *n != std::to_string(h.diameters.size()))
    throw DataError(source, 0, mismatch + *n + " particles, the library has " + std::to_string(h.diameters.size()));
  if (const auto* b = get("box"); b && *b != format_double(h.box.length))
    throw DataError(source, 0, mismatch + "box side " + *b + ", the library has " + format_double(h.box.length));
  const auto* c = get("glass_crc32");
  if (!c) throw DataError(source, 0, "no ##glass_crc32= line: cannot check that it belongs to the glass of " + library_name);
  if (*c != hex32(glass_fingerprint(h)))
    throw DataError(source, 0, mismatch + "different diameters or box (glass_crc32 " + *c + ", the library has " +
                                   hex32(glass_fingerprint(h)) + ")");
}

MinimaWriter MinimaWriter::create(const std::string& path, const GlassHeader& header) {
  auto w = bin::Writer::create(path, {kMinimaSchema, kMinimaMajor, kMinimaMinor});
  w.record(kGlassTag, encode_header(header));
  return MinimaWriter(std::move(w), header.size());
}

MinimaWriter MinimaWriter::append(const std::string& path, const GlassHeader& header, bool* repaired) {
  {
    MinimaReader r(path);  // checks schema and header; torn tails are left for Writer::append
    require_same_glass(header, r.header(), path);
  }
  return MinimaWriter(bin::Writer::append(path, kMinimaSchema, kMinimaMajor, repaired), header.size());
}

void MinimaWriter::add(const Minimum& m) {
  if (m.positions.size() != 3 * static_cast<Eigen::Index>(n_))
    throw InternalError("minimum has " + std::to_string(m.positions.size()) + " coordinates for " + std::to_string(n_) + " particles");
  bin::PayloadWriter p;
  p.put(m.id);
  p.put(m.energy);
  p.put(m.max_force);
  p.put_bytes(m.positions.data(), sizeof(double) * static_cast<std::size_t>(m.positions.size()));
  writer_.record(kMinimumTag, p.data());
}

MinimaReader::MinimaReader(const std::string& path) : reader_(path, kMinimaSchema, kMinimaMajor) {
  bin::Record r;
  if (!reader_.next(r) || r.tag != kGlassTag) throw DataError(path, 0, "tls-minima file without its glass record");
  header_ = decode_header(r.payload, path);
}

bool MinimaReader::is_minimum(const bin::Record& r) { return r.tag == kMinimumTag; }

Minimum MinimaReader::decode(const bin::Record& r) const {
  if (!is_minimum(r)) throw InternalError("decoding a non-MINI record as a minimum");
  Minimum m;
  bin::PayloadReader p(r.payload, reader_.path());
  m.id = p.get<std::uint64_t>();
  m.energy = p.get<double>();
  m.max_force = p.get<double>();
  const auto n3 = 3 * header_.diameters.size();
  if (p.remaining() != sizeof(double) * static_cast<std::size_t>(n3))
    throw DataError(reader_.path(), 0, "minimum " + std::to_string(m.id) + " has the wrong number of coordinates");
  m.positions.resize(n3);
  p.get_bytes(m.positions.data(), sizeof(double) * static_cast<std::size_t>(n3));
  if (!std::isfinite(m.energy) || !m.positions.allFinite() || !(m.max_force >= 0) || !std::isfinite(m.max_force))
    throw DataError(reader_.path(), 0, "minimum " + std::to_string(m.id) + " has non-finite data");
  return m;
}

bool MinimaReader::next(Minimum& m) {
  bin::Record r;
  while (reader_.next(r)) {
    if (!is_minimum(r)) continue;  // records of later minor versions are skipped
    m = decode(r);
    if (!ids_.insert(m.id).second)
      throw DataError(reader_.path(), 0, "minimum id " + std::to_string(m.id) + " appears twice in the library");
    return true;
  }
  return false;
}

Configuration read_library_minimum(const std::string& path, std::uint64_t id) {
  MinimaReader r(path);
  Minimum m;
  std::optional<Configuration> found;
  while (r.next(m))  // to the end: a library with an id twice is refused whatever id is asked for
    if (m.id == id) {
      found = r.header().configuration(m.positions);
      found->set_info("glass", r.header().glass);
      found->set_info("minimum", std::to_string(id));
    }
  if (!found) throw DataError(path, 0, "the library has no minimum with id " + std::to_string(id));
  return *found;
}

std::vector<Minimum> read_minima(const std::string& path, GlassHeader* header) {
  MinimaReader r(path);
  if (header) *header = r.header();
  std::vector<Minimum> all;
  Minimum m;
  while (r.next(m)) all.push_back(m);
  return all;
}

}  // namespace tls
