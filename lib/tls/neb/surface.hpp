// The energy surface a nudged elastic band runs on: the model (one ForceField per image, since each
// caches its neighbour list) or, in tests, an analytic surface. Everything in lib/tls/neb works
// through this interface, so the whole CI-NEB -> splitting -> double-well pipeline is tested on
// surfaces whose saddles are known exactly (tests/support/analytic_surfaces.hpp).
#pragma once

#include <Eigen/Core>
#include <memory>
#include <vector>

#include "tls/model/box.hpp"
#include "tls/model/force_field.hpp"

namespace tls::neb {

/// Energy and forces of configurations of D = 3 x particles coordinates. Evaluations go through
/// numbered slots so that an implementation can keep per-image state (a neighbour list per band
/// image); different slots may be evaluated concurrently from different threads, one slot never.
class Surface {
 public:
  virtual ~Surface() = default;
  /// Coordinates per configuration (a multiple of 3: convergence is judged on per-particle norms).
  virtual Eigen::Index dimension() const = 0;
  /// Makes slots 0 .. count-1 usable (called before a band of `count` images runs).
  virtual void reserve(int count) = 0;
  /// Energy at x; force f = -grad E. Throws DataError when the energy is infinite (overlap).
  virtual double energy_forces(int slot, const Eigen::Ref<const Eigen::VectorXd>& x, Eigen::Ref<Eigen::VectorXd> f) = 0;
  /// Energy alone.
  virtual double energy(int slot, const Eigen::Ref<const Eigen::VectorXd>& x) = 0;
  /// The displacement that takes configuration a to b as one path should follow it: b - a for a
  /// plain surface; per-particle minimum images with the mean (centre-of-mass) shift removed for
  /// the periodic, translation-invariant model. a + displacement(a, b) is b's image next to a.
  virtual Eigen::VectorXd displacement(const Eigen::Ref<const Eigen::VectorXd>& a,
                                       const Eigen::Ref<const Eigen::VectorXd>& b) const = 0;
  /// Energy and force evaluations so far, over all slots (read when no evaluation is running).
  virtual long calls() const = 0;
  /// Removes from v (a direction in configuration space) the motions that leave the energy
  /// unchanged everywhere: uniform translations for the periodic model, nothing for a plain
  /// surface. A band must not move along them: a tangent with a tiny translation in it feeds the
  /// translation back through the projected force, and round-off grows exponentially into images
  /// drifting apart (measured: several sigma within 3000 FIRE steps).
  virtual void remove_null_motion(Eigen::Ref<Eigen::VectorXd> v) const { (void)v; }
  /// Number of negative Hessian eigenvalues at x below -threshold (zero modes such as the three
  /// translations do not count): 0 at a minimum, 1 at a first-order saddle. -1 when unknown.
  virtual int negative_modes(const Eigen::Ref<const Eigen::VectorXd>& x, double threshold) {
    (void)x, (void)threshold;
    return -1;
  }
};

/// The model of SPEC.md section 1: one ForceField (neighbour list) per slot.
class ModelSurface final : public Surface {
 public:
  ModelSurface(const Box& box, const Eigen::VectorXd& diameters, double skin = 0.3);
  Eigen::Index dimension() const override { return 3 * diameters_.size(); }
  void reserve(int count) override;
  double energy_forces(int slot, const Eigen::Ref<const Eigen::VectorXd>& x, Eigen::Ref<Eigen::VectorXd> f) override;
  double energy(int slot, const Eigen::Ref<const Eigen::VectorXd>& x) override;
  Eigen::VectorXd displacement(const Eigen::Ref<const Eigen::VectorXd>& a,
                               const Eigen::Ref<const Eigen::VectorXd>& b) const override;
  long calls() const override;
  void remove_null_motion(Eigen::Ref<Eigen::VectorXd> v) const override;
  /// Inertia of H + threshold I from a sparse LDL^T factorisation (Sylvester's law): the count of
  /// negative pivots. Checked against a dense eigendecomposition (docs/tools/tls-neb.md).
  int negative_modes(const Eigen::Ref<const Eigen::VectorXd>& x, double threshold) override;
  /// The force field of one slot (e.g. for Hessians in tests).
  ForceField& force_field(int slot);

 private:
  Box box_;
  Eigen::VectorXd diameters_;
  double skin_;
  std::vector<std::unique_ptr<ForceField>> fields_;
};

}  // namespace tls::neb
