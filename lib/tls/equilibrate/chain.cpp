// Swap MC, hybrid swap/MD and plain MD chains behind one interface, with exact save and restore.
#include "tls/equilibrate/chain.hpp"

#include <cmath>

#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/core/names.hpp"

namespace tls {

namespace {
constexpr Named<Method> kMethods[] = {{Method::swap, "swap"}, {Method::hybrid, "hybrid"}, {Method::md, "md"}};
}  // namespace

Method method_from_name(const std::string& name) { return value_named_or_usage_error(kMethods, name, "method"); }

std::string to_string(Method m) { return name_of(kMethods, m); }

void validate(const ChainOptions& o) {
  validate(o.mc);
  if (o.method != Method::swap) {
    if (!(o.md.dt > 0) || !std::isfinite(o.md.dt))
      throw UsageError("--dt (MD time step) must be positive, got " + format_double(o.md.dt));
    if (!(o.md.tau > 0) || !std::isfinite(o.md.tau))
      throw UsageError("--tau (thermostat time constant) must be positive, got " + format_double(o.md.tau));
    if (o.block_steps < 1) throw UsageError("--block-steps must be at least 1, got " + std::to_string(o.block_steps));
    if (o.block_swaps < 0) throw UsageError("--block-swaps must be non-negative, got " + std::to_string(o.block_swaps));
  }
}

namespace {
void put_rng(bin::PayloadWriter& w, const Rng& rng) {
  const auto s = rng.state();
  for (auto v : s.s) w.put(v);
  w.put(s.cached_normal);
  w.put(static_cast<std::uint8_t>(s.has_cached));
}
Rng get_rng(bin::PayloadReader& r) {
  Rng rng(0, "", 0);
  Rng::State s{};
  for (auto& v : s.s) v = r.get<std::uint64_t>();
  s.cached_normal = r.get<double>();
  s.has_cached = r.get<std::uint8_t>() != 0;
  rng.set_state(s);
  return rng;
}
void put_vector(bin::PayloadWriter& w, const Eigen::VectorXd& v) {
  w.put(static_cast<std::uint64_t>(v.size()));
  w.put_bytes(v.data(), sizeof(double) * static_cast<std::size_t>(v.size()));
}
Eigen::VectorXd get_vector(bin::PayloadReader& r, Eigen::Index expected) {
  const auto n = r.get<std::uint64_t>();
  if (n != static_cast<std::uint64_t>(expected)) throw DataError("chain state has a vector of the wrong size");
  Eigen::VectorXd v(expected);
  r.get_bytes(v.data(), sizeof(double) * static_cast<std::size_t>(expected));
  if (!v.allFinite()) throw DataError("chain state holds non-finite numbers");
  return v;
}
}  // namespace

Chain::Chain(const Configuration& start, const ChainOptions& options, std::uint64_t seed, std::uint64_t replica)
    : o_(options), box_(start.box), diameters_(start.diameters) {
  validate(o_);
  if (o_.method != Method::md)
    mc_.emplace(box_, start.positions, diameters_, o_.mc, Rng(seed, "equilibrate-mc", replica));
  if (o_.method != Method::swap) {
    Eigen::VectorXd v = start.velocities;
    if (v.size() != start.positions.size()) {
      Rng vrng(seed, "equilibrate-velocities", replica);
      v = maxwell_boltzmann(size(), o_.mc.temperature, vrng);
    }
    make_md(start.positions, v, Rng(seed, "equilibrate-md", replica));
  }
}

Chain::Chain(bin::PayloadReader& r, const Box& box, const ChainOptions& options) : o_(options), box_(box) {
  const auto method = r.get<std::uint8_t>();
  if (method != static_cast<std::uint8_t>(o_.method)) throw DataError("chain state was written by another method");
  const auto n = r.get<std::uint64_t>();
  if (n < 1 || n > 100000000) throw DataError("chain state has an implausible particle count");
  const auto ni = static_cast<Eigen::Index>(n);
  o_.mc.temperature = r.get<double>();
  o_.mc.delta = r.get<double>();
  const Eigen::VectorXd x = get_vector(r, 3 * ni);
  diameters_ = get_vector(r, ni);
  for (auto& c : {&counts_saved_.displacements, &counts_saved_.displacements_accepted, &counts_saved_.swaps,
                  &counts_saved_.swaps_eligible, &counts_saved_.swaps_accepted})
    *c = r.get<std::uint64_t>();
  validate(o_);
  if (o_.method != Method::md) mc_.emplace(box_, x, diameters_, o_.mc, get_rng(r));
  if (o_.method != Method::swap) {
    const Eigen::VectorXd v = get_vector(r, 3 * ni);
    make_md(x, v, get_rng(r));
  }
}

void Chain::save(bin::PayloadWriter& w) const {
  w.put(static_cast<std::uint8_t>(o_.method));
  w.put(static_cast<std::uint64_t>(size()));
  w.put(o_.mc.temperature);
  w.put(o_.mc.delta);
  put_vector(w, positions());
  put_vector(w, diameters_);
  const MoveCounts c = counts();
  for (auto v : {c.displacements, c.displacements_accepted, c.swaps, c.swaps_eligible, c.swaps_accepted}) w.put(v);
  if (mc_) put_rng(w, mc_->rng());
  if (md_) {
    put_vector(w, md_->state().v);
    put_rng(w, md_->rng());
  }
}

void Chain::make_md(const Eigen::VectorXd& x, const Eigen::VectorXd& v, Rng rng) {
  MdOptions mo = o_.md;
  mo.temperature = o_.mc.temperature;
  mo.thermostat = Thermostat::bussi;
  md_.emplace(ForceField(box_, diameters_), mo, rng, x, v);
  md_energy_ = md_->potential();
}

void Chain::reset_forces() {
  // A fresh neighbour list, as a restored chain has: forces then do not depend on when the list
  // was last rebuilt.
  auto& s = md_->state();
  if (!s.x.allFinite() || !s.v.allFinite())
    throw DataError(
        "molecular dynamics became unstable (non-finite positions): the start has overlaps or the time step is too "
        "large");
  md_->force_field().set_diameters(diameters_);
  md_energy_ = md_->recompute_forces();
  if (!std::isfinite(md_energy_))
    throw DataError("molecular dynamics became unstable (energy " + std::to_string(md_energy_) +
                    "): the start has overlaps or the time step is too large");
}

void Chain::advance(long blocks) {
  switch (o_.method) {
    case Method::swap:
      mc_->sweeps(blocks);
      diameters_ = mc_->diameters();
      break;
    case Method::md:
      md_->run(blocks * o_.block_steps);
      reset_forces();
      break;
    case Method::hybrid: {
      const long swaps = o_.block_swaps > 0 ? o_.block_swaps : size();
      for (long b = 0; b < blocks; ++b) {
        md_->run(o_.block_steps);
        mc_->set_positions(md_->state().x);
        mc_->swap_attempts(swaps);
        diameters_ = mc_->diameters();
        reset_forces();
      }
      break;
    }
  }
}

double Chain::time_per_block() const {
  return o_.method == Method::swap ? 1.0 : static_cast<double>(o_.block_steps) * o_.md.dt;
}

void Chain::set_temperature(double t) {
  ChainOptions o = o_;
  o.mc.temperature = t;
  validate(o);
  o_ = o;
  if (mc_) mc_->set_temperature(t);
  if (md_) {
    // A new integrator at the new target; its forces come from a fresh list (canonical state).
    const Eigen::VectorXd x = md_->state().x, v = md_->state().v;
    make_md(x, v, md_->rng());
  }
}

void Chain::set_delta(double delta) {
  if (!mc_) return;
  mc_->set_delta(delta);
  o_.mc.delta = delta;
}

double Chain::energy() const { return md_ ? md_energy_ : mc_->energy(); }

Eigen::VectorXd Chain::positions() const { return md_ ? md_->state().x : mc_->positions(); }

Eigen::VectorXd Chain::velocities() const { return md_ ? md_->state().v : Eigen::VectorXd(); }

MoveCounts Chain::counts() const {
  MoveCounts c = counts_saved_;
  if (mc_) c += mc_->counts();
  return c;
}

}  // namespace tls
