#!/usr/bin/env bash
# Compares the minima of a tls-explore folder with the authors' 367 inherent structures of the
# T_f = 0.062 glass (../shared/reference). Usage: bench/reference_matches.sh DIR [TOL]  (TOL 1e-9).
# Prints: the number of distinct minima, their E/N range, how many lie in the authors' range
# 0.20444-0.20476, and how many of the 367 reference energies (E/N, 10 digits) some minimum matches
# within TOL.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:?usage: reference_matches.sh DIR [TOL]}
tol=${2:-1e-9}
ref=${TLS_SHARED_DIR:-$root/../shared}/reference/authors-Tf0.062-Cnf-148750000-energies.txt
[ -f "$ref" ] || { echo "reference_matches.sh: $ref not found" >&2; exit 66; }
awk -F'\t' -v tol="$tol" '
  FNR == NR { ref[++nr] = $1 + 0; next }
  /^#/ { next }
  { e = $3 + 0; lib[++nl] = e; if (nl == 1 || e < lo) lo = e; if (nl == 1 || e > hi) hi = e;
    if (e >= 0.20444 && e <= 0.20476) inside++ }
  END {
    for (r = 1; r <= nr; r++) for (k = 1; k <= nl; k++) { d = lib[k] - ref[r]; if (d < 0) d = -d; if (d < tol) { found++; break } }
    printf "minima %d, E/N %.10f .. %.10f, %d in 0.20444-0.20476; reference energies found within %s: %d of %d\n",
           nl, lo, hi, inside, tol, found, nr
  }' "$ref" "$dir/minima.tsv"
