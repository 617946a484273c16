// Features of candidate pairs for the screen, read from tls-pairs tables (docs/formats/tls-pairs.md).
// Only the pair table is needed: the features are cheap end-point quantities of the two minima.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tls/io/table.hpp"
#include "tls/screen/booster.hpp"

namespace tls::screen {

/// Every feature the screen knows, in the order a model lists them: dE, distance, max_displacement,
/// PR, PR_particle, count_ab, count_ba, disp2, disp3 (tls-pairs 1.1 adds the last two).
const std::vector<std::string>& known_features();
/// The features every model needs (a tls-pairs 1.0 table without PR still trains and ranks):
/// dE, distance, max_displacement, PR_particle, count_ab, count_ba.
const std::vector<std::string>& required_features();

/// One tls-pairs table with the feature columns of the chosen features.
struct FeatureTable {
  std::string source;                 ///< display name of the file
  Metadata metadata;                  ///< its ## lines
  std::vector<std::string> columns;   ///< its columns
  std::vector<std::string> features;  ///< the features read, in order
  std::vector<std::uint64_t> ids, a, b;
  std::vector<double> x;          ///< row-major, ids.size() x features.size()
  std::vector<std::string> rows;  ///< the rows as written (when asked to keep them)
  std::vector<long> lines;        ///< line of each row in the file
  std::size_t size() const { return ids.size(); }
  double at(std::size_t row, std::size_t feature) const { return x[row * features.size() + feature]; }
};

/// The known features present as columns of a table (reads only its header).
std::vector<std::string> features_present(const std::string& path);

/// Reads a tls-pairs table (any 1.x; "-" = stdin) with the given features. Throws InputError, and
/// DataError (file:line) for another format, a missing feature column, a NaN or infinite feature,
/// a negative dE or count, a pair id listed twice.
FeatureTable read_feature_table(const std::string& path, const std::vector<std::string>& features, bool keep_rows);

/// The matrix of the rows `rows` (all when empty) of a table, in XGBoost's float precision.
Matrix feature_matrix(const FeatureTable& t, const std::vector<std::size_t>& rows);

/// Checks a feature list: known names, no duplicates, every required feature. Throws UsageError.
void check_feature_list(const std::vector<std::string>& features);

}  // namespace tls::screen
