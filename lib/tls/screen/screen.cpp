// Training, ranking and evaluation of the pair screen; the model file.
#include "tls/screen/screen.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <numbers>
#include <numeric>
#include <ostream>
#include <set>
#include <sstream>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/core/rng.hpp"
#include "tls/io/files.hpp"
#include "tls/io/splitting_table.hpp"
#include "tls/io/text.hpp"

namespace tls::screen {

namespace {

constexpr const char* kBoosterHeader = "#booster\tformat\tbytes";

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  return out;
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (std::size_t k = 0; k < v.size(); ++k) out += (k ? sep : "") + v[k];
  return out;
}

std::string meta_value(const Metadata& m, const std::string& key) {
  std::string v;
  for (const auto& [k, val] : m)
    if (k == key) v = val;
  return v;
}

bool same_mass(double x, double y) { return std::abs(x - y) <= 1e-9 * std::max(std::abs(x), std::abs(y)); }

// status.tsv inside a tls-neb output folder, or the file itself.
std::string status_path(const std::string& s) {
  std::error_code ec;
  if (std::filesystem::is_directory(s, ec)) return (std::filesystem::path(s) / "status.tsv").string();
  return s;
}

constexpr double kPi = std::numbers::pi;

}  // namespace

Order order_from_name(const std::string& name) {
  if (name == "tls") return Order::tls;
  if (name == "yield") return Order::yield;
  if (name == "splitting") return Order::splitting;
  throw UsageError("--order must be tls, yield or splitting, got '" + name + "'");
}

std::string to_string(Order o) { return o == Order::tls ? "tls" : o == Order::yield ? "yield" : "splitting"; }

void write_model(std::ostream& out, const Model& m) {
  out << "#%tls-screen-model " << kModelMajor << '.' << kModelMinor << '\n';
  for (const auto& [k, v] : m.provenance) out << "##" << k << '=' << v << '\n';
  out << "##features=" << join(m.features, ",") << '\n';
  out << "##mass=" << format_double(m.mass) << '\n';
  out << "##label=classifier: the pair is a double well (1) or not (0); regressor: log10 of the smallest "
         "splitting (eps) of its double wells; tls: the pair holds a double well with splitting below "
         "##threshold (1) or not (0); cost: log10 of the force calls of the pair's tls-neb run\n";
  out << "##threshold=" << format_double(m.threshold) << '\n';
  out << "##glasses=" << m.glasses << "\n##pairs=" << m.pairs << "\n##double_wells=" << m.double_wells << '\n';
  out << "##tls_pairs=" << m.tls_pairs << "\n##costed_pairs=" << m.costed << '\n';
  out << "##xgboost=" << m.xgboost << '\n';
  if (!m.degenerate.empty()) out << "##degenerate=" << m.degenerate << '\n';
  out << "##classifier=" << m.classifier_params << "\n##regressor=" << m.regressor_params << '\n';
  out << "##tls=" << m.tls_params << "\n##cost=" << m.cost_params << '\n';
  out << kBoosterHeader << '\n';
  out << "classifier\tjson\t" << m.classifier.size() << '\n' << m.classifier << '\n';
  out << "regressor\tjson\t" << m.regressor.size() << '\n' << m.regressor << '\n';
  out << "tls\tjson\t" << m.tls.size() << '\n' << m.tls << '\n';
  out << "cost\tjson\t" << m.cost.size() << '\n' << m.cost << '\n';
}

