# model: box, diameters, pair potential, neighbour lists, energy/forces/Hessian (SPEC.md section 1).
target_sources(tls_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/configuration.cpp
  ${CMAKE_CURRENT_LIST_DIR}/diameters.cpp
  ${CMAKE_CURRENT_LIST_DIR}/neighbour_list.cpp
  ${CMAKE_CURRENT_LIST_DIR}/force_field.cpp
  ${CMAKE_CURRENT_LIST_DIR}/spectrum.cpp)
