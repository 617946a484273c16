#!/usr/bin/env bash
# tls-explore on the authors' glass (inherent structure 2.044404608E-01, T_f = 0.062) at T_MD = 0.04:
# distinct minima in the authors' E/N range 0.20444-0.20476, the start's own minimum first, and the
# number of the authors' 367 energies found within 1e-9 (printed; no target). Then tls-pairs.
source "$(dirname "$0")/lib.sh"
need_reference
SRC=${TLS_SOURCE_DIR:?}
expect_code 0 "explore 2 runs x 10 tau" "$BIN/tls-explore" "$REF/2.044404608E-01.conf.txt" --seed 1 -j 2 \
  --runs 2 --run-time 10 --no-stop -o "$WORK/ref"
echo "$ERR" | tail -n 1
stats=$("$SRC/bench/reference_matches.sh" "$WORK/ref")
echo "$stats"
minima=$(sed -n 's/^minima \([0-9]*\),.*/\1/p' <<<"$stats")
inside=$(sed -n 's/.*, \([0-9]*\) in 0.20444-0.20476.*/\1/p' <<<"$stats")
found=$(sed -n 's/.*within 1e-9: \([0-9]*\) of 367/\1/p' <<<"$stats")
[ "${minima:-0}" -ge 10 ] && pass "$minima distinct minima" || fail "only ${minima:-0} minima"
[ "${inside:-0}" -eq "${minima:-1}" ] && pass "all in the authors' range" || fail "$inside of $minima in range"
[ "${found:-0}" -ge 1 ] && pass "$found reference energies found" || fail "no reference energy found"
first=$(grep -v '^#' "$WORK/ref/minima.tsv" | head -n 1 | cut -f3)
awk -v e="$first" 'BEGIN{d = e - 0.2044404608; if (d < 0) d = -d; exit !(d < 1e-9)}' \
  && pass "minimum 0 is the start's own (E/N $first)" || fail "minimum 0 has E/N $first"
expect_code 0 "pairs" "$BIN/tls-pairs" "$WORK/ref" -o "$WORK/pairs.tsv"
echo "$ERR"
awk -F'\t' '!/^#/ { n++; if ($6 < 0 || $9 < 1 || $9 > 4500 || $10 < 1 || $10 > 1500) bad = 1 } END { exit (bad || n < 5) }' \
  "$WORK/pairs.tsv" && pass "pairs oriented, PR in range" || fail "pair list"
finish
