# quantum: the 1-D Schroedinger equation along double-well profiles (tls-split): spline potential
# with harmonic continuation, Numerov-Sturm eigenvalues, Colbert-Miller DVR, WKB, splittings.
tls_module_sources(profile_potential numerov_sturm dvr wkb splitting)
