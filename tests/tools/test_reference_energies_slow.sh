#!/usr/bin/env bash
# tls-convert on all 367 reference inherent structures: E/N equals the file name within 5e-11.
source "$(dirname "$0")/lib.sh"
need_reference
n=0; bad=0; worst=0
for f in "$REF"/*.conf.txt; do
  name=$(basename "$f" .conf.txt)
  "$BIN/tls-convert" -q "$f" -o "$WORK/r.xyz" || { fail "$name: tls-convert failed"; continue; }
  d=$(awk -v e="$(xyz_key "$WORK/r.xyz" energy)" -v n="$name" 'BEGIN{d = e/1500 - n; if (d < 0) d = -d; printf "%.3e", d}')
  n=$((n + 1))
  awk -v d="$d" 'BEGIN{exit !(d < 5e-11)}' || { fail "$name: |E/N - name| = $d"; bad=$((bad + 1)); }
  worst=$(awk -v a="$worst" -v b="$d" 'BEGIN{print (b > a ? b : a)}')
done
[ "$n" -eq 367 ] || fail "expected 367 files, found $n"
echo "checked $n files, $bad outside 5e-11, largest |E/N - name| = $worst"
finish
