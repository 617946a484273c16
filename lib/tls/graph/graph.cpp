// The graph of minima on Boost.Graph: an undirected adjacency list, connected components, degrees.
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>

#include <algorithm>
#include <map>

#include "tls/core/error.hpp"
#include "tls/graph/pairs.hpp"

namespace tls::graph {

namespace {
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
}

GraphSummary summarize_graph(const std::vector<std::uint64_t>& ids, const std::vector<TransitionRecord>& edges,
                             const std::string& source) {
  std::map<std::uint64_t, std::size_t> vertex;
  for (std::size_t k = 0; k < ids.size(); ++k) vertex.emplace(ids[k], k);
  Graph g(ids.size());
  auto at = [&](std::uint64_t id) {
    const auto it = vertex.find(id);
    if (it == vertex.end())
      throw DataError(source, 0, "transition names minimum " + std::to_string(id) + ", which is not in the library");
    return it->second;
  };
  for (const auto& e : edges) boost::add_edge(at(e.a), at(e.b), g);
  GraphSummary s;
  s.minima = static_cast<long>(boost::num_vertices(g));
  s.edges = static_cast<long>(boost::num_edges(g));
  std::vector<std::size_t> component(boost::num_vertices(g));
  s.components = s.minima ? static_cast<long>(boost::connected_components(g, component.data())) : 0;
  std::vector<long> size(static_cast<std::size_t>(s.components), 0);
  for (auto c : component) ++size[c];
  s.largest_component = size.empty() ? 0 : *std::max_element(size.begin(), size.end());
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    const auto d = static_cast<std::size_t>(boost::degree(v, g));
    if (s.degree_histogram.size() <= d) s.degree_histogram.resize(d + 1, 0);
    ++s.degree_histogram[d];
    if (d == 0) ++s.isolated;
  }
  return s;
}

}  // namespace tls::graph
