// Bond-orientational order to watch for crystallisation (SPEC.md section 2): the global Q6 of
// Steinhardt, Nelson & Ronchetti, PRB 28, 784 (1983), and the fraction of solid-like particles of
// ten Wolde, Ruiz-Montero & Frenkel, J. Chem. Phys. 104, 9932 (1996), whose local q6 vectors are
// coherent with those of most of their neighbours. A liquid or glass of N particles has
// Q6 ~ 1/sqrt(bonds) and few solid-like particles; an fcc crystal has Q6 = 0.575 and all of them.
#pragma once

#include <Eigen/Core>
#include <array>
#include <complex>

#include "tls/model/box.hpp"

namespace tls {

struct BondOrderOptions {
  double bond_cut = 1.35;   ///< i and j are bonded when r_ij < bond_cut sigma_ij (first shell)
  double coherence = 0.7;   ///< a bond is solid-like when q6(i).q6(j)* / |q6(i)||q6(j)| exceeds this
  int solid_bonds = 7;      ///< a particle is solid-like with at least this many solid-like bonds
};

struct BondOrder {
  double q6 = 0;              ///< global Q6 over all bonds
  double solid_fraction = 0;  ///< fraction of solid-like particles
  double mean_bonds = 0;      ///< bonds per particle
};

/// Order parameters of positions x (3N, unwrapped) with diameters in `box`. Throws DataError for
/// overlapping particles (as the neighbour list does).
BondOrder bond_order(const Box& box, const Eigen::Ref<const Eigen::VectorXd>& x,
                     const Eigen::Ref<const Eigen::VectorXd>& diameters, const BondOrderOptions& options = {});

/// Y_6m(r / |r|) for m = 0..6 (the m < 0 ones follow from Y_6,-m = (-1)^m conj(Y_6m)), with the
/// normalisation sum_{m=-6..6} |Y_6m|^2 = 13 / (4 pi).
std::array<std::complex<double>, 7> spherical_harmonics_6(double x, double y, double z);

}  // namespace tls
