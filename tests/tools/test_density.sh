#!/usr/bin/env bash
# tls-density: help, the split -> density pipeline on the frozen tables, golden summary, glass
# counting (empty tables and --glasses), determinism and thread independence, bad inputs (one error
# line, documented exit code, no output folder or file left).
source "$(dirname "$0")/lib.sh"
T=$BIN/tls-density

expect_code 0 "--help" "$T" --help
for word in Usage: --glasses --particles --plateau --bootstrap --seed summary.tsv n_of_E.tsv pdf_PR.tsv \
  specific_heat.tsv "Counting glasses" Examples: "default: 1e-4,1e-3"; do
  [[ "$OUT" == *"$word"* ]] || fail "--help does not mention '$word'"
done
expect_code 0 "--version" "$T" --version

# Pipeline: frozen profiles -> splittings -> density with the frozen DWP table.
"$BIN/tls-split" "$DATA/frozen/profile-v1.0.tsv" -q -o "$WORK/split.tsv" || fail "tls-split failed"
expect_code 0 "density of the frozen glass" "$T" "$WORK/split.tsv" "$DATA/frozen/dwp-v1.0.tsv" --seed 1 -o "$WORK/d1"
for f in summary n_of_E specific_heat pdf_dV pdf_Vb pdf_d_sqrtPR pdf_PR pr_vs_E; do
  [ -s "$WORK/d1/$f.tsv" ] || fail "missing $f.tsv"
done
golden density-summary-frozen.tsv "$WORK/d1/summary.tsv"
head -1 "$WORK/d1/n_of_E.tsv" | grep -q '^#%tls-density-curve 1.0$' && pass "n_of_E format line" || fail "n_of_E header"
grep -q '^##seed=1$' "$WORK/d1/summary.tsv" && pass "seed recorded" || fail "no ##seed"
# pr_vs_E lists the DWPs with E < 2 pi/m~ (active TLS).
active=$(awk -F'\t' '!/^#/ && $2 == 4000 && $8 < 2 * 3.14159265358979 / 4000' "$WORK/split.tsv" | wc -l)
[ "$(grep -v '^#' "$WORK/d1/pr_vs_E.tsv" | awk -F'\t' '$1 == 4000' | wc -l)" -eq "$active" ] \
  && pass "pr_vs_E has the $active active TLS at 4000" || fail "pr_vs_E rows"

# Same seed, same bytes; two threads, same bytes (but for the command line).
expect_code 0 "rerun" "$T" "$WORK/split.tsv" "$DATA/frozen/dwp-v1.0.tsv" --seed 1 -q -o "$WORK/d2"
expect_code 0 "two threads" "$T" "$WORK/split.tsv" "$DATA/frozen/dwp-v1.0.tsv" --seed 1 -q -j 2 -o "$WORK/d3"
for f in summary n_of_E specific_heat pdf_PR; do
  diff <(grep -v '^##command' "$WORK/d1/$f.tsv") <(grep -v '^##command' "$WORK/d2/$f.tsv") >/dev/null \
    || fail "$f.tsv differs between identical runs"
  diff <(grep -v '^##command' "$WORK/d1/$f.tsv") <(grep -v '^##command' "$WORK/d3/$f.tsv") >/dev/null \
    || fail "$f.tsv differs with -j 2"
done
pass "deterministic and thread-independent"

# Glass counting: three glasses of 1000 particles, one without double wells (empty table).
mk_glass() {  # name rows
  awk -v g="$1" -v n="$2" 'BEGIN { print "#%tls-splitting 1.0"; print "##masses=4000"; print "##glass=" g;
    print "##particles=1000"; print "#id\tmass\tsplitting"; for (k = 1; k <= n; ++k) printf "%d\t4000\t%.17g\n", k, k * 1e-4 }'
}
mk_glass a 10 > "$WORK/a.tsv"; mk_glass b 0 > "$WORK/b.tsv"; mk_glass c 5 > "$WORK/c.tsv"
expect_code 0 "three glasses" "$T" "$WORK/a.tsv" "$WORK/b.tsv" "$WORK/c.tsv" --seed 2 --bootstrap 50 -q -o "$WORK/g3"
n_top() { awk -F'\t' '!/^#/ { v = $4 } END { print v }' "$1/n_of_E.tsv"; }  # n at E = 0.1: all 15 counted
awk -v n="$(n_top "$WORK/g3")" 'BEGIN { exit !(n == 15 / 3000) }' && pass "N_g = 3 with an empty glass" \
  || fail "n(0.1) = $(n_top "$WORK/g3"), expected 15/3000"
expect_code 0 "--glasses 5" "$T" "$WORK/a.tsv" "$WORK/b.tsv" "$WORK/c.tsv" --glasses 5 --seed 2 --bootstrap 50 -q -o "$WORK/g5"
awk -v n="$(n_top "$WORK/g5")" 'BEGIN { exit !(n == 15 / 5000) }' && pass "N_g = 5 with --glasses" \
  || fail "n(0.1) = $(n_top "$WORK/g5"), expected 15/5000"
