# core: errors and exit codes, random streams, parallel loop, checksums (bottom floor, no physics).
tls_module_sources(error checksum rng progress)
