#!/usr/bin/env bash
# Swap Monte Carlo side by side with LAMMPS's fix atom/swap on the same model (bench/lammps_swap.py
# over ../shared/peers/lammps_peer.py). Usage: bench/compare_lammps_swap.sh [N] (default 1500).
# Prints LAMMPS's cost per swap attempt and tls-bench's BM_SwapSweep/N (attempts per second);
# docs/performance.md records the figures.
source "$(dirname "$0")/lammps_common.sh"
/usr/bin/python3 "$peer" make "$tmp/peer.xyz" "$n" 8 1 >/dev/null
echo "== LAMMPS"
TLS_PEER=$peer /usr/bin/python3 "$root/bench/lammps_swap.py" "$tmp/peer.xyz" 2000 0.062
echo "== toolkit"
"$root/build/bin/tls-bench" --benchmark_filter="BM_SwapSweep/$n\$" --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true 2>/dev/null | grep -E "mean|Benchmark"
