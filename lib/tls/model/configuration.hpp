// A configuration of the model: box, positions, diameters, optional velocities and free metadata.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tls/core/rng.hpp"
#include "tls/model/box.hpp"

namespace tls {

/// Particles in a cubic periodic box. Positions are stored unwrapped as one 3N vector
/// (x0 y0 z0 x1 ...), which is what minimisers, MD and NEB work on directly.
struct Configuration {
  Box box;
  Eigen::VectorXd positions;   ///< 3N, in sigma
  Eigen::VectorXd diameters;   ///< N, in sigma
  Eigen::VectorXd velocities;  ///< 3N or empty
  /// Extra key=value pairs (provenance, minimiser settings) carried to the written file.
  std::vector<std::pair<std::string, std::string>> info;

  int size() const { return static_cast<int>(diameters.size()); }
  bool has_velocities() const { return velocities.size() > 0; }
  /// Sets (or replaces) one info key.
  void set_info(const std::string& key, const std::string& value);
};

/// N particles with the model's quantile diameters permuted by (diameter_seed, "diameters", 0)
/// (permuted_diameters) in a cubic box of side cbrt(N / density), at positions drawn uniformly in
/// [0, L) from `positions`, component by component in particle order. Pairs may overlap.
Configuration random_configuration(int n, double density, std::uint64_t diameter_seed, Rng& positions);

/// Farthest a position may lie from the box, in box lengths (2^50): beyond it the place of a
/// particle inside the box is lost to rounding and its image count overflows writers.
inline constexpr double kMaxBoxesAway = 1125899906842624.0;

/// Checks the invariants every stage relies on: N >= 1, matching sizes, finite positions and
/// velocities, 0 < diameters < 2.5 and finite, a finite box side L > 0 and a finite origin,
/// positions within kMaxBoxesAway box lengths of the box. Throws DataError naming `source` and the
/// first offending particle (1-based, as in the files).
void validate(const Configuration& c, const std::string& source);

/// Particles within the cut-off of no other particle (O(N^2)): the energy is flat along their
/// coordinates, so every quench finds "another" minimum.
int isolated_particles(const Configuration& c);

/// Positions wrapped into the box [lo, lo + L) (for energies of far-unwrapped coordinates).
Eigen::VectorXd wrapped_positions(const Box& box, const Eigen::Ref<const Eigen::VectorXd>& x);

/// Largest minimum-image displacement of any particle between a and b after removing the mean
/// (centre-of-mass) displacement, in sigma. Sizes must match.
double max_displacement(const Configuration& a, const Eigen::Ref<const Eigen::VectorXd>& xb);
/// Same for two position vectors (3N each) in `box`.
double max_displacement(const Box& box, const Eigen::Ref<const Eigen::VectorXd>& xa,
                        const Eigen::Ref<const Eigen::VectorXd>& xb);

/// Displacement xb - xa (3N) with each particle's displacement taken at minimum image and the mean
/// (centre-of-mass) displacement removed: the end-to-end vector between two minima.
Eigen::VectorXd relative_displacement(const Box& box, const Eigen::Ref<const Eigen::VectorXd>& xa,
                                      const Eigen::Ref<const Eigen::VectorXd>& xb);

}  // namespace tls
