// Settings records: the keys and values a resumable file (a checkpoint, an exploration library)
// was written with, stored in it and compared with the settings of the run that would continue
// it. Stored in a tls-bin record as a u32 count, then each key and value as u32-length strings.
// Every tool refuses a mismatch the same way: DataError (exit 65) naming the first key that
// differs, in the tool's words, with both values.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "tls/io/table.hpp"

namespace tls {

/// The payload of a settings record.
std::vector<char> encode_settings_record(const Metadata& settings);
/// Reads what encode_settings_record wrote. Throws DataError naming `source`.
Metadata decode_settings_record(const std::vector<char>& payload, const std::string& source);

/// The value of `key` in `m`, or "(absent)".
std::string settings_value(const Metadata& m, const std::string& key);

/// How a tool tells a mismatch.
struct SettingsMismatch {
  /// The start of the message, e.g. "checkpoint written with other settings".
  std::string what;
  /// Where the stored values are, e.g. "the checkpoint".
  std::string stored_in;
  /// What to do, e.g. "remove it to start afresh".
  std::string remedy;
  /// A key in the tool's words and a value as shown, from the whole record (an option may be
  /// computed from several keys); empty `shown` values leave the values out of the message.
  /// Default: the key and its value as stored.
  std::function<std::pair<std::string, std::string>(const Metadata& record, const std::string& key)> describe;
};

/// Checks, in the order of `now`, that `stored` holds the same value for every key; throws
/// DataError(source, 0, "<what>: <name> differs (<stored> in <stored_in>, <now> now); <remedy>")
/// for the first that differs (a key missing from `stored` is "(absent)").
void require_same_settings(const Metadata& stored, const Metadata& now, const std::string& source,
                           const SettingsMismatch& how);

}  // namespace tls
