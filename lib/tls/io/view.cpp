// Wrapped positions and displacement fields for viewers (see view.hpp).
#include "tls/io/view.hpp"

#include <cmath>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"

namespace tls {

void wrap_into_cell(Configuration& c) {
  const double L = c.box.length;
  for (Eigen::Index i = 0; i < c.positions.size(); ++i) {
    double x = c.positions[i] - c.box.lo[i % 3];
    x -= L * std::floor(x / L);
    if (x >= L || x < 0) x = 0;  // round-off at the upper face
    c.positions[i] = x;
  }
  c.box.lo[0] = c.box.lo[1] = c.box.lo[2] = 0;
}

void write_displacement_xyz(std::ostream& out, const Configuration& a, const Eigen::Ref<const Eigen::VectorXd>& displacement,
                            std::optional<double> energy) {
  const int n = a.size();
  if (displacement.size() != 3 * static_cast<Eigen::Index>(n))
    throw InternalError("displacement field of another size than the configuration");
  double largest = 0;
  for (int i = 0; i < n; ++i) largest = std::max(largest, displacement.segment<3>(3 * i).norm());
  const std::string L = format_g17(a.box.length);
  out << n << '\n';
  out << "Lattice=\"" << L << " 0 0 0 " << L << " 0 0 0 " << L
      << "\" Properties=species:S:1:pos:R:3:diameter:R:1:displacement:R:3:displacement_norm:R:1";
  if (energy) out << " energy=" << format_g17(*energy);
  out << " max_displacement=" << format_g17(largest) << " pbc=\"T T T\"";
  if (a.box.lo[0] != 0 || a.box.lo[1] != 0 || a.box.lo[2] != 0)
    out << " Origin=\"" << format_g17(a.box.lo[0]) << ' ' << format_g17(a.box.lo[1]) << ' ' << format_g17(a.box.lo[2]) << '"';
  for (const auto& [k, v] : a.info) out << ' ' << k << "=\"" << v << '"';
  out << '\n';
  for (int i = 0; i < n; ++i) {
    out << "X";
    for (int k = 0; k < 3; ++k) out << ' ' << format_g17(a.positions[3 * i + k]);
    out << ' ' << format_double(a.diameters[i]);
    for (int k = 0; k < 3; ++k) out << ' ' << format_g17(displacement[3 * i + k]);
    out << ' ' << format_g17(displacement.segment<3>(3 * i).norm()) << '\n';
  }
}

}  // namespace tls
