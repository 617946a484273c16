// The pair screen (issue 13; SPEC.md section 4): learn, from pairs whose NEB and splitting were
// computed exactly, which candidate pairs are likely two-level systems, and rank the others so that
// NEBs run only on the best ones. After Ciarella et al., Nat. Commun. 14, 4229 (2023): a classifier
// for "the pair is a double well" and a regressor for the logarithm of its tunnel splitting, both
// gradient-boosted trees (XGBoost) over cheap features of the two minima (features.hpp).
//
// Model file `tls-screen-model` 1.0: docs/formats/tls-screen-model.md.
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
inline constexpr int kModelMinor = 0;

/// A trained screen: the two boosters and what they were trained on.
struct Model {
  Metadata provenance;                ///< tool, command, seed, training inputs with checksums
  std::vector<std::string> features;  ///< feature columns, in the boosters' order
  double mass = 0;                    ///< dimensionless mass m~ of the splittings learned
  long glasses = 0, pairs = 0, double_wells = 0;
  std::string xgboost;  ///< XGBoost version that trained it
  std::string classifier_params, regressor_params;
  std::string classifier, regressor;  ///< XGBoost JSON models
  std::string degenerate;             ///< why the training set could not train a real model ("" = it could)
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
  std::string output;
  /// The iterative workflow's early rounds: instead of refusing an empty or single-class training
  /// set, train what can be trained (an empty set: one all-zero row labelled "not a double well";
  /// no double well: the regressor learns log10 E = 0 on every row) and say so in `##degenerate=`.
  bool allow_degenerate = false;
};
struct TrainReport {
  long glasses = 0, pairs = 0, labelled = 0, double_wells = 0, unknown = 0;
  std::vector<std::string> features;
};
/// Trains both boosters and writes the model atomically. Throws UsageError (bad feature list),
/// DataError (inconsistent tables, no labelled pair, a single class, NaN features), InputError,
/// OutputError.
TrainReport train(const TrainConfig& config, const Metadata& provenance, Progress* progress);
/// Throws UsageError naming the bad option (--mass, --rounds, --max-depth, --eta, --subsample) and
/// its value; train() calls it first.
void validate(const TrainConfig& config);

/// Predicted probability of a double well and splitting (eps) for every row of a table.
struct Prediction {
  std::vector<float> p_dw;
  std::vector<double> splitting;
};
Prediction predict(const Model& model, const FeatureTable& table, int threads);

/// Row order, best first: pairs with p_dw >= p_min before the others, then by predicted splitting
/// (smallest first), then by pair id.
std::vector<std::size_t> rank_order(const FeatureTable& table, const Prediction& p, double p_min);

struct RankConfig {
  std::string model, pairs, output;
  std::vector<std::string> exclude;  ///< tables (status.tsv, pair lists) whose pair ids are left out
  long long top = -1;                ///< keep the best K (-1: all)
  double fraction = -1;              ///< or the best ceil(fraction n) (-1: all)
  double p_min = 0.5;
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
/// p_dw, predicted_splitting, rank appended (tls-neb reads it unchanged). Throws DataError when the
/// table lacks the model's features or has NaN features, a model of another version.
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
