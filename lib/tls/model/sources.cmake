# model: box, diameters, pair potential, neighbour lists, energy/forces/Hessian (SPEC.md section 1).
tls_module_sources(configuration diameters neighbour_list force_field spectrum)
