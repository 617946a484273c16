// Hessian spectrum of an inherent structure (see spectrum.hpp).
#include "tls/model/spectrum.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"

namespace tls {

HessianSpectrum hessian_spectrum(ForceField& ff, const Eigen::Ref<const Eigen::VectorXd>& x, int zero_modes,
                                 double tolerance) {
  const Eigen::Index n = x.size();
  if (zero_modes < 0 || zero_modes >= n) throw InternalError("hessian_spectrum: bad number of zero modes");
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(ff.hessian_dense(x), Eigen::EigenvaluesOnly);
  if (es.info() != Eigen::Success) throw DataError("the Hessian's eigenvalues did not converge");
  std::vector<double> ev(es.eigenvalues().data(), es.eigenvalues().data() + n);
  HessianSpectrum s;
  for (double v : ev) s.largest = std::max(s.largest, std::fabs(v));
  // The zero modes: the eigenvalues of smallest magnitude (translations are exact null vectors of
  // H, so their eigenvalues are round-off, far below the softest vibration).
  std::vector<double> by_size = ev;
  std::stable_sort(by_size.begin(), by_size.end(), [](double a, double b) { return std::fabs(a) < std::fabs(b); });
  s.zero.assign(by_size.begin(), by_size.begin() + zero_modes);
  std::sort(s.zero.begin(), s.zero.end());
  const double tol = tolerance * s.largest;
  for (double z : s.zero)
    if (std::fabs(z) > tol)
      throw DataError("Hessian eigenvalue " + format_sci(z, 3) + " among the " + std::to_string(zero_modes) +
                      " zero modes exceeds " + format_sci(tol, 2) + ": not a translation-invariant minimum");
  std::vector<double> rest(by_size.begin() + zero_modes, by_size.end());
  std::sort(rest.begin(), rest.end());
  if (!rest.empty() && rest.front() < -tol)
    throw DataError("Hessian eigenvalue " + format_sci(rest.front(), 3) + " < 0: the configuration is not a minimum");
  s.modes = std::move(rest);
  return s;
}

}  // namespace tls
