# mc: swap Monte Carlo (displacements and diameter swaps, Metropolis) over local neighbour rows.
tls_module_sources(local_neighbours swap_mc)
