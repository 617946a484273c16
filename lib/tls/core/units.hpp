// Reduced units and the two materials of the paper (SPEC.md sections 6 and 7): the dimensionless
// mass m~ = m sigma^2 epsilon / hbar^2 and the factor from n0 in 1/(epsilon sigma^3) to J^-1 m^-3.
#pragma once

#include <string_view>

namespace tls {

struct MaterialConstants {
  std::string_view name;
  double mass;      ///< exact m~ (the paper rounds to 4000 and 30000)
  double n0_to_si;  ///< 1/(epsilon sigma^3) in J^-1 m^-3
};

inline constexpr MaterialConstants kArgon{"argon", 4116, 3.855e48};     // sigma 3.4 A, epsilon 6.6e-21 J
inline constexpr MaterialConstants kNickel{"nickel", 27504, 1.509e48};  // sigma 2.21 A, epsilon 6.14e-20 J

}  // namespace tls
