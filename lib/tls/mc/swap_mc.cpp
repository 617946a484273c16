// Swap Monte Carlo moves: local energy differences over sorted neighbour rows, Metropolis acceptance.
#include "tls/mc/swap_mc.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/model/potential.hpp"

namespace tls {

using namespace potential;

namespace {
// v(x)/eps from x^2 = r^2 / sigma_ij^2 and its inverse, the expression of ForceField::energy; zero
// beyond the cut through a select (a product with 0 would turn an overlap's infinity into NaN).
inline double cut_energy(double x2, double i2) {
  const double i6 = i2 * i2 * i2;
  return x2 < kCut2 ? i6 * i6 + kC0 + x2 * (kC2 + kC4 * x2) : 0.0;
}
inline double pair_energy(double x2) { return x2 < kCut2 ? cut_energy(x2, 1.0 / x2) : 0.0; }
inline double inv_sigma2(double a, double b) {
  const double s = sigma_ij(a, b);
  return 1.0 / (s * s);
}
}  // namespace

void validate(const SwapMcOptions& o) {
  if (!(o.temperature > 0) || !std::isfinite(o.temperature))
    throw UsageError("temperature must be positive and finite, got " + std::to_string(o.temperature));
  if (!(o.p_swap >= 0 && o.p_swap <= 1))
    throw UsageError("swap probability (--p-swap) must lie in [0, 1], got " + format_double(o.p_swap));
  if (!(o.skin > 0) || !std::isfinite(o.skin))
    throw UsageError("neighbour skin (--skin) must be positive, got " + format_double(o.skin));
  if (!(o.delta > 0) || !(o.delta * std::sqrt(3.0) < o.skin))
    throw UsageError("displacement (--delta) must be positive and below skin/sqrt(3) = " +
                     std::to_string(o.skin / std::sqrt(3.0)) + " (raise the skin for larger moves)");
  if (!(o.max_swap_difference >= 0))
    throw UsageError("largest swap diameter difference (--max-swap-difference) must be non-negative, got " +
                     format_double(o.max_swap_difference));
  if (!(o.diameter_slack >= 0) || !std::isfinite(o.diameter_slack))
    throw UsageError("diameter slack (--diameter-slack) must be non-negative, got " + format_double(o.diameter_slack));
}

double MoveCounts::displacement_acceptance() const {
  return displacements ? static_cast<double>(displacements_accepted) / static_cast<double>(displacements)
                       : std::numeric_limits<double>::quiet_NaN();
}
double MoveCounts::swap_acceptance() const {
  return swaps ? static_cast<double>(swaps_accepted) / static_cast<double>(swaps)
               : std::numeric_limits<double>::quiet_NaN();
}
MoveCounts& MoveCounts::operator+=(const MoveCounts& o) {
  displacements += o.displacements;
  displacements_accepted += o.displacements_accepted;
  swaps += o.swaps;
  swaps_eligible += o.swaps_eligible;
  swaps_accepted += o.swaps_accepted;
  return *this;
}
MoveCounts MoveCounts::operator-(const MoveCounts& o) const {
  MoveCounts d;
  d.displacements = displacements - o.displacements;
  d.displacements_accepted = displacements_accepted - o.displacements_accepted;
  d.swaps = swaps - o.swaps;
  d.swaps_eligible = swaps_eligible - o.swaps_eligible;
  d.swaps_accepted = swaps_accepted - o.swaps_accepted;
  return d;
}

namespace {
double largest(const Eigen::Ref<const Eigen::VectorXd>& d) {
  if (d.size() == 0) throw DataError("configuration has no particles");
  for (Eigen::Index i = 0; i < d.size(); ++i)
    if (!(d[i] > 0 && d[i] < 2.5))
      throw DataError("particle " + std::to_string(i + 1) + ": diameter must be in (0, 2.5), got " +
                      std::to_string(d[i]));
  return d.maxCoeff();
}
}  // namespace

SwapMc::SwapMc(const Box& box, const Eigen::Ref<const Eigen::VectorXd>& x,
               const Eigen::Ref<const Eigen::VectorXd>& diameters, const SwapMcOptions& options, Rng rng)
    : box_(box),
      o_(options),
      beta_(1.0 / options.temperature),
      rng_(rng),
      nb_(box, options.skin, options.diameter_slack, largest(diameters)) {
  validate(options);
  const auto n = diameters.size();
  if (x.size() != 3 * n) throw DataError("positions and diameters disagree in count");
  if (!x.allFinite()) throw DataError("positions must be finite");
  p_.resize(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i)
    p_[static_cast<std::size_t>(i)] = {x[3 * i], x[3 * i + 1], x[3 * i + 2], diameters[i]};
  nb_.build(p_);
  for (const auto& s : nb_.self_images()) {
    const double L = box.length;
    self_r2_.push_back((s[0] * s[0] + s[1] * s[1] + s[2] * s[2]) * L * L);
  }
  if (!std::isfinite(energy())) throw DataError("two particles overlap (distance 0): the energy is infinite");
}

void SwapMc::set_temperature(double t) {
  SwapMcOptions o = o_;
  o.temperature = t;
  validate(o);
  o_ = o;
  beta_ = 1.0 / t;
}

void SwapMc::set_delta(double delta) {
  SwapMcOptions o = o_;
  o.delta = delta;
  validate(o);
  o_ = o;
}

namespace {
// Energy differences of a row of pairs, the hot loop of the chain: one loop over gathered neighbour
// data (structure of arrays, padded to whole vectors) that the compiler vectorises, compiled for
// AVX-512, AVX2 and baseline x86-64 and chosen at run time; with -ffp-contract=off every version
// rounds identically. One division serves the three reciprocals of a pair: with D = 1/(r_o^2 r_n^2
// sigma^2), sigma^2/r^2 and r^2/sigma^2 of both positions are products. Pairs beyond the cut give
// exactly 0.
constexpr int kLanes = 8;

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void displaced_terms(const double* __restrict bx, const double* __restrict by, const double* __restrict bz,
                     const double* __restrict bd, double ax, double ay, double az, double ad, double nx, double ny,
                     double nz, double* __restrict out, int m) {
  for (int k = 0; k < m; ++k) {
    const double s = 0.5 * (ad + bd[k]) * (1.0 - kNonadditivity * std::abs(ad - bd[k]));
    const double s2 = s * s;
    const double ox = bx[k] - ax, oy = by[k] - ay, oz = bz[k] - az;
    const double mx = bx[k] - nx, my = by[k] - ny, mz = bz[k] - nz;
    const double ro = ox * ox + oy * oy + oz * oz;
    const double rn = mx * mx + my * my + mz * mz;
    const double q = 1.0 / (ro * rn * s2);
    const double xo = q * rn * ro * ro, xn = q * ro * rn * rn;  // r^2 / sigma^2
    const double io = q * rn * s2 * s2, in = q * ro * s2 * s2;  // sigma^2 / r^2
    out[k] = cut_energy(xn, in) - cut_energy(xo, io);
  }
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void swapped_terms(const double* __restrict bx, const double* __restrict by, const double* __restrict bz,
                   const double* __restrict bd, double ax, double ay, double az, double ad, double dn,
                   double* __restrict out, int m) {
  for (int k = 0; k < m; ++k) {
    const double so = 0.5 * (ad + bd[k]) * (1.0 - kNonadditivity * std::abs(ad - bd[k]));
    const double sn = 0.5 * (dn + bd[k]) * (1.0 - kNonadditivity * std::abs(dn - bd[k]));
    const double so2 = so * so, sn2 = sn * sn;
    const double dx = bx[k] - ax, dy = by[k] - ay, dz = bz[k] - az;
    const double r2 = dx * dx + dy * dy + dz * dz;
    const double q = 1.0 / (r2 * so2 * sn2);
    const double xo = q * r2 * r2 * sn2, xn = q * r2 * r2 * so2;      // r^2 / sigma^2
    const double io = q * so2 * so2 * sn2, in = q * sn2 * sn2 * so2;  // sigma^2 / r^2
    out[k] = cut_energy(xn, in) - cut_energy(xo, io);
  }
}
}  // namespace

int SwapMc::gather(int i) {
  const auto row = nb_.row(i);
  const auto m = static_cast<int>(row.size());
  const int padded = (m + kLanes - 1) / kLanes * kLanes;
  if (scratch_.size() < 5 * static_cast<std::size_t>(padded))
    scratch_.resize(5 * static_cast<std::size_t>(padded + padded / 2 + kLanes));
  const std::size_t cap = scratch_.size() / 5;
  double* bx = scratch_.data();
  double* by = bx + cap;
  double* bz = by + cap;
  double* bd = bz + cap;
  const double L = box_.length;
  const LocalNeighbours::Entry* e = row.data();
  const McParticle* p = p_.data();
  for (int k = 0; k < m; ++k) {
    const McParticle& b = p[e[k].j];
    bx[k] = b.x + e[k].s[0] * L;
    by[k] = b.y + e[k].s[1] * L;
    bz[k] = b.z + e[k].s[2] * L;
    bd[k] = b.d;
  }
  // Padding: a partner far beyond any cut-off, whose terms are exactly zero.
  const McParticle& a = p[i];
  for (int k = m; k < padded; ++k) bx[k] = a.x + 1e3, by[k] = a.y, bz[k] = a.z, bd[k] = 1.0;
  return m;
}

// The terms are summed one after another in row order: rows are sorted and pairs beyond the cut
// add exactly zero, so the sum does not depend on which extra pairs a row happens to hold.
double SwapMc::pair_sum_displaced(int i, double nx, double ny, double nz) {
  const int m = gather(i);
  const std::size_t cap = scratch_.size() / 5;
  double* bx = scratch_.data();
  double* out = bx + 4 * cap;
  const McParticle& a = p_[static_cast<std::size_t>(i)];
  displaced_terms(bx, bx + cap, bx + 2 * cap, bx + 3 * cap, a.x, a.y, a.z, a.d, nx, ny, nz, out,
                  (m + kLanes - 1) / kLanes * kLanes);
  double sum = 0.0;
  for (int k = 0; k < m; ++k) sum += out[k];
  return sum;
}

double SwapMc::pair_sum_swapped(int i, int partner, double d_new) {
  const int m = gather(i);
  const std::size_t cap = scratch_.size() / 5;
  double* bx = scratch_.data();
  double* out = bx + 4 * cap;
  const McParticle& a = p_[static_cast<std::size_t>(i)];
  swapped_terms(bx, bx + cap, bx + 2 * cap, bx + 3 * cap, a.x, a.y, a.z, a.d, d_new, out,
                (m + kLanes - 1) / kLanes * kLanes);
  // The pair of the two swapped particles does not change (sigma_ij is symmetric): its terms are
  // set to exactly zero before the sum.
  const auto row = nb_.row(i);
  double sum = 0.0;
  for (int k = 0; k < m; ++k) sum += row[static_cast<std::size_t>(k)].j == partner ? 0.0 : out[k];
  return sum;
}

void SwapMc::displacement(int i) {
  McParticle& a = p_[static_cast<std::size_t>(i)];
  const double h = o_.delta;
  const double nx = a.x + h * (rng_.uniform() - 0.5);
  const double ny = a.y + h * (rng_.uniform() - 0.5);
  const double nz = a.z + h * (rng_.uniform() - 0.5);
  ++counts_.displacements;
  last_change_ = 0.0;
  // The trial must lie in the region the rows cover; refreshing at the current position suffices,
  // since a move is shorter than skin/2 (validate()).
  if (!nb_.covers(i, nx, ny, nz, a.d)) nb_.refresh(p_, i, a.d);
  const double de = pair_sum_displaced(i, nx, ny, nz);
  if (de <= 0 || rng_.uniform() < std::exp(-beta_ * de)) {
    a.x = nx, a.y = ny, a.z = nz;
    ++counts_.displacements_accepted;
    last_change_ = de;
  }
}

void SwapMc::swap(int i, int j) {
  ++counts_.swaps;
  last_change_ = 0.0;
  if (j < 0) return;  // fewer than two particles
  McParticle& a = p_[static_cast<std::size_t>(i)];
  McParticle& b = p_[static_cast<std::size_t>(j)];
  if (std::abs(a.d - b.d) > o_.max_swap_difference) return;
  ++counts_.swaps_eligible;
  if (!nb_.covers(i, a.x, a.y, a.z, b.d)) nb_.refresh(p_, i, b.d);
  if (!nb_.covers(j, b.x, b.y, b.z, a.d)) nb_.refresh(p_, j, a.d);
  // Self-image energies cancel: the two particles only exchange their diameters.
  const double de = pair_sum_swapped(i, j, b.d) + pair_sum_swapped(j, i, a.d);
  if (de <= 0 || rng_.uniform() < std::exp(-beta_ * de)) {
    std::swap(a.d, b.d);
    ++counts_.swaps_accepted;
    last_change_ = de;
  }
}

void SwapMc::run(long n, bool swaps_only) {
  // Which particles the n attempts touch is drawn first, from the same stream, so the rows of the
  // attempts a few places ahead can be prefetched: a row is a random access into a large array.
  const auto np = static_cast<std::uint64_t>(p_.size());
  plan_.resize(static_cast<std::size_t>(n));
  for (auto& pick : plan_) {
    const bool sw = swaps_only || o_.p_swap >= 1.0 || (o_.p_swap > 0.0 && rng_.uniform() < o_.p_swap);
    pick.i = static_cast<std::int32_t>(rng_.below(np));
    pick.j = kDisplace;
    if (sw) {
      if (np < 2) {
        pick.j = kNoPartner;
        continue;
      }
      pick.j = static_cast<std::int32_t>(rng_.below(np - 1));
      if (pick.j >= pick.i) ++pick.j;
    }
  }
  constexpr std::size_t kAhead = 6;
  for (std::size_t k = 0; k < plan_.size(); ++k) {
    if (k + kAhead < plan_.size()) {
      const Pick& f = plan_[k + kAhead];
      nb_.prefetch(f.i);
      if (f.j >= 0) nb_.prefetch(f.j);
    }
    const Pick& pick = plan_[k];
    if (pick.j == kDisplace)
      displacement(pick.i);
    else
      swap(pick.i, pick.j);
  }
}

void SwapMc::attempt() { run(1, false); }

void SwapMc::sweeps(long n) {
  for (long k = 0; k < n; ++k) run(size(), false);
}

void SwapMc::swap_attempts(long n) { run(n, true); }

double SwapMc::energy() const {
  double e = 0.0;
  const double L = box_.length;
  for (int i = 0; i < size(); ++i) {
    const McParticle& a = p_[static_cast<std::size_t>(i)];
    for (const auto& en : nb_.row(i)) {
      if (en.j <= i) continue;
      const McParticle& b = p_[static_cast<std::size_t>(en.j)];
      const double dx = b.x + en.s[0] * L - a.x, dy = b.y + en.s[1] * L - a.y, dz = b.z + en.s[2] * L - a.z;
      e += pair_energy((dx * dx + dy * dy + dz * dz) * inv_sigma2(a.d, b.d));
    }
    for (double r2 : self_r2_) e += pair_energy(r2 / (a.d * a.d));
  }
  return e;
}

Eigen::VectorXd SwapMc::positions() const {
  Eigen::VectorXd x(3 * size());
  for (int i = 0; i < size(); ++i) {
    const McParticle& a = p_[static_cast<std::size_t>(i)];
    x[3 * i] = a.x, x[3 * i + 1] = a.y, x[3 * i + 2] = a.z;
  }
  return x;
}

Eigen::VectorXd SwapMc::diameters() const {
  Eigen::VectorXd d(size());
  for (int i = 0; i < size(); ++i) d[i] = p_[static_cast<std::size_t>(i)].d;
  return d;
}

void SwapMc::set_positions(const Eigen::Ref<const Eigen::VectorXd>& x) {
  if (x.size() != 3 * size()) throw InternalError("set_positions: wrong number of coordinates");
  for (int i = 0; i < size(); ++i) {
    McParticle& a = p_[static_cast<std::size_t>(i)];
    a.x = x[3 * i], a.y = x[3 * i + 1], a.z = x[3 * i + 2];
  }
  for (int i = 0; i < size(); ++i) {
    const McParticle& a = p_[static_cast<std::size_t>(i)];
    if (!nb_.covers(i, a.x, a.y, a.z, a.d)) nb_.refresh(p_, i, a.d);
  }
}

}  // namespace tls
