// Settings records of resumable files.
#include "tls/io/settings_record.hpp"

#include "tls/core/error.hpp"
#include "tls/io/binary.hpp"

namespace tls {

std::vector<char> encode_settings_record(const Metadata& settings) {
  bin::PayloadWriter p;
  p.put(static_cast<std::uint32_t>(settings.size()));
  for (const auto& [k, v] : settings) {
    p.put_string(k);
    p.put_string(v);
  }
  return p.data();
}

Metadata decode_settings_record(const std::vector<char>& payload, const std::string& source) {
  bin::PayloadReader p(payload, source);
  const auto n = p.get<std::uint32_t>();
  if (n > p.remaining() / 8) throw DataError(source, 0, "settings record is corrupt");
  Metadata m;
  for (std::uint32_t k = 0; k < n; ++k) {
    auto key = p.get_string();
    m.emplace_back(std::move(key), p.get_string());
  }
  return m;
}

std::string settings_value(const Metadata& m, const std::string& key) {
  for (const auto& [k, v] : m)
    if (k == key) return v;
  return "(absent)";
}

void require_same_settings(const Metadata& stored, const Metadata& now, const std::string& source,
                           const SettingsMismatch& how) {
  for (const auto& [key, value] : now) {
    if (settings_value(stored, key) == value) continue;
    const auto describe = [&](const Metadata& m) {
      if (how.describe) return how.describe(m, key);
      return std::make_pair(key, settings_value(m, key));
    };
    const auto [name, was] = describe(stored);
    const auto is = describe(now).second;
    std::string message = how.what + ": " + name + " differs";
    if (!was.empty() || !is.empty()) message += " (" + was + " in " + how.stored_in + ", " + is + " now)";
    throw DataError(source, 0, message + "; " + how.remedy);
  }
}

}  // namespace tls
