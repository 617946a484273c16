// Pair loops of the model. Everything is written in x^2 = r^2 / sigma_ij^2 so no square root is
// taken: x^-12 = (1/x^2)^6, and (dv/dr)/r = (dv/dx)/x / sigma^2 is a polynomial in x^2 and 1/x^2.
#include "tls/model/force_field.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "tls/core/error.hpp"
#include "tls/model/potential.hpp"
#include "tls/model/simd.hpp"

namespace tls {

using namespace potential;

ForceField::ForceField(const Box& box, const Eigen::VectorXd& diameters, double skin, double outer_skin)
    : box_(box), diameters_(diameters), list_(skin, 0.0, outer_skin) {
  if (!(box.length > 0)) throw DataError("box side must be positive");
}

void ForceField::set_diameters(const Eigen::VectorXd& diameters) {
  diameters_ = diameters;
  list_ = NeighbourList(list_.skin(), 0.0, list_.outer_skin());
}

void ForceField::ensure_list(const Eigen::Ref<const Eigen::VectorXd>& x) {
  if (x.size() != 3 * diameters_.size())
    throw InternalError("position vector has " + std::to_string(x.size()) + " entries for " +
                        std::to_string(diameters_.size()) + " particles");
  list_.update(box_, x, diameters_);
}

template <class Visit>
void ForceField::for_each_interacting_pair(const Eigen::Ref<const Eigen::VectorXd>& x, Visit&& visit) {
  ensure_list(x);
  const double* X = x.data();
  const auto& images = list_.images();
  list_.for_each_pair([&](int i, int j, const NeighbourList::Entry& p) {
    const double* s = images[static_cast<std::size_t>(p.image)].data();
    const double d[3] = {X[3 * j] - X[3 * i] + s[0], X[3 * j + 1] - X[3 * i + 1] + s[1],
                         X[3 * j + 2] - X[3 * i + 2] + s[2]};
    const double x2 = (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]) * p.inv_sigma2;
    if (x2 < kCut2) visit(i, j, p, d, x2);
  });
}

double ForceField::energy(const Eigen::Ref<const Eigen::VectorXd>& x) {
  ++force_calls_;
  double e = 0.0;
  for_each_interacting_pair(x, [&](int, int, const NeighbourList::Entry&, const double*, double x2) {
    const double i2 = 1.0 / x2;
    const double i6 = i2 * i2 * i2;
    e += i6 * i6 + kC0 + x2 * (kC2 + kC4 * x2);
  });
  return e;
}

