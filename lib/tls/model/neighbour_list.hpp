// Verlet (half) neighbour list with per-pair cut-offs, in two levels: an outer list with a wide skin
// built through a cell list (rarely), and the working list cut from it (cheaply, branch-free).
//
// Each pair (i, j) is stored once with its periodic image as an integer shift, so that the force
// loop needs no minimum-image rounding: d = x_j - x_i + image * L on *unwrapped* coordinates. A
// pair enters the working list when r < x_c sigma_ij + skin (the outer list: + outer skin); the
// working list stays exact until a particle has moved more than skin/2 since its refresh, or more
// than outer skin/2 since the build (the outer list is built rarely, the working list is cut from
// it cheaply). Small boxes (L < 3 list radii) are handled by explicit
// image enumeration, so any N works, including tests with a few dozen particles.
#pragma once

#include <Eigen/Core>
#include <array>
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "tls/core/aligned.hpp"
#include "tls/model/box.hpp"

namespace tls {

class NeighbourList {
 public:
  /// One neighbour j of a row's particle i (each unordered pair appears once in the whole list).
  struct Entry {
    std::int32_t j;
    std::int32_t image;  ///< index into images()
    double inv_sigma2;   ///< 1 / sigma_ij^2
  };

  /// `skin` in sigma (> 0): the working list holds the pairs with r < x_c sigma_ij + skin.
  /// `diameter_slack` >= 0 widens every pair's cut-off as if both diameters were that much larger
  /// (for swap Monte Carlo, where diameters change between builds). `outer_skin` >= skin (negative:
  /// skin + kOuterExtra) is the skin of the outer list, built through cells; the working list is cut
  /// from it (refresh) far more cheaply than a build, so builds become rare.
  explicit NeighbourList(double skin = 0.2, double diameter_slack = 0.0, double outer_skin = -1.0);
  static constexpr double kOuterExtra = 0.8;
  /// Doubles per slot of a frame array (see target()).
  static constexpr int kFrameStride = 4;

  /// Builds the outer list for positions x (3N, unwrapped) and diameters through cells, then cuts
  /// the working list from it at x. Throws DataError when two particles sit at distance zero
  /// (the energy would be infinite).
  void build(const Box& box, const Eigen::Ref<const Eigen::VectorXd>& x,
             const Eigen::Ref<const Eigen::VectorXd>& diameters);
  /// Cuts the working list from the outer list at positions x (3N), which the outer list must
  /// still cover (!outer_stale(x)); `frame` holds x in the outer list's build frame (every ghost,
  /// outer_frame_size() slots; see target()), kFrameStride per slot, when the caller has it.
  void refresh(const Eigen::Ref<const Eigen::VectorXd>& x);
  void refresh(const double* frame, const Eigen::Ref<const Eigen::VectorXd>& x);
  /// Makes the working list exact at x at the least cost: build() if the outer list no longer
  /// covers x, else refresh() if the working list may have missed a pair, else nothing.
  void update(const Box& box, const Eigen::Ref<const Eigen::VectorXd>& x,
              const Eigen::Ref<const Eigen::VectorXd>& diameters);

  /// What the lists need at positions whose largest particle displacements since the last refresh
  /// and since the build are sqrt(refresh2) and sqrt(build2): nothing (the working list is exact), a
  /// refresh, or a build. The working list is exact while no pair can have closed in by more than
  /// the skin since the refresh (2 sqrt(refresh2) <= skin) and the outer list still covers the
  /// positions (2 sqrt(build2) <= outer skin). Never built: build.
  enum class Need { nothing, refresh, build };
  Need need(double refresh2, double build2) const;
  /// need() at positions x (3N): a build when x has another size.
  Need need(const Eigen::Ref<const Eigen::VectorXd>& x) const;
  /// Positions at the last refresh (3N; empty before the first).
  const Eigen::VectorXd& refresh_positions() const { return x_refresh_; }

  /// Rows in compressed form: row r belongs to particle row_particle()[r] and holds the entries
  /// [row_start()[r], row_start()[r+1]). Rows follow the cell order (spatially local), so the
  /// force kernel keeps F_i in registers along a row.
  const std::vector<std::int32_t>& row_particle() const { return row_particle_; }
  const std::vector<std::int32_t>& row_start() const { return row_start_; }
  /// Number of listed pairs, and of pairs in the outer list.
  std::size_t size() const { return target_.size(); }
  std::size_t outer_size() const { return outer_entries_.size(); }
  /// Image shift vectors (multiples of L), indexed by Entry::image.
  const std::vector<std::array<double, 3>>& images() const { return images_; }
  double skin() const { return skin_; }
  double outer_skin() const { return outer_skin_; }
  /// Outer-list builds (through cells) and working-list refreshes so far.
  long builds() const { return builds_; }
  long refreshes() const { return refreshes_; }
  /// Entries in the longest row.
  std::int32_t longest_row() const { return longest_row_; }

