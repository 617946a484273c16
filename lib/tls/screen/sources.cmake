# screen: learned ranking of candidate pairs (Ciarella et al., Nat. Commun. 14, 4229 (2023)).
# XGBoost (Debian libxgboost-dev, C API) is used here only: booster.cpp is its one client.
tls_module_sources(booster features screen stream)
# Debian's XGBoostConfig.cmake (1.7.4) references /usr/bin/xgboost, which libxgboost-dev does not
# ship, so find_package(xgboost CONFIG) fails: look for the header and library directly.
find_path(TLS_XGBOOST_INCLUDE_DIR xgboost/c_api.h)
find_library(TLS_XGBOOST_LIBRARY xgboost)
if(NOT TLS_XGBOOST_INCLUDE_DIR OR NOT TLS_XGBOOST_LIBRARY)
  message(FATAL_ERROR "XGBoost's C API not found: install Debian's libxgboost-dev (apt-get install libxgboost-dev), "
                      "or set TLS_XGBOOST_INCLUDE_DIR and TLS_XGBOOST_LIBRARY")
endif()
target_include_directories(tls_core PRIVATE ${TLS_XGBOOST_INCLUDE_DIR})
target_link_libraries(tls_core PRIVATE ${TLS_XGBOOST_LIBRARY})
