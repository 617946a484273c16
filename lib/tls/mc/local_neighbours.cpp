// Local neighbour rows: build, single-particle refresh through a cell list, sorted insertion.
#include "tls/mc/local_neighbours.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "tls/core/error.hpp"
#include "tls/model/potential.hpp"

namespace tls {

namespace {
bool less(const LocalNeighbours::Entry& a, const LocalNeighbours::Entry& b) {
  if (a.j != b.j) return a.j < b.j;
  if (a.s[0] != b.s[0]) return a.s[0] < b.s[0];
  if (a.s[1] != b.s[1]) return a.s[1] < b.s[1];
  return a.s[2] < b.s[2];
}
bool same(const LocalNeighbours::Entry& a, const LocalNeighbours::Entry& b) {
  return a.j == b.j && a.s[0] == b.s[0] && a.s[1] == b.s[1] && a.s[2] == b.s[2];
}
}  // namespace

LocalNeighbours::LocalNeighbours(const Box& box, double skin, double slack, double max_diameter)
    : box_(box), skin_(skin), slack_(slack), dmax_(max_diameter), half_skin2_(0.25 * skin * skin) {
  if (!(box.length > 0) || !std::isfinite(box.length)) throw DataError("box side must be finite and positive");
  if (!(skin > 0) || !std::isfinite(skin)) throw UsageError("neighbour skin must be positive");
  if (!(slack >= 0) || !std::isfinite(slack)) throw UsageError("diameter slack must be non-negative");
  if (!(max_diameter > 0) || !(max_diameter < 2.5)) throw DataError("diameters must lie in (0, 2.5)");
  rc_max_ = potential::kCut * dmax_ + skin_;
  // Cells of side >= rc_max / 2 searched over 5^3 cells (2.5 times fewer candidates than 3^3 cells
  // of side rc_max) when the box holds 5 of them per side, else 3^3 cells, else no cells at all.
  for (int reach : {2, 1}) {
    const int nc = static_cast<int>(std::floor(reach * box.length / rc_max_));
    if (nc >= 2 * reach + 1) {
      nc_ = nc;
      reach_ = reach;
      break;
    }
  }
  // A particle meets its own images only at distances |s| L < x_c d_max (exactly; positions do not
  // enter): keep one of each opposite pair.
  const double reach = potential::kCut * dmax_;
  const int k = static_cast<int>(std::ceil(reach / box.length));
  for (int a = -k; a <= k; ++a)
    for (int b = -k; b <= k; ++b)
      for (int c = -k; c <= k; ++c) {
        if (a < 0 || (a == 0 && (b < 0 || (b == 0 && c <= 0)))) continue;
        if (std::sqrt(static_cast<double>(a * a + b * b + c * c)) * box.length < reach) self_images_.push_back({a, b, c});
      }
}

void LocalNeighbours::set_reference(int i, const McParticle& q, double u) {
  const auto ui = static_cast<std::size_t>(i);
  ref_[ui] = {q.x, q.y, q.z, u};
  Wrapped& w = wrapped_[ui];
  const double x[3] = {q.x, q.y, q.z};
  const double L = box_.length;
  for (int k = 0; k < 3; ++k) {
    const double f = std::floor(x[k] / L);
    w.n[k] = static_cast<int>(f);
    w.w[k] = x[k] - f * L;
    if (w.w[k] >= L) w.w[k] = 0.0, ++w.n[k];  // round-off at the upper edge
  }
  if (nc_ > 0) {
    int c[3];
    for (int k = 0; k < 3; ++k) c[k] = std::min(nc_ - 1, static_cast<int>(w.w[k] / L * nc_));
    cell_[ui] = (c[0] * nc_ + c[1]) * nc_ + c[2];
  }
}

template <class Visit>
void LocalNeighbours::for_each_candidate(int i, Visit&& visit) const {
  const Ref& a = ref_[static_cast<std::size_t>(i)];
  const double L = box_.length;
  // No pair of i reaches beyond this (sigma_ij is increasing in both diameters).
  const double ri = potential::kCut * potential::sigma_ij(a.u, dmax_) + skin_;
  const double ri2 = ri * ri;
  if (nc_ > 0) {
    // Neighbour cells carry their periodic shift, so image shifts are integer sums, no rounding.
    const Wrapped& wa = wrapped_[static_cast<std::size_t>(i)];
    const int c = cell_[static_cast<std::size_t>(i)];
    const int ci[3] = {c / (nc_ * nc_), (c / nc_) % nc_, c % nc_};
    const int h = reach_;
    for (int p = -h; p <= h; ++p)
      for (int q = -h; q <= h; ++q)
        for (int r = -h; r <= h; ++r) {
          const int u[3] = {ci[0] + p, ci[1] + q, ci[2] + r};
          int m[3], cw[3];
          for (int k = 0; k < 3; ++k) {
            m[k] = u[k] < 0 ? -1 : (u[k] >= nc_ ? 1 : 0);
            cw[k] = u[k] - m[k] * nc_;
          }
          const double o[3] = {m[0] * L - wa.w[0], m[1] * L - wa.w[1], m[2] * L - wa.w[2]};
          const auto cell = static_cast<std::size_t>((cw[0] * nc_ + cw[1]) * nc_ + cw[2]);
          const Slot* members = cell_slots_.data() + cell * cell_cap_;
          for (std::int32_t t = 0; t < cell_count_[cell]; ++t) {
            const Slot& slot = members[t];
            const double dx = slot.w[0] + o[0], dy = slot.w[1] + o[1], dz = slot.w[2] + o[2];
            const double r2 = dx * dx + dy * dy + dz * dz;
            const std::int32_t j = slot.j;
            if (r2 >= ri2 || j == i) continue;
            const Wrapped& wb = wrapped_[static_cast<std::size_t>(j)];
            const double rc = potential::kCut * potential::sigma_ij(a.u, ref_[static_cast<std::size_t>(j)].u) + skin_;
            if (r2 >= rc * rc) continue;
            const int s[3] = {m[0] - wb.n[0] + wa.n[0], m[1] - wb.n[1] + wa.n[1], m[2] - wb.n[2] + wa.n[2]};
            visit(static_cast<int>(j), s);
          }
        }
    return;
  }
  // Small box: every particle, every image within reach of the minimum image.
  const int kimg = static_cast<int>(std::ceil(rc_max_ / L)) + 1;
  for (int j = 0; j < size(); ++j) {
    if (j == i) continue;
    const Ref& b = ref_[static_cast<std::size_t>(j)];
    const double rc = potential::kCut * potential::sigma_ij(a.u, b.u) + skin_;
    const double rc2 = rc * rc;
    const double d[3] = {b.x - a.x, b.y - a.y, b.z - a.z};
    int s0[3];
    for (int k = 0; k < 3; ++k) s0[k] = -static_cast<int>(std::nearbyint(d[k] / L));
    for (int p = -kimg; p <= kimg; ++p)
      for (int q = -kimg; q <= kimg; ++q)
        for (int r = -kimg; r <= kimg; ++r) {
          const int s[3] = {s0[0] + p, s0[1] + q, s0[2] + r};
          double r2 = 0;
          for (int k = 0; k < 3; ++k) {
            const double dk = d[k] + s[k] * L;
            r2 += dk * dk;
          }
          if (r2 < rc2) visit(j, s);
        }
  }
}

void LocalNeighbours::build(const std::vector<McParticle>& p) {
  const auto n = p.size();
  ref_.resize(n);
  wrapped_.resize(n);
  cell_.assign(n, 0);
  count_.assign(n, 0);
  const std::size_t ncell = nc_ > 0 ? static_cast<std::size_t>(nc_) * nc_ * nc_ : 0;
  cell_cap_ = 8;
  cell_count_.assign(ncell, 0);
  cell_slots_.assign(ncell * cell_cap_, Slot{});
  for (std::size_t i = 0; i < n; ++i) {
    if (p[i].d > dmax_) throw InternalError("diameter above the bound of the neighbour rows");
    set_reference(static_cast<int>(i), p[i], std::min(p[i].d + slack_, dmax_));
    if (nc_ > 0) cell_add(cell_[i], static_cast<int>(i));
  }
  std::vector<std::vector<Entry>> rows(n);
  std::size_t longest = 0;
  for (std::size_t i = 0; i < n; ++i) {
    auto& row = rows[i];
    for_each_candidate(static_cast<int>(i), [&](int j, const int* s) { row.push_back({j, {s[0], s[1], s[2]}}); });
    std::sort(row.begin(), row.end(), less);
    longest = std::max(longest, row.size());
  }
  cap_ = longest + longest / 4 + 8;
  entries_.assign(n * cap_, Entry{});
  for (std::size_t i = 0; i < n; ++i) {
    std::copy(rows[i].begin(), rows[i].end(), entries_.begin() + static_cast<std::ptrdiff_t>(i * cap_));
    count_[i] = static_cast<std::int32_t>(rows[i].size());
  }
}

void LocalNeighbours::grow() {
  const std::size_t cap = cap_ + cap_ / 2 + 8;
  std::vector<Entry> e(count_.size() * cap);
  for (std::size_t i = 0; i < count_.size(); ++i)
    std::copy_n(entries_.begin() + static_cast<std::ptrdiff_t>(i * cap_), count_[i], e.begin() + static_cast<std::ptrdiff_t>(i * cap));
  entries_.swap(e);
  cap_ = cap;
}

void LocalNeighbours::insert(int row, const Entry& e) {
  const auto r = static_cast<std::size_t>(row);
  if (static_cast<std::size_t>(count_[r]) == cap_) grow();
  Entry* base = entries_.data() + r * cap_;
  int k = count_[r];
  while (k > 0 && less(e, base[k - 1])) {
    base[k] = base[k - 1];
    --k;
  }
  base[k] = e;
  ++count_[r];
}

void LocalNeighbours::remove(int row, const Entry& e) {
  const auto r = static_cast<std::size_t>(row);
  Entry* base = entries_.data() + r * cap_;
  const int n = count_[r];
  int k = 0;
  while (k < n && !same(base[k], e)) ++k;
  if (k == n) throw InternalError("local neighbour rows lost their symmetry (particle " + std::to_string(e.j) + ")");
  std::copy(base + k + 1, base + n, base + k);
  --count_[r];
}

void LocalNeighbours::cell_add(int cell, int i) {
  auto c = static_cast<std::size_t>(cell);
  if (static_cast<std::size_t>(cell_count_[c]) == cell_cap_) {
    const std::size_t cap = 2 * cell_cap_;
    std::vector<Slot> slots(cell_count_.size() * cap);
    for (std::size_t k = 0; k < cell_count_.size(); ++k)
      std::copy_n(cell_slots_.begin() + static_cast<std::ptrdiff_t>(k * cell_cap_), cell_count_[k],
                  slots.begin() + static_cast<std::ptrdiff_t>(k * cap));
    cell_slots_.swap(slots);
    cell_cap_ = cap;
  }
  const Wrapped& w = wrapped_[static_cast<std::size_t>(i)];
  cell_slots_[c * cell_cap_ + static_cast<std::size_t>(cell_count_[c]++)] = {{w.w[0], w.w[1], w.w[2]}, i, 0};
}

void LocalNeighbours::cell_remove(int cell, int i) {
  const auto c = static_cast<std::size_t>(cell);
  Slot* members = cell_slots_.data() + c * cell_cap_;
  const std::int32_t n = cell_count_[c];
  std::int32_t k = 0;
  while (k < n && members[k].j != i) ++k;
  if (k == n) throw InternalError("cell list lost particle " + std::to_string(i));
  members[k] = members[n - 1];
  --cell_count_[c];
}

void LocalNeighbours::refresh(const std::vector<McParticle>& p, int i, double diameter) {
  ++refreshes_;
  const auto ui = static_cast<std::size_t>(i);
  const McParticle& q = p[ui];
  const int old_cell = cell_[ui];
  set_reference(i, q, std::min(std::max(diameter, q.d) + slack_, dmax_));
  if (nc_ > 0) {
    cell_remove(old_cell, i);
    cell_add(cell_[ui], i);
  }
  // The new row, sorted; then only the pairs that left or entered touch the other rows (a
  // refreshed particle moved little, so most neighbours stay).
  fresh_.clear();
  for_each_candidate(i, [&](int j, const int* s) {
    const Entry e{j, {s[0], s[1], s[2]}};
    auto k = fresh_.size();
    fresh_.push_back(e);
    while (k > 0 && less(e, fresh_[k - 1])) {
      fresh_[k] = fresh_[k - 1];
      --k;
    }
    fresh_[k] = e;
  });
  // A copy: insert() may grow (move) the rows.
  stale_.assign(row(i).begin(), row(i).end());
  const auto& old = stale_;
  std::size_t a = 0, b = 0;
  auto mirror = [i](const Entry& e) { return Entry{i, {-e.s[0], -e.s[1], -e.s[2]}}; };
  while (a < old.size() || b < fresh_.size()) {
    if (b == fresh_.size() || (a < old.size() && less(old[a], fresh_[b]))) {
      remove(old[a].j, mirror(old[a]));
      ++a;
    } else if (a == old.size() || less(fresh_[b], old[a])) {
      insert(fresh_[b].j, mirror(fresh_[b]));
      ++b;
    } else {
      ++a, ++b;
    }
  }
  while (fresh_.size() > cap_) grow();
  std::copy(fresh_.begin(), fresh_.end(), entries_.begin() + static_cast<std::ptrdiff_t>(ui * cap_));
  count_[ui] = static_cast<std::int32_t>(fresh_.size());
}

std::size_t LocalNeighbours::entries() const {
  std::size_t n = 0;
  for (auto c : count_) n += static_cast<std::size_t>(c);
  return n;
}

}  // namespace tls
