#!/usr/bin/env bash
# Times the toolkit and LAMMPS on the same configuration (../shared/peers/lammps_peer.py, Debian
# package lammps). Usage: bench/compare_lammps.sh [N]  (default 1500). Prints both costs per force
# call and per atom; docs/performance.md records the figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
peer=${TLS_PEER:-$root/../shared/peers/lammps_peer.py}
n=${1:-1500}
[ -f "$peer" ] || { echo "compare_lammps.sh: $peer not found" >&2; exit 66; }
command -v lmp >/dev/null || { echo "compare_lammps.sh: LAMMPS (lmp) not installed: apt-get install lammps" >&2; exit 69; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# The peer's own inherent structure (8 distinct diameters, quenched from T = 2 by LAMMPS FIRE).
/usr/bin/python3 "$peer" make "$tmp/peer.xyz" "$n" 8 1 >/dev/null
"$root/build/bin/tls-minimize" -q "$tmp/peer.xyz" -o "$tmp/is.xyz"
echo "== LAMMPS (pair_style table, $(lmp -h | sed -n 's/^Large-scale.*- \(.*\)$/\1/p' | head -1))"
/usr/bin/python3 "$peer" energy "$tmp/is.xyz"
/usr/bin/python3 "$peer" min "$tmp/peer.xyz" fire
/usr/bin/python3 "$peer" md "$tmp/is.xyz" 2000 0.04
echo "== toolkit"
"$root/build/bin/tls-convert" "$tmp/is.xyz" -o /dev/null
TLS_BENCH_CONFIG="$tmp/is.xyz" "$root/build/bin/tls-bench" --benchmark_filter='BM_ForcesOnFile|BM_MDStep/'"$n"'$' \
  --benchmark_repetitions=3 --benchmark_report_aggregates_only=true 2>/dev/null | grep -E "mean|Benchmark"
