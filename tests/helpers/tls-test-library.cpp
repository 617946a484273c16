// Test helper: builds a tls-minima library from configuration files, ids 0, 1, ... in the order
// given, positions as read (not minimised). Usage: tls-test-library OUT GLASS CONFIG...
// Stands in for tls-explore in the tool tests of the stages that read libraries.
#include <iostream>

#include "tls/cli/cli.hpp"
#include "tls/core/error.hpp"
#include "tls/io/configuration_io.hpp"
#include "tls/io/minima_library.hpp"
#include "tls/model/force_field.hpp"

int main(int argc, char** argv) {
  return tls::cli::run("tls-test-library", [&] {
    if (argc < 4) throw tls::UsageError("usage: tls-test-library OUT GLASS CONFIG...");
    const auto first = tls::read_configuration(argv[3]);
    auto w = tls::MinimaWriter::create(argv[1], tls::glass_header(first, argv[2]));
    tls::ForceField ff(first.box, first.diameters);
    Eigen::VectorXd f(first.positions.size());
    for (int k = 3; k < argc; ++k) {
      const auto c = tls::read_configuration(argv[k]);
      tls::Minimum m;
      m.id = static_cast<std::uint64_t>(k - 3);
      m.positions = c.positions;
      m.energy = ff.energy_forces(c.positions, f);
      m.max_force = tls::max_particle_norm(f);
      w.add(m);
    }
    w.sync();
    return 0;
  });
}
