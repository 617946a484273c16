# minimize: FIRE, L-BFGS and the FIRE -> L-BFGS pipeline to inherent structures.
tls_module_sources(fire lbfgs minimize)
