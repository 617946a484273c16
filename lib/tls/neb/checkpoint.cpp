// Checkpoint records of tls-neb.
#include "tls/neb/checkpoint.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>
#include <vector>

#include "tls/core/error.hpp"
#include "tls/io/files.hpp"
#include "tls/io/settings_record.hpp"

namespace tls::neb {

namespace {

constexpr bin::Tag kKeyTag = bin::tag("RUNK");
constexpr bin::Tag kPairTag = bin::tag("PAIR");
constexpr std::uint16_t kMajor = 1, kMinor = 0;

void put_continuation(bin::PayloadWriter& p, const Continuation& c) {
  p.put(static_cast<std::uint8_t>(c.kind));
  p.put_string(c.why);
  p.put(c.curvature);
}

// The run key's names (the inputs, then every setting describe() writes) in the user's words. A
// setting describe() writes must be here: key_record starts a new setting only at these names.
const std::map<std::string, std::string> kSettingWords = {
    {"mode", "the inputs (library mode against single-pair mode)"},
    {"library", "the library (LIBRARY)"},
    {"pairs", "the pair list (PAIRS)"},
    {"configurations", "the inputs (configurations A B, --glass or --id)"},
    {"images", "--images"},
    {"spring", "--spring"},
    {"perp_ftol", "--perp-ftol"},
    {"ftol", "--neb-ftol"},
    {"climb", "--no-climb"},
    {"max_iterations", "--max-iterations"},
    {"optimizer", "--neb-optimizer (or its --neb-lbfgs-*/--neb-fire-* settings)"},
    {"retry_doubled", "--no-retry"},
    {"dip_tol", "--dip-tol"},
    {"max_intermediate", "--max-intermediate"},
    {"same_energy", "--same-energy"},
    {"same_distance", "--same-distance"},
    {"samples", "--samples"},
    {"continuation", "--continuation or --continuation-height"},
    {"saddle_check", "--no-saddle-check"},
    {"climb_ftol", "--climb-ftol"},
    {"coarse", "--coarse-images or --coarse-ftol (or --neb-method)"},
    {"stall", "--stall-iterations or --stall-force (or --neb-method)"},
    {"minimizer", "--ftol (the minimiser's settings)"}};

// A run key ("<inputs> | name=value ...") as a settings record: the inputs first (mode, then
// library and pair list, or the two configurations), then each setting (a word without '='
// continues the value before, and so does a word whose name is not a setting of kSettingWords or is
// one already read: the minimiser's value holds words with '=' of its own, "fire+lbfgs ftol=1e-10
// switch=...").
Metadata key_record(const std::string& key) {
  const auto bar = key.find(" | ");
  const std::string inputs = key.substr(0, bar);
  Metadata m;
  if (inputs.rfind("library", 0) == 0) {
    const auto pairs = std::min(inputs.size(), inputs.find(" pairs "));
    m.emplace_back("mode", "library");
    m.emplace_back("library", inputs.substr(0, pairs));
    m.emplace_back("pairs", inputs.substr(pairs));
  } else {
    m.emplace_back("mode", "configurations");
    m.emplace_back("configurations", inputs);
  }
  std::istringstream in(bar == std::string::npos ? std::string() : key.substr(bar + 3));
  std::string w;
  bool first = true;
  while (in >> w) {
    const auto eq = w.find('=');
    const std::string name = eq == std::string::npos ? std::string() : w.substr(0, eq);
    const bool seen = std::any_of(m.begin(), m.end(), [&](const auto& kv) { return kv.first == name; });
    const bool continues =
        eq == std::string::npos || eq == 0 || w.find('(') < eq || kSettingWords.count(name) == 0 || seen;
    const bool opens = first;
    first = false;
    if (continues) {
      if (opens)
        m.emplace_back("", w);
      else
        m.back().second += " " + w;
    } else {
      m.emplace_back(w.substr(0, eq), w.substr(eq + 1));
    }
  }
  return m;
}

// A key of key_record in the user's words (option names, not the key's internal names); inputs
// are named without their checksums.
std::pair<std::string, std::string> key_in_words(const Metadata& record, const std::string& name) {
  if (const auto o = kSettingWords.find(name); o != kSettingWords.end()) {
    const bool input = name == "mode" || name == "library" || name == "pairs" || name == "configurations";
    return {o->second, input ? std::string() : settings_value(record, name)};
  }
  std::string shown = name;
  for (auto& ch : shown)
    if (ch == '_') ch = '-';
  return {"--" + shown, settings_value(record, name)};
}

Continuation get_continuation(bin::PayloadReader& p) {
  Continuation c;
  c.kind = static_cast<Sample::Kind>(p.get<std::uint8_t>());
  c.why = p.get_string();
  c.curvature = p.get<double>();
  return c;
}

// Out of line: inlined into the constructor, GCC 12 warns (falsely) about the vector insert.
[[gnu::noinline]] std::vector<char> key_payload(const std::string& key) {
  bin::PayloadWriter p;
  p.put_string(key);
  return p.data();
}

}  // namespace

std::vector<char> encode_pair(std::uint64_t index, const std::string& id, const PairResult& r,
                              const std::vector<bool>& keep) {
  bin::PayloadWriter p;
  p.put(index);
  p.put_string(id);
  p.put(static_cast<std::uint8_t>(r.status));
  p.put_string(r.reason);
  p.put(static_cast<std::int64_t>(r.force_calls));
  p.put(static_cast<std::int64_t>(r.iterations));
  p.put(r.first_va);
  p.put(static_cast<std::int32_t>(r.first_dips));
  p.put(static_cast<std::uint32_t>(r.chain.size()));
  for (std::size_t k = 0; k < r.chain.size(); ++k) {
    const auto& n = r.chain[k];
    p.put(n.energy);
    p.put(n.max_force);
    p.put(static_cast<std::int32_t>(n.end));
    p.put(n.moved);
    const bool with = k < keep.size() && keep[k];
    p.put(static_cast<std::uint8_t>(with));
    if (with) p.put_bytes(n.x.data(), sizeof(double) * static_cast<std::size_t>(n.x.size()));
  }
  p.put(static_cast<std::uint32_t>(r.segments.size()));
  for (const auto& s : r.segments) {
    p.put(static_cast<std::int32_t>(s.lo));
    p.put(static_cast<std::int32_t>(s.hi));
    p.put(static_cast<std::uint8_t>(s.status));
    p.put_string(s.reason);
    for (double v : {s.shape.dV, s.shape.Va, s.shape.Vb, s.shape.xi_saddle}) p.put(v);
    p.put(static_cast<std::int32_t>(s.shape.saddle_image));
    for (double v : {s.participation.d_end, s.participation.pr, s.participation.pr_particle, s.d}) p.put(v);
    p.put(static_cast<std::int32_t>(s.images));
    p.put(static_cast<std::int64_t>(s.iterations));
    p.put(static_cast<std::int64_t>(s.force_calls));
    p.put(s.max_neb_force);
    p.put(s.saddle_force);
    p.put(static_cast<std::int32_t>(s.saddle_order));
    put_continuation(p, s.left);
    put_continuation(p, s.right);
    p.put(static_cast<std::uint32_t>(s.profile.size()));
    for (const auto& q : s.profile) {
      p.put(q.xi);
      p.put(q.v);
      p.put(static_cast<std::uint8_t>(q.kind));
      p.put(static_cast<std::int32_t>(q.image));
    }
  }
  return p.data();
}

StoredPair decode_pair(const std::vector<char>& data, const std::string& source, Eigen::Index dimension) {
  bin::PayloadReader p(data, source);
  StoredPair sp;
  sp.index = p.get<std::uint64_t>();
  sp.id = p.get_string();
  auto& r = sp.result;
  const auto status = p.get<std::uint8_t>();
  if (status > static_cast<std::uint8_t>(PairStatus::failed)) throw DataError(source, 0, "checkpoint: bad pair status");
  r.status = static_cast<PairStatus>(status);
  r.reason = p.get_string();
  r.force_calls = p.get<std::int64_t>();
  r.iterations = p.get<std::int64_t>();
  r.first_va = p.get<double>();
  r.first_dips = p.get<std::int32_t>();
  const auto nodes = p.get<std::uint32_t>();
  for (std::uint32_t k = 0; k < nodes; ++k) {
    Node n;
    n.energy = p.get<double>();
    n.max_force = p.get<double>();
    n.end = p.get<std::int32_t>();
    n.moved = p.get<double>();
    if (p.get<std::uint8_t>()) {
      if (static_cast<std::size_t>(dimension) > p.remaining() / sizeof(double))
        throw DataError(source, 0, "checkpoint: pair record " + sp.id + " too short for its positions");
      n.x.resize(dimension);
      p.get_bytes(n.x.data(), sizeof(double) * static_cast<std::size_t>(dimension));
    }
    r.chain.push_back(std::move(n));
  }
  const auto segments = p.get<std::uint32_t>();
  for (std::uint32_t k = 0; k < segments; ++k) {
    SegmentResult s;
    s.lo = p.get<std::int32_t>();
    s.hi = p.get<std::int32_t>();
    const auto st = p.get<std::uint8_t>();
    if (st > static_cast<std::uint8_t>(SegmentStatus::unconverged) || s.lo < 0 || s.hi < 0 ||
        s.lo >= static_cast<int>(nodes) || s.hi >= static_cast<int>(nodes))
      throw DataError(source, 0, "checkpoint: bad segment of pair " + sp.id);
    s.status = static_cast<SegmentStatus>(st);
    s.reason = p.get_string();
    s.shape.dV = p.get<double>();
    s.shape.Va = p.get<double>();
    s.shape.Vb = p.get<double>();
    s.shape.xi_saddle = p.get<double>();
    s.shape.saddle_image = p.get<std::int32_t>();
    s.participation.d_end = p.get<double>();
    s.participation.pr = p.get<double>();
    s.participation.pr_particle = p.get<double>();
    s.d = p.get<double>();
    s.images = p.get<std::int32_t>();
    s.iterations = p.get<std::int64_t>();
    s.force_calls = p.get<std::int64_t>();
    s.max_neb_force = p.get<double>();
    s.saddle_force = p.get<double>();
    s.saddle_order = p.get<std::int32_t>();
    s.left = get_continuation(p);
    s.right = get_continuation(p);
    const auto samples = p.get<std::uint32_t>();
    for (std::uint32_t j = 0; j < samples; ++j) {
      Sample q;
      q.xi = p.get<double>();
      q.v = p.get<double>();
      q.kind = static_cast<Sample::Kind>(p.get<std::uint8_t>());
      q.image = p.get<std::int32_t>();
      s.profile.push_back(q);
    }
    r.segments.push_back(std::move(s));
  }
  if (!p.at_end()) throw DataError(source, 0, "checkpoint: pair record " + sp.id + " has trailing bytes");
  return sp;
}

Checkpoint::Checkpoint(const std::string& path, const std::string& key, bool restart, Eigen::Index dimension)
    : path_(path) {
  std::error_code ec;
  if (!restart && std::filesystem::exists(path, ec)) {
    {
      bin::Reader probe(path, kCheckpointSchema, kMajor);
      bin::Record r;
      std::string stored_key;
      if (probe.next(r) && r.tag == kKeyTag) {
        bin::PayloadReader p(r.payload, path);
        stored_key = p.get_string();
      }
      if (stored_key != key)
        require_same_settings(key_record(stored_key), key_record(key), path,
                              {"checkpoint of another run", "the checkpoint",
                               "remove it, choose another output folder, or pass --restart", key_in_words});
      if (stored_key != key)  // the same settings in another spelling: still another run
        throw DataError(path, 0,
                        "checkpoint of another run: the settings differ; remove it, choose another output folder, "
                        "or pass --restart");
    }
    writer_.emplace(bin::Writer::append(path, kCheckpointSchema, kMajor, &repaired_));
    bin::Reader reader(path, kCheckpointSchema, kMajor);
    bin::Record r;
    while (reader.next(r))
      if (r.tag == kPairTag) stored_.push_back(decode_pair(r.payload, path, dimension));
    return;
  }
  // A fresh checkpoint appears complete with its key, or not at all.
  create_file_atomically(path, path + ".new", [&](const std::string& temp) {
    auto w = bin::Writer::create(temp, {kCheckpointSchema, kMajor, kMinor});
    w.record(kKeyTag, key_payload(key));
    w.sync();
  });
  writer_.emplace(bin::Writer::append(path, kCheckpointSchema, kMajor));
}

void Checkpoint::add(const std::vector<char>& payload) {
  std::lock_guard<std::mutex> lock(mutex_);
  writer_->record(kPairTag, payload);
  writer_->sync();
}

}  // namespace tls::neb