namespace {
using namespace simd;
constexpr int S = NeighbourList::kFrameStride;
static_assert(S == 4, "the kernel moves a slot as one V4");
// Pairs per block of the force kernel (whole rows: a block ends past kBlock). The MD step measured
// flat from 256 to 2048 at N = 1500; the energy's lane order (and last bits) depends on it, so it
// stays at the earlier kernel's 256.
constexpr std::int32_t kBlock = 256;

// Energy and frame forces FE of all listed pairs, in blocks of whole rows (about kBlock pairs):
// (1) gather the separations d = Y_target - Y_i of a block (one V4 each); (2) eight pairs at a
// time, r^2 by transposing the squared separations, then the pair energies EV and the force
// factors fs = -(dv/dr)/r; (3) sum EV, and scatter fs d onto the targets with F_i kept in a
// register along its row. Forces and energy have the bits of the earlier scalar kernel.
// Pairs beyond the cut (a sixth of the list) are computed and multiplied by zero rather than
// branched over. Compiled for AVX-512, AVX2 and baseline x86-64 and chosen at run time; every
// operation is element-wise IEEE arithmetic in a fixed order, so with -ffp-contract=off
// (cmake/TlsTool.cmake) every version gives identical bits. D holds 4 cap doubles, FS and EV cap
// each, cap >= kBlock + the longest row + 8.
template <bool kEnergy>
[[gnu::always_inline]] inline double pair_kernel_body(const double* __restrict Y, double* __restrict FE,
                                                      const std::int32_t* __restrict rows,
                                                      const std::int32_t* __restrict start,
                                                      const std::int32_t* __restrict target, const double* __restrict Q,
                                                      std::int32_t nrows, double* __restrict D, double* __restrict FS,
                                                      double* __restrict EV) {
  const V8 cut2 = V8{} + kCut2, one = V8{} + 1.0, zero = V8{};
  // Energy in four fixed lanes, lane j summing the pair energies k = j mod 4 of each block in order
  // and the last m mod 4 of a block going to lane 0: the order (and bits) of earlier versions.
  V4 e4 = {0, 0, 0, 0};
  for (std::int32_t r0 = 0; r0 < nrows;) {
    std::int32_t r1 = r0;
    while (r1 < nrows && start[r1] - start[r0] < kBlock) ++r1;
    const std::int32_t k0 = start[r0], m = start[r1] - k0;
    const std::int32_t* __restrict t = target + k0;
    const double* __restrict q = Q + k0;
    for (std::int32_t r = r0; r < r1; ++r) {
      const V4 yi = load4(Y + S * rows[r]);
      for (std::int32_t k = start[r] - k0, end = start[r + 1] - k0; k < end; ++k)
        store4(D + S * k, load4(Y + t[k]) - yi);
    }
    // Pad the last group of eight with separations far beyond any cut-off.
    const std::int32_t m8 = (m + 7) & ~7, m4 = m & ~3;
    for (std::int32_t k = m; k < m8; ++k) store4(D + S * k, V4{1e3, 0, 0, 0});
    for (std::int32_t k = 0; k < m8; k += 8) {
      V8 q8;
      if (k + 8 <= m) {
        q8 = load8(q + k);
      } else {
        double tail[8] = {1, 1, 1, 1, 1, 1, 1, 1};
        for (std::int32_t l = 0; k + l < m; ++l) tail[l] = q[k + l];
        q8 = load8(tail);
      }
      const V8 r2 = squared_norms(load8(D + S * k), load8(D + S * k + 8), load8(D + S * k + 16), load8(D + S * k + 24));
      const V8 x2 = r2 * q8;
      const V8 inside = x2 < cut2 ? one : zero;
      const V8 i2 = one / x2;
      const V8 i6 = i2 * i2 * i2;
      const V8 i12 = i6 * i6;
      if constexpr (kEnergy) {
        const V8 ev = inside * (i12 + kC0 + x2 * (kC2 + kC4 * x2));
        store8(EV + k, ev);
        if (k + 4 <= m4) e4 += __builtin_shufflevector(ev, ev, 0, 1, 2, 3);
        if (k + 8 <= m4) e4 += __builtin_shufflevector(ev, ev, 4, 5, 6, 7);
      }
      // -(dv/dr)/r: the force on the target along d (the row particle feels the opposite).
      store8(FS + k, inside * (12.0 * i12 * i2 - 2.0 * kC2 - 4.0 * kC4 * x2) * q8);
    }
    if constexpr (kEnergy)
      for (std::int32_t k = m4; k < m; ++k) e4[0] += EV[k];
    for (std::int32_t r = r0; r < r1; ++r) {
      V4 fi = {0, 0, 0, 0};
      for (std::int32_t k = start[r] - k0, end = start[r + 1] - k0; k < end; ++k) {
        const V4 f = FS[k] * load4(D + S * k);
        double* fj = FE + t[k];
        store4(fj, load4(fj) + f);
        fi -= f;
      }
      double* fr = FE + S * rows[r];
      store4(fr, load4(fr) + fi);
    }
    r0 = r1;
  }
  return (e4[0] + e4[1]) + (e4[2] + e4[3]);
}

// The kernel with the energy (returned) and without it (MD steps need forces only; returns 0).
TLS_SIMD_CLONES
double pair_kernel(const double* __restrict Y, double* __restrict FE, const std::int32_t* __restrict rows,
                   const std::int32_t* __restrict start, const std::int32_t* __restrict target,
                   const double* __restrict Q, std::int32_t nrows, double* __restrict D, double* __restrict FS,
                   double* __restrict EV) {
  return pair_kernel_body<true>(Y, FE, rows, start, target, Q, nrows, D, FS, EV);
}
TLS_SIMD_CLONES
double pair_kernel_forces(const double* __restrict Y, double* __restrict FE, const std::int32_t* __restrict rows,
                          const std::int32_t* __restrict start, const std::int32_t* __restrict target,
                          const double* __restrict Q, std::int32_t nrows, double* __restrict D, double* __restrict FS) {
  return pair_kernel_body<false>(Y, FE, rows, start, target, Q, nrows, D, FS, nullptr);
}

// Folds the ghosts' forces onto their particles and copies the frame forces to f (3 per particle).
TLS_SIMD_CLONES
void fold_forces(double* __restrict FE, double* __restrict F, int n, const std::int32_t* __restrict source,
                 std::size_t ghosts) {
  for (std::size_t g = 0; g < ghosts; ++g) {
    double* to = FE + S * static_cast<std::size_t>(source[g]);
    store4(to, load4(to) + load4(FE + S * (static_cast<std::size_t>(n) + g)));
  }
  for (int i = 0; i < n; ++i) {
    F[3 * i] = FE[S * i];
    F[3 * i + 1] = FE[S * i + 1];
    F[3 * i + 2] = FE[S * i + 2];
  }
}
}  // namespace

