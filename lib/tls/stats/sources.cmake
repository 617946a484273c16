# stats: density of two-level systems and the tables of the paper's figures (tls-density):
# assembly of glasses, bootstrap over glasses, n(E), n0, n_active, pdfs, PR vs E, specific heat.
target_sources(tls_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/bootstrap.cpp
  ${CMAKE_CURRENT_LIST_DIR}/density.cpp
  ${CMAKE_CURRENT_LIST_DIR}/density_tables.cpp)
