// Settings records (io/settings_record.hpp) and atomic file creation (io/files.hpp): the one way
// the resumable stages store, compare and refuse settings, and create their fixed-name files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tls/core/error.hpp"
#include "tls/io/files.hpp"
#include "tls/io/settings_record.hpp"

namespace {

TEST(SettingsRecord, RoundTripsInOrder) {
  const tls::Metadata m = {{"seed", "5"}, {"temperatures", "0.4,0.3"}, {"empty", ""}};
  EXPECT_EQ(tls::decode_settings_record(tls::encode_settings_record(m), "x"), m);
  auto bytes = tls::encode_settings_record(m);
  bytes.resize(bytes.size() - 3);
  EXPECT_THROW(tls::decode_settings_record(bytes, "x"), tls::DataError);
}

TEST(SettingsRecord, NamesTheFirstDifferingKeyWithBothValuesAndExit65) {
  const tls::Metadata stored = {{"seed", "5"}, {"k", "7"}};
  const tls::Metadata now = {{"seed", "5"}, {"k", "8"}, {"new", "1"}};
  const tls::SettingsMismatch how{"checkpoint written with other settings", "the checkpoint", "remove it", {}};
  try {
    tls::require_same_settings(stored, now, "ck.tlsbin", how);
    FAIL() << "a mismatch was accepted";
  } catch (const tls::DataError& e) {
    EXPECT_EQ(static_cast<int>(e.code()), 65);
    EXPECT_EQ(e.location(), "ck.tlsbin");
    EXPECT_NE(
        std::string(e.what()).find("checkpoint written with other settings: k differs (7 in the checkpoint, 8 now); "
                                   "remove it"),
        std::string::npos)
        << e.what();
  }
  // A key the stored record lacks is "(absent)" there; equal records pass.
  try {
    tls::require_same_settings({{"seed", "5"}, {"k", "8"}}, now, "ck", how);
    FAIL();
  } catch (const tls::DataError& e) {
    EXPECT_NE(std::string(e.what()).find("new differs ((absent) in the checkpoint, 1 now)"), std::string::npos)
        << e.what();
  }
  EXPECT_NO_THROW(tls::require_same_settings(now, now, "ck", how));
  // Keys in the tool's words; empty values leave the values out.
  tls::SettingsMismatch words = how;
  words.describe = [](const tls::Metadata&, const std::string& key) {
    return std::make_pair("--" + key, std::string());
  };
  try {
    tls::require_same_settings(stored, now, "ck", words);
    FAIL();
  } catch (const tls::DataError& e) {
    EXPECT_NE(std::string(e.what()).find("other settings: --k differs; remove it"), std::string::npos) << e.what();
  }
}

TEST(CreateFileAtomically, AppearsWholeOrNotAtAllAndLeavesNoTemporary) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("tls-atomic-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "f.bin").string(), temp = path + ".partial";
  tls::create_file_atomically(path, temp, [](const std::string& t) { std::ofstream(t) << "one"; });
  EXPECT_TRUE(fs::exists(path));
  EXPECT_FALSE(fs::exists(temp));
  // A failing writer leaves the previous file as it was and no temporary.
  EXPECT_THROW(tls::create_file_atomically(path, temp,
                                           [](const std::string& t) {
                                             std::ofstream(t) << "two, torn";
                                             throw tls::IoError(t, "disk full");
                                           }),
               tls::IoError);
  std::ifstream in(path);
  std::string content;
  std::getline(in, content);
  EXPECT_EQ(content, "one");
  EXPECT_FALSE(fs::exists(temp));
  fs::remove_all(dir);
}

}  // namespace
