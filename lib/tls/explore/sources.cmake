# explore: landscape exploration (SPEC.md section 3): runs with inherent structures and bisection,
# identity of minima, ordered merging, the stop rule, the exploration folder with resume.
tls_module_sources(run state driver model_landscape explore settings)
