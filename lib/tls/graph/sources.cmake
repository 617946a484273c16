# graph: the graph of minima (Boost.Graph, only here) and the candidate pairs (SPEC.md section 4).
tls_module_sources(graph pairs)
