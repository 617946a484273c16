# cli: the shared command-line layer: common options, help/version, provenance, error printing.
tls_module_sources(cli)
