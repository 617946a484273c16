# minimize: FIRE, L-BFGS and the FIRE -> L-BFGS pipeline to inherent structures.
target_sources(tls_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/fire.cpp
  ${CMAKE_CURRENT_LIST_DIR}/lbfgs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/minimize.cpp)
