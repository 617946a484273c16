// Velocity Verlet with the Bussi stochastic velocity rescaling applied once per step, in two passes.
#include "tls/md/md.hpp"

#include <cmath>

#include "tls/core/error.hpp"
#include "tls/model/simd.hpp"

namespace tls {

Thermostat thermostat_from_name(const std::string& name) {
  if (name == "none" || name == "nve") return Thermostat::none;
  if (name == "bussi") return Thermostat::bussi;
  throw UsageError("unknown thermostat '" + name + "' (expected bussi or none)");
}

std::string to_string(Thermostat t) { return t == Thermostat::bussi ? "bussi" : "none"; }

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
  if (options.thermostat == Thermostat::bussi && !(options.tau > 0))
    throw UsageError("thermostat time constant must be positive");
  state_.x = x;
  state_.v = v;
  state_.f.resize(x.size());
  recompute_forces();
}

double MdIntegrator::recompute_forces() {
  potential_ = ff_.energy_forces(state_.x, state_.f);
  potential_known_ = true;
  return potential_;
}

double MdIntegrator::potential() {
  if (!potential_known_) {
    // At the positions of the last force call the list is unchanged, so this is the energy the
    // step's own evaluation would have summed.
    scratch_f_.resize(state_.x.size());
    potential_ = ff_.energy_forces(state_.x, scratch_f_);
    potential_known_ = true;
  }
  return potential_;
}

namespace {
// Sum of squares in eight fixed lanes (vectorised, the same bits on every instruction set): the
// integrator's second half kick accumulates exactly this sum, so a cached value and a fresh one agree.
double squared_norm8(const double* v, Eigen::Index n) {
  double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  Eigen::Index k = 0;
  for (; k + 8 <= n; k += 8)
    for (int l = 0; l < 8; ++l) acc[l] += v[k + l] * v[k + l];
  for (; k < n; ++k) acc[0] += v[k] * v[k];
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

// The two passes of a step, compiled for AVX-512/AVX2/baseline (element-wise arithmetic in a fixed
// order: the same bits on each). The rescaling, first half kick and drift: v <- alpha v + h f,
// x <- x + dt v.
TLS_SIMD_CLONES void drift(double alpha, double h, double dt, double* __restrict x, double* __restrict v,
                           const double* __restrict f, Eigen::Index n) {
  for (Eigen::Index k = 0; k < n; ++k) {
    const double w = alpha * v[k] + h * f[k];
    v[k] = w;
    x[k] += dt * w;
  }
}

// The second half kick v <- v + h f; returns |v|^2 summed as squared_norm8 sums it.
TLS_SIMD_CLONES double kick(double h, double* __restrict v, const double* __restrict f, Eigen::Index n) {
  double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  Eigen::Index k = 0;
  for (; k + 8 <= n; k += 8)
    for (int l = 0; l < 8; ++l) {
      const double w = v[k + l] + h * f[k + l];
      v[k + l] = w;
      acc[l] += w * w;
    }
  for (; k < n; ++k) {
    const double w = v[k] + h * f[k];
    v[k] = w;
    acc[0] += w * w;
  }
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}
}  // namespace

double MdIntegrator::thermostat_factor(double k, double dt) {
  // Bussi et al. 2007, Appendix: the new kinetic energy drawn exactly for a time step dt.
  if (k <= 0 || dof_ <= 0) return 1.0;
  const double target = 0.5 * dof_ * options_.temperature;
  const double c = std::exp(-dt / options_.tau);
  const double r1 = rng_.normal();
  const double rest = dof_ > 1 ? 2.0 * rng_.gamma(0.5 * (dof_ - 1)) : 0.0;  // sum of dof-1 squared normals
  const double k_new =
      c * k + (1 - c) * target / dof_ * (r1 * r1 + rest) + 2 * r1 * std::sqrt(c * (1 - c) * k * target / dof_);
  const double alpha = std::sqrt(std::max(k_new, 0.0) / k);
  state_.thermostat_work += (alpha * alpha - 1.0) * k;
  return alpha;
}

void MdIntegrator::run(long steps) {
  // Each step: the thermostat's rescaling for the whole step (as GROMACS and LAMMPS apply
  // v-rescale/csvr once per step), half kick, drift, forces, half kick. Two passes over the
  // vectors: the rescaling, first half kick and drift in one; the second half kick with the
  // kinetic energy the next step's thermostat needs in the other (docs/performance.md).
  const double dt = options_.dt, h = 0.5 * dt;
  const bool thermo = options_.thermostat == Thermostat::bussi;
  const Eigen::Index n3 = state_.v.size();
  if (steps > 0 && thermo && !v2_known_) v2_ = squared_norm8(state_.v.data(), n3);
  for (long s = 0; s < steps; ++s) {
    const double alpha = thermo ? thermostat_factor(0.5 * v2_, dt) : 1.0;
    drift(alpha, h, dt, state_.x.data(), state_.v.data(), state_.f.data(), n3);
    ff_.forces(state_.x, state_.f);
    potential_known_ = false;
    v2_ = kick(h, state_.v.data(), state_.f.data(), n3);
    ++state_.step;
    state_.time = static_cast<double>(state_.step) * dt;
  }
  v2_known_ = steps > 0 || v2_known_;
}

}  // namespace tls
