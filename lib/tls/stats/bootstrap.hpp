// Bootstrap over glasses (Efron & Tibshirani, "An Introduction to the Bootstrap", 1993, ch. 13:
// percentile intervals). Every statistic of tls-density is a ratio of sums over glasses,
// sum_g w_g a_g / sum_g w_g b_g, so one resample is one vector of multiplicities w_g (the glasses
// drawn with replacement), shared by all statistics, and drawn from the stream
// Rng(seed, "tls-density-bootstrap", replicate): results do not depend on the thread count.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <vector>

namespace tls {

/// A value with its bootstrap interval and standard error.
struct Interval {
  double value = 0;  ///< the statistic on all glasses
  double lo = 0;     ///< lower percentile bound
  double hi = 0;     ///< upper percentile bound
  double se = 0;     ///< standard deviation over replicates
};

class GlassBootstrap {
 public:
  /// `replicates` resamples of `glasses` glasses (B x G multiplicities), made on `threads` threads.
  GlassBootstrap(int glasses, int replicates, std::uint64_t seed, double confidence, int threads);

  int glasses() const { return static_cast<int>(weights_.cols()); }
  int replicates() const { return static_cast<int>(weights_.rows()); }
  double confidence() const { return confidence_; }

  /// Intervals of the ratios sum_g a(g, k) / sum_g b(g) for every column k of `a` (G x K), and
  /// `scale` times them. Replicates whose denominator is zero are left out. With zero replicates
  /// the bounds equal the value.
  std::vector<Interval> ratios(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, double scale = 1) const;

 private:
  Eigen::MatrixXd weights_;  // B x G multiplicities
  double confidence_;
  int threads_;
};

/// Linear-interpolated quantile (type 7 of Hyndman & Fan) of sorted values, q in [0, 1].
double sorted_quantile(const std::vector<double>& sorted, double q);

}  // namespace tls
