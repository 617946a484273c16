# neb: climbing-image nudged elastic bands, splitting at intermediate minima, double-well potentials.
tls_module_sources(surface band profile pair checkpoint run)
