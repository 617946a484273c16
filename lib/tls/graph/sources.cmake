# graph: the graph of minima (Boost.Graph, only here) and the candidate pairs (SPEC.md section 4).
target_sources(tls_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/graph.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pairs.cpp)
