// The self-intermediate scattering function F_s(k, t) = < sin(k |dr_i|) / (k |dr_i|) >_i (the
// isotropic average of cos(k . dr_i)), with dr_i the displacement of particle i after removing the
// centre-of-mass displacement. SPEC.md section 2 defines the relaxation time by F_s(7.0, tau) = 1/e.
//
// FsCorrelator averages F_s over many time origins on logarithmically spaced lags with bounded
// memory: origins of level l are kept every 2^l sample intervals (P of them) and serve the lags
// (P/2, P] 2^l, so each octave of lags has P/2 points and its own set of origins (the multiple-tau
// scheme of Ramirez, Sukumaran, Vorselaars & Likhtman, J. Chem. Phys. 133, 154103 (2010), here for
// a correlation that is not a product of two samples).
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "tls/io/binary.hpp"

namespace tls {

/// F_s(k) between configurations x0 and x (3N each, unwrapped).
double self_scattering(const Eigen::Ref<const Eigen::VectorXd>& x0, const Eigen::Ref<const Eigen::VectorXd>& x, double k);

class FsCorrelator {
 public:
  struct Point {
    long lag;         ///< in sample intervals
    double fs;        ///< mean over origins
    long origins;     ///< number of origins averaged
  };

  /// `points` origins per level (even, >= 4).
  explicit FsCorrelator(double k, int points = 16);
  FsCorrelator() : FsCorrelator(7.0) {}

  /// Adds the configuration of sample t = 0, 1, 2, ... (consecutive calls, starting at 0).
  void add(const Eigen::Ref<const Eigen::VectorXd>& x);
  /// Samples added so far.
  long samples() const { return t_; }

  /// Averaged F_s at every lag seen, in increasing lag.
  std::vector<Point> curve() const;
  /// First crossing of F_s = 1/e, interpolated linearly in log(lag), in sample intervals; NaN when
  /// F_s has not fallen below 1/e at any lag yet.
  double relaxation_time() const;

  /// Exact state for checkpoints.
  void save(bin::PayloadWriter& w) const;
  void load(bin::PayloadReader& r);

 private:
  struct Level {
    std::vector<long> times;               // origin sample times, oldest first
    std::vector<std::vector<float>> xs;    // their positions
    std::vector<double> sum;               // per lag slot
    std::vector<long> count;
  };
  double k_;
  int p_;
  long t_ = 0;
  std::vector<Level> levels_;
};

}  // namespace tls
