// Eigenvalues of the 1-D Schroedinger equation -c psi'' + V psi = E psi on a uniform grid, by
// Numerov's method (4th order) written as a Sturm sequence in Riccati form.
//
// With g = (V - E)/c and w_j = 1 - h^2 g_j/12, phi_j = w_j psi_j obeys Numerov's recurrence
//   -phi_{j-1} + (2 + u_j) phi_j - phi_{j+1} = 0,   u_j = 12 h^2 g_j / (12 - h^2 g_j),
// i.e. T(E) phi = 0 for a symmetric tridiagonal T(E) that decreases with E. By Sylvester's law of
// inertia the number of negative pivots of T(E) counts the Numerov eigenvalues below E (Sturm
// bisection, as in LAPACK's dstebz, for this nonlinear pencil). The pivots q_j = 2 + u_j - 1/q_{j-1}
// are carried as r_j = q_j - 1 = u_j + r_{j-1}/(1 + r_{j-1}), so that no quantity of size c/h^2 is
// ever formed: the absolute round-off of an eigenvalue is then a few ulp of (E - V_min) whatever
// the grid (SPEC.md section 6 explains why the textbook form gets worse as the grid is refined).
// Eigenvalues are isolated by bisection on the count and polished by Brent's method (Brent,
// "Algorithms for Minimization without Derivatives", 1973) on the twist element of a twisted
// factorisation (Parlett & Dhillon, Linear Algebra Appl. 309, 121 (2000)) placed inside a well.
//
// Written here rather than taken from GSL or Eigen because both are double-only for tridiagonal
// eigenvalues and form T itself; the long-double instantiation is the solver's precision escalation.
// Numerov: B. V. Numerov, Mon. Not. R. Astron. Soc. 84, 592 (1924).
#pragma once

#include <span>
#include <vector>

namespace tls {

enum class Boundary { dirichlet, neumann };

/// A run of grid unknowns [first, last] (inclusive) with a boundary condition at each end:
/// Dirichlet (psi = 0 one step beyond the end) or Neumann (psi mirrored about the end point).
struct Segment {
  int first = 0, last = 0;
  Boundary left = Boundary::dirichlet, right = Boundary::dirichlet;
};

/// R is double or long double (explicitly instantiated).
template <class R>
class NumerovSturm {
 public:
  /// `v`: V(x_j) - V_ref at the grid points (any reference), `beta` = h^2 / c with c = hbar^2/(2 m d^2)
  /// in the same energy units (for tls-split: beta = 2 m~ d^2 h^2).
  NumerovSturm(std::vector<R> v, R beta);

  struct Sweep {
    int count = 0;            ///< eigenvalues of the segment below e
    R gamma = 0;              ///< twist element at the twist index (changes sign at eigenvalues)
    int left = 0, right = 0;  ///< negative pivots left and right of the twist
  };
  /// Twisted factorisation of T(e) restricted to `s`, twisted at `twist` (inside s).
  Sweep sweep(const Segment& s, R e, int twist) const;
  /// Eigenvalues of the segment below e.
  int count(const Segment& s, R e) const;

  /// The `k` lowest eigenvalues of the segment (k >= 1), ascending, each to full working
  /// precision. `hint` is a guess above the k-th eigenvalue (doubled until it is); `twists` are
  /// grid indices inside the wells, where eigenfunctions are large (polishing uses the first whose
  /// factorisation has no pole in the eigenvalue's bracket; bisection otherwise).
  std::vector<R> lowest(const Segment& s, int k, R hint, std::span<const int> twists) const;

  /// The eigenvector psi of the segment at the eigenvalue e (from lowest()), from the twisted
  /// factorisation at `twist` (a grid index where psi is large: phi_twist = 1, phi_{j-1} = phi_j / q_j
  /// inwards from each end's pivots, so decaying tails are computed to relative accuracy), converted
  /// from Numerov's phi = (1 - h^2 g/12) psi and normalised to sum psi_j^2 = 1. Indexed from
  /// s.first; empty if a pivot vanishes or the result is not finite.
  std::vector<R> eigenvector(const Segment& s, R e, int twist) const;

  int size() const { return static_cast<int>(v_.size()); }
  /// Number of sweeps done so far (for benchmarks and tests).
  long sweeps() const { return sweeps_; }

 private:
  R u(int j, R e) const {
    const R t = beta_ * (v_[static_cast<std::size_t>(j)] - e);
    return R(12) * t / (R(12) - t);
  }
  R polish(const Segment& s, R a, R b, int twist, R fa, R fb) const;

  std::vector<R> v_;
  R beta_;
  mutable long sweeps_ = 0;
};

extern template class NumerovSturm<double>;
extern template class NumerovSturm<long double>;

}  // namespace tls
