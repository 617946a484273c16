# explore: landscape exploration (SPEC.md section 3): runs with inherent structures and bisection,
# identity of minima, ordered merging, the stop rule, the exploration folder with resume.
target_sources(tls_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/run.cpp
  ${CMAKE_CURRENT_LIST_DIR}/state.cpp
  ${CMAKE_CURRENT_LIST_DIR}/driver.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model_landscape.cpp
  ${CMAKE_CURRENT_LIST_DIR}/explore.cpp)
