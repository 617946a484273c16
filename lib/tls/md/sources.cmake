# md: velocity Verlet with a momentum-conserving thermostat (Bussi), Maxwell-Boltzmann velocities.
target_sources(tls_core PRIVATE ${CMAKE_CURRENT_LIST_DIR}/md.cpp)
