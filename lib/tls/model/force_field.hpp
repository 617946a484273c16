// Energy, forces, Hessian and Hessian-vector products of the model (SPEC.md section 1) over a
// self-maintaining neighbour list. One ForceField per thread: it caches the list.
#pragma once

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <vector>

#include "tls/core/aligned.hpp"
#include "tls/model/box.hpp"
#include "tls/model/neighbour_list.hpp"

namespace tls {

class ForceField {
 public:
  /// Model of N = diameters.size() particles in `box`. `skin` is the neighbour-list skin (sigma);
  /// `outer_skin` that of the outer list (NeighbourList; negative = skin + NeighbourList::kOuterExtra).
  ForceField(const Box& box, const Eigen::VectorXd& diameters, double skin = 0.2, double outer_skin = -1.0);

  int size() const { return static_cast<int>(diameters_.size()); }
  const Box& box() const { return box_; }
  const Eigen::VectorXd& diameters() const { return diameters_; }
  /// Replaces the diameters (the list is rebuilt at the next evaluation).
  void set_diameters(const Eigen::VectorXd& diameters);

  /// Total potential energy (eps) of positions x (3N, unwrapped, sigma).
  /// Throws DataError if two particles overlap at distance 0.
  double energy(const Eigen::Ref<const Eigen::VectorXd>& x);
  /// Total energy, and forces f = -dE/dx (3N).
  double energy_forces(const Eigen::Ref<const Eigen::VectorXd>& x, Eigen::Ref<Eigen::VectorXd> f);
  /// Forces only (the same bits as energy_forces gives), for MD steps: no pair energies summed.
  void forces(const Eigen::Ref<const Eigen::VectorXd>& x, Eigen::Ref<Eigen::VectorXd> f);
  /// Dense Hessian d2E/dx dx (3N x 3N); for small N only (memory 72 N^2 bytes).
  Eigen::MatrixXd hessian_dense(const Eigen::Ref<const Eigen::VectorXd>& x);
  /// Sparse Hessian (compressed column, both triangles stored).
  Eigen::SparseMatrix<double> hessian_sparse(const Eigen::Ref<const Eigen::VectorXd>& x);
  /// out = H(x) v without forming H.
  void hessian_product(const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::Ref<const Eigen::VectorXd>& v,
                       Eigen::Ref<Eigen::VectorXd> out);

  /// Number of energy/force evaluations so far (for benchmarks and reports).
  long force_calls() const { return force_calls_; }
  const NeighbourList& neighbour_list() const { return list_; }
  /// Number of interacting pairs (r < x_c sigma_ij) at x.
  long interacting_pairs(const Eigen::Ref<const Eigen::VectorXd>& x);

 private:
  void ensure_list(const Eigen::Ref<const Eigen::VectorXd>& x);
  double evaluate(const Eigen::Ref<const Eigen::VectorXd>& x, Eigen::Ref<Eigen::VectorXd> f, bool with_energy);
  // Fills frame_ (the list's build frame) from x; with `moved`, also the largest squared
  // displacements since the list's refresh and build (moved[0], moved[1]).
  void to_frame(const Eigen::Ref<const Eigen::VectorXd>& x, double* moved);
  // Refreshes the working list at x and refills the frame for it.
  void refresh_list(const Eigen::Ref<const Eigen::VectorXd>& x);
  template <class Visit>
  void for_each_interacting_pair(const Eigen::Ref<const Eigen::VectorXd>& x, Visit&& visit);

  Box box_;
  Eigen::VectorXd diameters_;
  NeighbourList list_;
  long force_calls_ = 0;
  // Scratch of the blocked force kernel (separations, pair forces), the frame coordinates and the
  // forces on frame entries, reused between calls.
  AlignedVector<double> scratch_, frame_, frame_forces_, outer_frame_;
};

/// Largest per-particle force norm max_i |F_i| of a 3N force vector.
double max_particle_norm(const Eigen::Ref<const Eigen::VectorXd>& f);

}  // namespace tls
