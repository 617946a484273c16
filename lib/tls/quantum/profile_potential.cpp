// Clamped cubic spline (end slopes from the 5-point polynomial) with harmonic continuation.
#include "tls/quantum/profile_potential.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <tuple>

#include "tls/core/error.hpp"

namespace tls {

namespace {

using LD = long double;

// Slope and curvature at x[0] of the polynomial through (x[i], y[i]), i < m (m <= 5): the
// coefficients of p(t) = sum a_k t^k, t = x - x[0], from the Vandermonde system (Eigen, long double).
std::pair<LD, LD> end_derivatives(const LD* x, const LD* y, int m) {
  Eigen::Matrix<LD, Eigen::Dynamic, Eigen::Dynamic> a(m, m);
  Eigen::Matrix<LD, Eigen::Dynamic, 1> b(m);
  for (int i = 0; i < m; ++i) {
    const LD t = x[i] - x[0];
    LD p = 1;
    for (int k = 0; k < m; ++k, p *= t) a(i, k) = p;
    b(i) = y[i];
  }
  const Eigen::Matrix<LD, Eigen::Dynamic, 1> c = a.fullPivLu().solve(b);
  return {c(1), m > 2 ? 2 * c(2) : LD(0)};
}

}  // namespace

ProfilePotential::ProfilePotential(const std::vector<double>& xi, const std::vector<double>& v) {
  const std::size_t n = xi.size();
  if (n < 3 || v.size() != n) throw InternalError("ProfilePotential needs at least 3 samples");
  x_.assign(xi.begin(), xi.end());
  std::vector<LD> y(v.begin(), v.end());
  min_sample_ = *std::min_element(v.begin(), v.end());
  max_sample_ = *std::max_element(v.begin(), v.end());

  // End slopes and curvatures from the polynomial through the 5 (or fewer) end samples.
  const int m = static_cast<int>(std::min<std::size_t>(5, n));
  std::vector<LD> s(n);
  LD end_curv_left, end_curv_right;
  std::tie(s[0], end_curv_left) = end_derivatives(x_.data(), y.data(), m);
  {
    std::vector<LD> xr(x_.rbegin(), x_.rbegin() + m), yr(y.rbegin(), y.rbegin() + m);
    std::tie(s[n - 1], end_curv_right) = end_derivatives(xr.data(), yr.data(), m);
  }
  // C2 conditions for the interior slopes: h_k s_{k-1} + 2(h_{k-1}+h_k) s_k + h_{k-1} s_{k+1}
  // = 3(h_k delta_{k-1} + h_{k-1} delta_k); diagonally dominant, solved by the Thomas algorithm.
  std::vector<LD> h(n - 1), delta(n - 1);
  for (std::size_t k = 0; k + 1 < n; ++k) {
    h[k] = x_[k + 1] - x_[k];
    delta[k] = (y[k + 1] - y[k]) / h[k];
  }
  if (n > 2) {
    const std::size_t m_int = n - 2;
    std::vector<LD> cp(m_int), dp(m_int);
    for (std::size_t i = 0; i < m_int; ++i) {
      const std::size_t k = i + 1;
      const LD lower = h[k], diag = 2 * (h[k - 1] + h[k]), upper = h[k - 1];
      LD rhs = 3 * (h[k] * delta[k - 1] + h[k - 1] * delta[k]);
      if (i == 0) rhs -= lower * s[0];
      if (i + 1 == m_int) rhs -= upper * s[n - 1];
      const LD denom = diag - (i ? lower * cp[i - 1] : 0);
      cp[i] = upper / denom;
      dp[i] = (rhs - (i ? lower * dp[i - 1] : 0)) / denom;
    }
    for (std::size_t i = m_int; i-- > 0;) s[i + 1] = dp[i] - (i + 1 < m_int ? cp[i] * s[i + 2] : 0);
  }
  a_.resize(n - 1);
  b_.resize(n - 1);
  c_.resize(n - 1);
  d_.resize(n - 1);
  for (std::size_t k = 0; k + 1 < n; ++k) {
    a_[k] = y[k];
    b_[k] = s[k];
    c_[k] = (3 * delta[k] - 2 * s[k] - s[k + 1]) / h[k];
    d_[k] = (s[k] + s[k + 1] - 2 * delta[k]) / (h[k] * h[k]);
  }
  slope_left_ = s[0];
  slope_right_ = s[n - 1];

  // Curvature of each continuation: the larger of the end curvature and that at the first local
  // minimum of the samples seen from that end.
  std::size_t kl = 0;
  while (kl + 1 < n && v[kl + 1] < v[kl]) ++kl;
  std::size_t kr = n - 1;
  while (kr > 0 && v[kr - 1] < v[kr]) --kr;
  k_left_ = std::max<LD>(end_curv_left, curvature(xi[kl]));
  k_right_ = std::max<LD>(end_curv_right, curvature(xi[kr]));
  if (!(k_left_ > 0) || !(k_right_ > 0))
    throw DataError("no positive curvature to continue the profile harmonically beyond its " +
                    std::string(!(k_left_ > 0) ? "first" : "last") + " sample");
}

std::size_t ProfilePotential::interval(long double xi) const {
  const auto it = std::upper_bound(x_.begin(), x_.end(), xi);
  const std::size_t k = static_cast<std::size_t>(it - x_.begin());
  return std::clamp<std::size_t>(k == 0 ? 0 : k - 1, 0, a_.size() - 1);
}

long double ProfilePotential::value(long double xi) const {
  if (xi < x_.front()) {
    const LD t = xi - x_.front();
    return a_.front() + t * (slope_left_ + t * k_left_ / 2);
  }
  if (xi > x_.back()) {
    const LD t = xi - x_.back();
    const std::size_t k = a_.size() - 1;
    const LD hk = x_.back() - x_[k];
    const LD vend = a_[k] + hk * (b_[k] + hk * (c_[k] + hk * d_[k]));
    return vend + t * (slope_right_ + t * k_right_ / 2);
  }
  const std::size_t k = interval(xi);
  const LD t = xi - x_[k];
  return a_[k] + t * (b_[k] + t * (c_[k] + t * d_[k]));
}

double ProfilePotential::slope(double xi) const {
  if (xi < x_.front()) return static_cast<double>(slope_left_ + (xi - x_.front()) * k_left_);
  if (xi > x_.back()) return static_cast<double>(slope_right_ + (xi - x_.back()) * k_right_);
  const std::size_t k = interval(xi);
  const LD t = xi - x_[k];
  return static_cast<double>(b_[k] + t * (2 * c_[k] + 3 * t * d_[k]));
}

double ProfilePotential::curvature(double xi) const {
  if (xi < x_.front()) return static_cast<double>(k_left_);
  if (xi > x_.back()) return static_cast<double>(k_right_);
  const std::size_t k = interval(xi);
  const LD t = xi - x_[k];
  return static_cast<double>(2 * c_[k] + 6 * t * d_[k]);
}

}  // namespace tls
