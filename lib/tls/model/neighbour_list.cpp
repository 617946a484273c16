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
  // Shifts of unwrapped coordinates are almost always within a few boxes: look those up in a dense
  // table, and only diffused particles many boxes away in a hash map.
  constexpr int K = kDenseImageRange;
  if (std::abs(nx) <= K && std::abs(ny) <= K && std::abs(nz) <= K) {
    auto& slot = dense_images_[static_cast<std::size_t>(((nx + K) * (2 * K + 1) + (ny + K)) * (2 * K + 1) + (nz + K))];
    if (slot < 0) {
      slot = static_cast<std::int32_t>(images_.size());
      images_.push_back({nx * length, ny * length, nz * length});
    }
    return slot;
  }
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
  dense_images_.assign(static_cast<std::size_t>((2 * kDenseImageRange + 1) * (2 * kDenseImageRange + 1) * (2 * kDenseImageRange + 1)), -1);
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

  // Cells of side >= rmax / h, searched over a (2h+1)^3 stencil: h = 2 (half-size cells, 2.5 times
  // fewer candidates than h = 1) when the box holds at least 5 cells per side, else h = 1, else the
  // box is too small for cells and images are enumerated.
  int h = 2;
  int nc = static_cast<int>(std::floor(L * h / rmax));
  if (nc < 2 * h + 1) {
    h = 1;
    nc = static_cast<int>(std::floor(L / rmax));
  }
  if (nc >= 2 * h + 1) {
    // Particles are sorted by cell into contiguous arrays; a neighbour cell reached across the box
    // edge carries its periodic shift, so no minimum-image rounding is needed here either.
    const double cell = L / nc;
    const int ncell = nc * nc * nc;
    std::vector<int> cell_of(static_cast<std::size_t>(n)), start(static_cast<std::size_t>(ncell) + 1, 0);
    for (int i = 0; i < n; ++i) {
      int c[3];
      for (int k = 0; k < 3; ++k) c[k] = std::min(nc - 1, static_cast<int>(xw[3 * i + k] / cell));
      cell_of[static_cast<std::size_t>(i)] = (c[0] * nc + c[1]) * nc + c[2];
      ++start[static_cast<std::size_t>(cell_of[static_cast<std::size_t>(i)]) + 1];
    }
    for (int c = 0; c < ncell; ++c) start[static_cast<std::size_t>(c) + 1] += start[static_cast<std::size_t>(c)];
    std::vector<int> sorted(static_cast<std::size_t>(n));
    std::vector<double> sx(static_cast<std::size_t>(n)), sy(static_cast<std::size_t>(n)), sz(static_cast<std::size_t>(n)),
        sd(static_cast<std::size_t>(n));
    {
      std::vector<int> fill(start.begin(), start.end() - 1);
      for (int i = 0; i < n; ++i) {
        const auto slot = static_cast<std::size_t>(fill[static_cast<std::size_t>(cell_of[static_cast<std::size_t>(i)])]++);
        sorted[slot] = i;
        sx[slot] = xw[3 * i];
        sy[slot] = xw[3 * i + 1];
        sz[slot] = xw[3 * i + 2];
        sd[slot] = diameters[i] + slack_;
      }
    }
    // Stencil offsets, and the half of them from which each unordered pair of cells is taken.
    struct Offset {
      int a, b, c;
    };
    std::vector<Offset> stencil;
    for (int a = -h; a <= h; ++a)
      for (int b = -h; b <= h; ++b)
        for (int c = -h; c <= h; ++c) stencil.push_back({a, b, c});
    // Wrapped cell coordinate and periodic shift of u in [-h, nc + h), by table (no divisions).
    std::vector<int> wrap_of(static_cast<std::size_t>(nc + 2 * h)), shift_of(static_cast<std::size_t>(nc + 2 * h));
    for (int u = -h; u < nc + h; ++u) {
      wrap_of[static_cast<std::size_t>(u + h)] = (u + nc) % nc;
      shift_of[static_cast<std::size_t>(u + h)] = u < 0 ? -1 : (u >= nc ? 1 : 0);
    }
    const double rmax2 = rmax * rmax;
    struct Neighbour {
      int cell;
      int m[3];
    };
    std::vector<Neighbour> near;
    for (int id = 0; id < ncell; ++id) {
      // The stencil of this cell, once: neighbour cells numbered >= id (each unordered pair of
      // cells once) with their periodic shifts.
      const int ci[3] = {id / (nc * nc), (id / nc) % nc, id % nc};
      near.clear();
      for (const Offset& o : stencil) {
        const auto ua = static_cast<std::size_t>(ci[0] + o.a + h), ub = static_cast<std::size_t>(ci[1] + o.b + h),
                   uc = static_cast<std::size_t>(ci[2] + o.c + h);
        const int cj = (wrap_of[ua] * nc + wrap_of[ub]) * nc + wrap_of[uc];
        if (cj >= id) near.push_back({cj, {shift_of[ua], shift_of[ub], shift_of[uc]}});
      }
      for (int si = start[static_cast<std::size_t>(id)]; si < start[static_cast<std::size_t>(id) + 1]; ++si) {
        const int i = sorted[static_cast<std::size_t>(si)];
        const double xi = sx[static_cast<std::size_t>(si)], yi = sy[static_cast<std::size_t>(si)],
                     zi = sz[static_cast<std::size_t>(si)], di = sd[static_cast<std::size_t>(si)];
        begin_row(i);
        for (const Neighbour& nb : near) {
          const int cj = nb.cell;
          const int* m = nb.m;
          const double ox = m[0] * L - xi, oy = m[1] * L - yi, oz = m[2] * L - zi;
          const int sj0 = cj == id ? si + 1 : start[static_cast<std::size_t>(cj)];
          for (int sj = sj0; sj < start[static_cast<std::size_t>(cj) + 1]; ++sj) {
            const double dx = sx[static_cast<std::size_t>(sj)] + ox, dy = sy[static_cast<std::size_t>(sj)] + oy,
                         dz = sz[static_cast<std::size_t>(sj)] + oz;
            const double r2 = dx * dx + dy * dy + dz * dz;
            if (r2 >= rmax2) continue;  // cheap global test first: most candidates stop here
            const double rl = potential::kCut * potential::sigma_ij(di, sd[static_cast<std::size_t>(sj)]) + skin_;
            if (r2 >= rl * rl) continue;
            const int j = sorted[static_cast<std::size_t>(sj)];
            if (r2 == 0.0) overlap(i, j);
            const double s = potential::sigma_ij(diameters[i], diameters[j]);
            // Shift on unwrapped coordinates: d = x_j - x_i + (m - w_j + w_i) L.
            entries_.push_back({j, image_index(m[0] - w[3 * j] + w[3 * i], m[1] - w[3 * j + 1] + w[3 * i + 1],
                                               m[2] - w[3 * j + 2] + w[3 * i + 2], L), 1.0 / (s * s)});
          }
        }
        end_row();
      }
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