Model read_model(const std::string& path) {
  const std::string text = read_all(path);
  const std::string src = display_name(path);
  Model m;
  std::size_t pos = 0;
  long line = 0;
  auto next_line = [&](std::string& s) {
    if (pos >= text.size()) return false;
    const auto nl = text.find('\n', pos);
    if (nl == std::string::npos) throw DataError(src, line + 1, "truncated model file");
    s = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line;
    return true;
  };
  std::string s;
  if (!next_line(s) || s.rfind("#%tls-screen-model ", 0) != 0)
    throw DataError(src, 1, "not a tls-screen-model file (first line '#%tls-screen-model 1.x' expected)");
  const std::string version = s.substr(19);
  if (version.rfind(std::to_string(kModelMajor) + ".", 0) != 0)
    throw DataError(
        src, 1,
        "tls-screen-model version " + version + " (this tls-screen reads " + std::to_string(kModelMajor) + ".x)");
  const std::string minor = version.substr(version.find('.') + 1);
  const bool v11 = !minor.empty() && std::atoi(minor.c_str()) >= 1;
  std::string features, mass, threshold;
  while (next_line(s) && s != kBoosterHeader) {
    if (s.rfind("##", 0) != 0) throw DataError(src, line, "unexpected line before the boosters");
    const auto eq = s.find('=');
    if (eq == std::string::npos) throw DataError(src, line, "metadata line without '='");
    const std::string key = s.substr(2, eq - 2), value = s.substr(eq + 1);
    if (key == "features")
      features = value;
    else if (key == "mass")
      mass = value;
    else if (key == "glasses")
      m.glasses = std::atol(value.c_str());
    else if (key == "pairs")
      m.pairs = std::atol(value.c_str());
    else if (key == "double_wells")
      m.double_wells = std::atol(value.c_str());
    else if (key == "degenerate")
      m.degenerate = value;
    else if (key == "xgboost")
      m.xgboost = value;
    else if (key == "classifier")
      m.classifier_params = value;
    else if (key == "regressor")
      m.regressor_params = value;
    else if (key == "tls")
      m.tls_params = value;
    else if (key == "cost")
      m.cost_params = value;
    else if (key == "threshold")
      threshold = value;
    else if (key == "tls_pairs")
      m.tls_pairs = std::atol(value.c_str());
    else if (key == "costed_pairs")
      m.costed = std::atol(value.c_str());
    else if (key != "label")
      m.provenance.emplace_back(key, value);
  }
  if (s != kBoosterHeader) throw DataError(src, line, "truncated model file (no boosters)");
  if (features.empty()) throw DataError(src, 0, "no ##features line");
  m.features = split(features, ',');
  try {
    check_feature_list(m.features);
  } catch (const UsageError& e) {
    throw DataError(src, 0, std::string("feature set of the model: ") + e.what());
  }
  m.mass = parse_double(mass, src, 0, "##mass");
  if (!(m.mass > 0)) throw DataError(src, 0, "##mass must be > 0");
  if (v11) {
    m.threshold = parse_double(threshold, src, 0, "##threshold");
    if (!(m.threshold > 0)) throw DataError(src, 0, "##threshold must be > 0");
  }
  std::vector<std::pair<const char*, std::string*>> boosters = {{"classifier", &m.classifier},
                                                                {"regressor", &m.regressor}};
  if (v11) boosters.insert(boosters.end(), {{"tls", &m.tls}, {"cost", &m.cost}});
  for (const auto& [name, into] : boosters) {
    if (!next_line(s)) throw DataError(src, line, std::string("truncated model file (no ") + name + ")");
    const auto f = split(s, '\t');
    if (f.size() != 3 || f[0] != name || f[1] != "json")
      throw DataError(src, line, std::string("expected '") + name + "\tjson\t<bytes>'");
    const long long n = parse_int(f[2], src, line, "bytes");
    if (n <= 0 || pos + static_cast<std::size_t>(n) + 1 > text.size() ||
        text[pos + static_cast<std::size_t>(n)] != '\n')
      throw DataError(src, line, std::string("truncated or damaged ") + name);
    *into = text.substr(pos, static_cast<std::size_t>(n));
    pos += static_cast<std::size_t>(n) + 1;
  }
  if (pos != text.size()) throw DataError(src, line, "trailing data after the boosters");
  return m;
}

