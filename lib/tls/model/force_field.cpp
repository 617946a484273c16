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

ForceField::ForceField(const Box& box, const Eigen::VectorXd& diameters, double skin)
    : box_(box), diameters_(diameters), list_(skin) {
  if (!(box.length > 0)) throw DataError("box side must be positive");
}

void ForceField::set_diameters(const Eigen::VectorXd& diameters) {
  diameters_ = diameters;
  list_ = NeighbourList(list_.skin());
}

void ForceField::ensure_list(const Eigen::Ref<const Eigen::VectorXd>& x) {
  if (x.size() != 3 * diameters_.size())
    throw InternalError("position vector has " + std::to_string(x.size()) + " entries for " +
                        std::to_string(diameters_.size()) + " particles");
  if (list_.needs_rebuild(x)) list_.build(box_, x, diameters_);
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
// Pair energies and force factors of a block of separations: the arithmetic of the force kernel,
// in a loop the compiler vectorises. Compiled for AVX-512, AVX2 and baseline x86-64 and chosen at
// run time; with -ffp-contract=off (cmake/TlsTool.cmake) every version gives identical bits.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void pair_factors(const double* __restrict D0, const double* __restrict D1, const double* __restrict D2,
                  const double* __restrict Q, double* __restrict EV, double* __restrict FS, std::int32_t m) {
  for (std::int32_t k = 0; k < m; ++k) {
    const double is2 = Q[k];
    const double x2 = (D0[k] * D0[k] + D1[k] * D1[k] + D2[k] * D2[k]) * is2;
    const double inside = x2 < kCut2 ? 1.0 : 0.0;
    const double i2 = 1.0 / x2;
    const double i6 = i2 * i2 * i2;
    const double i12 = i6 * i6;
    EV[k] = inside * (i12 + kC0 + x2 * (kC2 + kC4 * x2));
    // -(dv/dr)/r: force on j along d = x_j - x_i.
    FS[k] = inside * (12.0 * i12 * i2 - 2.0 * kC2 - 4.0 * kC4 * x2) * is2;
  }
}
}  // namespace

double ForceField::energy_forces(const Eigen::Ref<const Eigen::VectorXd>& x, Eigen::Ref<Eigen::VectorXd> f) {
  ++force_calls_;
  ensure_list(x);
  f.setZero();
  const double* X = x.data();
  double* F = f.data();
  const auto& images = list_.images();
  double e = 0.0;
  // The hot loop of every stage. Branch-free: about a quarter of the listed pairs lie beyond the
  // cut in an unpredictable pattern, so they are computed and multiplied by zero instead of
  // skipped (docs/performance.md has the before/after figures).
  const auto& rows = list_.row_particle();
  const auto& start = list_.row_start();
  const auto* entries = list_.entries().data();
  // Blocks of whole rows, about kBlock pairs each, in three phases: gather the separations, compute
  // the pair factors in a loop the compiler vectorises, then scatter with F_i kept in registers.
  constexpr std::int32_t kBlock = 256;
  const std::size_t cap = static_cast<std::size_t>(std::max<std::int32_t>(kBlock, list_.longest_row()) + kBlock);
  scratch_.resize(6 * cap);
  double* D0 = scratch_.data();
  double* D1 = D0 + cap;
  double* D2 = D1 + cap;
  double* Q = D2 + cap;
  double* EV = Q + cap;
  double* FS = EV + cap;
  std::size_t r0 = 0;
  while (r0 < rows.size()) {
    std::size_t r1 = r0;
    while (r1 < rows.size() && start[r1] - start[r0] < kBlock) ++r1;
    const std::int32_t k0 = start[r0], m = start[r1] - k0;
    for (std::size_t r = r0; r < r1; ++r) {
      const int i = rows[r];
      const double xi0 = X[3 * i], xi1 = X[3 * i + 1], xi2 = X[3 * i + 2];
      for (auto k = start[r]; k < start[r + 1]; ++k) {
        const auto& p = entries[k];
        const double* sh = images[static_cast<std::size_t>(p.image)].data();
        const double* xj = X + 3 * p.j;
        D0[k - k0] = xj[0] - xi0 + sh[0];
        D1[k - k0] = xj[1] - xi1 + sh[1];
        D2[k - k0] = xj[2] - xi2 + sh[2];
        Q[k - k0] = p.inv_sigma2;
      }
    }
    pair_factors(D0, D1, D2, Q, EV, FS, m);
    for (std::size_t r = r0; r < r1; ++r) {
      const int i = rows[r];
      double fi0 = 0, fi1 = 0, fi2 = 0, ei = 0;
      for (auto k = start[r]; k < start[r + 1]; ++k) {
        const auto q = k - k0;
        const double fs = FS[q];
        double* fj = F + 3 * entries[k].j;
        const double a = fs * D0[q], b = fs * D1[q], c = fs * D2[q];
        fj[0] += a, fj[1] += b, fj[2] += c;
        fi0 -= a, fi1 -= b, fi2 -= c;
        ei += EV[q];
      }
      F[3 * i] += fi0, F[3 * i + 1] += fi1, F[3 * i + 2] += fi2;
      e += ei;
    }
    r0 = r1;
  }
  return e;
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
