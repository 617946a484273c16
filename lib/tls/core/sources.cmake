# core: errors and exit codes, random streams, parallel loop, checksums (bottom floor, no physics).
target_sources(tls_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/error.cpp
  ${CMAKE_CURRENT_LIST_DIR}/checksum.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rng.cpp
  ${CMAKE_CURRENT_LIST_DIR}/progress.cpp)