std::vector<Label> read_labels(const FeatureTable& table, const std::string& status, const std::string& splitting,
                               double mass) {
  const std::string spath = status_path(status);
  // Splittings at this mass, by DWP id.
  const SplittingTable sp = read_splitting_table(splitting);
  if (!sp.masses.empty() &&
      std::none_of(sp.masses.begin(), sp.masses.end(), [&](double m) { return same_mass(m, mass); })) {
    std::string list;
    for (double m : sp.masses) list += (list.empty() ? "" : ",") + format_double(m);
    throw DataError(
        sp.source, 0,
        "splittings computed for mass " + list + ", not " + format_double(mass) + " (tables of different masses)");
  }
  std::map<std::string, const SplittingRecord*> by_id;
  for (const auto& r : sp.rows)
    if (same_mass(r.mass, mass)) by_id[r.id] = &r;

  TableReader t(spath);
  t.expect("neb-status", 1);
  // The three tables must describe one glass.
  const std::string g_pairs = meta_value(table.metadata, "glass"), g_status = t.meta("glass").value_or("");
  const std::string g_split = sp.glass.glass.value_or("");
  auto differ = [](const std::string& x, const std::string& y) { return !x.empty() && !y.empty() && x != y; };
  if (differ(g_pairs, g_status) || differ(g_pairs, g_split) || differ(g_status, g_split))
    throw DataError(t.source(), 0,
                    "tables of different glasses mixed up: pairs '" + g_pairs + "', status '" + g_status +
                        "', splittings '" + g_split + "'");
  std::map<std::uint64_t, std::size_t> row_of;
  for (std::size_t k = 0; k < table.size(); ++k) row_of[table.ids[k]] = k;
  const int cid = t.column("id"), ca = t.column("a"), cb = t.column("b"), cs = t.column("status"),
            cd = t.column("dwps"), cf = t.find_column("force_calls");
  std::vector<Label> labels(table.size());
  while (t.next()) {
    const long long id = t.integer(cid);
    const auto it = id < 0 ? row_of.end() : row_of.find(static_cast<std::uint64_t>(id));
    if (it == row_of.end())
      throw DataError(
          t.source(), t.line(),
          "pair " + std::to_string(id) + " is not in " + table.source + " (tables of different glasses mixed up?)");
    const std::size_t k = it->second;
    if (t.integer(ca) != static_cast<long long>(table.a[k]) || t.integer(cb) != static_cast<long long>(table.b[k]))
      throw DataError(t.source(), t.line(),
                      "pair " + std::to_string(id) + " joins other minima than in " + table.source +
                          " (tables of different glasses mixed up?)");
    const std::string st(trim(t.field(cs)));
    Label& l = labels[k];
    if (cf >= 0) l.force_calls = t.integer(cf);
    if (st == "non-dw" || st == "identical") {
      l.dw = 0;
    } else if (st == "dwp" || st == "split" || st == "partial") {
      double best = -1;
      for (const auto& d : split(std::string(trim(t.field(cd))), ',')) {
        if (d.empty() || d == "-") continue;
        const auto s = by_id.find(d);
        if (s == by_id.end())
          throw DataError(t.source(), t.line(),
                          "double well " + d + " has no splitting at mass " + format_double(mass) + " in " + sp.source +
                              " (tables of different runs?)");
        if (flag_has(s->second->flag, "single")) continue;  // no barrier: not a double well
        if (best < 0 || s->second->splitting < best) best = s->second->splitting;
      }
      l.dw = best >= 0 ? 1 : 0;
      l.splitting = best >= 0 ? best : 0;
    } else if (st != "unconverged" && st != "failed") {
      throw DataError(t.source(), t.line(), "unknown status '" + st + "'");
    }
  }
  return labels;
}

void validate(const TrainConfig& c) {
  auto bad = [](const char* option, const std::string& want, const std::string& got) {
    throw UsageError(std::string(option) + " must be " + want + ", got " + got);
  };
  if (!(c.mass > 0) || !std::isfinite(c.mass)) bad("--mass", "positive", format_double(c.mass));
  if (c.params.rounds < 1) bad("--rounds", ">= 1", std::to_string(c.params.rounds));
  if (c.params.max_depth < 1) bad("--max-depth", ">= 1", std::to_string(c.params.max_depth));
  if (!(c.params.eta > 0) || !std::isfinite(c.params.eta)) bad("--eta", "positive", format_double(c.params.eta));
  if (!(c.params.subsample > 0 && c.params.subsample <= 1))
    bad("--subsample", "in (0, 1]", format_double(c.params.subsample));
  if (!(c.threshold >= 0) || !std::isfinite(c.threshold))
    bad("--threshold", ">= 0 (0: 2 pi / mass)", format_double(c.threshold));
}

