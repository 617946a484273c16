// F_s(k, t) and its multiple-tau average over time origins.
#include "tls/equilibrate/scattering.hpp"

#include <cmath>
#include <limits>

#include "tls/core/error.hpp"

namespace tls {

namespace {
template <class A, class B>
double fs_between(const A& x0, const B& x, Eigen::Index n3, double k) {
  const Eigen::Index n = n3 / 3;
  double mean[3] = {0, 0, 0};
  for (Eigen::Index i = 0; i < n; ++i)
    for (int c = 0; c < 3; ++c) mean[c] += static_cast<double>(x[3 * i + c]) - static_cast<double>(x0[3 * i + c]);
  for (double& m : mean) m /= static_cast<double>(n);
  double s = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    double r2 = 0;
    for (int c = 0; c < 3; ++c) {
      const double d = static_cast<double>(x[3 * i + c]) - static_cast<double>(x0[3 * i + c]) - mean[c];
      r2 += d * d;
    }
    const double kr = k * std::sqrt(r2);
    s += kr > 1e-6 ? std::sin(kr) / kr : 1.0 - kr * kr / 6;
  }
  return s / static_cast<double>(n);
}
}  // namespace

double self_scattering(const Eigen::Ref<const Eigen::VectorXd>& x0, const Eigen::Ref<const Eigen::VectorXd>& x,
                       double k) {
  if (x0.size() != x.size() || x.size() == 0 || x.size() % 3 != 0) throw InternalError("self_scattering: sizes differ");
  return fs_between(x0, x, x.size(), k);
}

FsCorrelator::FsCorrelator(double k, int points) : k_(k), p_(points) {
  if (points < 4 || points % 2) throw InternalError("FsCorrelator: points per level must be even and >= 4");
}

void FsCorrelator::add(const Eigen::Ref<const Eigen::VectorXd>& x) {
  const long t = t_++;
  for (std::size_t l = 0;; ++l) {
    const long spacing = 1L << l;
    if (t % spacing != 0 || (l > 0 && spacing > t)) break;
    if (levels_.size() <= l) {
      Level lv;
      lv.sum.assign(static_cast<std::size_t>(p_), 0.0);
      lv.count.assign(static_cast<std::size_t>(p_), 0);
      levels_.push_back(std::move(lv));
    }
    Level& lv = levels_[l];
    // Lags k spacing, k = 1..P; levels above 0 keep only k > P/2 (the lower half is level l-1's).
    for (std::size_t o = 0; o < lv.times.size(); ++o) {
      const long k = (t - lv.times[o]) / spacing;
      if (l > 0 && k <= p_ / 2) continue;
      const auto slot = static_cast<std::size_t>(k - 1);
      lv.sum[slot] += fs_between(lv.xs[o], x, x.size(), k_);
      ++lv.count[slot];
    }
    lv.times.push_back(t);
    lv.xs.emplace_back(x.data(), x.data() + x.size());  // single precision: F_s needs 1e-6 sigma
    if (static_cast<int>(lv.times.size()) > p_) {
      lv.times.erase(lv.times.begin());
      lv.xs.erase(lv.xs.begin());
    }
  }
}

std::vector<FsCorrelator::Point> FsCorrelator::curve() const {
  std::vector<Point> c;
  for (std::size_t l = 0; l < levels_.size(); ++l)
    for (int k = 1; k <= p_; ++k) {
      if (l > 0 && k <= p_ / 2) continue;
      const auto slot = static_cast<std::size_t>(k - 1);
      if (levels_[l].count[slot] == 0) continue;
      c.push_back(
          {k * (1L << l), levels_[l].sum[slot] / static_cast<double>(levels_[l].count[slot]), levels_[l].count[slot]});
    }
  return c;
}

double FsCorrelator::relaxation_time() const {
  const auto c = curve();
  const double target = std::exp(-1.0);
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c[i].fs >= target) continue;
    if (i == 0) return static_cast<double>(c[0].lag);
    const double l0 = std::log(static_cast<double>(c[i - 1].lag)), l1 = std::log(static_cast<double>(c[i].lag));
    const double f = (c[i - 1].fs - target) / (c[i - 1].fs - c[i].fs);
    return std::exp(l0 + f * (l1 - l0));
  }
  return std::numeric_limits<double>::quiet_NaN();
}

void FsCorrelator::save(bin::PayloadWriter& w) const {
  w.put(k_);
  w.put(static_cast<std::int32_t>(p_));
  w.put(static_cast<std::int64_t>(t_));
  w.put(static_cast<std::uint32_t>(levels_.size()));
  for (const Level& lv : levels_) {
    w.put(static_cast<std::uint32_t>(lv.times.size()));
    for (std::size_t o = 0; o < lv.times.size(); ++o) {
      w.put(static_cast<std::int64_t>(lv.times[o]));
      w.put(static_cast<std::uint64_t>(lv.xs[o].size()));
      w.put_bytes(lv.xs[o].data(), sizeof(float) * lv.xs[o].size());
    }
    w.put_bytes(lv.sum.data(), sizeof(double) * lv.sum.size());
    for (long c : lv.count) w.put(static_cast<std::int64_t>(c));
  }
}

void FsCorrelator::load(bin::PayloadReader& r) {
  k_ = r.get<double>();
  p_ = r.get<std::int32_t>();
  t_ = static_cast<long>(r.get<std::int64_t>());
  if (p_ < 4 || p_ % 2 || p_ > 1024 || t_ < 0) throw DataError("F_s correlator state is corrupt");
  const auto nl = r.get<std::uint32_t>();
  if (nl > 64) throw DataError("F_s correlator state is corrupt");
  levels_.assign(nl, Level{});
  for (Level& lv : levels_) {
    const auto no = r.get<std::uint32_t>();
    if (no > static_cast<std::uint32_t>(p_)) throw DataError("F_s correlator state is corrupt");
    for (std::uint32_t o = 0; o < no; ++o) {
      lv.times.push_back(static_cast<long>(r.get<std::int64_t>()));
      const auto n = r.get<std::uint64_t>();
      if (n > r.remaining() / sizeof(float)) throw DataError("F_s correlator state is corrupt");
      lv.xs.emplace_back(n);
      r.get_bytes(lv.xs.back().data(), sizeof(float) * n);
    }
    lv.sum.resize(static_cast<std::size_t>(p_));
    r.get_bytes(lv.sum.data(), sizeof(double) * lv.sum.size());
    lv.count.resize(static_cast<std::size_t>(p_));
    for (long& c : lv.count) c = static_cast<long>(r.get<std::int64_t>());
  }
}

}  // namespace tls
