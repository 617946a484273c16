#!/usr/bin/env bash
# Times the toolkit and LAMMPS on the same configurations (../shared/peers/lammps_peer.py, Debian
# package lammps). Usage: bench/compare_lammps.sh [N]  (default 1500). Prints, for both codes: the
# cost per force call, per MD atom-step at T = 0.04, and of one inherent-structure quench from a
# T = 0.04 configuration (force calls and time); docs/performance.md records the figures.
source "$(dirname "$0")/lammps_common.sh"
# The peer's own inherent structure (8 distinct diameters, quenched from T = 2 by LAMMPS FIRE).
/usr/bin/python3 "$peer" make "$tmp/peer.xyz" "$n" 8 1 >/dev/null
"$root/build/bin/tls-minimize" -q "$tmp/peer.xyz" -o "$tmp/is.xyz"
echo "== toolkit"
"$root/build/bin/tls-convert" "$tmp/is.xyz" -o /dev/null
# BM_QuenchOnFile writes its T = 0.04 start (2000 thermostatted steps from is.xyz) for LAMMPS.
TLS_BENCH_CONFIG="$tmp/is.xyz" TLS_BENCH_WRITE_THERMAL="$tmp/thermal.xyz" "$root/build/bin/tls-bench" \
  --benchmark_filter='BM_ForcesOnFile|BM_MDStepOnFile|BM_QuenchOnFile' \
  --benchmark_repetitions=3 --benchmark_report_aggregates_only=true 2>/dev/null | grep -E "mean|Benchmark"
echo "== LAMMPS (pair_style table, $(lmp -h | sed -n 's/^Large-scale.*- \(.*\)$/\1/p' | head -1))"
/usr/bin/python3 "$peer" energy "$tmp/is.xyz"
/usr/bin/python3 "$peer" min "$tmp/peer.xyz" fire
/usr/bin/python3 "$peer" md "$tmp/is.xyz" 2000 0.04
echo "-- quench of the same T = 0.04 configuration (LAMMPS stops at |F| (2-norm) < 1e-10)"
/usr/bin/python3 "$peer" min "$tmp/thermal.xyz" fire
/usr/bin/python3 "$peer" min "$tmp/thermal.xyz" cg
