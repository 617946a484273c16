#!/usr/bin/env bash
# A converged CI-NEB of the same pair of minima in the toolkit and in LAMMPS (REPLICA package).
# Usage: bench/compare_lammps_neb.sh [N] [REPLICAS]  (defaults 1500, 32). LAMMPS's NEB needs one MPI
# rank per replica, so it runs REPLICAS ranks on the cores there are. docs/performance.md records
# the figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
peer=${TLS_PEER:-$root/../shared/peers/lammps_peer.py}
n=${1:-1500}
replicas=${2:-32}
[ -f "$peer" ] || { echo "compare_lammps_neb.sh: $peer not found" >&2; exit 66; }
command -v lmp >/dev/null && command -v mpirun >/dev/null || { echo "compare_lammps_neb.sh: needs lmp and mpirun" >&2; exit 69; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# A glass LAMMPS can hold (8 distinct diameters), its inherent structure, and the first other
# minimum reached by quenching short MD runs at T = 0.04 (tls-bench writes both).
/usr/bin/python3 "$peer" make "$tmp/peer.xyz" "$n" 8 1 >/dev/null
"$root/build/bin/tls-minimize" -q "$tmp/peer.xyz" -o "$tmp/is.xyz"
echo "== toolkit (BM_NEBPair: end points, two-stage CI-NEB, profile, saddle check)"
TLS_BENCH_IS="$tmp/is.xyz" TLS_BENCH_PAIR_OUT="$tmp" "$root/build/bin/tls-bench" --benchmark_filter='BM_NEBPair/' 2>/dev/null |
  grep -E "BM_NEBPair"
echo "== tls-neb on the same pair"
/usr/bin/time -f "tls-neb -j 2: wall %e s, user %U s" "$root/build/bin/tls-neb" -q "$tmp/a.xyz" "$tmp/b.xyz" -o "$tmp/neb" -j 2
grep -v '^#' "$tmp/neb/dwp.tsv" | cut -f1-4,17-19
echo "== LAMMPS ($replicas replicas, one MPI rank each, $(nproc) cores)"
TLS_PEER_DIR=$(dirname "$peer") /usr/bin/python3 "$root/bench/lammps_neb.py" "$tmp/a.xyz" "$tmp/b.xyz" "$replicas"
