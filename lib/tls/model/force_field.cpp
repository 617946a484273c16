// Pair loops of the model. Everything is written in x^2 = r^2 / sigma_ij^2 so no square root is
// taken: x^-12 = (1/x^2)^6, and (dv/dr)/r = (dv/dx)/x / sigma^2 is a polynomial in x^2 and 1/x^2.
#include "tls/model/force_field.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "tls/core/error.hpp"
#include "tls/model/potential.hpp"

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
// Pair energies and forces of a block of separations: the arithmetic of the force kernel, in a loop
// the compiler vectorises. Compiled for AVX-512, AVX2 and baseline x86-64 and chosen at run time;
// each pair's arithmetic is independent of the others, and with -ffp-contract=off
// (cmake/TlsTool.cmake) every version gives identical bits.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void pair_forces(const double* __restrict D01, const double* __restrict D2, const double* __restrict Q,
                 double* __restrict F01, double* __restrict FZ, double* __restrict EV, std::int32_t m) {
  // D01 and F01 hold (x, y) pairs, D2 and FZ the z components: the gather and the scatter then move
  // x and y with one 16-byte operation.
  for (std::int32_t k = 0; k < m; ++k) {
    const double is2 = Q[k];
    const double dx = D01[2 * k], dy = D01[2 * k + 1], dz = D2[k];
    const double x2 = (dx * dx + dy * dy + dz * dz) * is2;
    const double inside = x2 < kCut2 ? 1.0 : 0.0;
    const double i2 = 1.0 / x2;
    const double i6 = i2 * i2 * i2;
    const double i12 = i6 * i6;
    EV[k] = inside * (i12 + kC0 + x2 * (kC2 + kC4 * x2));
    // -(dv/dr)/r times d: the force on j along d = x_j - x_i (i feels the opposite).
    const double fs = inside * (12.0 * i12 * i2 - 2.0 * kC2 - 4.0 * kC4 * x2) * is2;
    F01[2 * k] = fs * dx;
    F01[2 * k + 1] = fs * dy;
    FZ[k] = fs * dz;
  }
}

// Two doubles moved and added as one (SSE2); element by element the same arithmetic as scalars.
using V2 = double __attribute__((vector_size(16)));
inline V2 load2(const double* p) {
  V2 v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
inline void store2(double* p, V2 v) { __builtin_memcpy(p, &v, sizeof v); }
}  // namespace

void ForceField::to_frame(const Eigen::Ref<const Eigen::VectorXd>& x) {
  // The build frame of the list (NeighbourList::target).
  const int n = size();
  const std::size_t m = static_cast<std::size_t>(list_.frame_size());
  frame_.resize(3 * m);
  double* __restrict Y = frame_.data();
  const double* __restrict X = x.data();
  const double* __restrict W = list_.wrap_shift().data();
  for (int k = 0; k < 3 * n; ++k) Y[k] = X[k] - W[k];
  const auto& source = list_.ghost_source();
  const double* S = list_.ghost_shift().data();
  for (std::size_t g = 0; g < source.size(); ++g) {
    const double* y = Y + 3 * static_cast<std::size_t>(source[g]);
    double* ghost = Y + 3 * (static_cast<std::size_t>(n) + g);
    ghost[0] = y[0] + S[3 * g];
    ghost[1] = y[1] + S[3 * g + 1];
    ghost[2] = y[2] + S[3 * g + 2];
  }
}

