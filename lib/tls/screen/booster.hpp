// Gradient-boosted trees through XGBoost's C API (Chen & Guestrin, KDD 2016), behind a small value
// type: train on a dense float matrix, save to bytes, load, predict. The only file of the toolkit
// that includes xgboost/c_api.h is booster.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tls::screen {

/// Training parameters (XGBoost names). Training always runs on one thread: the data are small
/// and one thread makes the model bytes independent of the machine (docs/tools/tls-screen.md).
struct BoosterParams {
  std::string objective = "binary:logistic";  ///< or "reg:squarederror"
  int rounds = 300;                           ///< boosting iterations
  int max_depth = 5;
  double eta = 0.05;       ///< learning rate
  double subsample = 0.8;  ///< row sampling per tree (seeded)
  double min_child_weight = 1;
  std::uint64_t seed = 0;
  /// The parameters as "name=value,..." (recorded in the model file).
  std::string describe() const;
};

/// A dense row-major matrix of features: rows x cols floats (XGBoost's precision).
struct Matrix {
  std::size_t rows = 0, cols = 0;
  std::vector<float> values;
};

/// Trains a booster; returns its JSON model bytes. Throws DataError for an empty matrix or labels
/// of the wrong length, InternalError when XGBoost reports an error.
std::string train_booster(const Matrix& x, const std::vector<float>& labels, const BoosterParams& params);

/// Predictions of a saved booster for every row (probabilities for binary:logistic). `threads`
/// does not change the results (each row's sum over trees is computed in a fixed order). Throws
/// DataError when XGBoost cannot load the bytes or the matrix width differs from the model's.
std::vector<float> predict_booster(const std::string& model, const Matrix& x, int threads);

/// "1.7.4": the XGBoost library linked in.
std::string xgboost_version();

}  // namespace tls::screen
