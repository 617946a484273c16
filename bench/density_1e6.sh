#!/usr/bin/env bash
# tls-density on 10^6 splittings: makes 200 synthetic tls-splitting tables of 5000 rows (splittings
# uniform in [0, 0.01] for masses 4000 and 30000, i.e. 2 x 10^6 rows; deterministic awk stream)
# and times the tool, I/O included. Usage: bench/density_1e6.sh [build/bin] [glasses] [rows per glass]
set -euo pipefail
bin=${1:-$(dirname "$0")/../build/bin}
glasses=${2:-200}
rows=${3:-5000}
work=$(mktemp -d "${TMPDIR:-/tmp}/tls-density-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
for ((g = 0; g < glasses; ++g)); do
  awk -v g="$g" -v rows="$rows" 'BEGIN {
    srand(1000 + g)
    print "#%tls-splitting 1.0"; print "##masses=4000,30000"; print "##glass=bench-" g; print "##particles=1500"
    print "#id\tmass\tsplitting\tflag"
    for (k = 0; k < rows; ++k) { printf "%d\t4000\t%.17g\tok\n%d\t30000\t%.17g\tok\n", k, 0.01 * rand(), k, 0.01 * rand() }
  }' > "$work/split-$g.tsv"
done
total=$((glasses * rows))
echo "input: $glasses tables, $total splittings per mass ($((2 * total)) rows), $(du -sh "$work" | cut -f1)"
/usr/bin/time -f "tls-density: %e s wall, %U s user, %M kB max RSS" \
  "$bin/tls-density" "$work"/split-*.tsv --seed 1 -o "$work/out" -q "${@:4}"
grep -v '^##' "$work/out/summary.tsv" | cut -f1-3,5,10-13