  /// The pairs in the *build frame*, for the force kernel: slot i < N holds Y_i = x_i - wrap_shift_i
  /// (each particle moved back by its periodic wrap at the build), slot N + g a ghost
  /// Y_{N+g} = Y_{ghost_source[g]} + ghost_shift[g] (the periodic images some pair needs). A frame
  /// array stores kFrameStride doubles per slot (x, y, z, 0: one 32-byte vector). Entry k of row
  /// particle i joins it with the slot at offset target()[k] (= kFrameStride * slot),
  /// d = Y[target] - Y[kFrameStride i], with no image shift to add; inv_sigma2()[k] is 1 / sigma_ij^2
  /// of entry k.
  const AlignedVector<std::int32_t>& target() const { return target_; }
  const AlignedVector<double>& inv_sigma2() const { return q_; }
  /// The outer list's frame has every ghost (refresh() reads it); the working list's targets refer
  /// to a smaller frame, frame_size() slots, with only the ghosts its pairs need, in the same
  /// order: ghost g is a copy of slot working_ghost_source()[g] (the force kernel folds the ghosts'
  /// forces back onto these particles).
  const std::vector<std::int32_t>& working_ghost_source() const { return work_ghost_source_; }
  /// Fills `frame` (frame_size() slots of kFrameStride doubles) with positions x (3N, unwrapped) in
  /// the build frame: slot i = x_i moved back by its wrap at the build, then the working ghosts.
  /// With `moved`, also returns the largest squared particle displacements since the refresh and
  /// since the build (moved[0], moved[1]; infinite before the first refresh at this N), measured
  /// in the build frame (the wrap is fixed between builds), for need(). Vectorised (simd.hpp).
  void fill_frame(double* frame, const double* x, double* moved = nullptr) const;
  /// The same for the outer list's frame (outer_frame_size() slots: every ghost), as refresh() reads it.
  void fill_outer_frame(double* frame, const double* x) const;
  /// N + number of ghosts.
  std::int32_t frame_size() const {
    return static_cast<std::int32_t>(wrap_shift_.size() / kFrameStride + work_ghost_source_.size());
  }
  std::int32_t outer_frame_size() const {
    return static_cast<std::int32_t>(wrap_shift_.size() / kFrameStride + ghost_source_.size());
  }

  /// Calls visit(i, j, entry) for every listed pair, with i and j the caller's indices.
  template <class Visit>
  void for_each_pair(Visit&& visit) const {
    for (std::size_t r = 0; r < row_particle_.size(); ++r) {
      const int i = row_particle_[r];
      for (auto k = row_start_[r]; k < row_start_[r + 1]; ++k) {
        const Entry& e = outer_entries_[static_cast<std::size_t>(origin_[static_cast<std::size_t>(k)])];
        visit(i, static_cast<int>(e.j), e);
      }
    }
  }

 private:
  std::int32_t image_index(int nx, int ny, int nz, double length);
  // build() in steps: reset and wrap the positions (x = xw + w L), the rows of the outer list
  // through a cell grid of nc^3 cells searched over a (2h+1)^3 stencil, or (small boxes) by
  // enumerating the periodic images within rmax.
  void start_build(const Box& box, const Eigen::Ref<const Eigen::VectorXd>& x, std::vector<double>& xw,
                   std::vector<int>& w);
  void rows_through_cells(int nc, int h, double L, const std::vector<double>& xw, const std::vector<int>& w,
                          const Eigen::Ref<const Eigen::VectorXd>& diameters);
  void rows_by_images(double rmax, double L, const std::vector<double>& xw, const std::vector<int>& w,
                      const Eigen::Ref<const Eigen::VectorXd>& diameters);
  void begin_row(int i);
  void end_row();
  // Records the frame target of the entry just added: j itself, or a ghost of j shifted by m L.
  void add_target(int j, int a, int b, int c, double inv_sigma2, double rin);
  void finish_ghosts(int n, double length);

  double skin_;
  double outer_skin_;
  double slack_;
  std::vector<std::int32_t> row_particle_;
  std::vector<std::int32_t> row_start_;
  std::vector<Entry> entries_;        // the outer list while it is built
  std::vector<std::int32_t> origin_;  // outer-list index of each working-list entry
  std::vector<std::array<double, 3>> images_;
  static constexpr int kDenseImageRange = 4;
  std::vector<std::int32_t> dense_images_;
  std::unordered_map<std::uint64_t, std::int32_t> image_keys_;
  // The working list's targets and 1/sigma^2 on cache lines (the kernel reads them as vectors).
  AlignedVector<std::int32_t> target_;
  AlignedVector<double> q_;
  std::vector<std::int32_t> ghost_source_, work_ghost_source_, ghost_slot_;
  std::vector<double> wrap_shift_, ghost_shift_, work_ghost_shift_, y_refresh_, y_build_;
  // The outer list (rows, entries, frame targets, 1/sigma^2, working cut-off^2 of each pair).
  std::vector<std::int32_t> outer_rows_, outer_start_;
  AlignedVector<std::int32_t> outer_target_;
  std::vector<Entry> outer_entries_;
  AlignedVector<double> outer_q_;
  std::vector<double> rin2_;
  Eigen::VectorXd x_refresh_;
  long refreshes_ = 0;
  std::vector<std::pair<std::uint64_t, std::int32_t>> shifted_;  // (j and m packed, entry) while building
  Eigen::VectorXd x_build_;
  long builds_ = 0;
  std::int32_t longest_row_ = 0;
};

}  // namespace tls
