// Q6 and solid-like particles from first-shell bonds.
#include "tls/equilibrate/order.hpp"

#include <cmath>
#include <numbers>
#include <vector>

#include "tls/model/neighbour_list.hpp"

namespace tls {

std::array<std::complex<double>, 7> spherical_harmonics_6(double x, double y, double z) {
  // Y_6m = N_6m (d^m P_6 / dz^m)(cos theta) (sin theta e^{i phi})^m, with the Condon-Shortley sign
  // left out (it cancels in every quantity we form). N_6m^2 = 13/(4 pi) (6-m)!/(6+m)!.
  static const std::array<double, 7> norm = [] {
    std::array<double, 7> n{};
    auto fact = [](int k) {
      double f = 1;
      for (int i = 2; i <= k; ++i) f *= i;
      return f;
    };
    for (int m = 0; m <= 6; ++m)
      n[static_cast<std::size_t>(m)] = std::sqrt(13.0 / (4 * std::numbers::pi) * fact(6 - m) / fact(6 + m));
    return n;
  }();
  const double r = std::sqrt(x * x + y * y + z * z);
  const double c = z / r;
  const double c2 = c * c;
  const double d[7] = {(((231 * c2 - 315) * c2 + 105) * c2 - 5) / 16,
                       ((1386 * c2 - 1260) * c2 + 210) * c / 16,
                       ((6930 * c2 - 3780) * c2 + 210) / 16,
                       (27720 * c2 - 7560) * c / 16,
                       (83160 * c2 - 7560) / 16,
                       166320 * c / 16,
                       166320.0 / 16};
  const std::complex<double> e(x / r, y / r);
  std::complex<double> p = 1.0;
  std::array<std::complex<double>, 7> y6{};
  for (std::size_t m = 0; m <= 6; ++m) {
    y6[m] = norm[m] * d[m] * p;
    p *= e;
  }
  return y6;
}

BondOrder bond_order(const Box& box, const Eigen::Ref<const Eigen::VectorXd>& x,
                     const Eigen::Ref<const Eigen::VectorXd>& diameters, const BondOrderOptions& options) {
  const int n = static_cast<int>(diameters.size());
  // The list holds pairs within 1.25 sigma_ij + skin, a superset of the bonds while
  // bond_cut - 1.25 < skin / 1.62 (the largest sigma_ij).
  NeighbourList list(std::max(0.3, (options.bond_cut - 1.25) * 1.7), 0.0);
  list.build(box, x, diameters);
  struct Bond {
    int i, j;
  };
  std::vector<Bond> bonds;
  std::vector<std::array<std::complex<double>, 7>> q(static_cast<std::size_t>(n));
  std::vector<int> count(static_cast<std::size_t>(n), 0);
  std::array<std::complex<double>, 7> total{};
  const auto& images = list.images();
  list.for_each_pair([&](int i, int j, const NeighbourList::Entry& e) {
    const auto& s = images[static_cast<std::size_t>(e.image)];
    const double d[3] = {x[3 * j] - x[3 * i] + s[0], x[3 * j + 1] - x[3 * i + 1] + s[1],
                         x[3 * j + 2] - x[3 * i + 2] + s[2]};
    const double r2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
    if (r2 * e.inv_sigma2 >= options.bond_cut * options.bond_cut) return;
    // Y_6m(-r) = Y_6m(r) (l even): one evaluation serves both ends of the bond.
    const auto y = spherical_harmonics_6(d[0], d[1], d[2]);
    for (std::size_t m = 0; m <= 6; ++m) {
      q[static_cast<std::size_t>(i)][m] += y[m];
      q[static_cast<std::size_t>(j)][m] += y[m];
      total[m] += 2.0 * y[m];
    }
    ++count[static_cast<std::size_t>(i)];
    ++count[static_cast<std::size_t>(j)];
    bonds.push_back({i, j});
  });
  BondOrder r;
  const double nb = 2.0 * static_cast<double>(bonds.size());
  r.mean_bonds = n > 0 ? nb / n : 0.0;
  if (bonds.empty()) return r;
  auto norm2 = [](const std::array<std::complex<double>, 7>& v) {
    double s = std::norm(v[0]);
    for (std::size_t m = 1; m <= 6; ++m) s += 2 * std::norm(v[m]);
    return s;
  };
  std::array<std::complex<double>, 7> mean{};
  for (std::size_t m = 0; m <= 6; ++m) mean[m] = total[m] / nb;
  r.q6 = std::sqrt(4 * std::numbers::pi / 13 * norm2(mean));
  std::vector<double> len(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) len[static_cast<std::size_t>(i)] = std::sqrt(norm2(q[static_cast<std::size_t>(i)]));
  std::vector<int> solid_bonds(static_cast<std::size_t>(n), 0);
  for (const Bond& b : bonds) {
    const auto& qi = q[static_cast<std::size_t>(b.i)];
    const auto& qj = q[static_cast<std::size_t>(b.j)];
    double dot = (qi[0] * std::conj(qj[0])).real();
    for (std::size_t m = 1; m <= 6; ++m) dot += 2 * (qi[m] * std::conj(qj[m])).real();
    const double denom = len[static_cast<std::size_t>(b.i)] * len[static_cast<std::size_t>(b.j)];
    if (denom > 0 && dot / denom > options.coherence) {
      ++solid_bonds[static_cast<std::size_t>(b.i)];
      ++solid_bonds[static_cast<std::size_t>(b.j)];
    }
  }
  int solid = 0;
  for (int c : solid_bonds) solid += c >= options.solid_bonds;
  r.solid_fraction = static_cast<double>(solid) / n;
  return r;
}

}  // namespace tls