awk -F'\t' '!/^#/ { exit !($3 == 5 && $4 == 5000) }' "$WORK/g5/summary.tsv" && pass "summary counts 5 glasses" \
  || fail "summary: $(grep -v '^#' "$WORK/g5/summary.tsv")"

# Bad inputs.
printf '' > "$WORK/empty.tsv"
awk '{ sub(/##masses=4000/, "##masses=4000,30000"); print }' "$WORK/c.tsv" > "$WORK/c2.tsv"
awk '{ sub(/##particles=1000/, "##particles=999"); sub(/##glass=c/, "##glass=a"); gsub(/^1\t/, "x1\t"); print }' "$WORK/c.tsv" > "$WORK/a-other-n.tsv"
grep -v '^##particles' "$WORK/a.tsv" > "$WORK/no-n.tsv"
cat "$WORK/a.tsv" > "$WORK/a-again.tsv"
expect_error 65 tls-density "profile table given" "$T" "$DATA/frozen/profile-v1.0.tsv" --seed 1 -o "$WORK/bad"
expect_error 65 tls-density "empty file" "$T" "$WORK/a.tsv" "$WORK/empty.tsv" --seed 1 -o "$WORK/bad"
expect_error 65 tls-density "different mass sets" "$T" "$WORK/a.tsv" "$WORK/c2.tsv" --seed 1 -o "$WORK/bad"
expect_error 65 tls-density "N differs within a glass" "$T" "$WORK/a.tsv" "$WORK/a-other-n.tsv" --seed 1 -o "$WORK/bad"
expect_error 65 tls-density "same glass twice" "$T" "$WORK/a.tsv" "$WORK/a-again.tsv" --seed 1 -o "$WORK/bad"
expect_error 65 tls-density "DWP table of an unknown glass" "$T" "$WORK/a.tsv" "$DATA/frozen/dwp-v1.0.tsv" --seed 1 -o "$WORK/bad"
expect_error 64 tls-density "unknown N" "$T" "$WORK/no-n.tsv" --seed 1 -o "$WORK/bad"
expect_code 0 "--particles for unknown N" "$T" "$WORK/no-n.tsv" --particles 1000 --seed 1 -q -o "$WORK/ok-n"
expect_error 64 tls-density "no --seed" "$T" "$WORK/a.tsv" -o "$WORK/bad"
expect_error 64 tls-density "no -o" "$T" "$WORK/a.tsv" --seed 1
expect_error 64 tls-density "no tables" "$T" --seed 1 -o "$WORK/bad"
expect_error 64 tls-density "--glasses below the tables" "$T" "$WORK/a.tsv" "$WORK/c.tsv" --glasses 1 --seed 1 -o "$WORK/bad"
expect_error 64 tls-density "--plateau off the grid" "$T" "$WORK/a.tsv" --plateau 2e-1,3e-1 --seed 1 -o "$WORK/bad"
expect_error 64 tls-density "--pdf-range bad" "$T" "$WORK/a.tsv" --pdf-range foo=0:1 --seed 1 -o "$WORK/bad"
expect_error 64 tls-density "--mass 0" "$T" "$WORK/a.tsv" --mass 0 --seed 1 -o "$WORK/bad"
expect_error 65 tls-density "--mass not in the tables" "$T" "$WORK/a.tsv" --mass 30000 --seed 1 -o "$WORK/bad"
expect_error 66 tls-density "missing file" "$T" "$WORK/none-such.tsv" --seed 1 -o "$WORK/bad"
# The frozen spectrum (docs/formats/tls-spectrum.md) beside splitting tables: C_harm in its own table.
expect_code 0 "splittings and a spectrum" "$T" "$WORK/split.tsv" "$DATA/frozen/spectrum-v1.0.tsv" --seed 1 -o "$WORK/d-harm"
[ -s "$WORK/d-harm/specific_heat.tsv" ] && grep -q '^##glasses=1$' "$WORK/d-harm/specific_heat_harmonic.tsv" \
  && grep -q '^##modes=45$' "$WORK/d-harm/specific_heat_harmonic.tsv" && pass "harmonic table beside the TLS tables" \
  || fail "harmonic table: $(ls "$WORK/d-harm")"
cmp -s <(grep -v '^##' "$WORK/d1/specific_heat.tsv") <(grep -v '^##' "$WORK/d-harm/specific_heat.tsv") \
  && pass "C_TLS unchanged by a spectrum" || fail "a spectrum changed specific_heat.tsv"
[ ! -e "$WORK/bad" ] && pass "no output folder after failures" || fail "a failing run left $(ls -R "$WORK/bad")"
run "$T" "$DATA/frozen/profile-v1.0.tsv" --seed 1 -o "$WORK/bad"
[[ "$ERR" == *"profile-v1.0.tsv:1: expected a tls-splitting, tls-dwp or tls-spectrum table, got tls-profile"* ]] \
  && pass "format error names the file" || fail "message: $ERR"
finish
