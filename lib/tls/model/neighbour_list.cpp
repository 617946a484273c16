// Neighbour list construction: cell list for large boxes, image enumeration for small ones.
#include "tls/model/neighbour_list.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "tls/core/error.hpp"
#include "tls/model/potential.hpp"
#include "tls/model/simd.hpp"

namespace tls {

NeighbourList::NeighbourList(double skin, double diameter_slack, double outer_skin)
    : skin_(skin), outer_skin_(outer_skin < 0 ? skin + kOuterExtra : outer_skin), slack_(diameter_slack) {
  if (!(skin > 0)) throw UsageError("neighbour-list skin must be positive");
  if (!(outer_skin_ >= skin_)) throw UsageError("outer neighbour-list skin must be at least the skin");
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

namespace {

using namespace simd;
constexpr int S = NeighbourList::kFrameStride;

// The build frame of the list (NeighbourList::target): slot i < n holds x_i - W_i, slot n + g the
// ghost of slot source[g] shifted by G_g; S doubles per slot, the last zero. Slots are written and
// read as whole vectors (a load that spans several smaller stores would stall on them). With
// reference frames YR and YB (n slots each, or null), also returns the largest squared
// displacements of the particles from them in moved[0] and moved[1], eight particles at a time.
TLS_SIMD_CLONES
void fill_frame_kernel(double* __restrict Y, const double* __restrict X, const double* __restrict W, int n,
                       const std::int32_t* __restrict source, const double* __restrict G, std::size_t ghosts,
                       const double* __restrict YR, const double* __restrict YB, double* moved) {
  const I4 xyz = {-1, -1, -1, 0};
  for (int i = 0; i + 1 < n; ++i)  // x_i read with the next particle's x, masked off
    store4(Y + S * i, __builtin_bit_cast(V4, __builtin_bit_cast(I4, load4(X + 3 * i) - load4(W + S * i)) & xyz));
  if (n > 0) {
    const int i = n - 1;
    store4(Y + S * i, V4{X[3 * i], X[3 * i + 1], X[3 * i + 2], 0.0} - load4(W + S * i));
  }
  for (std::size_t g = 0; g < ghosts; ++g)
    store4(Y + S * (static_cast<std::size_t>(n) + g),
           load4(Y + S * static_cast<std::size_t>(source[g])) + load4(G + S * g));
  if (!YR) return;
  // |d|^2 of the eight slots from A on relative to B.
  auto norms = [](const double* A, const double* B) {
    return squared_norms(load8(A) - load8(B), load8(A + 8) - load8(B + 8), load8(A + 16) - load8(B + 16),
                         load8(A + 24) - load8(B + 24));
  };
  V8 mr = V8{}, mb = V8{};
  const int n8 = n & ~7;
  for (int i = 0; i < n8; i += 8) {
    const V8 r = norms(Y + S * i, YR + S * i), b = norms(Y + S * i, YB + S * i);
    mr = r > mr ? r : mr;
    mb = b > mb ? b : mb;
  }
  double rmax = 0, bmax = 0;
  for (int l = 0; l < 8; ++l) rmax = std::max(rmax, mr[l]), bmax = std::max(bmax, mb[l]);
  for (int i = n8; i < n; ++i) {
    const V4 r = load4(Y + S * i) - load4(YR + S * i), b = load4(Y + S * i) - load4(YB + S * i);
    rmax = std::max(rmax, (r[0] * r[0] + r[1] * r[1]) + (r[2] * r[2] + r[3] * r[3]));
    bmax = std::max(bmax, (b[0] * b[0] + b[1] * b[1]) + (b[2] * b[2] + b[3] * b[3]));
  }
  moved[0] = rmax;
  moved[1] = bmax;
}

// Distances and cut-offs of one particle (x, y, z, diameter d, slot si) to a cell stencil's nn
// candidates, and whether each lies within its outer cut-off and after si (floor): a loop the
// compiler vectorises, cloned for AVX-512/AVX2/baseline (element-wise, the same bits on each).
TLS_SIMD_CLONES void filter_candidates(const double* __restrict cx, const double* __restrict cy,
                                       const double* __restrict cz, const double* __restrict cd,
                                       const std::int32_t* __restrict floor, std::size_t nn, double x, double y,
                                       double z, double d, std::int32_t si, double outer_skin,
                                       double* __restrict r2_out, double* __restrict rc_out,
                                       std::int32_t* __restrict keep) {
  for (std::size_t u = 0; u < nn; ++u) {
    const double dx = cx[u] - x, dy = cy[u] - y, dz = cz[u] - z;
    const double r2 = dx * dx + dy * dy + dz * dz;
    const double rc = potential::kCut * potential::sigma_ij(d, cd[u]);
    r2_out[u] = r2;
    rc_out[u] = rc;
    keep[u] = (r2 < (rc + outer_skin) * (rc + outer_skin)) & (floor[u] > si);
  }
}
}  // namespace

namespace {

[[noreturn]] void overlap(int i, int j) {
  throw DataError("particles " + std::to_string(i + 1) + " and " + std::to_string(j + 1) +
                  " overlap (distance 0): the energy is infinite");
}

// Particles sorted by cell into contiguous arrays (wrapped coordinates, diameter + slack), and the
// (2h+1)^3 stencil with the wrapped cell coordinate and periodic shift of u in [-h, nc + h), by
// table (no divisions).
struct CellGrid {
  int nc = 0, h = 0;
  std::vector<int> start, sorted;
  std::vector<double> sx, sy, sz, sd;
  struct Offset {
    int a, b, c;
  };
  std::vector<Offset> stencil;
  std::vector<int> wrap_of, shift_of;
};

CellGrid make_cell_grid(int nc, int h, double L, const std::vector<double>& xw,
                        const Eigen::Ref<const Eigen::VectorXd>& diameters, double slack) {
  const int n = static_cast<int>(diameters.size());
  CellGrid g;
  g.nc = nc;
  g.h = h;
  const double cell = L / nc;
  const int ncell = nc * nc * nc;
  std::vector<int> cell_of(static_cast<std::size_t>(n));
  g.start.assign(static_cast<std::size_t>(ncell) + 1, 0);
  for (int i = 0; i < n; ++i) {
    int c[3];
    for (int k = 0; k < 3; ++k) c[k] = std::min(nc - 1, static_cast<int>(xw[3 * i + k] / cell));
    cell_of[static_cast<std::size_t>(i)] = (c[0] * nc + c[1]) * nc + c[2];
    ++g.start[static_cast<std::size_t>(cell_of[static_cast<std::size_t>(i)]) + 1];
  }
  for (int c = 0; c < ncell; ++c) g.start[static_cast<std::size_t>(c) + 1] += g.start[static_cast<std::size_t>(c)];
  g.sorted.resize(static_cast<std::size_t>(n));
  for (auto* v : {&g.sx, &g.sy, &g.sz, &g.sd}) v->resize(static_cast<std::size_t>(n));
  std::vector<int> fill(g.start.begin(), g.start.end() - 1);
  for (int i = 0; i < n; ++i) {
    const auto slot = static_cast<std::size_t>(fill[static_cast<std::size_t>(cell_of[static_cast<std::size_t>(i)])]++);
    g.sorted[slot] = i;
    g.sx[slot] = xw[3 * i];
    g.sy[slot] = xw[3 * i + 1];
    g.sz[slot] = xw[3 * i + 2];
    g.sd[slot] = diameters[i] + slack;
  }
  for (int a = -h; a <= h; ++a)
    for (int b = -h; b <= h; ++b)
      for (int c = -h; c <= h; ++c) g.stencil.push_back({a, b, c});
  g.wrap_of.resize(static_cast<std::size_t>(nc + 2 * h));
  g.shift_of.resize(static_cast<std::size_t>(nc + 2 * h));
  for (int u = -h; u < nc + h; ++u) {
    g.wrap_of[static_cast<std::size_t>(u + h)] = (u + nc) % nc;
    g.shift_of[static_cast<std::size_t>(u + h)] = u < 0 ? -1 : (u >= nc ? 1 : 0);
  }
  return g;
}

}  // namespace

void NeighbourList::start_build(const Box& box, const Eigen::Ref<const Eigen::VectorXd>& x, std::vector<double>& xw,
                                std::vector<int>& w) {
  const auto n = static_cast<int>(x.size() / 3);
  const double L = box.length;
  row_particle_.clear();
  row_start_.assign(1, 0);
  longest_row_ = 0;
  entries_.clear();
  images_.clear();
  image_keys_.clear();
  dense_images_.assign(
      static_cast<std::size_t>((2 * kDenseImageRange + 1) * (2 * kDenseImageRange + 1) * (2 * kDenseImageRange + 1)),
      -1);
  ++builds_;
  x_build_ = x;
  x_refresh_.resize(0);  // the working list is refreshed from this one before use
  target_.clear();
  q_.clear();
  rin2_.clear();
  shifted_.clear();
  // Wrapped positions and the integer wrap of each particle: x = xw + w L.
  xw.assign(3 * static_cast<std::size_t>(n), 0.0);
  w.assign(3 * static_cast<std::size_t>(n), 0);
  wrap_shift_.assign(kFrameStride * static_cast<std::size_t>(n), 0.0);
  for (int k = 0; k < 3 * n; ++k) {
    const double f = std::floor((x[k] - box.lo[k % 3]) / L);
    w[static_cast<std::size_t>(k)] = static_cast<int>(f);
    xw[static_cast<std::size_t>(k)] = x[k] - box.lo[k % 3] - f * L;
    wrap_shift_[kFrameStride * static_cast<std::size_t>(k / 3) + static_cast<std::size_t>(k % 3)] = f * L;
  }
}

void NeighbourList::build(const Box& box, const Eigen::Ref<const Eigen::VectorXd>& x,
                          const Eigen::Ref<const Eigen::VectorXd>& diameters) {
  const int n = static_cast<int>(diameters.size());
  const double L = box.length;
  std::vector<double> xw;
  std::vector<int> w;
  start_build(box, x, xw, w);
  const double dmax = diameters.maxCoeff() + slack_;
  const double rmax = potential::kCut * dmax + outer_skin_;
  // Cells of side >= rmax / h, searched over a (2h+1)^3 stencil: h = 2 (half-size cells, 2.5 times
  // fewer candidates than h = 1) when the box holds at least 5 cells per side, else h = 1, else the
  // box is too small for cells and images are enumerated.
  int h = 2;
  int nc = static_cast<int>(std::floor(L * h / rmax));
  if (nc < 2 * h + 1) {
    h = 1;
    nc = static_cast<int>(std::floor(L / rmax));
  }
  if (nc >= 2 * h + 1)
    rows_through_cells(nc, h, L, xw, w, diameters);
  else
    rows_by_images(rmax, L, xw, w, diameters);
  finish_ghosts(n, L);
  // What was built is the outer list; the working list is cut from it by refresh().
  outer_rows_ = row_particle_;
  outer_start_.swap(row_start_);
  outer_entries_.swap(entries_);
  entries_.clear();
  outer_target_.swap(target_);
  outer_q_.swap(q_);
  row_start_.assign(outer_rows_.size() + 1, 0);
  refresh(x);
  y_build_ = y_refresh_;
}

void NeighbourList::rows_through_cells(int nc, int h, double L, const std::vector<double>& xw,
                                       const std::vector<int>& w, const Eigen::Ref<const Eigen::VectorXd>& diameters) {
  // Particles are sorted by cell into contiguous arrays; a neighbour cell reached across the box
  // edge carries its periodic shift, so no minimum-image rounding is needed here either.
  const CellGrid g = make_cell_grid(nc, h, L, xw, diameters, slack_);
  const int ncell = nc * nc * nc;
  struct Neighbour {
    int cell;
    int m[3];
  };
  std::vector<Neighbour> near;
  // The candidates of one cell's stencil, gathered once for all its particles: coordinates with
  // the periodic shift applied, diameter, slot, stencil entry, and the slot a candidate must
  // exceed (its own slot in the cell itself, so each pair is taken once; else none).
  std::vector<double> cx, cy, cz, cd, cr2, crc;
  std::vector<std::int32_t> cslot, cnb, cfloor, keep, kept;
  for (int id = 0; id < ncell; ++id) {
    // The stencil of this cell, once: neighbour cells numbered >= id (each unordered pair of
    // cells once) with their periodic shifts.
    const int ci[3] = {id / (nc * nc), (id / nc) % nc, id % nc};
    near.clear();
    for (const auto& o : g.stencil) {
      const auto ua = static_cast<std::size_t>(ci[0] + o.a + h), ub = static_cast<std::size_t>(ci[1] + o.b + h),
                 uc = static_cast<std::size_t>(ci[2] + o.c + h);
      const int cj = (g.wrap_of[ua] * nc + g.wrap_of[ub]) * nc + g.wrap_of[uc];
      if (cj >= id) near.push_back({cj, {g.shift_of[ua], g.shift_of[ub], g.shift_of[uc]}});
    }
    const int s0 = g.start[static_cast<std::size_t>(id)], s1 = g.start[static_cast<std::size_t>(id) + 1];
    if (s0 == s1) continue;
    std::size_t nn = 0;
    for (const Neighbour& nb : near)
      nn += static_cast<std::size_t>(g.start[static_cast<std::size_t>(nb.cell) + 1] -
                                     g.start[static_cast<std::size_t>(nb.cell)]);
    for (auto* v : {&cx, &cy, &cz, &cd, &cr2, &crc}) v->resize(nn);
    for (auto* v : {&cslot, &cnb, &cfloor, &keep, &kept}) v->resize(nn);
    std::size_t c = 0;
    for (std::size_t b = 0; b < near.size(); ++b) {
      const Neighbour& nb = near[b];
      const double ox = nb.m[0] * L, oy = nb.m[1] * L, oz = nb.m[2] * L;
      for (int sj = g.start[static_cast<std::size_t>(nb.cell)]; sj < g.start[static_cast<std::size_t>(nb.cell) + 1];
           ++sj, ++c) {
        const auto v = static_cast<std::size_t>(sj);
        cx[c] = g.sx[v] + ox, cy[c] = g.sy[v] + oy, cz[c] = g.sz[v] + oz, cd[c] = g.sd[v];
        cslot[c] = sj, cnb[c] = static_cast<std::int32_t>(b);
        cfloor[c] = nb.cell == id ? sj : std::numeric_limits<std::int32_t>::max();
      }
    }
    for (int si = s0; si < s1; ++si) {
      const int i = g.sorted[static_cast<std::size_t>(si)];
      const auto ui = static_cast<std::size_t>(si);
      // Which candidates lie within their outer cut-off (a loop the compiler vectorises), then
      // their indices in stencil order (branch-free): the order of the rows' entries.
      filter_candidates(cx.data(), cy.data(), cz.data(), cd.data(), cfloor.data(), nn, g.sx[ui], g.sy[ui], g.sz[ui],
                        g.sd[ui], si, outer_skin_, cr2.data(), crc.data(), keep.data());
      std::size_t nk = 0;
      for (std::size_t u = 0; u < nn; ++u) {
        kept[nk] = static_cast<std::int32_t>(u);
        nk += static_cast<std::size_t>(keep[u]);
      }
      begin_row(i);
      for (std::size_t q = 0; q < nk; ++q) {
        const auto u = static_cast<std::size_t>(kept[q]);
        const int j = g.sorted[static_cast<std::size_t>(cslot[u])];
        if (cr2[u] == 0.0) overlap(i, j);
        const int* m = near[static_cast<std::size_t>(cnb[u])].m;
        const double s = potential::sigma_ij(diameters[i], diameters[j]);
        // Shift on unwrapped coordinates: d = x_j - x_i + (m - w_j + w_i) L.
        entries_.push_back({j,
                            image_index(m[0] - w[3 * j] + w[3 * i], m[1] - w[3 * j + 1] + w[3 * i + 1],
                                        m[2] - w[3 * j + 2] + w[3 * i + 2], L),
                            1.0 / (s * s)});
        add_target(j, m[0], m[1], m[2], entries_.back().inv_sigma2, crc[u] + skin_);
      }
      end_row();
    }
  }
}

void NeighbourList::rows_by_images(double rmax, double L, const std::vector<double>& xw, const std::vector<int>& w,
                                   const Eigen::Ref<const Eigen::VectorXd>& diameters) {
  // Small box: enumerate images explicitly; a particle may even meet its own images.
  const int n = static_cast<int>(diameters.size());
  const int kmax = static_cast<int>(std::ceil(rmax / L));
  for (int i = 0; i < n; ++i) {
    begin_row(i);
    for (int j = i; j < n; ++j) {
      const double s = potential::sigma_ij(diameters[i], diameters[j]);
      const double inv_s2 = 1.0 / (s * s);
      const double rc = potential::kCut * potential::sigma_ij(diameters[i] + slack_, diameters[j] + slack_);
      const double rin = rc + skin_;
      const double rl2 = (rc + outer_skin_) * (rc + outer_skin_);
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
            entries_.push_back({j,
                                image_index(a - w[3 * j] + w[3 * i], b - w[3 * j + 1] + w[3 * i + 1],
                                            c - w[3 * j + 2] + w[3 * i + 2], L),
                                inv_s2});
            add_target(j, a, b, c, inv_s2, rin);
          }
    }
    end_row();
  }
}

void NeighbourList::update(const Box& box, const Eigen::Ref<const Eigen::VectorXd>& x,
                           const Eigen::Ref<const Eigen::VectorXd>& diameters) {
  switch (need(x)) {
    case Need::build:
      build(box, x, diameters);
      break;
    case Need::refresh:
      refresh(x);
      break;
    case Need::nothing:
      break;
  }
}

void NeighbourList::refresh(const double* frame, const Eigen::Ref<const Eigen::VectorXd>& x) {
  // Branch-free compaction: every outer pair is written, and kept (the cursor advances) when it is
  // within its working cut-off x_c sigma_ij + skin. The working list is then exact at any later x
  // at which need() says so: a pair missing from it was beyond x_c sigma_ij + skin at the refresh,
  // or missing from the outer list, beyond x_c sigma_ij + outer skin at the build.
  // Only the outer index is written per outer pair; the kept pairs' targets and 1/sigma^2 are
  // then copied in a second pass over the (four times shorter) working list.
  const std::size_t m = outer_entries_.size();
  origin_.resize(m);
  std::int32_t p = 0;
  for (std::size_t r = 0; r < outer_rows_.size(); ++r) {
    const double* yi = frame + kFrameStride * outer_rows_[r];
    for (std::int32_t k = outer_start_[r]; k < outer_start_[r + 1]; ++k) {
      const std::int32_t t = outer_target_[static_cast<std::size_t>(k)];
      const double* yj = frame + t;
      const double dx = yj[0] - yi[0], dy = yj[1] - yi[1], dz = yj[2] - yi[2];
      origin_[static_cast<std::size_t>(p)] = k;
      p += dx * dx + dy * dy + dz * dz < rin2_[static_cast<std::size_t>(k)] ? 1 : 0;
    }
    row_start_[r + 1] = p;
  }
  target_.resize(static_cast<std::size_t>(p));
  q_.resize(static_cast<std::size_t>(p));
  // The working frame keeps only the ghosts the kept pairs need, numbered in their outer order.
  const auto n = static_cast<std::int32_t>(x.size() / 3);
  const std::int32_t real = kFrameStride * n;
  ghost_slot_.assign(ghost_source_.size(), -1);
  for (std::size_t k = 0; k < static_cast<std::size_t>(p); ++k) {
    const std::int32_t t = outer_target_[static_cast<std::size_t>(origin_[k])];
    if (t >= real) ghost_slot_[static_cast<std::size_t>(t / kFrameStride - n)] = 0;
  }
  work_ghost_source_.clear();
  work_ghost_shift_.clear();
  for (std::size_t g = 0; g < ghost_source_.size(); ++g)
    if (ghost_slot_[g] == 0) {
      ghost_slot_[g] = n + static_cast<std::int32_t>(work_ghost_source_.size());
      work_ghost_source_.push_back(ghost_source_[g]);
      work_ghost_shift_.insert(work_ghost_shift_.end(),
                               ghost_shift_.begin() + static_cast<std::ptrdiff_t>(kFrameStride * g),
                               ghost_shift_.begin() + static_cast<std::ptrdiff_t>(kFrameStride * (g + 1)));
    }
  for (std::size_t k = 0; k < static_cast<std::size_t>(p); ++k) {
    const auto o = static_cast<std::size_t>(origin_[k]);
    const std::int32_t t = outer_target_[o];
    target_[k] = t < real ? t : kFrameStride * ghost_slot_[static_cast<std::size_t>(t / kFrameStride - n)];
    q_[k] = outer_q_[o];
  }
  origin_.resize(static_cast<std::size_t>(p));
  target_.resize(static_cast<std::size_t>(p));
  q_.resize(static_cast<std::size_t>(p));
  x_refresh_ = x;
  y_refresh_.assign(frame, frame + kFrameStride * (static_cast<std::size_t>(x.size()) / 3));
  ++refreshes_;
}

void NeighbourList::refresh(const Eigen::Ref<const Eigen::VectorXd>& x) {
  std::vector<double> frame(S * static_cast<std::size_t>(outer_frame_size()), 0.0);
  fill_outer_frame(frame.data(), x.data());
  refresh(frame.data(), x);
}

void NeighbourList::fill_frame(double* frame, const double* x, double* moved) const {
  const int n = static_cast<int>(wrap_shift_.size() / S);
  const bool check = moved && y_refresh_.size() == S * static_cast<std::size_t>(n);
  if (moved && !check) moved[0] = moved[1] = std::numeric_limits<double>::infinity();  // no reference: build
  fill_frame_kernel(frame, x, wrap_shift_.data(), n, work_ghost_source_.data(), work_ghost_shift_.data(),
                    work_ghost_source_.size(), check ? y_refresh_.data() : nullptr, check ? y_build_.data() : nullptr,
                    moved);
}

void NeighbourList::fill_outer_frame(double* frame, const double* x) const {
  const int n = static_cast<int>(wrap_shift_.size() / S);
  fill_frame_kernel(frame, x, wrap_shift_.data(), n, ghost_source_.data(), ghost_shift_.data(), ghost_source_.size(),
                    nullptr, nullptr, nullptr);
}

void NeighbourList::add_target(int j, int a, int b, int c, double inv_sigma2, double rin) {
  // In the build frame d = Y_j - Y_i + m L, m the cell (or image) shift of the pair: most pairs have
  // m = 0 and point at j itself; the others at a ghost, numbered once all are known.
  q_.push_back(inv_sigma2);
  rin2_.push_back(rin * rin);
  target_.push_back(kFrameStride * j);
  if (a == 0 && b == 0 && c == 0) return;
  auto pack = [](int v) { return static_cast<std::uint64_t>(v + 1024) & 0x7ffu; };
  const std::uint64_t key = static_cast<std::uint64_t>(j) << 33 | pack(a) << 22 | pack(b) << 11 | pack(c);
  shifted_.emplace_back(key, static_cast<std::int32_t>(target_.size() - 1));
}

void NeighbourList::finish_ghosts(int n, double length) {
  // Ghosts in order of (j, m): the numbering does not depend on how the cells were walked. A
  // counting sort by j, then the few entries of each j by key (stable: ties keep their entry
  // order), gives the order of sorting the (key, entry) pairs, without a general sort.
  {
    std::vector<std::int32_t> first(static_cast<std::size_t>(n) + 1, 0);
    for (const auto& e : shifted_) ++first[static_cast<std::size_t>(e.first >> 33) + 1];
    for (int j = 0; j < n; ++j) first[static_cast<std::size_t>(j) + 1] += first[static_cast<std::size_t>(j)];
    std::vector<std::pair<std::uint64_t, std::int32_t>> by_j(shifted_.size());
    std::vector<std::int32_t> fill(first.begin(), first.end() - 1);
    for (const auto& e : shifted_) by_j[static_cast<std::size_t>(fill[static_cast<std::size_t>(e.first >> 33)]++)] = e;
    for (int j = 0; j < n; ++j)
      std::stable_sort(by_j.begin() + first[static_cast<std::size_t>(j)],
                       by_j.begin() + first[static_cast<std::size_t>(j) + 1],
                       [](const auto& a, const auto& b) { return a.first < b.first; });
    shifted_.swap(by_j);
  }
  ghost_source_.clear();
  ghost_shift_.clear();
  for (std::size_t k = 0; k < shifted_.size(); ++k) {
    const std::uint64_t key = shifted_[k].first;
    if (k == 0 || key != shifted_[k - 1].first) {
      auto unpack = [&](int bit) {
        return static_cast<double>(static_cast<int>((key >> bit) & 0x7ffu) - 1024) * length;
      };
      ghost_source_.push_back(static_cast<std::int32_t>(key >> 33));
      ghost_shift_.insert(ghost_shift_.end(), {unpack(22), unpack(11), unpack(0), 0.0});
    }
    target_[static_cast<std::size_t>(shifted_[k].second)] =
        kFrameStride * (n + static_cast<std::int32_t>(ghost_source_.size()) - 1);
  }
}

NeighbourList::Need NeighbourList::need(double refresh2, double build2) const {
  if (builds_ == 0) return Need::build;
  if (4 * build2 > outer_skin_ * outer_skin_) return Need::build;
  return 4 * refresh2 > skin_ * skin_ ? Need::refresh : Need::nothing;
}

NeighbourList::Need NeighbourList::need(const Eigen::Ref<const Eigen::VectorXd>& x) const {
  if (builds_ == 0 || x.size() != x_refresh_.size()) return Need::build;
  auto max2 = [&](const Eigen::VectorXd& y) {
    return (x - y).reshaped(3, x.size() / 3).colwise().squaredNorm().maxCoeff();
  };
  return need(max2(x_refresh_), max2(x_build_));
}

}  // namespace tls
