#!/usr/bin/env bash
# tls-pairs: pairs from an exploration folder (orientation, ranges, both selection modes, summary,
# thread independence), and bad inputs: a library of another glass, NaN in the transitions table,
# truncated or unreadable libraries (exit codes, one error line, nothing overwritten).
source "$(dirname "$0")/lib.sh"
P=$BIN/tls-pairs
expect_code 0 "--help" "$P" --help
for o in --select --max-dE --min-dE --max-distance --min-count --transitions --summary; do
  [[ "$OUT" == *"$o"* ]] || fail "--help lacks $o"
done

make_small_glass 5 64 "$WORK/glass.xyz"
make_small_glass 7 65 "$WORK/other.xyz"
ex=(--seed 3 --temperature 0.15 --run-time 4 --runs 4 --no-stop -q)
"$BIN/tls-explore" "$WORK/glass.xyz" "${ex[@]}" -o "$WORK/e" || fail "explore"
"$BIN/tls-explore" "$WORK/other.xyz" "${ex[@]}" -o "$WORK/o" || fail "explore other"

expect_code 0 "connected pairs" "$P" "$WORK/e" -o "$WORK/pairs.tsv" --summary "$WORK/graph.tsv"
[[ "$ERR" == *"graph: "*" minima, "*" edges, "*" components"* ]] || fail "no graph summary on stderr: $ERR"
head -n 1 "$WORK/pairs.tsv" | grep -q '^#%tls-pairs 1\.1$' || fail "pairs header"
[ "$(grep '^##glass_crc32=' "$WORK/pairs.tsv")" = "$(grep '^##glass_crc32=' "$WORK/e/transitions.tsv")" ] || fail "fingerprint not carried"
grep -q '^##particles=64$' "$WORK/pairs.tsv" || fail "##particles"
[ "$(grep -vc '^#' "$WORK/pairs.tsv")" -eq "$(grep -vc '^#' "$WORK/e/transitions.tsv")" ] \
  && pass "one pair per transition pair" || fail "pair count"
# Columns by name: a deeper (dE >= 0, E_a <= E_b), PR in [1, 3N], PR_particle in [1, N], counts add up.
awk -F'\t' '/^#pair/ { for (i=1;i<=NF;i++) c[substr($i,1)]=i; c["pair"]=1; next } /^#/ { next }
  { n++; if ($c["dE"] < 0 || $c["E_a"] > $c["E_b"]) bad="orientation";
    if ($c["PR"] < 1 || $c["PR"] > 192 || $c["PR_particle"] < 1 || $c["PR_particle"] > 64) bad="PR range";
    if ($c["PR"] < $c["PR_particle"]) bad="PR below PR_particle";
    if ($c["count_ab"] + $c["count_ba"] < 1 || $c["connected"] != 1) bad="counts";
    if ($c["distance"] < $c["max_displacement"]) bad="distance" }
  END { if (bad) { print bad; exit 1 } if (!n) { print "no rows"; exit 1 } }' "$WORK/pairs.tsv" \
  && pass "orientation, PR ranges, counts" || fail "pair rows: $(awk -F'\t' 'NR<3' "$WORK/pairs.tsv")"
grep -q '^#degree	minima$' "$WORK/graph.tsv" && grep -q '^##components=' "$WORK/graph.tsv" || fail "graph summary table"
expect_code 0 "two threads, stdout" "$P" "$WORK/e" -j 2 -o -
[ "$OUT" = "$(sed 's/ -o pairs.tsv --summary graph.tsv/ -o -/' "$WORK/pairs.tsv")" ] && pass "same pairs on stdout with 2 threads" \
  || fail "stdout/threads output differs"
