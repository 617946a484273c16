# cli: the shared command-line layer: common options, help/version, provenance, error printing.
target_sources(tls_core PRIVATE ${CMAKE_CURRENT_LIST_DIR}/cli.cpp)