namespace {
// The features to train on: the config's, or every known feature present in all the tables.
std::vector<std::string> training_features(const TrainConfig& c) {
  std::vector<std::string> features = c.features;
  if (features.empty()) {
    features = known_features();
    for (const auto& g : c.glasses) {
      const auto present = features_present(g.pairs);
      std::erase_if(features, [&](const std::string& f) {
        return std::find(present.begin(), present.end(), f) == present.end();
      });
    }
    for (const auto& f : required_features())
      if (std::find(features.begin(), features.end(), f) == features.end())
        throw DataError("a training pair table has no column '" + f +
                        "' (the screen needs tls-pairs' feature columns)");
  }
  check_feature_list(features);
  return features;
}

// The labelled pairs of every training glass: all of them with their class (double well or not)
// for the classifier and whether they hold a TLS for the TLS classifier, the double wells with log10
// of their splitting for the regressor; every pair with a force-call count (labelled or not: an
// unconverged band costs too) with its log10 for the cost regressor.
struct TrainingSet {
  Matrix all, dw, costed;
  std::vector<float> y_class, y_log, y_tls, y_cost;
};

TrainingSet training_set(const TrainConfig& c, const std::vector<std::string>& features, double threshold,
                         TrainReport& report) {
  const std::size_t nf = features.size();
  TrainingSet s;
  s.all.cols = s.dw.cols = s.costed.cols = nf;
  for (const auto& g : c.glasses) {
    const auto table = read_feature_table(g.pairs, features, false);
    const auto labels = read_labels(table, g.status, g.splitting, c.mass);
    for (std::size_t k = 0; k < table.size(); ++k) {
      if (labels[k].force_calls > 0) {
        for (std::size_t f = 0; f < nf; ++f) s.costed.values.push_back(static_cast<float>(table.at(k, f)));
        s.y_cost.push_back(static_cast<float>(std::log10(static_cast<double>(labels[k].force_calls))));
      }
      if (labels[k].dw < 0) {
        ++report.unknown;
        continue;
      }
      for (std::size_t f = 0; f < nf; ++f) s.all.values.push_back(static_cast<float>(table.at(k, f)));
      s.y_class.push_back(static_cast<float>(labels[k].dw));
      const bool tls = labels[k].dw == 1 && labels[k].splitting < threshold;
      s.y_tls.push_back(tls ? 1.0f : 0.0f);
      report.tls += tls;
      if (labels[k].dw == 1) {
        for (std::size_t f = 0; f < nf; ++f) s.dw.values.push_back(static_cast<float>(table.at(k, f)));
        // Splittings below 1e-30 eps are numerically zero: clamp so the logarithm stays finite.
        s.y_log.push_back(static_cast<float>(std::log10(std::max(labels[k].splitting, 1e-30))));
      }
    }
    report.pairs += static_cast<long>(table.size());
    ++report.glasses;
  }
  s.all.rows = s.y_class.size();
  s.dw.rows = s.y_log.size();
  s.costed.rows = s.y_cost.size();
  report.costed = static_cast<long>(s.costed.rows);
  return s;
}

// A set without pairs or with one class only: refused (DataError) unless allowed, then padded so
// that both boosters train (one zero row, the regressor on all pairs). Returns what is degenerate
// ("" when nothing is).
std::string pad_degenerate(TrainingSet& s, bool allow, std::size_t nf) {
  auto& all = s.all;
  auto& dw = s.dw;
  if (!(all.rows == 0 || dw.rows == 0 || dw.rows == all.rows)) return "";
  const std::string degenerate = all.rows == 0  ? "empty training set"
                                 : dw.rows == 0 ? "no double well"
                                                : "only double wells";
  if (!allow) {
    if (all.rows == 0) throw DataError("empty training set: no pair of the training glasses was computed exactly");
    throw DataError("single-class training set: all " + std::to_string(all.rows) + " labelled pairs are " +
                    (dw.rows == 0 ? "non-double wells" : "double wells") + "; the classifier needs both");
  }
  if (all.rows == 0) {
    all.values.assign(nf, 0.0f);
    all.rows = 1;
    s.y_class.push_back(0.0f);
    s.y_tls.push_back(0.0f);
  }
  if (dw.rows == 0) {
    dw = all;
    s.y_log.assign(all.rows, 0.0f);
  }
  return degenerate;
}
}  // namespace