expect_code 0 "all pairs within cuts" "$P" "$WORK/e/minima.tlsmin" --select all --max-dE 0.05 -o "$WORK/all.tsv"
awk -F'\t' '!/^#/ && $6 > 0.05 { exit 1 }' "$WORK/all.tsv" && pass "dE cut" || fail "dE cut not applied"
awk -F'\t' '!/^#/ && $13 == 0 { found = 1 } END { exit !found }' "$WORK/all.tsv" && pass "all mode lists unconnected pairs" || fail "no unconnected pair in all mode"
expect_code 0 "min-count filter" "$P" "$WORK/e" --min-count 1000 -o "$WORK/none.tsv"
[ "$(grep -vc '^#' "$WORK/none.tsv")" -eq 0 ] || fail "--min-count not applied"

# Bad input.
echo precious > "$WORK/keep.tsv"
expect_error 65 tls-pairs "library of another glass" "$P" "$WORK/o/minima.tlsmin" --transitions "$WORK/e/transitions.tsv" -o "$WORK/keep.tsv"
[[ "$ERR" == *"another glass"* ]] || fail "message: $ERR"
sed '0,/^[0-9]/s/^\([0-9]*\t[0-9]*\t[0-9]*\t[0-9]*\t[0-9]*\t[0-9]*\t\)[^\t]*/\1nan/' "$WORK/e/transitions.tsv" > "$WORK/nan.tsv"
grep -q 'nan' "$WORK/nan.tsv" || fail "test setup: no NaN written"
expect_error 65 tls-pairs "NaN in the transitions table" "$P" "$WORK/e/minima.tlsmin" --transitions "$WORK/nan.tsv" -o "$WORK/keep.tsv"
[[ "$ERR" == *"nan.tsv:"*"first_time"* ]] || fail "message should name file:line and column: $ERR"
grep -v '^##glass_crc32=' "$WORK/e/transitions.tsv" > "$WORK/nofp.tsv"
expect_error 65 tls-pairs "table without fingerprint" "$P" "$WORK/e/minima.tlsmin" --transitions "$WORK/nofp.tsv" -o "$WORK/keep.tsv"
size=$(wc -c < "$WORK/e/minima.tlsmin")
head -c $((size - 1000)) "$WORK/e/minima.tlsmin" > "$WORK/cut.tlsmin"
expect_error 65 tls-pairs "truncated library" "$P" "$WORK/cut.tlsmin" --transitions "$WORK/e/transitions.tsv" -o "$WORK/keep.tsv"
[[ "$ERR" == *"cut short"* ]] || fail "message: $ERR"
head -c 30 "$WORK/e/minima.tlsmin" > "$WORK/head.tlsmin"
expect_error 65 tls-pairs "library cut inside its header" "$P" "$WORK/head.tlsmin" --transitions "$WORK/e/transitions.tsv" -o "$WORK/keep.tsv"
expect_error 66 tls-pairs "missing library" "$P" "$WORK/absent.tlsmin" --transitions "$WORK/e/transitions.tsv" -o "$WORK/keep.tsv"
mkdir "$WORK/dir.tlsmin"
expect_error 66 tls-pairs "unreadable library (a directory)" "$P" "$WORK/dir.tlsmin" --transitions "$WORK/e/transitions.tsv" -o "$WORK/keep.tsv"
expect_error 66 tls-pairs "missing transitions" "$P" "$WORK/e/minima.tlsmin" --transitions "$WORK/absent.tsv" -o "$WORK/keep.tsv"
expect_error 65 tls-pairs "a pair list given as transitions" "$P" "$WORK/e/minima.tlsmin" --transitions "$WORK/pairs.tsv" -o "$WORK/keep.tsv"
expect_error 64 tls-pairs "unknown selection" "$P" "$WORK/e" --select some -o "$WORK/keep.tsv"
expect_error 64 tls-pairs "all without cuts" "$P" "$WORK/e" --select all -o "$WORK/keep.tsv"
expect_error 64 tls-pairs "zero min-count" "$P" "$WORK/e" --min-count 0 -o "$WORK/keep.tsv"
[ "$(cat "$WORK/keep.tsv")" = precious ] && pass "failed runs kept the existing output" || fail "an existing output was replaced"
[ -z "$(ls -A "$WORK" | grep '\.tmp-')" ] || fail "temporary files left: $(ls -A "$WORK")"
finish
