// Verlet (half) neighbour list with per-pair cut-offs, built through a cell list.
//
// Each pair (i, j) is stored once with its periodic image as an integer shift, so that the force
// loop needs no minimum-image rounding: d = x_j - x_i + image * L on *unwrapped* coordinates. A
// pair enters the list when r < x_c sigma_ij + skin; the list stays exact until some particle has
// moved more than skin/2 since the build. Small boxes (L < 3 list radii) are handled by explicit
// image enumeration, so any N works, including tests with a few dozen particles.
#pragma once

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

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

  /// `skin` in sigma (> 0). `diameter_slack` >= 0 widens every pair's cut-off as if both diameters
  /// were that much larger (for swap Monte Carlo, where diameters change between builds).
  explicit NeighbourList(double skin = 0.3, double diameter_slack = 0.0);

  /// Builds the list for positions x (3N, unwrapped) and diameters. Throws DataError when two
  /// particles sit at distance zero (the energy would be infinite).
  void build(const Box& box, const Eigen::Ref<const Eigen::VectorXd>& x,
             const Eigen::Ref<const Eigen::VectorXd>& diameters);

  /// True when some particle moved more than skin/2 since the last build (or never built).
  bool needs_rebuild(const Eigen::Ref<const Eigen::VectorXd>& x) const;

  /// Rows in compressed form: row r belongs to particle row_particle()[r] and holds the entries
  /// [row_start()[r], row_start()[r+1]). Rows follow the cell order (spatially local), so the
  /// force kernel keeps F_i in registers along a row.
  const std::vector<std::int32_t>& row_particle() const { return row_particle_; }
  const std::vector<std::int32_t>& row_start() const { return row_start_; }
  const std::vector<Entry>& entries() const { return entries_; }
  /// Number of listed pairs.
  std::size_t size() const { return entries_.size(); }
  /// Image shift vectors (multiples of L), indexed by Entry::image.
  const std::vector<std::array<double, 3>>& images() const { return images_; }
  double skin() const { return skin_; }
  long builds() const { return builds_; }
  /// Entries in the longest row.
  std::int32_t longest_row() const { return longest_row_; }

  /// Calls visit(i, j, entry) for every listed pair, with i and j the caller's indices.
  template <class Visit>
  void for_each_pair(Visit&& visit) const {
    for (std::size_t r = 0; r < row_particle_.size(); ++r) {
      const int i = row_particle_[r];
      for (auto k = row_start_[r]; k < row_start_[r + 1]; ++k) {
        const Entry& e = entries_[static_cast<std::size_t>(k)];
        visit(i, static_cast<int>(e.j), e);
      }
    }
  }

 private:
  std::int32_t image_index(int nx, int ny, int nz, double length);
  void begin_row(int i);
  void end_row();

  double skin_;
  double slack_;
  std::vector<std::int32_t> row_particle_;
  std::vector<std::int32_t> row_start_;
  std::vector<Entry> entries_;
  std::vector<std::array<double, 3>> images_;
  static constexpr int kDenseImageRange = 4;
  std::vector<std::int32_t> dense_images_;
  std::unordered_map<std::uint64_t, std::int32_t> image_keys_;
  Eigen::VectorXd x_build_;
  long builds_ = 0;
  std::int32_t longest_row_ = 0;
};

}  // namespace tls