TrainReport train(const TrainConfig& c, const Metadata& provenance, Progress* /*progress*/) {
  if (c.glasses.empty()) throw UsageError("no training glass given");
  validate(c);
  AtomicOutput out(c.output);
  TrainReport report;
  report.features = training_features(c);
  const double threshold = c.threshold > 0 ? c.threshold : 2 * kPi / c.mass;
  TrainingSet set = training_set(c, report.features, threshold, report);
  report.labelled = static_cast<long>(set.all.rows);
  report.double_wells = static_cast<long>(set.dw.rows);
  const std::string degenerate = pad_degenerate(set, c.allow_degenerate, report.features.size());

  Model m;
  m.provenance = provenance;
  m.features = report.features;
  m.mass = c.mass;
  m.glasses = report.glasses;
  m.pairs = report.labelled;
  m.double_wells = report.double_wells;
  m.xgboost = xgboost_version();
  m.degenerate = degenerate;
  BoosterParams p = c.params;
  p.objective = "binary:logistic";
  m.classifier_params = p.describe();
  m.classifier = train_booster(set.all, set.y_class, p);
  p.objective = "reg:squarederror";
  m.regressor_params = p.describe();
  m.regressor = train_booster(set.dw, set.y_log, p);
  // A set without a TLS trains a TLS classifier that cannot separate (every p_tls equal): the
  // ranking then falls back to the predicted splitting, its tie-break.
  m.threshold = threshold;
  m.tls_pairs = report.tls;
  p.objective = "binary:logistic";
  m.tls_params = p.describe();
  m.tls = train_booster(set.all, set.y_tls, p);
  // Without force-call counts (status tables of old runs) the cost is learnt as one call per pair,
  // so --order yield ranks as --order tls.
  m.costed = report.costed;
  if (set.costed.rows == 0) {
    set.costed = set.all;
    set.y_cost.assign(set.all.rows, 0.0f);
  }
  p.objective = "reg:squarederror";
  m.cost_params = p.describe();
  m.cost = train_booster(set.costed, set.y_cost, p);
  write_model(out.stream(), m);
  out.commit();
  return report;
}

Prediction predict(const Model& m, const FeatureTable& table, int threads) {
  Prediction p;
  if (table.size() == 0) return p;
  const Matrix x = feature_matrix(table, {});
  p.p_dw = predict_booster(m.classifier, x, threads);
  const auto lg = predict_booster(m.regressor, x, threads);
  p.splitting.resize(lg.size());
  for (std::size_t k = 0; k < lg.size(); ++k) p.splitting[k] = std::pow(10.0, static_cast<double>(lg[k]));
  if (m.has_tls()) {
    p.p_tls = predict_booster(m.tls, x, threads);
    const auto lc = predict_booster(m.cost, x, threads);
    p.cost.resize(lc.size());
    for (std::size_t k = 0; k < lc.size(); ++k) p.cost[k] = std::pow(10.0, static_cast<double>(lc[k]));
  }
  return p;
}

void require_order(const Model& m, Order order, const std::string& source) {
  if (order != Order::splitting && !m.has_tls())
    throw DataError(display_name(source), 1,
                    "a tls-screen-model 1.0 has no TLS classifier, so it cannot rank by --order " + to_string(order) +
                        ": retrain it with this tls-screen, or give --order splitting");
}

RankKey rank_key(Order order, double p_min, float p_dw, double splitting, float p_tls, double cost) {
  RankKey k;
  k.gated = p_dw >= p_min;
  k.splitting = splitting;
  k.score = order == Order::tls     ? static_cast<double>(p_tls)
            : order == Order::yield ? static_cast<double>(p_tls) / std::max(cost, 1.0)
                                    : -splitting;
  return k;
}

