# stats: density of two-level systems and the tables of the paper's figures (tls-density):
# assembly of glasses, bootstrap over glasses, n(E), n0, n_active, pdfs, PR vs E, specific heat.
tls_module_sources(bootstrap density density_tables)
