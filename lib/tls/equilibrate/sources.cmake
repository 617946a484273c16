# equilibrate: glass preparation (SPEC.md section 2): swap MC / hybrid / MD runs, relaxation and
# crystallisation diagnostics, snapshots with inherent structures, quenches, checkpoints.
target_sources(tls_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/statistics.cpp)
