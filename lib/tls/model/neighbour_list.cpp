// Neighbour list construction: cell list for large boxes, image enumeration for small ones.
#include "tls/model/neighbour_list.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "tls/core/error.hpp"
#include "tls/model/potential.hpp"

namespace tls {

NeighbourList::NeighbourList(double skin, double diameter_slack) : skin_(skin), slack_(diameter_slack) {
  if (!(skin > 0)) throw UsageError("neighbour-list skin must be positive");
  if (!(diameter_slack >= 0)) throw UsageError("diameter slack must be non-negative");
}

std::int32_t NeighbourList::image_index(int nx, int ny, int nz, double length) {
  // Unwrapped coordinates of diffusing particles can be many boxes apart, so shifts are looked up
  // by a packed 21-bit-per-axis key rather than assumed to lie in {-1, 0, 1}^3.
  auto pack = [](int v) { return static_cast<std::uint64_t>(v + (1 << 20)) & 0x1fffffu; };
  const std::uint64_t key = pack(nx) | pack(ny) << 21 | pack(nz) << 42;
  auto [it, inserted] = image_keys_.try_emplace(key, static_cast<std::int32_t>(images_.size()));
  if (inserted) images_.push_back({nx * length, ny * length, nz * length});
  return it->second;
}

void NeighbourList::begin_row(int i) { row_particle_.push_back(i); }

void NeighbourList::end_row() {
  // Rows without entries are dropped: they cost a loop iteration and contribute nothing.
  const auto len = static_cast<std::int32_t>(entries_.size()) - row_start_.back();
  longest_row_ = std::max(longest_row_, len);
  if (len == 0)
    row_particle_.pop_back();
  else
    row_start_.push_back(static_cast<std::int32_t>(entries_.size()));
}

void NeighbourList::build(const Box& box, const Eigen::Ref<const Eigen::VectorXd>& x,
                          const Eigen::Ref<const Eigen::VectorXd>& diameters) {
  const int n = static_cast<int>(diameters.size());
  const double L = box.length;
  row_particle_.clear();
  row_start_.assign(1, 0);
  longest_row_ = 0;
  entries_.clear();
  images_.clear();
  image_keys_.clear();
  ++builds_;
  x_build_ = x;

  // Wrapped positions and the integer wrap of each particle: x = xw + w L.
  std::vector<double> xw(3 * static_cast<std::size_t>(n));
  std::vector<int> w(3 * static_cast<std::size_t>(n));
  for (int k = 0; k < 3 * n; ++k) {
    const double f = std::floor((x[k] - box.lo[k % 3]) / L);
    w[static_cast<std::size_t>(k)] = static_cast<int>(f);
    xw[static_cast<std::size_t>(k)] = x[k] - box.lo[k % 3] - f * L;
  }
  const double dmax = diameters.maxCoeff() + slack_;
  const double rmax = potential::kCut * dmax + skin_;

  auto cutoff2 = [&](int i, int j, double& inv_s2) {
    const double s = potential::sigma_ij(diameters[i], diameters[j]);
    inv_s2 = 1.0 / (s * s);
    const double rl = potential::kCut * potential::sigma_ij(diameters[i] + slack_, diameters[j] + slack_) + skin_;
    return rl * rl;
  };
  auto overlap = [&](int i, int j) {
    throw DataError("particles " + std::to_string(i + 1) + " and " + std::to_string(j + 1) +
                    " overlap (distance 0): the energy is infinite");
  };

  const int nc = static_cast<int>(std::floor(L / rmax));
  if (nc >= 3) {
    // Cell list: every pair closer than rmax lies in adjacent cells (27 distinct ones when nc >= 3).
    const double cell = L / nc;
    std::vector<int> head(static_cast<std::size_t>(nc) * nc * nc, -1), next(static_cast<std::size_t>(n), -1);
    std::vector<int> cell_of(static_cast<std::size_t>(n));
    auto cidx = [nc](int a, int b, int c) { return (a * nc + b) * nc + c; };
    for (int i = n - 1; i >= 0; --i) {
      int c[3];
      for (int k = 0; k < 3; ++k) c[k] = std::min(nc - 1, static_cast<int>(xw[3 * i + k] / cell));
      const int id = cidx(c[0], c[1], c[2]);
      cell_of[static_cast<std::size_t>(i)] = id;
      next[static_cast<std::size_t>(i)] = head[static_cast<std::size_t>(id)];
      head[static_cast<std::size_t>(id)] = i;
    }
    // Visit particles cell by cell, so consecutive rows touch the same few cells' particles.
    for (int id = 0; id < nc * nc * nc; ++id)
    for (int i = head[static_cast<std::size_t>(id)]; i >= 0; i = next[static_cast<std::size_t>(i)]) {
      begin_row(i);
      const int ci[3] = {id / (nc * nc), (id / nc) % nc, id % nc};
      for (int da = -1; da <= 1; ++da)
        for (int db = -1; db <= 1; ++db)
          for (int dc = -1; dc <= 1; ++dc) {
            const int a = (ci[0] + da + nc) % nc, b = (ci[1] + db + nc) % nc, c = (ci[2] + dc + nc) % nc;
            for (int j = head[static_cast<std::size_t>(cidx(a, b, c))]; j >= 0; j = next[static_cast<std::size_t>(j)]) {
              // Each unordered pair once: from the lower-numbered cell, or within a cell by index.
              const int cj = cell_of[static_cast<std::size_t>(j)];
              if (cj < id || (cj == id && j <= i)) continue;
              double d[3];
              int m[3];
              double r2 = 0;
              for (int k = 0; k < 3; ++k) {
                const double dk = xw[3 * j + k] - xw[3 * i + k];
                m[k] = -static_cast<int>(std::nearbyint(dk / L));
                d[k] = dk + m[k] * L;
                r2 += d[k] * d[k];
              }
              double inv_s2;
              if (r2 >= cutoff2(i, j, inv_s2)) continue;
              if (r2 == 0.0) overlap(i, j);
              // Shift on unwrapped coordinates: d = x_j - x_i + (m - w_j + w_i) L.
              entries_.push_back({j, image_index(m[0] - w[3 * j] + w[3 * i], m[1] - w[3 * j + 1] + w[3 * i + 1],
                                                 m[2] - w[3 * j + 2] + w[3 * i + 2], L), inv_s2});
            }
          }
      end_row();
    }
  } else {
    // Small box: enumerate images explicitly; a particle may even meet its own images.
    const int kmax = static_cast<int>(std::ceil(rmax / L));
    for (int i = 0; i < n; ++i) {
      begin_row(i);
      for (int j = i; j < n; ++j) {
        double inv_s2;
        const double rl2 = cutoff2(i, j, inv_s2);
        for (int a = -kmax; a <= kmax; ++a)
          for (int b = -kmax; b <= kmax; ++b)
            for (int c = -kmax; c <= kmax; ++c) {
              // For i == j keep one of each pair of opposite images, and skip the particle itself.
              if (i == j && (a < 0 || (a == 0 && (b < 0 || (b == 0 && c <= 0))))) continue;
              const int m[3] = {a, b, c};
              double r2 = 0;
              for (int k = 0; k < 3; ++k) {
                const double dk = xw[3 * j + k] - xw[3 * i + k] + m[k] * L;
                r2 += dk * dk;
              }
              if (r2 >= rl2) continue;
              if (r2 == 0.0) overlap(i, j);
              entries_.push_back({j, image_index(a - w[3 * j] + w[3 * i], b - w[3 * j + 1] + w[3 * i + 1],
                                                 c - w[3 * j + 2] + w[3 * i + 2], L), inv_s2});
            }
      }
      end_row();
    }
  }
}

bool NeighbourList::needs_rebuild(const Eigen::Ref<const Eigen::VectorXd>& x) const {
  if (builds_ == 0 || x.size() != x_build_.size()) return true;
  const double limit2 = 0.25 * skin_ * skin_;
  const auto n = x.size() / 3;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double dx = x[3 * i] - x_build_[3 * i];
    const double dy = x[3 * i + 1] - x_build_[3 * i + 1];
    const double dz = x[3 * i + 2] - x_build_[3 * i + 2];
    if (dx * dx + dy * dy + dz * dz > limit2) return true;
  }
  return false;
}

}  // namespace tls
