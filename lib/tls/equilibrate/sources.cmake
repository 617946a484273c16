# equilibrate: glass preparation (SPEC.md section 2): swap MC / hybrid / MD runs, relaxation and
# crystallisation diagnostics, snapshots with inherent structures, quenches, checkpoints.
tls_module_sources(chain checkpoint equilibrate ladder order scattering settings statistics tables)
