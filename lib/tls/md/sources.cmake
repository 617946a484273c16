# md: velocity Verlet with a momentum-conserving thermostat (Bussi), Maxwell-Boltzmann velocities.
tls_module_sources(md)
