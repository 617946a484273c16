// Swap Monte Carlo of the polydisperse soft-sphere model in the NVT ensemble (Ninarello, Berthier &
// Coslovich, PRX 7, 021039 (2017); SPEC.md section 2). Each attempt is, with probability p_swap, the
// exchange of the diameters of two random particles (pairs with |sigma_i - sigma_j| above a limit
// are rejected before any energy is computed) and otherwise the displacement of one random particle
// uniformly in a cube of side delta; both are accepted with the Metropolis rule at temperature T.
// Energy changes are local: only the pairs of the one or two particles involved are evaluated,
// through LocalNeighbours, never the whole system.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "tls/core/rng.hpp"
#include "tls/mc/local_neighbours.hpp"
#include "tls/model/box.hpp"

namespace tls {

struct SwapMcOptions {
  double temperature = 0.0;          ///< k_B T / eps, > 0
  double p_swap = 0.2;               ///< probability that an attempt is a diameter swap, in [0, 1]
  double delta = 0.115;              ///< side of the displacement cube (sigma), 0 < delta < skin / sqrt(3)
  double max_swap_difference = 0.2;  ///< swaps of pairs with |sigma_i - sigma_j| above this are rejected at once
  double skin = 0.4;                 ///< neighbour skin (sigma): speed only, never results
  double diameter_slack = 0.2;       ///< diameter growth allowed before a refresh: speed only
};

/// Throws UsageError naming the first invalid option.
void validate(const SwapMcOptions& o);

/// Attempt and acceptance counters.
struct MoveCounts {
  std::uint64_t displacements = 0, displacements_accepted = 0;
  std::uint64_t swaps = 0;           ///< swap attempts, including those rejected by the size rule
  std::uint64_t swaps_eligible = 0;  ///< swap attempts that passed the size rule
  std::uint64_t swaps_accepted = 0;

  /// Accepted / attempted displacements (NaN when none were attempted).
  double displacement_acceptance() const;
  /// Accepted / attempted swaps, all attempts counted (NaN when none).
  double swap_acceptance() const;
  MoveCounts& operator+=(const MoveCounts& o);
  MoveCounts operator-(const MoveCounts& o) const;
};

class SwapMc {
 public:
  /// Chain of N = diameters.size() particles at unwrapped positions x (3N) in `box`, drawing its
  /// random numbers from `rng`. Throws UsageError (options) or DataError (sizes, box, diameters
  /// outside (0, 2.5)).
  SwapMc(const Box& box, const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::Ref<const Eigen::VectorXd>& diameters,
         const SwapMcOptions& options, Rng rng);

  int size() const { return static_cast<int>(p_.size()); }
  const Box& box() const { return box_; }
  const SwapMcOptions& options() const { return o_; }

  /// n sweeps of N attempts each. The chain is defined sweep by sweep: for each block of attempts
  /// the move kinds and particles are drawn first, then the moves are made in order.
  void sweeps(long n);
  /// One attempt (swap with probability p_swap, else displacement), a block of one.
  void attempt();
  /// A block of n swap attempts and no displacements (the swap blocks of the hybrid scheme).
  void swap_attempts(long n);

  /// Total potential energy (eps), computed afresh in an order that depends on the configuration only.
  double energy() const;
  Eigen::VectorXd positions() const;
  Eigen::VectorXd diameters() const;
  /// Replaces the positions (e.g. after an MD block); particles that moved out of their neighbour
  /// region are refreshed. Sizes must match.
  void set_positions(const Eigen::Ref<const Eigen::VectorXd>& x);

  void set_temperature(double t);
  /// New displacement cube side; throws UsageError unless 0 < delta < skin / sqrt(3).
  void set_delta(double delta);

  const MoveCounts& counts() const { return counts_; }
  /// Energy change of the last attempt: its Delta E if accepted, 0 if rejected (for tests).
  double last_change() const { return last_change_; }
  Rng& rng() { return rng_; }
  const Rng& rng() const { return rng_; }
  const LocalNeighbours& neighbours() const { return nb_; }

 private:
  struct Pick {
    std::int32_t i, j;  // j: partner of a swap, or kDisplace / kNoPartner
  };
  static constexpr std::int32_t kDisplace = -1, kNoPartner = -2;
  void run(long n, bool swaps_only);
  void displacement(int i);
  void swap(int i, int j);
  int gather(int i);
  double pair_sum_displaced(int i, double nx, double ny, double nz);
  double pair_sum_swapped(int i, int partner, double d_new);

  Box box_;
  SwapMcOptions o_;
  double beta_;
  Rng rng_;
  std::vector<McParticle> p_;
  LocalNeighbours nb_;
  MoveCounts counts_;
  double last_change_ = 0.0;
  std::vector<double> self_r2_;  // squared lengths of the self-image shifts (tiny boxes only)
  std::vector<Pick> plan_;       // the block of attempts being made
  std::vector<double> scratch_;  // gathered neighbours of one row: x, y, z, d, terms (5 equal blocks)
};

}  // namespace tls
