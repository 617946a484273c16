# mc: swap Monte Carlo (displacements and diameter swaps, Metropolis) over local neighbour rows.
target_sources(tls_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/local_neighbours.cpp
  ${CMAKE_CURRENT_LIST_DIR}/swap_mc.cpp)
