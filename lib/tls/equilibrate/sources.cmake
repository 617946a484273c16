# equilibrate: glass preparation (SPEC.md section 2): swap MC / hybrid / MD runs, relaxation and
# crystallisation diagnostics, snapshots with inherent structures, quenches, checkpoints.
target_sources(tls_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/chain.cpp
  ${CMAKE_CURRENT_LIST_DIR}/checkpoint.cpp
  ${CMAKE_CURRENT_LIST_DIR}/equilibrate.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ladder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/order.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scattering.cpp
  ${CMAKE_CURRENT_LIST_DIR}/settings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/statistics.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tables.cpp)
