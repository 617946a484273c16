// Files for viewers (ASE, OVITO): positions wrapped into the cell, and displacement fields between
// two configurations of one glass as extended XYZ with per-particle vectors (the paper's Fig. 4).
#pragma once

#include <Eigen/Core>
#include <optional>
#include <ostream>

#include "tls/model/configuration.hpp"

namespace tls {

/// Translates every position by -Origin (box.lo) and wraps it into [0, L), then sets the origin to
/// zero: the same periodic configuration (same energy), drawn inside the box by every viewer
/// (ASE ignores Origin=). Velocities are unchanged.
void wrap_into_cell(Configuration& c);

/// Extended XYZ of configuration `a` with the per-particle displacement to another configuration:
/// Properties=species:S:1:pos:R:3:diameter:R:1:displacement:R:3:displacement_norm:R:1 (ASE reads
/// atoms.arrays["displacement"], OVITO colours by "displacement_norm"). `displacement` is 3N (sigma);
/// the comment line also carries max_displacement and, when given, energy.
void write_displacement_xyz(std::ostream& out, const Configuration& a, const Eigen::Ref<const Eigen::VectorXd>& displacement,
                            std::optional<double> energy = std::nullopt);

}  // namespace tls
