// Velocity Verlet with Bussi stochastic velocity rescaling applied in two half steps.
#include "tls/md/md.hpp"

#include <cmath>

#include "tls/core/error.hpp"

namespace tls {

Thermostat thermostat_from_name(const std::string& name) {
  if (name == "none" || name == "nve") return Thermostat::none;
  if (name == "bussi") return Thermostat::bussi;
  throw UsageError("unknown thermostat '" + name + "' (expected bussi or none)");
}

double MdState::temperature() const {
  const auto dof = static_cast<double>(v.size()) - 3.0;
  return dof > 0 ? 2.0 * kinetic() / dof : 0.0;
}

void remove_drift(Eigen::Ref<Eigen::VectorXd> v) {
  const auto n = v.size() / 3;
  if (n == 0) return;
  for (int c = 0; c < 3; ++c) {
    double mean = 0;
    for (Eigen::Index i = 0; i < n; ++i) mean += v[3 * i + c];
    mean /= static_cast<double>(n);
    for (Eigen::Index i = 0; i < n; ++i) v[3 * i + c] -= mean;
  }
}

Eigen::VectorXd maxwell_boltzmann(int n, double temperature, Rng& rng, bool exact) {
  if (!(temperature >= 0) || !std::isfinite(temperature)) throw UsageError("temperature must be finite and >= 0");
  Eigen::VectorXd v(3 * n);
  const double s = std::sqrt(temperature);
  for (Eigen::Index k = 0; k < v.size(); ++k) v[k] = s * rng.normal();
  remove_drift(v);
  if (exact && n > 1 && temperature > 0) {
    const double t = v.squaredNorm() / (3.0 * n - 3.0);
    if (t > 0) v *= std::sqrt(temperature / t);
  }
  return v;
}

MdIntegrator::MdIntegrator(const ForceField& ff, const MdOptions& options, Rng rng,
                           const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::Ref<const Eigen::VectorXd>& v)
    : ff_(ff), options_(options), rng_(rng), dof_(3 * ff.size() - 3) {
  if (!(options.dt > 0) || !std::isfinite(options.dt)) throw UsageError("time step must be positive");
  if (options.thermostat == Thermostat::bussi && !(options.temperature > 0 && std::isfinite(options.temperature)))
    throw UsageError("thermostat temperature must be positive and finite");
  if (options.thermostat == Thermostat::bussi && !(options.tau > 0)) throw UsageError("thermostat time constant must be positive");
  state_.x = x;
  state_.v = v;
  state_.f.resize(x.size());
  state_.potential = ff_.energy_forces(state_.x, state_.f);
}

void MdIntegrator::thermostat(double dt) {
  // Bussi et al. 2007, Appendix: the new kinetic energy drawn exactly for a time step dt.
  const double k = state_.kinetic();
  if (k <= 0 || dof_ <= 0) return;
  const double target = 0.5 * dof_ * options_.temperature;
  const double c = std::exp(-dt / options_.tau);
  const double r1 = rng_.normal();
  const double rest = dof_ > 1 ? 2.0 * rng_.gamma(0.5 * (dof_ - 1)) : 0.0;  // sum of dof-1 squared normals
  const double k_new = c * k + (1 - c) * target / dof_ * (r1 * r1 + rest) + 2 * r1 * std::sqrt(c * (1 - c) * k * target / dof_);
  const double alpha = std::sqrt(std::max(k_new, 0.0) / k);
  state_.thermostat_work += (alpha * alpha - 1.0) * k;
  state_.v *= alpha;
}

void MdIntegrator::run(long steps) {
  const double dt = options_.dt;
  const bool thermo = options_.thermostat == Thermostat::bussi;
  for (long s = 0; s < steps; ++s) {
    if (thermo) thermostat(0.5 * dt);
    state_.v += 0.5 * dt * state_.f;
    state_.x += dt * state_.v;
    state_.potential = ff_.energy_forces(state_.x, state_.f);
    state_.v += 0.5 * dt * state_.f;
    if (thermo) thermostat(0.5 * dt);
    ++state_.step;
    state_.time = static_cast<double>(state_.step) * dt;
  }
}

}  // namespace tls
