// CI-NEB: improved tangent, springs along the tangent, FIRE on the band's NEB force.
#include "tls/neb/band.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

#include "tls/core/error.hpp"
#include "tls/core/parallel.hpp"
#include "tls/model/force_field.hpp"
#include "tls/model/simd.hpp"

namespace tls::neb {

FireOptions band_fire_defaults() {
  FireOptions f;
  f.dt_max = 0.1;
  f.max_step = 0.02;
  f.ftol = 0;
  return f;
}

BandOptimizer band_optimizer_from_name(const std::string& name) {
  if (name == "fire") return BandOptimizer::fire;
  if (name == "lbfgs") return BandOptimizer::lbfgs;
  throw UsageError("unknown band optimiser '" + name + "' (expected fire or lbfgs)");
}

const char* to_string(BandOptimizer o) { return o == BandOptimizer::fire ? "fire" : "lbfgs"; }

LbfgsForm lbfgs_form_from_name(const std::string& name) {
  if (name == "two-loop") return LbfgsForm::two_loop;
  if (name == "compact") return LbfgsForm::compact;
  if (name == "compact-single") return LbfgsForm::compact_single;
  throw UsageError("unknown L-BFGS form '" + name + "' (expected two-loop, compact or compact-single)");
}

const char* to_string(LbfgsForm f) {
  switch (f) {
    case LbfgsForm::two_loop:
      return "two-loop";
    case LbfgsForm::compact:
      return "compact";
    case LbfgsForm::compact_single:
      return "compact-single";
  }
  return "?";
}

Band Band::from_path(const std::vector<Eigen::VectorXd>& path) {
  if (path.size() < 3) throw InternalError("a band needs at least 3 images");
  Band b;
  const Eigen::Index d = path.front().size();
  b.x.resize(d, static_cast<Eigen::Index>(path.size()));
  for (std::size_t k = 0; k < path.size(); ++k) {
    if (path[k].size() != d) throw InternalError("band images of different sizes");
    b.x.col(static_cast<Eigen::Index>(k)) = path[k];
  }
  b.energy = Eigen::VectorXd::Zero(b.x.cols());
  b.force = Eigen::MatrixXd::Zero(d, b.x.cols());
  b.tangent = Eigen::MatrixXd::Zero(d, b.x.cols());
  return b;
}

std::vector<Eigen::VectorXd> Band::path() const {
  std::vector<Eigen::VectorXd> p;
  for (Eigen::Index k = 0; k < x.cols(); ++k) p.emplace_back(x.col(k));
  return p;
}

std::vector<double> Band::arc_length() const {
  std::vector<double> s(static_cast<std::size_t>(size()), 0.0);
  for (int k = 1; k < size(); ++k)
    s[static_cast<std::size_t>(k)] = s[static_cast<std::size_t>(k - 1)] + (x.col(k) - x.col(k - 1)).norm();
  return s;
}

int Band::interior_maximum() const {
  const int m = size();
  if (m < 3) return -1;
  int c = 1;
  for (int k = 2; k < m - 1; ++k)
    if (energy[k] > energy[c]) c = k;
  const bool peak =
      energy[c] > energy[c - 1] && energy[c] > energy[c + 1] && energy[c] > energy[0] && energy[c] > energy[m - 1];
  return peak ? c : -1;
}

std::vector<Eigen::VectorXd> linear_path(const Eigen::VectorXd& a, const Eigen::VectorXd& b, int images) {
  if (images < 2) throw InternalError("a path needs at least 2 points");
  std::vector<Eigen::VectorXd> p;
  for (int k = 0; k < images; ++k) {
    const double t = static_cast<double>(k) / (images - 1);
    p.emplace_back(k == images - 1 ? b : Eigen::VectorXd(a + t * (b - a)));
  }
  return p;
}

std::vector<Eigen::VectorXd> resample_path(const std::vector<Eigen::VectorXd>& path, int images) {
  if (path.size() < 2 || images < 2) throw InternalError("resampling needs at least 2 points");
  std::vector<double> s(path.size(), 0.0);
  for (std::size_t k = 1; k < path.size(); ++k) s[k] = s[k - 1] + (path[k] - path[k - 1]).norm();
  const double total = s.back();
  std::vector<Eigen::VectorXd> out;
  out.push_back(path.front());
  std::size_t seg = 1;
  for (int k = 1; k < images - 1; ++k) {
    const double target = total * k / (images - 1);
    while (seg + 1 < path.size() && s[seg] < target) ++seg;
    const double len = s[seg] - s[seg - 1];
    const double t = len > 0 ? std::clamp((target - s[seg - 1]) / len, 0.0, 1.0) : 0.0;
    out.emplace_back(path[seg - 1] + t * (path[seg] - path[seg - 1]));
  }
  out.push_back(path.back());
  return out;
}

namespace {

// Writes the improved tangent of interior image i into t (Henkelman & Jonsson 2000, eqs. 8-11):
// the segment towards the higher neighbour, or at an extremum an energy-weighted mixture, which
// keeps the tangent continuous and prevents kinks where the path is curved.
void tangent_into(const Band& b, int i, Eigen::Ref<Eigen::VectorXd> t) {
  const auto tp = b.x.col(i + 1) - b.x.col(i);
  const auto tm = b.x.col(i) - b.x.col(i - 1);
  const double vp = b.energy[i + 1], v = b.energy[i], vm = b.energy[i - 1];
  if (vp > v && v > vm) {
    t = tp;
  } else if (vp < v && v < vm) {
    t = tm;
  } else {
    const double dmax = std::max(std::abs(vp - v), std::abs(vm - v));
    const double dmin = std::min(std::abs(vp - v), std::abs(vm - v));
    if (vp > vm)
      t = dmax * tp + dmin * tm;
    else
      t = dmin * tp + dmax * tm;
  }
  double n = t.norm();
  if (!(n > 0)) {  // flat neighbourhood: the bisector
    t = tp + tm;
    n = t.norm();
  }
  if (!(n > 0)) throw DataError("two neighbouring band images coincide");
  t /= n;
}

// How long one stage may run: its iteration cap, and the stall rule (NebOptions::stall_iterations).
struct StageLimits {
  long max_iterations = 0;
  long stall_iterations = 0;  ///< 0 = no stall rule
  double stall_force = 0;