std::vector<std::size_t> rank_order(const FeatureTable& t, const Prediction& p, double p_min, Order o) {
  const bool tls = o != Order::splitting;
  if (tls && p.p_tls.size() != p.p_dw.size()) throw DataError("the model has no TLS classifier (--order splitting)");
  std::vector<RankKey> keys(t.size());
  for (std::size_t k = 0; k < t.size(); ++k)
    keys[k] = rank_key(o, p_min, p.p_dw[k], p.splitting[k], tls ? p.p_tls[k] : 0.0f, tls ? p.cost[k] : 1.0);
  std::vector<std::size_t> order(t.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    if (const int c = compare_keys(keys[x], keys[y])) return c < 0;
    return t.ids[x] < t.ids[y];
  });
  return order;
}

namespace {
// The ids of the pairs already computed (the pair or id column of each status table).
std::set<std::uint64_t> excluded_ids(const std::vector<std::string>& status_tables) {
  std::set<std::uint64_t> skip;
  for (const auto& e : status_tables) {
    TableReader t(status_path(e));
    const int cid = t.find_column("pair") >= 0 ? t.column("pair") : t.column("id");
    while (t.next()) skip.insert(static_cast<std::uint64_t>(t.integer(cid)));
  }
  return skip;
}

// The table without the pairs in `skip` (counted in `excluded`) and without the columns of a
// previous ranking; `columns` receives the columns kept.
FeatureTable without_excluded(const FeatureTable& table, const std::set<std::uint64_t>& skip, std::size_t nf,
                              std::vector<std::string>& columns, long& excluded) {
  const std::set<std::string> ours = {"p_dw", "predicted_splitting", "p_tls", "predicted_cost", "rank"};
  std::vector<std::size_t> keep_cols;
  for (std::size_t k = 0; k < table.columns.size(); ++k)
    if (!ours.count(table.columns[k])) keep_cols.push_back(k), columns.push_back(table.columns[k]);
  FeatureTable kept = table;
  kept.ids.clear(), kept.a.clear(), kept.b.clear(), kept.x.clear(), kept.rows.clear(), kept.lines.clear();
  for (std::size_t k = 0; k < table.size(); ++k) {
    if (skip.count(table.ids[k])) {
      ++excluded;
      continue;
    }
    kept.ids.push_back(table.ids[k]);
    kept.a.push_back(table.a[k]);
    kept.b.push_back(table.b[k]);
    kept.x.insert(kept.x.end(), table.x.begin() + static_cast<long>(k * nf),
                  table.x.begin() + static_cast<long>((k + 1) * nf));
    std::string row = table.rows[k];
    if (keep_cols.size() != table.columns.size()) {
      const auto f = split(row, '\t');
      row.clear();
      for (std::size_t j = 0; j < keep_cols.size(); ++j) row += (j ? "\t" : "") + f[keep_cols[j]];
    }
    kept.rows.push_back(row);
  }
  return kept;
}

// How many of the `ranked` pairs to write: --top, --fraction (rounded up), none when the gate stopped.
std::size_t rows_to_write(const RankConfig& c, std::size_t ranked, bool stopped) {
  std::size_t n = ranked;
  if (c.top >= 0) n = std::min(n, static_cast<std::size_t>(c.top));
  if (c.fraction > 0) n = std::min(n, static_cast<std::size_t>(std::ceil(c.fraction * static_cast<double>(ranked))));
  if (stopped) n = 0;
  return n;
}

// The ranked table (tls-pairs 1.1): the input's metadata but its provenance, the screen's counts,
// the kept columns and p_dw, predicted_splitting, rank; the first n pairs of `order`.
void write_ranking(std::ostream& os, const Metadata& provenance, const FeatureTable& table, const Model& m,
                   const RankReport& report, long gate_min, Order rank_order_used, std::vector<std::string> columns,
                   const FeatureTable& kept, const Prediction& p, const std::vector<std::size_t>& order,
                   std::size_t n) {
  TableWriter w(os, "pairs", 1, 1);
  w.meta(provenance);
  for (const auto& [k, v] : table.metadata)
    if (k != "tool" && k != "command" && k != "seed" && k != "input") w.meta(k, v);
  w.meta("screen_mass", format_double(m.mass));
  w.meta("screen_features", join(m.features, ","));
  w.meta("screen_pairs", std::to_string(report.pairs));
  w.meta("screen_excluded", std::to_string(report.excluded));
  w.meta("screen_ranked", std::to_string(report.ranked));
  w.meta("screen_written", std::to_string(report.written));
  if (report.gate_tls >= 0) {
    w.meta("screen_gate_tls", std::to_string(report.gate_tls));
    w.meta("screen_gate_min", std::to_string(gate_min));
  }
  w.meta("screen_order", to_string(rank_order_used));
  w.meta("order", "rank");
  columns.insert(columns.end(), {"p_dw", "predicted_splitting", "p_tls", "predicted_cost", "rank"});
  w.columns(columns);
  const bool tls = p.p_tls.size() == p.p_dw.size();
  for (std::size_t r = 0; r < n; ++r) {
    const std::size_t k = order[r];
    os << kept.rows[k] << '\t' << format_double(static_cast<double>(p.p_dw[k])) << '\t' << format_double(p.splitting[k])
       << '\t' << (tls ? format_double(static_cast<double>(p.p_tls[k])) : "nan") << '\t'
       << (tls ? format_double(p.cost[k]) : "nan") << '\t' << r + 1 << '\n';
  }
}
}  // namespace

