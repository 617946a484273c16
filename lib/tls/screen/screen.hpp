// The pair screen (issue 13; SPEC.md section 4): learn, from pairs whose NEB and splitting were
// computed exactly, which candidate pairs are likely two-level systems, and rank the others so that
// NEBs run only on the best ones. After Ciarella et al., Nat. Commun. 14, 4229 (2023): a classifier
// for "the pair is a double well" and a regressor for the logarithm of its tunnel splitting, both
// gradient-boosted trees (XGBoost) over cheap features of the two minima (features.hpp). Since
// model 1.1 also a classifier for "the pair holds a TLS" (splitting below the threshold at the
// model's mass) and a regressor for the log10 force calls of the pair's tls-neb run, which give the
// default ranking (by p_tls) and the throughput ranking (p_tls per predicted force call).
//
// Model file `tls-screen-model` 1.1: docs/formats/tls-screen-model.md.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "tls/core/progress.hpp"
#include "tls/io/table.hpp"
#include "tls/screen/booster.hpp"
#include "tls/screen/features.hpp"

namespace tls::screen {

inline constexpr int kModelMajor = 1;
inline constexpr int kModelMinor = 1;  ///< 1.1 adds the `tls` and `cost` boosters

/// How `rank`, `rank-all` and `evaluate` order the pairs (after the p_dw gate; ties by predicted
/// splitting, then pair id):
///   tls        by the probability that the pair holds a TLS, highest first (default; model 1.1);
///   yield      by p_tls / predicted force calls, highest first: expected TLS per NEB cost (1.1);
///   splitting  by the predicted splitting, smallest first (the ranking of model 1.0).
enum class Order { tls, yield, splitting };
Order order_from_name(const std::string& name);
std::string to_string(Order order);

/// A trained screen: the boosters and what they were trained on.
struct Model {
  Metadata provenance;                ///< tool, command, seed, training inputs with checksums
  std::vector<std::string> features;  ///< feature columns, in the boosters' order
  double mass = 0;                    ///< dimensionless mass m~ of the splittings learned
  long glasses = 0, pairs = 0, double_wells = 0;
  std::string xgboost;  ///< XGBoost version that trained it
  std::string classifier_params, regressor_params;
  std::string classifier, regressor;  ///< XGBoost JSON models
  std::string degenerate;             ///< why the training set could not train a real model ("" = it could)
  // Model 1.1 (all empty / 0 in a 1.0 model, which can only rank by Order::splitting):
  double threshold = 0;  ///< eps: a TLS has splitting below this at `mass`
  long tls_pairs = 0;    ///< training pairs that hold a TLS
  long costed = 0;       ///< training pairs with a force-call count (the cost regressor's rows)
  std::string tls_params, cost_params;
  std::string tls, cost;  ///< XGBoost JSON models: TLS classifier, log10 force-call regressor
  bool has_tls() const { return !tls.empty(); }
};

/// Writes a model file. Reads one ("-" = stdin): throws InputError, DataError for another format or
/// major version, a truncated or malformed file, unknown features.
void write_model(std::ostream& out, const Model& model);
Model read_model(const std::string& path);

/// One labelled glass: its pair table, tls-neb's status.tsv (or the tls-neb output folder) and the
/// tls-split table of its profiles.
struct GlassInput {
  std::string pairs, status, splitting;
};

/// A pair's label: -1 unknown (not computed, unconverged, failed), 0 not a double well, 1 a double
/// well with smallest splitting `splitting` (eps) over its DWPs at the chosen mass.
struct Label {
  int dw = -1;
  double splitting = 0;
  long long force_calls = -1;  ///< of the pair's tls-neb run (-1: not computed or no such column)
};

/// Labels of the pairs of `table` (by row) from a status and a splitting table at mass `mass`.
/// Throws DataError when the tables belong to different glasses or runs (glass keys differ, a status
/// row names a pair that is not in the table or other minima, a DWP without a splitting), or the
/// splitting table was computed for other masses.
std::vector<Label> read_labels(const FeatureTable& table, const std::string& status, const std::string& splitting,
                               double mass);

struct TrainConfig {
  std::vector<GlassInput> glasses;
  double mass = 4000;
  std::vector<std::string> features;  ///< empty: every known feature present in all the tables
  BoosterParams params;               ///< objective ignored; seed = --seed
  double threshold = 0;               ///< eps; the TLS classifier's label is splitting < this (0: 2 pi / mass)
  std::string output;
  /// The iterative workflow's early rounds: instead of refusing an empty or single-class training
  /// set, train what can be trained (an empty set: one all-zero row labelled "not a double well";
  /// no double well: the regressor learns log10 E = 0 on every row) and say so in `##degenerate=`.
  bool allow_degenerate = false;
};
struct TrainReport {
  long glasses = 0, pairs = 0, labelled = 0, double_wells = 0, unknown = 0, tls = 0, costed = 0;
  std::vector<std::string> features;
};
/// Trains the four boosters and writes the model atomically. Throws UsageError (bad feature list),
/// DataError (inconsistent tables, no labelled pair, a single class, NaN features), InputError,
/// OutputError.
TrainReport train(const TrainConfig& config, const Metadata& provenance, Progress* progress);
/// Throws UsageError naming the bad option (--mass, --rounds, --max-depth, --eta, --subsample) and
/// its value; train() calls it first.
void validate(const TrainConfig& config);

/// Predicted probability of a double well, splitting (eps), probability of a TLS and force calls of
/// the NEB for every row of a table (p_tls and cost empty for a 1.0 model).
struct Prediction {
  std::vector<float> p_dw;
  std::vector<double> splitting;
  std::vector<float> p_tls;
  std::vector<double> cost;
};
Prediction predict(const Model& model, const FeatureTable& table, int threads);
/// Throws DataError when `model` cannot rank by `order` (a 1.0 model has no TLS classifier).
void require_order(const Model& model, Order order, const std::string& model_source);

/// What a pair is ranked by (rank and the streamed rank-all share it).
struct RankKey {
  bool gated = false;  ///< p_dw >= p_min
  double score = 0;    ///< the order's quantity, larger = better
  double splitting = 0;
};
RankKey rank_key(Order order, double p_min, float p_dw, double splitting, float p_tls, double cost);
/// x before y: gated pairs first, then larger score, then smaller predicted splitting (ties by id
/// are the caller's).
inline int compare_keys(const RankKey& x, const RankKey& y) {
  if (x.gated != y.gated) return x.gated ? -1 : 1;
  if (x.score != y.score) return x.score > y.score ? -1 : 1;
  if (x.splitting != y.splitting) return x.splitting < y.splitting ? -1 : 1;
  return 0;
}

/// Row order, best first: pairs with p_dw >= p_min before the others, then by `order`, then by
/// predicted splitting, then by pair id.
std::vector<std::size_t> rank_order(const FeatureTable& table, const Prediction& p, double p_min,
                                    Order order = Order::splitting);

struct RankConfig {
  std::string model, pairs, output;
  std::vector<std::string> exclude;  ///< tables (status.tsv, pair lists) whose pair ids are left out
  long long top = -1;                ///< keep the best K (-1: all)
  double fraction = -1;              ///< or the best ceil(fraction n) (-1: all)
  double p_min = 0.5;
  Order order = Order::tls;
  int threads = 1;
  /// Stop rule of the iterative workflow: when `gate` (splitting tables of the previous round) is
  /// not empty and holds fewer than `gate_min` TLS (splitting < `gate_threshold` at the model's mass,
  /// flag not `single`; threshold 0: 2 pi / mass), no pair is written.
  std::vector<std::string> gate;
  long gate_min = 1;
  double gate_threshold = 0;
};
struct RankReport {
  long pairs = 0, excluded = 0, ranked = 0, written = 0;
  long gate_tls = -1;  ///< TLS counted in the gate tables (-1: no gate)
  bool stopped = false;
};
/// Ranks the pairs of one table and writes them as a tls-pairs 1.1 table, best first, with columns
/// p_dw, predicted_splitting, p_tls, predicted_cost, rank appended (the middle two empty for a 1.0 model) (tls-neb
/// reads it unchanged). Throws DataError when the table lacks the model's features or has NaN features, a model of
/// another version.
RankReport rank(const RankConfig& config, const Metadata& provenance, Progress* progress);

/// A random sample of the pairs of a table (the exactly computed start of the iterative workflow):
/// each pair is kept with a probability given by a stream of (seed, pair id), so the sample does not
/// depend on the row order; at least one pair when the table has any. Rows keep the table's order.
struct SampleConfig {
  std::string pairs, output;
  double fraction = 0.1;
  std::uint64_t seed = 0;
};
long sample(const SampleConfig& config, const Metadata& provenance);

/// Concatenates the rows of toolkit tables of one format (the rounds of the iterative workflow, so
/// that later stages see one table per glass): same format name and major, same columns, and the
/// same metadata besides provenance (tool, command, seed, input), which is replaced by `provenance`.
/// Throws DataError otherwise. Returns the rows written.
long merge_tables(const std::vector<std::string>& tables, const std::string& output, const Metadata& provenance);

/// TLS (splitting < threshold at `mass`, flag not `single`) in splitting tables.
long count_tls(const std::vector<std::string>& splitting_tables, double mass, double threshold);

/// Recall of the ranking on exactly computed glasses: the share of TLS (splitting < threshold) among
/// the best `fractions` of the labelled pairs.
struct EvaluateConfig {
  std::string model;
  std::vector<GlassInput> glasses;
  double threshold = 0;  ///< eps; 0: 2 pi / mass (E < k_B T_Q at T_Q = 1 K, SPEC.md)
  std::vector<double> fractions = {0.05, 0.1, 0.2};
  double p_min = 0.5;
  Order order = Order::tls;
  int threads = 1;
};
struct EvaluateRow {
  double fraction = 0;
  long pairs = 0, tls = 0;
  double recall = 0, enrichment = 0;
};
struct EvaluateReport {
  long pairs = 0, tls = 0;
  double threshold = 0;
  std::vector<EvaluateRow> rows;
};
EvaluateReport evaluate(const EvaluateConfig& config, Progress* progress);

}  // namespace tls::screen
