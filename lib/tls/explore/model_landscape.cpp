// The model landscape: one MdIntegrator and one quench force field per walker.
#include "tls/explore/model_landscape.hpp"

#include <algorithm>
#include <cmath>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/core/rng.hpp"

namespace tls::explore {

std::string describe_start(RunStart s, long transient_steps) {
  std::string d = s == RunStart::glass ? "glass" : "inherent-structure";
  if (transient_steps > 0) d += " transient=" + std::to_string(transient_steps);
  return d;
}

std::string describe(const Recognition& r) {
  if (!r.enabled) return "full";
  return "recognise gate=" + format_double(r.gate) + " residual=" + format_double(r.residual);
}

namespace {
class ModelWalker : public Walker {
 public:
  ModelWalker(const ForceField& ff, const ModelSettings& s, const Eigen::VectorXd& x, std::uint64_t seed,
              std::uint64_t run)
      : md_(ff, s.md, Rng(seed, "explore-thermostat", run), x,
            start_velocities(ff.size(), s.md.temperature, seed, run)),
        quench_ff_(ff),
        hessian_ff_(ff),
        minimizer_(s.minimizer),
        recognition_(s.recognition) {
    for (double c : {3e-3, 2e-3})
      if (c > minimizer_.switch_ftol) checkpoints_.push_back(c);
    checkpoints_.push_back(minimizer_.switch_ftol);
  }

  void step() override { md_.run(1); }
  const Eigen::VectorXd& positions() const override { return md_.state().x; }
  Quench quench(const Eigen::VectorXd& x) override {
    Eigen::VectorXd y = x;
    const auto r = minimize(quench_ff_, y, minimizer_);
    return make_quench(std::move(y), r);
  }
  Quench quench(const Eigen::VectorXd& x, const std::vector<KnownMinimum>& known) override {
    if (!recognition_.enabled || known.empty() || minimizer_.algorithm != MinAlgorithm::fire_lbfgs) return quench(x);
    Eigen::VectorXd y = x;
    std::optional<std::uint32_t> found;
    long products = 0;
    std::size_t next = 0;
    MinimizerOptions o = minimizer_;
    o.fire.watch = [&](const Eigen::Ref<const Eigen::VectorXd>& z, const Eigen::VectorXd& f, double e,
                       double max_force) {
      bool crossed = false;
      while (next < checkpoints_.size() && max_force < checkpoints_[next]) ++next, crossed = true;
      if (crossed) found = recognise(z, f, e, known, products);
      return found.has_value();
    };
    const auto r = minimize(quench_ff_, y, o);
    if (!found) {
      Quench q = make_quench(std::move(y), r);
      q.force_calls += products;
      return q;
    }
    Quench q;
    q.energy = r.energy;
    q.max_force = r.max_force;
    q.force_calls = r.force_calls + products;
    q.converged = true;
    q.recognised = found;
    return q;
  }

 private:
  static Eigen::VectorXd start_velocities(int n, double temperature, std::uint64_t seed, std::uint64_t run) {
    Rng rng(seed, "explore-velocities", run);
    return maxwell_boltzmann(n, temperature, rng);
  }
  // The harmonic test of Recognition (model_landscape.hpp) against each known minimum in turn.
  std::optional<std::uint32_t> recognise(const Eigen::Ref<const Eigen::VectorXd>& z, const Eigen::VectorXd& f, double e,
                                         const std::vector<KnownMinimum>& known, long& products) {
    const double f_norm = f.norm();
    for (const auto& k : known) {
      if (e < k.energy - 1e-12 * std::max(1.0, std::abs(k.energy))) continue;
      delta_ = relative_displacement(quench_ff_.box(), *k.positions, z);
      double worst = 0;
      for (Eigen::Index i = 0; i + 2 < delta_.size(); i += 3)
        worst = std::max(worst, delta_.segment<3>(i).squaredNorm());
      if (!(std::sqrt(worst) < recognition_.gate)) continue;
      predicted_.resize(delta_.size());
      hessian_ff_.hessian_product(*k.positions, delta_, predicted_);
      ++products;
      predicted_ += f;  // F(z) + H (z - x_c): zero in the harmonic basin of x_c
      if (predicted_.norm() < recognition_.residual * f_norm) return k.id;
    }
    return std::nullopt;
  }

  MdIntegrator md_;
  ForceField quench_ff_;
  ForceField hessian_ff_;  // Hessian-vector products at known minima (keeps quench_ff_'s list as it is)
  MinimizerOptions minimizer_;
  Recognition recognition_;
  std::vector<double> checkpoints_;  // max|F| at which a descent is tested, falling
  Eigen::VectorXd delta_, predicted_;
};
}  // namespace

ModelLandscape::ModelLandscape(const Configuration& glass, const ModelSettings& settings)
    : glass_(glass), settings_(settings), ff_(glass.box, glass.diameters, settings.skin) {
  validate(glass_, "glass");
  if (settings_.start == RunStart::inherent_structure) {
    ForceField ff = ff_;
    const auto r = minimize(ff, glass_.positions, settings_.minimizer);
    if (!r.converged)
      throw DataError("glass", 0, "its inherent structure did not converge (" + r.stop_reason + "); try --start glass");
  }
  Eigen::VectorXd f(glass_.positions.size());
  ff_.energy_forces(glass_.positions, f);  // builds the list once (and rejects overlaps early)
}

std::unique_ptr<Walker> ModelLandscape::walker(std::uint64_t seed, std::uint64_t run) const {
  return std::make_unique<ModelWalker>(ff_, settings_, glass_.positions, seed, run);
}

double ModelLandscape::distance(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const {
  return max_displacement(glass_.box, a, b);
}

}  // namespace tls::explore