double ForceField::energy_forces(const Eigen::Ref<const Eigen::VectorXd>& x, Eigen::Ref<Eigen::VectorXd> f) {
  ++force_calls_;
  if (list_.builds() == 0 || x.size() != list_.refresh_positions().size()) ensure_list(x);
  // The list check: the largest displacements since the refresh and since the build (branch-free).
  const double* __restrict X = x.data();
  const double* __restrict R = list_.refresh_positions().data();
  const double* __restrict B = list_.build_positions().data();
  double refresh2 = 0, build2 = 0;
  for (int i = 0; i < size(); ++i) {
    const double u = X[3 * i] - R[3 * i], v = X[3 * i + 1] - R[3 * i + 1], w = X[3 * i + 2] - R[3 * i + 2];
    const double a = X[3 * i] - B[3 * i], b = X[3 * i + 1] - B[3 * i + 1], c = X[3 * i + 2] - B[3 * i + 2];
    const double dr = u * u + v * v + w * w, db = a * a + b * b + c * c;
    refresh2 = dr > refresh2 ? dr : refresh2;
    build2 = db > build2 ? db : build2;
  }
  switch (list_.need(refresh2, build2)) {
    case NeighbourList::Need::build:
      list_.build(box_, x, diameters_);  // refreshes too
      to_frame(x);
      break;
    case NeighbourList::Need::refresh:
      to_frame(x);
      list_.refresh(frame_.data(), x);
      break;
    case NeighbourList::Need::nothing: to_frame(x); break;
  }
  const int n = size();
  // The hot loop of every stage, in blocks of whole rows (about kBlock pairs): gather the separations
  // in the build frame (no image shifts to add), compute pair energies and forces in a vectorised
  // loop, scatter the forces with F_i kept in registers. Pairs beyond the cut (a quarter of the list)
  // are computed and multiplied by zero rather than branched over; ghosts (periodic images) collect
  // forces that are folded back onto their particles at the end (docs/performance.md).
  constexpr std::int32_t kBlock = 256;
  const std::size_t m_frame = static_cast<std::size_t>(list_.frame_size());
  const std::size_t cap = static_cast<std::size_t>(std::max<std::int32_t>(kBlock, list_.longest_row()) + kBlock);
  scratch_.resize(7 * cap);
  frame_forces_.assign(3 * m_frame, 0.0);
  double* __restrict D01 = scratch_.data();   // 2 per pair
  double* __restrict D2 = D01 + 2 * cap;
  double* __restrict F01 = D2 + cap;          // 2 per pair
  double* __restrict FZ = F01 + 2 * cap;
  double* __restrict EV = FZ + cap;
  const double* __restrict Y = frame_.data();
  double* __restrict FE = frame_forces_.data();
  const std::int32_t* __restrict rows = list_.row_particle().data();
  const std::int32_t* __restrict start = list_.row_start().data();
  const std::int32_t* __restrict target = list_.target().data();
  const double* __restrict Q = list_.inv_sigma2().data();
  const auto nrows = static_cast<std::int32_t>(list_.row_particle().size());
  double e4[4] = {0, 0, 0, 0};  // energy in four fixed lanes: no long chain of dependent additions
  for (std::int32_t r0 = 0; r0 < nrows;) {
    std::int32_t r1 = r0;
    while (r1 < nrows && start[r1] - start[r0] < kBlock) ++r1;
    const std::int32_t k0 = start[r0], m = start[r1] - k0;
    const std::int32_t* __restrict t = target + k0;
    for (std::int32_t r = r0; r < r1; ++r) {
      const double* yi = Y + 3 * rows[r];
      const V2 xi01 = load2(yi);
      const double xi2 = yi[2];
      for (std::int32_t k = start[r] - k0, end = start[r + 1] - k0; k < end; ++k) {
        const double* yj = Y + 3 * t[k];
        store2(D01 + 2 * k, load2(yj) - xi01);
        D2[k] = yj[2] - xi2;
      }
    }
    pair_forces(D01, D2, Q + k0, F01, FZ, EV, m);
    std::int32_t k = 0;
    for (; k + 3 < m; k += 4) {
      e4[0] += EV[k];
      e4[1] += EV[k + 1];
      e4[2] += EV[k + 2];
      e4[3] += EV[k + 3];
    }
    for (; k < m; ++k) e4[0] += EV[k];
    for (std::int32_t r = r0; r < r1; ++r) {
      V2 fi01 = {0, 0};
      double fi2 = 0;
      for (std::int32_t q = start[r] - k0, end = start[r + 1] - k0; q < end; ++q) {
        double* fj = FE + 3 * t[q];
        const V2 f01 = load2(F01 + 2 * q);
        const double c = FZ[q];
        store2(fj, load2(fj) + f01);
        fj[2] += c;
        fi01 -= f01;
        fi2 -= c;
      }
      double* fi = FE + 3 * rows[r];
      store2(fi, load2(fi) + fi01);
      fi[2] += fi2;
    }
    r0 = r1;
  }
  const auto& source = list_.ghost_source();
  for (std::size_t g = 0; g < source.size(); ++g) {
    double* to = FE + 3 * static_cast<std::size_t>(source[g]);
    const double* from = FE + 3 * (static_cast<std::size_t>(n) + g);
    to[0] += from[0], to[1] += from[1], to[2] += from[2];
  }
  std::copy(FE, FE + 3 * n, f.data());
  return (e4[0] + e4[1]) + (e4[2] + e4[3]);
}

namespace {
// 3x3 block K = a d d^T + b I of the pair Hessian with respect to the separation d.
struct PairBlock {
  double a, b;
  PairBlock(double x2, double inv_s2) {
    const double i2 = 1.0 / x2;
    const double i6 = i2 * i2 * i2;
    const double i14 = i6 * i6 * i2;
    b = (-12.0 * i14 + 2.0 * kC2 + 4.0 * kC4 * x2) * inv_s2;          // (dv/dr)/r
    a = (168.0 * i14 * i2 + 8.0 * kC4) * inv_s2 * inv_s2;             // (v'' - v'/r)/r^2
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