RankReport rank(const RankConfig& c, const Metadata& provenance, Progress* /*progress*/) {
  if (c.top < -1 || (c.fraction != -1 && !(c.fraction > 0 && c.fraction <= 1)))
    throw UsageError("--top must be >= 0 and --fraction in (0, 1]");
  if (!(c.p_min >= 0 && c.p_min <= 1)) throw UsageError("--p-min must be in [0, 1]");
  AtomicOutput out(c.output);
  const Model m = read_model(c.model);
  require_order(m, c.order, c.model);
  FeatureTable table = read_feature_table(c.pairs, m.features, true);
  RankReport report;
  report.pairs = static_cast<long>(table.size());
  // Pairs already computed are left out; columns of a previous ranking are replaced.
  const std::set<std::uint64_t> skip = excluded_ids(c.exclude);
  std::vector<std::string> columns;
  const FeatureTable kept = without_excluded(table, skip, m.features.size(), columns, report.excluded);
  report.ranked = static_cast<long>(kept.size());
  if (!c.gate.empty()) {
    report.gate_tls =
        count_tls(c.gate, m.mass, c.gate_threshold > 0 ? c.gate_threshold : 2 * std::numbers::pi / m.mass);
    report.stopped = report.gate_tls < c.gate_min;
  }
  const Prediction p = predict(m, kept, c.threads);
  const auto order = rank_order(kept, p, c.p_min, c.order);
  const std::size_t n = rows_to_write(c, order.size(), report.stopped);
  report.written = static_cast<long>(n);
  write_ranking(out.stream(), provenance, table, m, report, c.gate_min, c.order, columns, kept, p, order, n);
  out.commit();
  return report;
}

long merge_tables(const std::vector<std::string>& tables, const std::string& output, const Metadata& provenance) {
  if (tables.empty()) throw UsageError("no table to merge");
  AtomicOutput out(output);
  auto own = [](const Metadata& m) {
    Metadata k;
    for (const auto& kv : m)
      if (kv.first != "tool" && kv.first != "command" && kv.first != "seed" && kv.first != "input") k.push_back(kv);
    return k;
  };
  std::string format;
  int major = 0, minor = 0;
  Metadata meta;
  std::vector<std::string> columns;
  std::string body;
  long rows = 0;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    TableReader t(tables[i]);
    if (i == 0) {
      format = t.format(), major = t.major(), minor = t.minor(), meta = own(t.metadata()), columns = t.columns();
    } else {
      if (t.format() != format || t.major() != major)
        throw DataError(t.source(), 1,
                        "format " + t.format() + " " + std::to_string(t.major()) + ".x, not " + format + " " +
                            std::to_string(major) + ".x like " + display_name(tables[0]));
      if (t.columns() != columns) throw DataError(t.source(), 0, "other columns than " + display_name(tables[0]));
      if (own(t.metadata()) != meta)
        throw DataError(t.source(), 0, "other metadata (glass, method) than " + display_name(tables[0]));
      minor = std::min(minor, t.minor());
    }
    while (t.next()) {
      for (std::size_t c = 0; c < columns.size(); ++c) {
        if (c) body += '\t';
        body += t.field(static_cast<int>(c));
      }
      body += '\n';
      ++rows;
    }
  }
  const std::string name = format.rfind("tls-", 0) == 0 ? format.substr(4) : format;
  TableWriter w(out.stream(), name, major, minor);
  w.meta(provenance);
  w.meta(meta);
  w.meta("merged_tables", std::to_string(tables.size()));
  w.columns(columns);
  out.stream() << body;
  out.commit();
  return rows;
}

