#!/usr/bin/env bash
# The five pairs of glass 148750000 that the 2023 follow-up (Ciarella et al., Nat. Commun. 14, 4229)
# found not to be double wells (../shared/reference/ml2023-splittings/nonDW_T0062.csv): tls-neb must
# not report any of them as a simple DWP. It finds each path split by 3-6 intermediate minima
# (docs/tools/tls-neb.md lists the pieces). Minima are mapped to the reference files by name;
# 0.2046589935 is not among the 367 files and the nearest, 2.046590881E-01, stands in for it.
source "$(dirname "$0")/lib.sh"
need_reference
T=$BIN/tls-neb
MAKE_LIBRARY=${TLS_TEST_HELPERS:?}/tls-test-library
csv=${TLS_SHARED_DIR:-}/reference/ml2023-splittings/nonDW_T0062.csv
[ -f "$csv" ] || { echo "SKIP: $csv not found"; exit 77; }

# The pairs of glass 148750000, as E/N; each E/N to its file (10 digits, as the file names).
mapfile -t rows < <(awk -F, '$2 == 148750000 {print $1, $3, $4}' "$csv")
[ "${#rows[@]}" = 5 ] && pass "5 pairs of glass 148750000 in the csv" || fail "expected 5 pairs, got ${#rows[@]}"
file_of() {  # E/N -> reference file (the nearest name when the exact one is missing)
  local name; name=$(awk -v e="$1" 'BEGIN{printf "%.9E", e}')
  if [ -f "$REF/$name.conf.txt" ]; then echo "$REF/$name.conf.txt"; return; fi
  name=$(ls "$REF" | awk -v e="$1" '{v = $0 + 0; d = v - e; if (d < 0) d = -d; if (best == "" || d < bd) {best = $0; bd = d}} END {print best}')
  echo "SUBSTITUTE $1 -> $name" >&2
  echo "$REF/$name"
}
declare -A id_of
files=()
printf '#%%tls-pairs 1.0\n##glass=Cnf-148750000\n#id\ta\tb\n' > "$WORK/pairs.tsv"
for row in "${rows[@]}"; do
  read -r id ei ej <<<"$row"
  for e in "$ei" "$ej"; do
    if [ -z "${id_of[$e]:-}" ]; then id_of[$e]=${#files[@]}; files+=("$(file_of "$e")"); fi
  done
  printf '%s\t%s\t%s\n' "$id" "${id_of[$ei]}" "${id_of[$ej]}" >> "$WORK/pairs.tsv"
done
"$MAKE_LIBRARY" "$WORK/lib.tlsmin" Cnf-148750000 "${files[@]}" || fail "make library"

# $TLS_NEB_EXTRA adds tls-neb options, e.g. "--neb-method fast --saddle-check" (the last check needs
# the saddle check).
# shellcheck disable=SC2086
expect_code 0 "tls-neb on the five pairs" "$T" "$WORK/lib.tlsmin" "$WORK/pairs.tsv" -o "$WORK/out" -j 2 \
  --new-minima "$WORK/new.tlsmin" ${TLS_NEB_EXTRA:-}
echo "$ERR" | tail -1
grep -v '^##' "$WORK/out/status.tsv" | cut -f1,4,5,6,15
for row in "${rows[@]}"; do
  read -r id _ <<<"$row"
  st=$(awk -F'\t' -v id="$id" '!/^#/ && $1 == id {print $4}' "$WORK/out/status.tsv")
  case "$st" in
    split|partial|non-dw|unconverged) pass "pair $id: $st, not a simple DWP" ;;
    *) fail "pair $id reported as '$st'" ;;
  esac
  awk -F'\t' -v id="$id" '!/^#/ && $10 == id && $11 == "simple" {bad = 1} END {exit bad}' "$WORK/out/dwp.tsv" \
    || fail "pair $id has a simple DWP row"
done
awk -F'\t' '!/^#/ && $22 != 1 {bad = 1} END {exit bad}' "$WORK/out/dwp.tsv" && pass "every segment DWP crosses a first-order saddle" \
  || fail "a DWP without a first-order saddle"
finish
