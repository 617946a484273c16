# io: atomic outputs, input files, tables, configuration formats, the tls-bin container, and the
# stage tables (minima library, transitions, pair list, tls-profile, tls-splitting, tls-dwp).
target_sources(tls_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/files.cpp
  ${CMAKE_CURRENT_LIST_DIR}/settings_record.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/table.cpp
  ${CMAKE_CURRENT_LIST_DIR}/configuration_io.cpp
  ${CMAKE_CURRENT_LIST_DIR}/binary.cpp
  ${CMAKE_CURRENT_LIST_DIR}/minima_library.cpp
  ${CMAKE_CURRENT_LIST_DIR}/glass_info.cpp
  ${CMAKE_CURRENT_LIST_DIR}/profile_table.cpp
  ${CMAKE_CURRENT_LIST_DIR}/splitting_table.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dwp_table.cpp
  ${CMAKE_CURRENT_LIST_DIR}/spectrum_table.cpp
  ${CMAKE_CURRENT_LIST_DIR}/transitions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pair_list.cpp
  ${CMAKE_CURRENT_LIST_DIR}/view.cpp)