long count_tls(const std::vector<std::string>& tables, double mass, double threshold) {
  long n = 0;
  for (const auto& path : tables)
    for (const auto& r : read_splitting_table(path).rows)
      if (same_mass(r.mass, mass) && r.splitting < threshold && !flag_has(r.flag, "single")) ++n;
  return n;
}

long sample(const SampleConfig& c, const Metadata& provenance) {
  if (!(c.fraction > 0 && c.fraction <= 1)) throw UsageError("--fraction must be in (0, 1]");
  AtomicOutput out(c.output);
  const FeatureTable t = read_feature_table(c.pairs, {}, true);
  std::vector<std::size_t> keep;
  for (std::size_t k = 0; k < t.size(); ++k) {
    Rng rng(c.seed, "screen-sample", t.ids[k]);
    if (rng.uniform() < c.fraction) keep.push_back(k);
  }
  if (keep.empty() && t.size() > 0) {
    // The pair with the smallest draw, so that a small glass still starts with one labelled pair.
    std::size_t best = 0;
    double lo = 2;
    for (std::size_t k = 0; k < t.size(); ++k) {
      Rng rng(c.seed, "screen-sample", t.ids[k]);
      if (const double u = rng.uniform(); u < lo) lo = u, best = k;
    }
    keep.push_back(best);
  }
  TableWriter w(out.stream(), "pairs", 1, 1);
  w.meta(provenance);
  for (const auto& [k, v] : t.metadata)
    if (k != "tool" && k != "command" && k != "seed" && k != "input") w.meta(k, v);
  w.meta("screen_sample", format_double(c.fraction));
  w.columns(t.columns);
  for (std::size_t k : keep) out.stream() << t.rows[k] << '\n';
  out.commit();
  return static_cast<long>(keep.size());
}

EvaluateReport evaluate(const EvaluateConfig& c, Progress* /*progress*/) {
  const Model m = read_model(c.model);
  require_order(m, c.order, c.model);
  EvaluateReport report;
  report.threshold = c.threshold > 0 ? c.threshold : 2 * std::numbers::pi / m.mass;
  // Pool the labelled pairs of every glass, then rank them together.
  FeatureTable pool;
  pool.features = m.features;
  std::vector<int> is_tls;
  for (const auto& g : c.glasses) {
    const auto t = read_feature_table(g.pairs, m.features, false);
    const auto labels = read_labels(t, g.status, g.splitting, m.mass);
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (labels[k].dw < 0) continue;
      pool.ids.push_back(pool.ids.size());
      pool.x.insert(pool.x.end(), t.x.begin() + static_cast<long>(k * m.features.size()),
                    t.x.begin() + static_cast<long>((k + 1) * m.features.size()));
      is_tls.push_back(labels[k].dw == 1 && labels[k].splitting < report.threshold);
    }
  }
  report.pairs = static_cast<long>(pool.size());
  report.tls = std::accumulate(is_tls.begin(), is_tls.end(), 0L);
  if (report.pairs == 0) throw DataError("no exactly computed pair to evaluate on");
  const auto p = predict(m, pool, c.threads);
  const auto order = rank_order(pool, p, c.p_min, c.order);
  for (double f : c.fractions) {
    EvaluateRow r;
    r.fraction = f;
    r.pairs = static_cast<long>(std::ceil(f * static_cast<double>(order.size())));
    for (long k = 0; k < r.pairs; ++k) r.tls += is_tls[order[static_cast<std::size_t>(k)]];
    r.recall = report.tls ? static_cast<double>(r.tls) / static_cast<double>(report.tls) : 0;
    r.enrichment = r.recall / (static_cast<double>(r.pairs) / static_cast<double>(report.pairs));
    report.rows.push_back(r);
  }
  return report;
}

}  // namespace tls::screen
