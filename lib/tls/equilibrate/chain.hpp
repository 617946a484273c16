// One Markov chain or trajectory of glass preparation, advanced in blocks: swap Monte Carlo
// (Ninarello, Berthier & Coslovich, PRX 7, 021039 (2017)), the hybrid scheme of Berthier, Flenner,
// Fullerton, Scalliet & Singh, J. Stat. Mech. (2019) 064004 (NVT molecular dynamics interrupted by
// blocks of diameter-swap attempts at fixed positions), or plain NVT molecular dynamics. All three
// sample the same Boltzmann distribution of positions (and diameter permutations).
//
// Between blocks the state is canonical: MD forces are recomputed from a freshly built neighbour
// list after every block that can be a checkpoint, so a chain restored from save() continues bit
// for bit like the one that was never stopped.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>

#include "tls/io/binary.hpp"
#include "tls/mc/swap_mc.hpp"
#include "tls/md/md.hpp"
#include "tls/model/configuration.hpp"

namespace tls {

enum class Method { swap, hybrid, md };

/// "swap", "hybrid", "md"; throws UsageError otherwise.
Method method_from_name(const std::string& name);
std::string to_string(Method m);

struct ChainOptions {
  Method method = Method::swap;
  SwapMcOptions mc;        ///< its temperature is the chain's temperature (all methods)
  MdOptions md;            ///< dt, tau of the Bussi thermostat (hybrid, md)
  long block_steps = 20;   ///< MD steps per block (hybrid, md)
  long block_swaps = 0;    ///< swap attempts after each block's MD (hybrid); 0 means N
};

/// Throws UsageError naming the first invalid option.
void validate(const ChainOptions& o);

class Chain {
 public:
  /// A chain from `start` (velocities drawn at the temperature for MD methods unless `start` has
  /// them), with random streams (seed, "equilibrate-mc" / "equilibrate-md" / "equilibrate-velocities",
  /// replica). Throws UsageError / DataError.
  Chain(const Configuration& start, const ChainOptions& options, std::uint64_t seed, std::uint64_t replica);
  /// A chain restored from save().
  Chain(bin::PayloadReader& r, const Box& box, const ChainOptions& options);

  /// Advances `blocks` blocks: sweeps (swap) or block_steps MD steps (+ swaps for hybrid).
  void advance(long blocks);
  /// Time of one block: 1 sweep (swap) or block_steps dt (hybrid, md).
  double time_per_block() const;
  /// "sweeps" or "md_time".
  std::string time_unit() const { return o_.method == Method::swap ? "sweeps" : "md_time"; }

  void set_temperature(double t);
  double temperature() const { return o_.mc.temperature; }
  /// Displacement cube side (swap method only).
  void set_delta(double delta);
  double delta() const { return o_.mc.delta; }

  int size() const { return static_cast<int>(diameters_.size()); }
  const Box& box() const { return box_; }
  double energy() const;
  Eigen::VectorXd positions() const;
  const Eigen::VectorXd& diameters() const { return diameters_; }
  /// Velocities (MD methods), else empty.
  Eigen::VectorXd velocities() const;
  /// Swap and displacement counters since the chain began (zero for plain MD).
  MoveCounts counts() const;
  const ChainOptions& options() const { return o_; }

  void save(bin::PayloadWriter& w) const;

 private:
  void make_md(const Eigen::VectorXd& x, const Eigen::VectorXd& v, Rng rng);
  void reset_forces();
  // Potential energy of the MD state, as the last reset_forces() (or the integrator's start) left it.
  double md_energy_ = 0;

  ChainOptions o_;
  Box box_;
  Eigen::VectorXd diameters_;
  std::optional<SwapMc> mc_;
  mutable std::optional<MdIntegrator> md_;  // mutable: its random stream is read by save()
  MoveCounts counts_saved_;  // counts before the last restore
};

}  // namespace tls
