// Error bars of time series from Markov chains and trajectories: the blocking method of Flyvbjerg &
// Petersen, J. Chem. Phys. 91, 461 (1989), which needs no estimate of the correlation time.
#pragma once

#include <vector>

namespace tls {

struct MeanError {
  double mean = 0;
  double error = 0;       ///< standard error of the mean (NaN with fewer than 2 samples)
  long samples = 0;
  double independent = 0;  ///< effective number of independent samples, (sd / error)^2
};

/// Mean of a correlated series and its standard error: the series is halved by averaging pairs
/// until fewer than `min_blocks` blocks remain, and the error is the largest estimate seen (the
/// plateau, or an upper bound when the series is too short to reach it).
MeanError blocking_mean(const std::vector<double>& x, int min_blocks = 16);

/// Mean and standard error from the means of consecutive batches of `batch` samples (the last,
/// incomplete batch is dropped from the error, not from the mean). Batches longer than the
/// correlation time make the batch means independent; with fewer than 4 batches the error is NaN.
MeanError batch_mean(const std::vector<double>& x, long batch);

}  // namespace tls
