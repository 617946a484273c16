# io: atomic outputs, input files, tables, configuration formats, the tls-bin container, and the
# formats exchanged between stages (minima library, transitions table, pair list).
target_sources(tls_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/files.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/table.cpp
  ${CMAKE_CURRENT_LIST_DIR}/configuration_io.cpp
  ${CMAKE_CURRENT_LIST_DIR}/binary.cpp
  ${CMAKE_CURRENT_LIST_DIR}/minima_library.cpp
  ${CMAKE_CURRENT_LIST_DIR}/transitions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pair_list.cpp)
