// The vibrational spectrum of an inherent structure: eigenvalues of the dense Hessian (SPEC.md
// section 7, the harmonic specific heat of the paper's SM), with the d translation zero modes
// removed explicitly.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "tls/model/force_field.hpp"

namespace tls {

struct HessianSpectrum {
  std::vector<double>
      modes;  ///< eigenvalues lambda (epsilon/sigma^2; omega^2 with m = 1), ascending, zero modes removed
  std::vector<double> zero;  ///< the removed eigenvalues (smallest |lambda|), ascending
  double largest = 0;        ///< largest eigenvalue (the scale of the tolerances)
};

/// Eigenvalues of the Hessian at x (Eigen's SelfAdjointEigenSolver on the dense 3N x 3N matrix,
/// eigenvalues only: O((3N)^3), about a minute at N = 1500, memory 72 N^2 bytes). The `zero_modes`
/// eigenvalues of smallest |lambda| (the 3 uniform translations of a periodic box) are removed.
/// Throws DataError when a removed eigenvalue exceeds `tolerance` * largest in magnitude (fewer
/// zero modes than claimed) or a kept one is below -tolerance * largest (x is not a minimum). Zero modes of rattlers,
/// if any, are kept (they count as classical modes).
HessianSpectrum hessian_spectrum(ForceField& ff, const Eigen::Ref<const Eigen::VectorXd>& x, int zero_modes = 3,
                                 double tolerance = 1e-8);

}  // namespace tls