  bool stalled(long iterations, double max_force) const {
    return stall_iterations > 0 && iterations >= stall_iterations && max_force > stall_force;
  }
};

// The stop tests of both band optimisers, in their order: a non-finite force, convergence (ftol or
// the caller's test), the stall rule, the iteration cap. Sets the report's reason; true = stop.
bool band_should_stop(MinimizeReport& r, double ftol, const std::function<bool()>& converged, const StageLimits& lim) {
  if (!std::isfinite(r.max_force)) {
    r.stop_reason = "non-finite force";
    return true;
  }
  if (r.max_force < ftol || (converged && converged())) {
    r.converged = true;
    r.stop_reason = "converged";
    return true;
  }
  if (lim.stalled(r.iterations, r.max_force)) {
    r.stop_reason = "stalled";
    return true;
  }
  if (r.iterations >= lim.max_iterations) {
    r.stop_reason = "max iterations";
    return true;
  }
  return false;
}

// One step of both band optimisers: x += d, d capped per particle, the force at the new point into
// f_new; returns its largest particle norm. A step that makes the largest force more than blow_up
// times worse (or not finite; curvature pairs of a non-conservative force can mislead) is taken
// back: f is evaluated again at x, the curvature forgotten (forget(), which resets gamma) and a small
// steepest-descent step gamma f taken instead, counted as an iteration of its own. Returns nothing
// when that iteration was the last one allowed (x and f then agree; the caller's stop test ends).
template <class Forget>
std::optional<double> step_or_retreat(const Objective& objective, Eigen::Ref<Eigen::VectorXd> x, Eigen::VectorXd& d,
                                      Eigen::VectorXd& f, Eigen::VectorXd& f_new, const double& gamma,
                                      const Forget& forget, const BandLbfgsOptions& o, long max_iterations,
                                      MinimizeReport& r) {
  auto take_step = [&] {
    const double big = max_particle_norm(d);
    if (big > o.max_step) d *= o.max_step / big;
    x += d;
    r.energy = objective(x, f_new);
    ++r.force_calls;
    return max_particle_norm(f_new);
  };
  const double grown = take_step();
  const bool worse = !std::isfinite(grown) || grown > o.blow_up * r.max_force;
  if (!worse) return grown;
  x -= d;
  r.energy = objective(x, f);
  ++r.force_calls;
  forget();
  ++r.iterations;
  if (r.iterations >= max_iterations) return std::nullopt;
  d = gamma * f;
  return take_step();
}

// Global L-BFGS on the band (header): no line search, steps capped per particle, memory cleared
// whenever the direction stops pointing along the force.
MinimizeReport band_lbfgs(const Objective& objective, Eigen::Ref<Eigen::VectorXd> x, const BandLbfgsOptions& o,
                          double ftol, const std::function<bool()>& converged, const StageLimits& lim) {
  MinimizeReport r;
  const Eigen::Index n = x.size();
  const int m = std::max(1, o.memory);
  // History in a ring of columns: no allocation or copy per step (the band vector is ~1 MB).
  Eigen::MatrixXd S(n, m), Y(n, m);
  std::vector<double> rho(static_cast<std::size_t>(m)), a(static_cast<std::size_t>(m));
  int count = 0, newest = -1;
  auto slot = [&](int age) { return ((newest - age) % m + m) % m; };  // age 0 = newest
  Eigen::VectorXd f(n), f_new(n), d(n);
  r.energy = objective(x, f);
  ++r.force_calls;
  r.max_force = max_particle_norm(f);
  double gamma = o.initial_scale;
  auto forget = [&] {
    count = 0;
    gamma = o.initial_scale;
  };
  for (r.iterations = 0;; ++r.iterations) {
    if (band_should_stop(r, ftol, converged, lim)) return r;
    // Two-loop recursion, d = H f (Nocedal 1980). Eigen's dot products are vectorised with several
    // partial sums; hand-fused loops were slower (a scalar reduction chain, docs/performance.md).
    d = f;
    for (int age = 0; age < count; ++age) {
      const int j = slot(age);
      a[static_cast<std::size_t>(age)] = rho[static_cast<std::size_t>(j)] * S.col(j).dot(d);
      d -= a[static_cast<std::size_t>(age)] * Y.col(j);
    }
    d *= gamma;
    for (int age = count - 1; age >= 0; --age) {
      const int j = slot(age);
      d += (a[static_cast<std::size_t>(age)] - rho[static_cast<std::size_t>(j)] * Y.col(j).dot(d)) * S.col(j);
    }
    if (d.dot(f) <= 0) {  // not along the force: forget the curvature
      forget();
      d = gamma * f;
    }
    const auto stepped = step_or_retreat(objective, x, d, f, f_new, gamma, forget, o, lim.max_iterations, r);
    if (!stepped) continue;
    const double grown = *stepped;
    // New pair (s, y) = (d, f - f_new), kept only with positive curvature.
    const double sy = d.dot(f) - d.dot(f_new);
    if (sy > 0) {
      const int j = (newest + 1) % m;  // the oldest pair's slot once the ring is full
      auto y = Y.col(j);
      y = f - f_new;
      gamma = sy / y.squaredNorm();
      S.col(j) = d;
      rho[static_cast<std::size_t>(j)] = 1.0 / sy;
      newest = j;
      count = std::min(count + 1, m);
    }
    f.swap(f_new);
    r.max_force = grown;
  }
}

// Kernels of the compact form's two passes over the history, in blocks of kHistoryBlock coordinates
// (the block of f or d stays in L1 while the 2m columns stream past once). Element-wise vector
// arithmetic with a fixed lane layout and reduction order: the same bits on every ISA clone.
constexpr Eigen::Index kHistoryBlock = 2048;  // 16 KB of a double vector

using simd::V8;
using F8 = float __attribute__((vector_size(32)));

[[gnu::always_inline]] inline V8 load8_as_double(const double* p) { return simd::load8(p); }
[[gnu::always_inline]] inline V8 load8_as_double(const float* p) {
  F8 v;
  __builtin_memcpy(&v, p, sizeof v);
  return __builtin_convertvector(v, V8);
}

// p[j] = S_j . f, q[j] = Y_j . f (columns j < count of n rows), *ff = f . f.
template <typename Scalar>
[[gnu::always_inline]] inline void history_dots_body(const Scalar* S, const Scalar* Y, Eigen::Index n, int count,
                                                     const double* f, double* p, double* q, double* ff) {
  auto dot = [](const auto* a, const double* b, Eigen::Index len) {
    V8 s0 = V8{}, s1 = V8{};
    Eigen::Index i = 0;
    for (; i + 16 <= len; i += 16) {
      s0 += load8_as_double(a + i) * simd::load8(b + i);
      s1 += load8_as_double(a + i + 8) * simd::load8(b + i + 8);
    }
    s0 += s1;
    double r = ((s0[0] + s0[1]) + (s0[2] + s0[3])) + ((s0[4] + s0[5]) + (s0[6] + s0[7]));
    for (; i < len; ++i) r += static_cast<double>(a[i]) * b[i];
    return r;
  };
  for (int j = 0; j < count; ++j) p[j] = q[j] = 0;
  double sum = 0;
  for (Eigen::Index b = 0; b < n; b += kHistoryBlock) {
    const Eigen::Index len = std::min(kHistoryBlock, n - b);
    for (int j = 0; j < count; ++j) {
      p[j] += dot(S + j * n + b, f + b, len);
      q[j] += dot(Y + j * n + b, f + b, len);
    }
    sum += dot(f + b, f + b, len);
  }
  *ff = sum;
}

// d = g f + sum_j (u[j] S_j + a[j] Y_j).
template <typename Scalar>
[[gnu::always_inline]] inline void history_combine_body(const Scalar* S, const Scalar* Y, Eigen::Index n, int count,
                                                        const double* u, const double* a, double g, const double* f,
                                                        double* d) {
  for (Eigen::Index b = 0; b < n; b += kHistoryBlock) {
    const Eigen::Index len = std::min(kHistoryBlock, n - b);
    const Eigen::Index len8 = len & ~Eigen::Index{7};
    for (Eigen::Index i = b; i < b + len8; i += 8) simd::store8(d + i, g * simd::load8(f + i));
    for (Eigen::Index i = b + len8; i < b + len; ++i) d[i] = g * f[i];
    for (int j = 0; j < count; ++j) {
      const Scalar* sj = S + j * n;
      const Scalar* yj = Y + j * n;
      for (Eigen::Index i = b; i < b + len8; i += 8)
        simd::store8(d + i, simd::load8(d + i) + (u[j] * load8_as_double(sj + i) + a[j] * load8_as_double(yj + i)));
      for (Eigen::Index i = b + len8; i < b + len; ++i)
        d[i] += u[j] * static_cast<double>(sj[i]) + a[j] * static_cast<double>(yj[i]);
    }
  }
}

TLS_SIMD_CLONES void history_dots(const double* S, const double* Y, Eigen::Index n, int count, const double* f,
                                  double* p, double* q, double* ff) {
  history_dots_body(S, Y, n, count, f, p, q, ff);
}
TLS_SIMD_CLONES void history_dots(const float* S, const float* Y, Eigen::Index n, int count, const double* f, double* p,
                                  double* q, double* ff) {
  history_dots_body(S, Y, n, count, f, p, q, ff);
}
TLS_SIMD_CLONES void history_combine(const double* S, const double* Y, Eigen::Index n, int count, const double* u,
                                     const double* a, double g, const double* f, double* d) {
  history_combine_body(S, Y, n, count, u, a, g, f, d);
}
TLS_SIMD_CLONES void history_combine(const float* S, const float* Y, Eigen::Index n, int count, const double* u,
                                     const double* a, double g, const double* f, double* d) {
  history_combine_body(S, Y, n, count, u, a, g, f, d);
}

// The compact form's small problem, pairs in age order (oldest first): R = upper triangle of
// S^T Y, D its diagonal; a = R^-1 S^T f, u = R^-T ((D + g Y^T Y) a - g Y^T f), so that the direction
// is d = g f + S u - g Y a. Writes u and -g a by slot; returns u.(S^T f) - g a.(Y^T f), the part of
// d.f beyond g f.f.
template <typename Slot>
double compact_coefficients(const Eigen::MatrixXd& SY, const Eigen::MatrixXd& YY, const Eigen::VectorXd& p,
                            const Eigen::VectorXd& q, int count, const Slot& slot, double gamma,
                            Eigen::VectorXd& u_slot, Eigen::VectorXd& a_slot) {
  if (count == 0) return 0;
  Eigen::MatrixXd R = Eigen::MatrixXd::Zero(count, count), G(count, count);
  Eigen::VectorXd pp(count), qq(count);
  for (int k = 0; k < count; ++k) {
    const int i = slot(count - 1 - k);
    pp[k] = p[i];
    qq[k] = q[i];
    for (int l = 0; l < count; ++l) {
      const int j = slot(count - 1 - l);
      if (k <= l) R(k, l) = SY(i, j);
      G(k, l) = gamma * YY(i, j);
    }
  }
  G.diagonal() += R.diagonal();
  const Eigen::VectorXd a = R.triangularView<Eigen::Upper>().solve(pp);
  const Eigen::VectorXd u = R.transpose().triangularView<Eigen::Lower>().solve(G * a - gamma * qq);
  for (int k = 0; k < count; ++k) {
    const int i = slot(count - 1 - k);
    u_slot[i] = u[k];
    a_slot[i] = -gamma * a[k];
  }
  return u.dot(pp) - gamma * a.dot(qq);
}

// The pair stored last (slot `fresh`) gets its products with the older pairs from the change of f
// between the two steps: s_i.y = s_i.f_old - s_i.f, y_i.y likewise.
template <typename Slot>
void complete_fresh_column(Eigen::MatrixXd& SY, Eigen::MatrixXd& YY, const Eigen::VectorXd& p_old,
                           const Eigen::VectorXd& p, const Eigen::VectorXd& q_old, const Eigen::VectorXd& q, int count,
                           const Slot& slot, int fresh) {
  for (int age = 1; age < count; ++age) {
    const int i = slot(age);
    SY(i, fresh) = p_old[i] - p[i];
    YY(i, fresh) = YY(fresh, i) = q_old[i] - q[i];
  }
}

// s.y of the step's pair (s, y) = (d, f - f_new), summed block by block (the blocks' order fixes the bits).
double blocked_curvature(const Eigen::VectorXd& d, const Eigen::VectorXd& f, const Eigen::VectorXd& f_new) {
  double sy = 0;
  for (Eigen::Index b = 0; b < d.size(); b += kHistoryBlock) {
    const Eigen::Index len = std::min(kHistoryBlock, d.size() - b);
    const auto db = d.segment(b, len);
    sy += db.dot(f.segment(b, len)) - db.dot(f_new.segment(b, len));
  }
  return sy;
}

// Stores the pair (d, f - f_new) in column j of S and Y (in their precision); returns y.y of the stored y.
template <typename Scalar>
double store_pair(Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& S,
                  Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& Y, int j, const Eigen::VectorXd& d,
                  const Eigen::VectorXd& f, const Eigen::VectorXd& f_new) {
  double yy = 0;
  for (Eigen::Index b = 0; b < d.size(); b += kHistoryBlock) {
    const Eigen::Index len = std::min(kHistoryBlock, d.size() - b);
    auto yb = Y.col(j).segment(b, len);
    yb = (f.segment(b, len) - f_new.segment(b, len)).template cast<Scalar>();
    yy += yb.template cast<double>().squaredNorm();
  }
  S.col(j) = d.template cast<Scalar>();
  return yy;
}

// Global L-BFGS as above with the direction from the compact representation (header, LbfgsForm).
// Same steps, caps, blow-up rule and pair acceptance as band_lbfgs; only the direction's arithmetic
// differs. The vectors are walked in blocks of kBlock coordinates, so that the block of f (or d)
// stays in L1 while the 2m history columns stream past once per pass.
template <typename Scalar>
MinimizeReport band_lbfgs_compact(const Objective& objective, Eigen::Ref<Eigen::VectorXd> x, const BandLbfgsOptions& o,
                                  double ftol, const std::function<bool()>& converged, const StageLimits& lim) {
  MinimizeReport r;
  const Eigen::Index n = x.size();
  const int m = std::max(1, o.memory);
  // Pairs fill slots 0, 1, ... after each reset, so the stored ones are always columns 0 .. count-1.
  Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> S(n, m), Y(n, m);
  Eigen::MatrixXd SY = Eigen::MatrixXd::Zero(m, m), YY = Eigen::MatrixXd::Zero(m, m);  // by slot
  Eigen::VectorXd p = Eigen::VectorXd::Zero(m), q = Eigen::VectorXd::Zero(m);          // S^T f, Y^T f (current f)
  Eigen::VectorXd p_old(m), q_old(m), u_slot(m), a_slot(m);
  int count = 0, newest = -1;
  int fresh = -1;  // slot stored by the last step: its column of S^T Y and Y^T Y needs this step's products
  auto slot = [&](int age) { return ((newest - age) % m + m) % m; };  // age 0 = newest
  Eigen::VectorXd f(n), f_new(n), d(n);
  r.energy = objective(x, f);
  ++r.force_calls;
  r.max_force = max_particle_norm(f);
  double gamma = o.initial_scale;
  auto forget = [&] {
    count = 0;
    newest = -1;
    fresh = -1;
    gamma = o.initial_scale;
  };
  for (r.iterations = 0;; ++r.iterations) {
    if (band_should_stop(r, ftol, converged, lim)) return r;
    // Pass 1: p = S^T f, q = Y^T f and f.f.
    p_old = p;
    q_old = q;
    double ff = 0;
    history_dots(S.data(), Y.data(), n, count, f.data(), p.data(), q.data(), &ff);
    // The last pair's products with the older pairs, from the change of f: s_i.y = s_i.f_old - s_i.f.
    if (fresh >= 0) complete_fresh_column(SY, YY, p_old, p, q_old, q, count, slot, fresh);
    fresh = -1;
    // The small problem (compact_coefficients), then pass 2.
    const double df = gamma * ff + compact_coefficients(SY, YY, p, q, count, slot, gamma, u_slot, a_slot);
    // Pass 2: d = g f + S u - g Y a.
    history_combine(S.data(), Y.data(), n, count, u_slot.data(), a_slot.data(), gamma, f.data(), d.data());
    if (df <= 0) {  // not along the force: forget the curvature
      forget();
      d = gamma * f;
    }
    const auto stepped = step_or_retreat(objective, x, d, f, f_new, gamma, forget, o, lim.max_iterations, r);
    if (!stepped) continue;
    const double grown = *stepped;
    // New pair (s, y) = (d, f - f_new), kept only with positive curvature.
    const double sy = blocked_curvature(d, f, f_new);
    if (sy > 0) {
      const int j = (newest + 1) % m;  // the oldest pair's slot once the ring is full
      const double yy = store_pair(S, Y, j, d, f, f_new);
      gamma = sy / yy;
      SY(j, j) = sy;
      YY(j, j) = yy;
      newest = j;
      count = std::min(count + 1, m);
      fresh = j;
    }
    f.swap(f_new);
    r.max_force = grown;
  }
}

// One stage: the chosen optimiser to ftol on the NEB force, or until `converged` says so.
MinimizeReport run_stage(const NebOptions& o, const Objective& objective, Eigen::Ref<Eigen::VectorXd> x, double ftol,
                         const std::function<bool()>& converged, long max_iterations) {
  const StageLimits lim{max_iterations, o.stall_iterations, o.stall_force};
  if (o.optimizer == BandOptimizer::lbfgs && o.lbfgs.form == LbfgsForm::compact_single)
    return band_lbfgs_compact<float>(objective, x, o.lbfgs, ftol, converged, lim);
  if (o.optimizer == BandOptimizer::lbfgs && o.lbfgs.form == LbfgsForm::compact)
    return band_lbfgs_compact<double>(objective, x, o.lbfgs, ftol, converged, lim);
  if (o.optimizer == BandOptimizer::lbfgs) return band_lbfgs(objective, x, o.lbfgs, ftol, converged, lim);
  FireOptions f = o.fire;
  f.ftol = ftol;
  f.max_iterations = max_iterations;
  f.converged = converged;
  long iteration = 0;  // FIRE calls its watcher once per iteration, before its own stop tests
  if (lim.stall_iterations > 0)
    f.watch = [&](const Eigen::Ref<const Eigen::VectorXd>&, const Eigen::VectorXd&, double, double max_force) {
      const bool done = max_force < ftol || (converged && converged());
      return !done && lim.stalled(iteration++, max_force);
    };
  auto r = fire(objective, x, f);
  if (r.stop_reason == "watched") r.stop_reason = "stalled";
  return r;
}

void end_tangents(Band& b) {
  const int m = b.size();
  b.tangent.col(0) = (b.x.col(1) - b.x.col(0)).normalized();
  b.tangent.col(m - 1) = (b.x.col(m - 1) - b.x.col(m - 2)).normalized();
}

}  // namespace

Eigen::VectorXd improved_tangent(const Band& band, int i) {
  if (i < 1 || i > band.size() - 2) throw InternalError("improved tangent of an end point");
  Eigen::VectorXd t(band.x.rows());
  tangent_into(band, i, t);
  return t;
}

void evaluate_band(Surface& surface, Band& band, int threads) {
  const int m = band.size();
  surface.reserve(m);
  parallel_for(static_cast<std::size_t>(m), threads, [&](std::size_t k) {
    const auto i = static_cast<Eigen::Index>(k);
    band.energy[i] = surface.energy_forces(static_cast<int>(k), band.x.col(i), band.force.col(i));
  });
  for (int i = 1; i < m - 1; ++i) {
    auto t = band.tangent.col(i);
    tangent_into(band, i, t);
    surface.remove_null_motion(t);
    t.normalize();
  }
  end_tangents(band);
}

double neb_force(Surface& surface, Band& band, const NebOptions& o, Eigen::Ref<Eigen::VectorXd> f, double* max_perp) {
  const int m = band.size();
  const Eigen::Index d = band.x.rows();
  if (f.size() != (m - 2) * d) throw InternalError("NEB force vector of the wrong size");
  parallel_for(static_cast<std::size_t>(m - 2), o.threads, [&](std::size_t k) {
    const auto i = static_cast<Eigen::Index>(k + 1);
    band.energy[i] = surface.energy_forces(static_cast<int>(i), band.x.col(i), band.force.col(i));
  });
  // Tangents need every energy; then each image's NEB force depends only on its neighbours.
  std::vector<double> perp(static_cast<std::size_t>(m), 0.0), length(static_cast<std::size_t>(m), 0.0);
  for (int i = 1; i < m; ++i) length[static_cast<std::size_t>(i)] = (band.x.col(i) - band.x.col(i - 1)).norm();
  parallel_for(static_cast<std::size_t>(m - 2), o.threads, [&](std::size_t k) {
    const int i = static_cast<int>(k + 1);
    auto t = band.tangent.col(i);
    tangent_into(band, i, t);
    surface.remove_null_motion(t);
    t.normalize();
    const auto fi = band.force.col(i);
    const double ft = fi.dot(t);
    auto out = f.segment((i - 1) * d, d);
    out = fi - ft * t;  // perpendicular part of the true force
    perp[static_cast<std::size_t>(i)] = max_particle_norm(out);
    if (i == band.climbing) {
      out -= ft * t;  // F - 2 (F.t) t: uphill along the path, downhill across it
    } else {
      const auto k1 = static_cast<std::size_t>(i);
      out += o.spring * (length[k1 + 1] - length[k1]) * t;
    }
    surface.remove_null_motion(out);
  });
  if (max_perp) *max_perp = *std::max_element(perp.begin(), perp.end());
  return band.energy.segment(1, m - 2).sum();
}

NebReport relax_band(Surface& surface, Band& band, const NebOptions& o) {
  const int m = band.size();
  const Eigen::Index d = band.x.rows();
  if (m < 3) throw InternalError("a band needs at least 3 images");
  if (d != surface.dimension()) throw InternalError("band and surface dimensions differ");
  surface.reserve(m);
  const long calls0 = surface.calls();
  band.energy[0] = surface.energy_forces(0, band.x.col(0), band.force.col(0));
  band.energy[m - 1] = surface.energy_forces(m - 1, band.x.col(m - 1), band.force.col(m - 1));
  band.climbing = -1;

  // The movable images 1..M-2 are contiguous columns: the optimiser works on them as one vector in place.
  Eigen::Map<Eigen::VectorXd> movable(band.x.col(1).data(), (m - 2) * d);
  double max_perp = 0;
  auto objective = [&](const Eigen::Ref<const Eigen::VectorXd>& xm, Eigen::Ref<Eigen::VectorXd> f) -> double {
    if (xm.data() != movable.data()) movable = xm;
    return neb_force(surface, band, o, f, &max_perp);
  };

  NebReport r;
  const auto r1 = run_stage(
      o, objective, movable, 0.0, [&] { return max_perp < o.perp_ftol; }, o.max_iterations);
  r.iterations = r.stage1_iterations = r1.iterations;
  r.max_perp_force = max_perp;
  r.max_neb_force = r1.max_force;
  r.stop_reason = r1.stop_reason;
  end_tangents(band);
  if (!r1.converged) {
    r.force_calls = surface.calls() - calls0;
    return r;
  }
  if (o.climb) {
    band.climbing = band.interior_maximum();
    if (band.climbing < 0) {
      r.stop_reason = "no interior maximum";
      r.force_calls = surface.calls() - calls0;
      return r;
    }
  }
  std::function<bool()> enough;
  if (o.climb_ftol > 0 && band.climbing >= 0)
    enough = [&] { return max_perp < o.perp_ftol && max_particle_norm(band.force.col(band.climbing)) < o.climb_ftol; };
  const auto r2 = run_stage(o, objective, movable, o.ftol, enough, std::max(0L, o.max_iterations - r1.iterations));
  r.iterations += r2.iterations;
  r.max_perp_force = max_perp;
  r.max_neb_force = r2.max_force;
  r.converged = r2.converged;
  r.stop_reason = r2.stop_reason;
  r.force_calls = surface.calls() - calls0;
  end_tangents(band);
  return r;
}

}  // namespace tls::neb
