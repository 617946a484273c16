// Full neighbour rows for the local energies of swap Monte Carlo, kept valid one particle at a time
// under displacements and diameter swaps (no global rebuilds while the chain runs).
//
// Each particle i has a reference position X_i and a diameter bound U_i. The rows hold exactly the
// pairs (i, j, s) with |X_j + s L - X_i| < x_c sigma_ij(U_i, U_j) + skin, with s the periodic image
// (integers, on unwrapped coordinates). While every particle stays within skin/2 of its reference
// and keeps d_i <= U_i, every pair with r < x_c sigma_ij(d_i, d_j) is listed, because sigma_ij is
// increasing in both diameters. A particle about to break this (a trial move or a trial diameter)
// is refreshed first: it leaves the rows of its old neighbours and enters those of its new ones,
// found through a cell list of reference positions. Rows are kept sorted by (j, s), so a sum over a
// row visits the interacting pairs in an order that does not depend on the refresh history: local
// energies, and hence the whole Markov chain, are a function of the configuration alone (a run
// restarted from a checkpoint rebuilds the rows and continues bit for bit).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "tls/model/box.hpp"

namespace tls {

/// Position (unwrapped, sigma) and diameter of one particle, packed so that reading a neighbour
/// touches one 32-byte block.
struct alignas(32) McParticle {
  double x, y, z, d;
};

class LocalNeighbours {
 public:
  /// Neighbour j, seen at x_j + s L from the row's particle.
  struct Entry {
    std::int32_t j;
    std::int32_t s[3];
  };

  /// `skin` > 0 (sigma), `slack` >= 0: a refreshed particle may grow its diameter by `slack`
  /// before it needs another refresh. `max_diameter` bounds every diameter the rows will see.
  LocalNeighbours(const Box& box, double skin, double slack, double max_diameter);

  /// All rows from scratch for particles p (references at the current positions).
  void build(const std::vector<McParticle>& p);

  /// True when the rows stay complete with particle i at (x, y, z) with diameter d.
  bool covers(int i, double x, double y, double z, double d) const {
    const Ref& r = ref_[static_cast<std::size_t>(i)];
    const double dx = x - r.x, dy = y - r.y, dz = z - r.z;
    return dx * dx + dy * dy + dz * dz <= half_skin2_ && d <= r.u;
  }

  /// Moves particle i's reference to its current position p[i] and its diameter bound to
  /// min(diameter + slack, max_diameter), updating every row it appears in.
  void refresh(const std::vector<McParticle>& p, int i, double diameter);

  /// Row of particle i, sorted by (j, s). Never contains i itself (see self_images()).
  std::span<const Entry> row(int i) const {
    return {entries_.data() + static_cast<std::size_t>(i) * cap_, static_cast<std::size_t>(count_[static_cast<std::size_t>(i)])};
  }

  /// Hints the processor to load row i and particle i's reference (an attempt or two ahead).
  void prefetch(int i) const {
    const auto ui = static_cast<std::size_t>(i);
    const char* r = reinterpret_cast<const char*>(entries_.data() + ui * cap_);
    for (int line = 0; line < 8; ++line) __builtin_prefetch(r + 64 * line);
    __builtin_prefetch(&ref_[ui]);
  }

  /// Image shifts s != 0 (one of each pair s, -s) at which a particle can meet its own image
  /// (only boxes with L < x_c max_diameter have any).
  const std::vector<std::array<int, 3>>& self_images() const { return self_images_; }

  int size() const { return static_cast<int>(count_.size()); }
  double skin() const { return skin_; }
  /// Single-particle refreshes since construction (builds not counted).
  long refreshes() const { return refreshes_; }
  /// Listed entries in all rows (twice the number of listed pairs).
  std::size_t entries() const;

 private:
  struct Ref {
    double x, y, z, u;
  };
  // Reference position wrapped into the box, X = w + n L, with the integer wrap n.
  struct Wrapped {
    double w[3];
    int n[3];
  };
  void set_reference(int i, const McParticle& q, double u);
  template <class Visit>
  void for_each_candidate(int i, Visit&& visit) const;
  void insert(int row, const Entry& e);
  void remove(int row, const Entry& e);
  void grow();
  void cell_add(int cell, int i);
  void cell_remove(int cell, int i);

  Box box_;
  double skin_, slack_, dmax_, half_skin2_;
  double rc_max_;
  int nc_ = 0;     // cells per side, 0 = small box (every particle is a candidate)
  int reach_ = 0;  // cells searched on each side: the stencil is (2 reach + 1)^3 cells
  std::vector<Ref> ref_;
  std::vector<Wrapped> wrapped_;
  std::vector<std::int32_t> cell_;        // cell of each particle's reference
  // A particle in a cell: its wrapped reference position, copied so the candidate scan reads
  // contiguous memory.
  struct Slot {
    double w[3];
    std::int32_t j;
    std::int32_t unused;
  };
  std::size_t cell_cap_ = 0;              // slots per cell
  std::vector<Slot> cell_slots_;          // particles of each cell, cell_cap_ slots per cell
  std::vector<std::int32_t> cell_count_;
  std::vector<Entry> fresh_, stale_;      // scratch of refresh(): the new row and the old one
  std::size_t cap_ = 0;                            // entries reserved per row
  std::vector<Entry> entries_;
  std::vector<std::int32_t> count_;
  std::vector<std::array<int, 3>> self_images_;
  long refreshes_ = 0;
};

}  // namespace tls
