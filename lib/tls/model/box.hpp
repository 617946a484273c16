// Cubic periodic simulation box of side L (number density N/L^3).
#pragma once

#include <cmath>

namespace tls {

/// A cubic periodic box [lo, lo + L)^3. `lo` is kept only so that files round-trip (LAMMPS boxes
/// are often centred); the physics depends on L alone.
struct Box {
  double length = 0.0;
  double lo[3] = {0.0, 0.0, 0.0};

  double volume() const { return length * length * length; }
  /// Minimum-image form of a displacement component.
  double minimum_image(double d) const { return d - length * std::nearbyint(d / length); }
};

}  // namespace tls
