// Sturm counts and twisted factorisations of the Numerov pencil; bisection and Brent polishing.
#include "tls/quantum/numerov_sturm.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "tls/core/error.hpp"

namespace tls {

template <class R>
NumerovSturm<R>::NumerovSturm(std::vector<R> v, R beta) : v_(std::move(v)), beta_(beta) {
  if (v_.empty() || !(beta_ > 0)) throw InternalError("NumerovSturm: empty grid or non-positive beta");
}

template <class R>
typename NumerovSturm<R>::Sweep NumerovSturm<R>::sweep(const Segment& s, R e, int twist) const {
  ++sweeps_;
  constexpr R tiny = std::numeric_limits<R>::min();
  Sweep out;
  // Left part: pivots q_j = 1 + r_j for j = first .. twist-1; sl = r/q of the last one.
  R sl = 0, sr = 0;
  int cl = 0, cr = 0;
  for (int j = s.first; j < twist; ++j) {
    R r;
    if (j == s.first)
      r = s.left == Boundary::dirichlet ? R(1) + u(j, e) : u(j, e) / 2;  // Neumann end: q = 1 + u/2
    else
      r = u(j, e) + sl;
    R q = R(1) + r;
    if (q == 0) q = -tiny;
    cl += q < 0;
    sl = r / q;  // = 1 - 1/q
  }
  for (int j = s.last; j > twist; --j) {
    R r;
    if (j == s.last)
      r = s.right == Boundary::dirichlet ? R(1) + u(j, e) : u(j, e) / 2;
    else
      r = u(j, e) + sr;
    R q = R(1) + r;
    if (q == 0) q = -tiny;
    cr += q < 0;
    sr = r / q;
  }
  // Twist element: diagonal at the twist minus 1/q of each neighbour, in the same small form
  // (1/q = 1 - r/q). A Neumann end's row is halved to keep T symmetric: diagonal 1 + u/2.
  const bool has_l = twist > s.first, has_r = twist < s.last;
  const bool neumann_end = (!has_l && s.left == Boundary::neumann) || (!has_r && s.right == Boundary::neumann);
  const R ut = u(twist, e);
  const int integer_part = (neumann_end ? 1 : 2) - int(has_l) - int(has_r);
  R g = (neumann_end ? ut / 2 : ut) + R(integer_part);
  if (has_l) g += sl;
  if (has_r) g += sr;
  out.count = cl + cr + (g < 0);
  out.gamma = g;
  out.left = cl;
  out.right = cr;
  return out;
}

template <class R>
int NumerovSturm<R>::count(const Segment& s, R e) const {
  return sweep(s, e, s.last).count;
}

// Brent's zeroin on the twist element, which decreases through zero inside [a, b] (no pole there).
template <class R>
R NumerovSturm<R>::polish(const Segment& s, R a, R b, int twist, R fa, R fb) const {
  constexpr R eps = std::numeric_limits<R>::epsilon();
  R c = a, fc = fa, d = b - a, e = d;
  for (int it = 0; it < 300; ++it) {
    if ((fb > 0) == (fc > 0)) {
      c = a;
      fc = fa;
      d = e = b - a;
    }
    if (std::fabs(fc) < std::fabs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const R tol = 2 * eps * std::fabs(b) + std::numeric_limits<R>::denorm_min();
    const R xm = (c - b) / 2;
    if (std::fabs(xm) <= tol || fb == 0) return b;
    if (std::fabs(e) >= tol && std::fabs(fa) > std::fabs(fb)) {
      const R sr = fb / fa;
      R p, q;
      if (a == c) {
        p = 2 * xm * sr;
        q = 1 - sr;
      } else {
        const R qq = fa / fc, rr = fb / fc;
        p = sr * (2 * xm * qq * (qq - rr) - (b - a) * (rr - 1));
        q = (qq - 1) * (rr - 1) * (sr - 1);
      }
      if (p > 0)
        q = -q;
      else
        p = -p;
      if (2 * p < std::min(3 * xm * q - std::fabs(tol * q), std::fabs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += std::fabs(d) > tol ? d : (xm > 0 ? tol : -tol);
    fb = sweep(s, b, twist).gamma;
  }
  return b;
}

template <class R>
std::vector<R> NumerovSturm<R>::lowest(const Segment& s, int k, R hint, std::span<const int> twists) const {
  if (s.first < 0 || s.last >= size() || s.first > s.last) throw InternalError("NumerovSturm: bad segment");
  if (k < 1 || k > s.last - s.first + 1) throw InternalError("NumerovSturm: bad number of eigenvalues");
  R lo = *std::min_element(v_.begin() + s.first, v_.begin() + s.last + 1);
  R hi = std::max(hint, lo);
  R step = std::max(hi - lo, R(1e-12) * (std::fabs(lo) + 1));
  for (int it = 0; count(s, hi) < k; ++it) {
    if (it > 2000) throw InternalError("NumerovSturm: cannot bracket the eigenvalues");
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  // Brackets [a_i, b_i] with count(a_i) <= i < count(b_i) (i = 0-based level), shared bisection.
  std::vector<R> a(static_cast<std::size_t>(k), *std::min_element(v_.begin() + s.first, v_.begin() + s.last + 1));
  std::vector<R> b(static_cast<std::size_t>(k), hi);
  std::vector<int> ca(static_cast<std::size_t>(k), 0), cb(static_cast<std::size_t>(k), count(s, hi));
  std::vector<R> out(static_cast<std::size_t>(k));
  for (int i = 0; i < k; ++i) {
    const auto ii = static_cast<std::size_t>(i);
    int next_try = 0;  // bisection steps before the next polishing attempt
    for (int it = 0;; ++it) {
      if (ca[ii] == i && cb[ii] == i + 1 && it >= next_try) {
        bool done = false;
        for (int m : twists) {
          if (m < s.first || m > s.last) continue;
          const auto sa = sweep(s, a[ii], m), sb = sweep(s, b[ii], m);
          if (sa.left == sb.left && sa.right == sb.right && sa.gamma > 0 && sb.gamma < 0) {
            out[ii] = polish(s, a[ii], b[ii], m, sa.gamma, sb.gamma);
            done = true;
            break;
          }
        }
        if (done) break;
        next_try = it + 8;  // a factorisation pole lies in the bracket: shrink it first
      }
      const R mid = a[ii] + (b[ii] - a[ii]) / 2;
      if (!(mid > a[ii] && mid < b[ii]) || it > 4 * std::numeric_limits<R>::digits) {
        out[ii] = mid;  // bisection alone reached the working precision
        break;
      }
      const int c = count(s, mid);
      for (int j = i; j < k; ++j) {
        const auto jj = static_cast<std::size_t>(j);
        if (c > j) {
          if (mid < b[jj]) {
            b[jj] = mid;
            cb[jj] = c;
          }
        } else if (mid > a[jj]) {
          a[jj] = mid;
          ca[jj] = c;
        }
      }
    }
  }
  return out;
}

template <class R>
std::vector<R> NumerovSturm<R>::eigenvector(const Segment& s, R e, int twist) const {
  if (s.first < 0 || s.last >= size() || s.first > s.last || twist < s.first || twist > s.last)
    throw InternalError("NumerovSturm: bad segment or twist for an eigenvector");
  const auto n = static_cast<std::size_t>(s.last - s.first + 1);
  std::vector<R> q(n);  // pivots of the left part (j < twist) and of the right part (j > twist)
  R sl = 0, sr = 0;
  for (int j = s.first; j < twist; ++j) {
    const R r = j == s.first ? (s.left == Boundary::dirichlet ? R(1) + u(j, e) : u(j, e) / 2) : u(j, e) + sl;
    q[static_cast<std::size_t>(j - s.first)] = R(1) + r;
    sl = r / (R(1) + r);
  }
  for (int j = s.last; j > twist; --j) {
    const R r = j == s.last ? (s.right == Boundary::dirichlet ? R(1) + u(j, e) : u(j, e) / 2) : u(j, e) + sr;
    q[static_cast<std::size_t>(j - s.first)] = R(1) + r;
    sr = r / (R(1) + r);
  }
  std::vector<R> z(n);
  const auto t = static_cast<std::size_t>(twist - s.first);
  z[t] = 1;
  for (std::size_t j = t; j-- > 0;) z[j] = z[j + 1] / q[j];
  for (std::size_t j = t + 1; j < n; ++j) z[j] = z[j - 1] / q[j];
  R norm = 0;
  for (std::size_t j = 0; j < n; ++j) {
    z[j] /= R(1) - beta_ * (v_[j + static_cast<std::size_t>(s.first)] - e) / 12;  // psi = phi / w
    norm += z[j] * z[j];
  }
  if (!std::isfinite(static_cast<double>(norm)) || !(norm > 0)) return {};
  const R scale = 1 / std::sqrt(norm);
  for (auto& x : z) x *= scale;
  return z;
}

template class NumerovSturm<double>;
template class NumerovSturm<long double>;

}  // namespace tls
