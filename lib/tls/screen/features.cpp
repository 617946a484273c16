// Reading pair tables column by column, as the features of a model ask.
#include "tls/screen/features.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "tls/core/error.hpp"

namespace tls::screen {

const std::vector<std::string>& known_features() {
  static const std::vector<std::string> f = {
      "dE", "distance", "max_displacement", "PR", "PR_particle", "count_ab", "count_ba", "disp2", "disp3"};
  return f;
}

const std::vector<std::string>& required_features() {
  static const std::vector<std::string> f = {"dE",          "distance", "max_displacement",
                                             "PR_particle", "count_ab", "count_ba"};
  return f;
}

void check_feature_list(const std::vector<std::string>& features) {
  std::set<std::string> seen;
  for (const auto& f : features) {
    if (std::find(known_features().begin(), known_features().end(), f) == known_features().end())
      throw UsageError("unknown feature '" + f + "'");
    if (!seen.insert(f).second) throw UsageError("feature '" + f + "' listed twice");
  }
  for (const auto& f : required_features())
    if (!seen.count(f)) throw UsageError("feature '" + f + "' is required");
}

std::vector<std::string> features_present(const std::string& path) {
  TableReader t(path);
  t.expect("pairs", 1);
  std::vector<std::string> out;
  for (const auto& f : known_features())
    if (t.find_column(f) >= 0) out.push_back(f);
  return out;
}

FeatureTable read_feature_table(const std::string& path, const std::vector<std::string>& features, bool keep_rows) {
  TableReader t(path);
  t.expect("pairs", 1);
  FeatureTable out;
  out.source = t.source();
  out.metadata = t.metadata();
  out.columns = t.columns();
  out.features = features;
  const int cid = t.find_column("pair") >= 0 ? t.column("pair") : t.column("id");
  const int ca = t.column("a"), cb = t.column("b");
  std::vector<int> cols;
  for (const auto& f : features) {
    const int c = t.find_column(f);
    if (c < 0)
      throw DataError(t.source(), 0, "no column '" + f + "': the screen needs the feature columns of tls-pairs");
    cols.push_back(c);
  }
  auto nonneg = [&](int c) {
    const long long v = t.integer(c);
    if (v < 0)
      throw DataError(t.source(), t.line(), "column '" + t.columns()[static_cast<std::size_t>(c)] + "' must be >= 0");
    return static_cast<std::uint64_t>(v);
  };
  std::set<std::uint64_t> seen;
  std::string row;
  while (t.next()) {
    const auto id = nonneg(cid);
    if (!seen.insert(id).second)
      throw DataError(t.source(), t.line(), "pair id " + std::to_string(id) + " listed twice");
    out.ids.push_back(id);
    out.a.push_back(nonneg(ca));
    out.b.push_back(nonneg(cb));
    for (std::size_t k = 0; k < cols.size(); ++k) {
      const double v = t.number(cols[k]);  // throws on NaN and infinities
      if ((features[k] == "dE" || features[k].rfind("count", 0) == 0) && v < 0)
        throw DataError(t.source(), t.line(), "feature '" + features[k] + "' must be >= 0");
      out.x.push_back(v);
    }
    out.lines.push_back(t.line());
    if (keep_rows) {
      row.clear();
      for (int c = 0; c < static_cast<int>(t.columns().size()); ++c) {
        if (c) row += '\t';
        row += t.field(c);
      }
      out.rows.push_back(row);
    }
  }
  return out;
}

Matrix feature_matrix(const FeatureTable& t, const std::vector<std::size_t>& rows) {
  Matrix m;
  m.cols = t.features.size();
  m.rows = rows.empty() ? t.size() : rows.size();
  m.values.reserve(m.rows * m.cols);
  for (std::size_t r = 0; r < m.rows; ++r) {
    const std::size_t i = rows.empty() ? r : rows[r];
    for (std::size_t k = 0; k < m.cols; ++k) m.values.push_back(static_cast<float>(t.at(i, k)));
  }
  return m;
}

}  // namespace tls::screen
