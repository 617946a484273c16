// Ranking every pair of minima of a library within a dE cut (the all-pairs candidates of Ciarella et
// al. 2023, `tls-pairs --select all`) without ever holding the pairs: features are computed batch by
// batch from the library's positions and only the best pairs are kept.
#pragma once

#include <cstdint>
#include <vector>

#include "tls/io/minima_library.hpp"
#include "tls/screen/screen.hpp"

namespace tls::screen {

/// The features of one pair as tls-pairs writes them (a the deeper minimum; counts 0): the
/// geometry of graph::pair_geometry() to the last bit. `features` names the values to return.
void pair_features(const Box& box, const Minimum& a, const Minimum& b, const std::vector<std::string>& features,
                   double* out);

struct StreamedPair {
  std::uint64_t a = 0, b = 0;  ///< a the deeper minimum
  float p_dw = 0;
  double splitting = 0;  ///< predicted (eps)
  float p_tls = 0;       ///< predicted probability of a TLS (0 for a 1.0 model)
  double cost = 1;       ///< predicted force calls of the NEB (1 for a 1.0 model)
  RankKey key;           ///< what it is ranked by
};
struct StreamReport {
  long long pairs = 0;             ///< pairs within the cut, all ranked
  std::vector<StreamedPair> best;  ///< the best `keep`, best first (order of rank_order())
};

/// Ranks every pair with E_b - E_a <= max_dE with `model` and keeps the best `keep`. Memory: the
/// library, plus `batch` pairs' features and predictions, plus `keep` pairs. The result does not
/// depend on `threads` or `batch`. Throws DataError when the model needs features a pair of minima
/// alone cannot give (none: counts are 0 for pairs not seen as transitions).
StreamReport rank_all_pairs(const Box& box, const std::vector<Minimum>& minima, double max_dE, const Model& model,
                            std::size_t keep, double p_min, int threads, std::size_t batch = 1 << 16,
                            Order order = Order::splitting);

/// tls-screen rank-all: ranks every pair of a library within `max_dE` and writes the best `top` as a
/// tls-pairs 1.1 table (selection `all`, the library's glass metadata, columns of tls-pairs plus p_dw,
/// predicted_splitting, p_tls, predicted_cost, rank; counts 0 and connected 0: transitions are not read). A pair's id
/// is lo * (largest id + 1) + hi for its library ids lo < hi, the same in every run on this library, so `--exclude`
/// works across rounds. Throws InputError, DataError, OutputError.
struct RankAllConfig {
  std::string model, library, output;
  double max_dE = 0.1;
  std::size_t top = 1000;
  double p_min = 0.5;
  Order order = Order::tls;
  int threads = 1;
  std::vector<std::string> exclude;
};
StreamReport rank_all(const RankAllConfig& config, const Metadata& provenance);

}  // namespace tls::screen