void ForceField::to_frame(const Eigen::Ref<const Eigen::VectorXd>& x, double* moved) {
  frame_.resize(S * static_cast<std::size_t>(list_.frame_size()));
  list_.fill_frame(frame_.data(), x.data(), moved);
}

void ForceField::refresh_list(const Eigen::Ref<const Eigen::VectorXd>& x) {
  // The refresh reads the outer list's frame (every ghost), then the working frame is refilled
  // with the ghosts the new working list needs.
  outer_frame_.resize(S * static_cast<std::size_t>(list_.outer_frame_size()));
  list_.fill_outer_frame(outer_frame_.data(), x.data());
  list_.refresh(outer_frame_.data(), x);
  to_frame(x, nullptr);
}

double ForceField::evaluate(const Eigen::Ref<const Eigen::VectorXd>& x, Eigen::Ref<Eigen::VectorXd> f,
                            bool with_energy) {
  ++force_calls_;
  if (list_.builds() == 0 || x.size() != list_.refresh_positions().size()) ensure_list(x);
  // The frame at x and, in the same pass, the list check: the largest displacements since the
  // refresh and since the build, measured in the build frame.
  double moved[2] = {0, 0};
  to_frame(x, moved);
  switch (list_.need(moved[0], moved[1])) {
    case NeighbourList::Need::build:
      list_.build(box_, x, diameters_);  // refreshes too
      to_frame(x, nullptr);
      break;
    case NeighbourList::Need::refresh:
      refresh_list(x);
      break;
    case NeighbourList::Need::nothing:
      break;
  }
  const int n = size();
  const std::size_t cap =
      (static_cast<std::size_t>(list_.longest_row() + kBlock) + 8 + 7) & ~std::size_t{7};  // 64-byte multiples
  scratch_.resize(6 * cap);
  frame_forces_.assign(S * static_cast<std::size_t>(list_.frame_size()), 0.0);
  double* __restrict FE = frame_forces_.data();
  const auto nrows = static_cast<std::int32_t>(list_.row_particle().size());
  const double e = with_energy
                       ? pair_kernel(frame_.data(), FE, list_.row_particle().data(), list_.row_start().data(),
                                     list_.target().data(), list_.inv_sigma2().data(), nrows, scratch_.data(),
                                     scratch_.data() + 4 * cap, scratch_.data() + 5 * cap)
                       : pair_kernel_forces(frame_.data(), FE, list_.row_particle().data(), list_.row_start().data(),
                                            list_.target().data(), list_.inv_sigma2().data(), nrows, scratch_.data(),
                                            scratch_.data() + 4 * cap);
  // Ghosts collect forces that are folded back onto their particles.
  fold_forces(FE, f.data(), n, list_.working_ghost_source().data(), list_.working_ghost_source().size());
  return e;
}

double ForceField::energy_forces(const Eigen::Ref<const Eigen::VectorXd>& x, Eigen::Ref<Eigen::VectorXd> f) {
  return evaluate(x, f, true);
}

