// The model as a NEB surface.
#include "tls/neb/surface.hpp"

#include <Eigen/SparseCholesky>

#include "tls/core/error.hpp"

namespace tls::neb {

ModelSurface::ModelSurface(const Box& box, const Eigen::VectorXd& diameters, double skin)
    : box_(box), diameters_(diameters), skin_(skin) {
  reserve(1);
}

void ModelSurface::reserve(int count) {
  while (static_cast<int>(fields_.size()) < count)
    fields_.push_back(std::make_unique<ForceField>(box_, diameters_, skin_));
}

ForceField& ModelSurface::force_field(int slot) {
  if (slot < 0 || slot >= static_cast<int>(fields_.size()))
    throw InternalError("surface slot " + std::to_string(slot) + " not reserved");
  return *fields_[static_cast<std::size_t>(slot)];
}

double ModelSurface::energy_forces(int slot, const Eigen::Ref<const Eigen::VectorXd>& x,
                                   Eigen::Ref<Eigen::VectorXd> f) {
  return force_field(slot).energy_forces(x, f);
}

double ModelSurface::energy(int slot, const Eigen::Ref<const Eigen::VectorXd>& x) {
  return force_field(slot).energy(x);
}

Eigen::VectorXd ModelSurface::displacement(const Eigen::Ref<const Eigen::VectorXd>& a,
                                           const Eigen::Ref<const Eigen::VectorXd>& b) const {
  if (a.size() != b.size() || a.size() != dimension())
    throw InternalError("displacement of configurations of different sizes");
  const Eigen::Index n = diameters_.size();
  Eigen::VectorXd d(a.size());
  double mean[3] = {0, 0, 0};
  for (Eigen::Index k = 0; k < d.size(); ++k) {
    d[k] = box_.minimum_image(b[k] - a[k]);
    mean[k % 3] += d[k];
  }
  for (Eigen::Index k = 0; k < d.size(); ++k) d[k] -= mean[k % 3] / static_cast<double>(n);
  return d;
}

void ModelSurface::remove_null_motion(Eigen::Ref<Eigen::VectorXd> v) const {
  // Runs twice per image and band step: strided views, no index arithmetic per element.
  const Eigen::Index n = v.size() / 3;
  Eigen::Map<Eigen::Matrix<double, 3, Eigen::Dynamic>> xyz(v.data(), 3, n);
  const Eigen::Vector3d mean = xyz.rowwise().mean();
  xyz.colwise() -= mean;
}

int ModelSurface::negative_modes(const Eigen::Ref<const Eigen::VectorXd>& x, double threshold) {
  Eigen::SparseMatrix<double> h = force_field(0).hessian_sparse(x);
  for (Eigen::Index k = 0; k < h.rows(); ++k) h.coeffRef(k, k) += threshold;
  const Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> ldlt(h);
  if (ldlt.info() != Eigen::Success) return -1;
  const Eigen::VectorXd d = ldlt.vectorD();
  return static_cast<int>((d.array() < 0).count());
}

long ModelSurface::calls() const {
  long c = 0;
  for (const auto& f : fields_) c += f->force_calls();
  return c;
}

}  // namespace tls::neb
