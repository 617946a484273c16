// The model landscape: one MdIntegrator and one quench force field per walker.
#include "tls/explore/model_landscape.hpp"

#include "tls/core/rng.hpp"

namespace tls::explore {

namespace {
class ModelWalker : public Walker {
 public:
  ModelWalker(const ForceField& ff, const ModelSettings& s, const Eigen::VectorXd& x, std::uint64_t seed,
              std::uint64_t run)
      : md_(ff, s.md, Rng(seed, "explore-thermostat", run), x, start_velocities(ff.size(), s.md.temperature, seed, run)),
        quench_ff_(ff),
        minimizer_(s.minimizer) {}

  void step() override { md_.run(1); }
  const Eigen::VectorXd& positions() const override { return md_.state().x; }
  Quench quench(const Eigen::VectorXd& x) override {
    Eigen::VectorXd y = x;
    const auto r = minimize(quench_ff_, y, minimizer_);
    return make_quench(std::move(y), r);
  }

 private:
  static Eigen::VectorXd start_velocities(int n, double temperature, std::uint64_t seed, std::uint64_t run) {
    Rng rng(seed, "explore-velocities", run);
    return maxwell_boltzmann(n, temperature, rng);
  }
  MdIntegrator md_;
  ForceField quench_ff_;
  MinimizerOptions minimizer_;
};
}  // namespace

ModelLandscape::ModelLandscape(const Configuration& glass, const ModelSettings& settings)
    : glass_(glass), settings_(settings), ff_(glass.box, glass.diameters, settings.skin) {
  validate(glass_, "glass");
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