void ForceField::forces(const Eigen::Ref<const Eigen::VectorXd>& x, Eigen::Ref<Eigen::VectorXd> f) {
  evaluate(x, f, false);
}

namespace {
// 3x3 block K = a d d^T + b I of the pair Hessian with respect to the separation d.
struct PairBlock {
  double a, b;
  PairBlock(double x2, double inv_s2) {
    const double i2 = 1.0 / x2;
    const double i6 = i2 * i2 * i2;
    const double i14 = i6 * i6 * i2;
    b = (-12.0 * i14 + 2.0 * kC2 + 4.0 * kC4 * x2) * inv_s2;  // (dv/dr)/r
    a = (168.0 * i14 * i2 + 8.0 * kC4) * inv_s2 * inv_s2;     // (v'' - v'/r)/r^2
  }
  double operator()(const double* d, int r, int c) const { return a * d[r] * d[c] + (r == c ? b : 0.0); }
};
}  // namespace

Eigen::MatrixXd ForceField::hessian_dense(const Eigen::Ref<const Eigen::VectorXd>& x) {
  const auto n3 = x.size();
  Eigen::MatrixXd h = Eigen::MatrixXd::Zero(n3, n3);
  for_each_interacting_pair(x, [&](int pi, int pj, const NeighbourList::Entry& p, const double* d, double x2) {
    const PairBlock k(x2, p.inv_sigma2);
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 3; ++c) {
        const double v = k(d, r, c);
        h(3 * pi + r, 3 * pi + c) += v;
        h(3 * pj + r, 3 * pj + c) += v;
        h(3 * pi + r, 3 * pj + c) -= v;
        h(3 * pj + r, 3 * pi + c) -= v;
      }
  });
  return h;
}

Eigen::SparseMatrix<double> ForceField::hessian_sparse(const Eigen::Ref<const Eigen::VectorXd>& x) {
  std::vector<Eigen::Triplet<double>> t;
  t.reserve(list_.size() * 36 + 9 * static_cast<std::size_t>(diameters_.size()));
  for_each_interacting_pair(x, [&](int pi, int pj, const NeighbourList::Entry& p, const double* d, double x2) {
    const PairBlock k(x2, p.inv_sigma2);
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 3; ++c) {
        const double v = k(d, r, c);
        t.emplace_back(3 * pi + r, 3 * pi + c, v);
        t.emplace_back(3 * pj + r, 3 * pj + c, v);
        t.emplace_back(3 * pi + r, 3 * pj + c, -v);
        t.emplace_back(3 * pj + r, 3 * pi + c, -v);
      }
  });
  Eigen::SparseMatrix<double> h(x.size(), x.size());
  h.setFromTriplets(t.begin(), t.end());
  return h;
}

void ForceField::hessian_product(const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::Ref<const Eigen::VectorXd>& v,
                                 Eigen::Ref<Eigen::VectorXd> out) {
  out.setZero();
  for_each_interacting_pair(x, [&](int pi, int pj, const NeighbourList::Entry& p, const double* d, double x2) {
    const PairBlock k(x2, p.inv_sigma2);
    double dv[3];
    for (int c = 0; c < 3; ++c) dv[c] = v[3 * pi + c] - v[3 * pj + c];
    const double proj = k.a * (d[0] * dv[0] + d[1] * dv[1] + d[2] * dv[2]);
    for (int r = 0; r < 3; ++r) {
      const double kv = proj * d[r] + k.b * dv[r];
      out[3 * pi + r] += kv;
      out[3 * pj + r] -= kv;
    }
  });
}

long ForceField::interacting_pairs(const Eigen::Ref<const Eigen::VectorXd>& x) {
  long count = 0;
  for_each_interacting_pair(x, [&](int, int, const NeighbourList::Entry&, const double*, double) { ++count; });
  return count;
}

double max_particle_norm(const Eigen::Ref<const Eigen::VectorXd>& f) {
  double worst = 0.0;
  for (Eigen::Index i = 0; i + 2 < f.size(); i += 3)
    worst = std::max(worst, f[i] * f[i] + f[i + 1] * f[i + 1] + f[i + 2] * f[i + 2]);
  return std::sqrt(worst);
}

}  // namespace tls
