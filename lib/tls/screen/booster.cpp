// XGBoost C API client: every handle is owned by a small RAII guard, every call checked.
#include "tls/screen/booster.hpp"

#include <xgboost/c_api.h>

#include <cmath>
#include <memory>
#include <mutex>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"

namespace tls::screen {

namespace {

void check(int rc, const char* what) {
  if (rc != 0) throw InternalError(std::string("XGBoost: ") + what + ": " + XGBGetLastError());
}

// XGBoost prints warnings on stdout by default, where a tool may be writing its table: silence it
// once per process.
void quiet_xgboost() {
  static std::once_flag once;
  std::call_once(once, [] { check(XGBSetGlobalConfig("{\"verbosity\": 0}"), "global config"); });
}

struct DMatrix {
  DMatrixHandle h = nullptr;
  explicit DMatrix(const Matrix& x) {
    if (x.rows == 0 || x.cols == 0 || x.values.size() != x.rows * x.cols)
      throw DataError("feature matrix is empty or malformed");
    // Missing values are rejected before this point; tell XGBoost that none exist.
    check(XGDMatrixCreateFromMat(x.values.data(), x.rows, x.cols, std::nanf(""), &h), "creating a matrix");
  }
  ~DMatrix() {
    if (h) XGDMatrixFree(h);
  }
  DMatrix(const DMatrix&) = delete;
  DMatrix& operator=(const DMatrix&) = delete;
};

struct Booster {
  BoosterHandle h = nullptr;
  Booster(const DMatrixHandle* m, bst_ulong n) { check(XGBoosterCreate(m, n, &h), "creating a booster"); }
  ~Booster() {
    if (h) XGBoosterFree(h);
  }
  Booster(const Booster&) = delete;
  Booster& operator=(const Booster&) = delete;
  void set(const std::string& name, const std::string& value) {
    check(XGBoosterSetParam(h, name.c_str(), value.c_str()), ("parameter " + name).c_str());
  }
};

}  // namespace

std::string BoosterParams::describe() const {
  return "objective=" + objective + ",rounds=" + std::to_string(rounds) + ",max_depth=" + std::to_string(max_depth) +
         ",eta=" + format_double(eta) + ",subsample=" + format_double(subsample) +
         ",min_child_weight=" + format_double(min_child_weight) + ",tree_method=hist,nthread=1";
}

std::string train_booster(const Matrix& x, const std::vector<float>& labels, const BoosterParams& p) {
  quiet_xgboost();
  if (labels.size() != x.rows) throw DataError("labels and feature rows differ in number");
  DMatrix m(x);
  check(XGDMatrixSetFloatInfo(m.h, "label", labels.data(), labels.size()), "setting labels");
  Booster b(&m.h, 1);
  b.set("objective", p.objective);
  b.set("tree_method", "hist");
  b.set("nthread", "1");
  b.set("max_depth", std::to_string(p.max_depth));
  b.set("eta", format_double(p.eta));
  b.set("subsample", format_double(p.subsample));
  b.set("min_child_weight", format_double(p.min_child_weight));
  // XGBoost's seed is a 32-bit int; fold the 64-bit seed.
  b.set("seed", std::to_string(static_cast<int>((p.seed ^ (p.seed >> 32)) & 0x7fffffff)));
  b.set("verbosity", "0");
  for (int it = 0; it < p.rounds; ++it) check(XGBoosterUpdateOneIter(b.h, it, m.h), "training");
  bst_ulong len = 0;
  const char* data = nullptr;
  check(XGBoosterSaveModelToBuffer(b.h, "{\"format\": \"json\"}", &len, &data), "saving the model");
  return std::string(data, len);
}

std::vector<float> predict_booster(const std::string& model, const Matrix& x, int threads) {
  quiet_xgboost();
  DMatrix m(x);
  Booster b(nullptr, 0);
  if (XGBoosterLoadModelFromBuffer(b.h, model.data(), model.size()) != 0)
    throw DataError(std::string("cannot load the booster: ") + XGBGetLastError());
  bst_ulong features = 0;
  check(XGBoosterGetNumFeature(b.h, &features), "reading the model's width");
  if (features != x.cols)
    throw DataError("the booster expects " + std::to_string(features) + " features, the table gives " +
                    std::to_string(x.cols));
  b.set("nthread", std::to_string(threads < 1 ? 1 : threads));
  bst_ulong len = 0;
  const float* out = nullptr;
  check(XGBoosterPredict(b.h, m.h, 0, 0, 0, &len, &out), "predicting");
  if (len != x.rows)
    throw InternalError("XGBoost returned " + std::to_string(len) + " predictions for " + std::to_string(x.rows) +
                        " rows");
  return std::vector<float>(out, out + len);
}

std::string xgboost_version() {
  int a = 0, b = 0, c = 0;
  XGBoostVersion(&a, &b, &c);
  return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c);
}

}  // namespace tls::screen
