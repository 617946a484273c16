// Multiplicity vectors of the glass bootstrap and percentile intervals of ratio statistics.
#include "tls/stats/bootstrap.hpp"

#include <algorithm>
#include <cmath>

#include "tls/core/error.hpp"
#include "tls/core/parallel.hpp"
#include "tls/core/rng.hpp"

namespace tls {

GlassBootstrap::GlassBootstrap(int glasses, int replicates, std::uint64_t seed, double confidence, int threads)
    : weights_(Eigen::MatrixXd::Zero(replicates, glasses)), confidence_(confidence), threads_(threads) {
  if (glasses < 1 || replicates < 0 || !(confidence > 0 && confidence < 1))
    throw InternalError("GlassBootstrap: bad arguments");
  parallel_for(static_cast<std::size_t>(replicates), threads, [&](std::size_t r) {
    Rng rng(seed, "tls-density-bootstrap", r);
    for (int k = 0; k < glasses; ++k)
      weights_(static_cast<Eigen::Index>(r),
               static_cast<Eigen::Index>(rng.below(static_cast<std::uint64_t>(glasses)))) += 1;
  });
}

double sorted_quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return std::nan("");
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const auto i = static_cast<std::size_t>(std::floor(pos));
  if (i + 1 >= sorted.size()) return sorted.back();
  return sorted[i] + (pos - static_cast<double>(i)) * (sorted[i + 1] - sorted[i]);
}

std::vector<Interval> GlassBootstrap::ratios(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, double scale) const {
  if (a.rows() != weights_.cols() || b.size() != weights_.cols()) throw InternalError("GlassBootstrap: size mismatch");
  const Eigen::Index k = a.cols();
  std::vector<Interval> out(static_cast<std::size_t>(k));
  const double b_all = b.sum();
  const Eigen::RowVectorXd a_all = a.colwise().sum();
  // Replicate sums: (B x G)(G x K) and (B x G)(G).
  const Eigen::MatrixXd num = weights_ * a;
  const Eigen::VectorXd den = weights_ * b;
  parallel_for(static_cast<std::size_t>(k), threads_, [&](std::size_t c) {
    const auto col = static_cast<Eigen::Index>(c);
    Interval& iv = out[c];
    iv.value = b_all > 0 ? scale * a_all(col) / b_all : std::nan("");
    std::vector<double> v;
    v.reserve(static_cast<std::size_t>(weights_.rows()));
    for (Eigen::Index r = 0; r < weights_.rows(); ++r)
      if (den(r) > 0) v.push_back(scale * num(r, col) / den(r));
    if (v.empty()) {
      iv.lo = iv.hi = iv.value;
      iv.se = 0;
      return;
    }
    std::sort(v.begin(), v.end());
    iv.lo = sorted_quantile(v, (1 - confidence_) / 2);
    iv.hi = sorted_quantile(v, (1 + confidence_) / 2);
    double mean = 0, var = 0;
    for (double x : v) mean += x;
    mean /= static_cast<double>(v.size());
    for (double x : v) var += (x - mean) * (x - mean);
    iv.se = v.size() > 1 ? std::sqrt(var / static_cast<double>(v.size() - 1)) : 0;
  });
  return out;
}

}  // namespace tls
