# quantum: the 1-D Schroedinger equation along double-well profiles (tls-split): spline potential
# with harmonic continuation, Numerov-Sturm eigenvalues, Colbert-Miller DVR, WKB, splittings.
target_sources(tls_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/profile_potential.cpp
  ${CMAKE_CURRENT_LIST_DIR}/numerov_sturm.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dvr.cpp
  ${CMAKE_CURRENT_LIST_DIR}/wkb.cpp
  ${CMAKE_CURRENT_LIST_DIR}/splitting.cpp)
