#!/usr/bin/env bash
# tls-split: help/version, golden output, stdin path, thread independence, SPEC benchmarks through
# the command line, empty tables, and every bad input (one error line, documented exit code, no
# output file left behind).
source "$(dirname "$0")/lib.sh"
T=$BIN/tls-split
prof="$DATA/frozen/profile-v1.0.tsv"

expect_code 0 "--help" "$T" --help
for word in Usage: --mass --rtol --domain --precision Examples: tls-profile tls-splitting Flags: "default: 1e-6" argon; do
  [[ "$OUT" == *"$word"* ]] || fail "--help does not mention '$word'"
done
expect_code 0 "--version" "$T" --version
[[ "$OUT" == "tls-split (TLS toolkit) "* ]] || fail "--version prints '$OUT'"

# Golden output of the frozen profile table (both default masses).
expect_code 0 "frozen profiles" "$T" "$prof" -o "$WORK/split.tsv"
golden split-frozen.tsv "$WORK/split.tsv"
grep -q '^##glass=Tf0.062-g17$' "$WORK/split.tsv" && grep -q '^##particles=1500$' "$WORK/split.tsv" \
  && pass "glass metadata carried" || fail "##glass/##particles not carried"
grep -q '^##continuation=harmonic' "$WORK/split.tsv" && pass "continuation stated" || fail "no ##continuation line"
[[ "$ERR" == *"2 profiles x 2 masses: 4 splittings"* ]] && pass "summary on stderr" || fail "stderr: $ERR"
expect_code 0 "--quiet" "$T" "$prof" -q -o "$WORK/q.tsv"
[ -z "$ERR" ] && pass "quiet is quiet" || fail "--quiet printed: $ERR"

# stdin gives the same rows; two threads give the same bytes (but for the command line).
run bash -c "cat '$prof' | '$T' - -q"
[ "$(grep -v '^##' <<<"$OUT")" = "$(grep -v '^##' "$WORK/split.tsv")" ] && pass "stdin" || fail "stdin rows differ"
expect_code 0 "two threads" "$T" "$prof" -j 2 -o "$WORK/j2.tsv"
diff <(grep -v '^##command' "$WORK/split.tsv") <(grep -v '^##command' "$WORK/j2.tsv") >/dev/null \
  && pass "-j 2 identical" || fail "-j 2 output differs"
expect_code 0 "--mass argon,nickel" "$T" "$prof" --mass argon,nickel -q -o "$WORK/an.tsv"
[ "$(grep -v '^#' "$WORK/an.tsv" | cut -f2 | sort -u | tr '\n' ' ')" = "27504 4116 " ] && pass "exact masses" \
  || fail "masses: $(grep -v '^#' "$WORK/an.tsv" | cut -f2 | sort -u)"

# SPEC.md section 6, first benchmark, through the command line: 111 samples of 0.8 xi^2 (1-xi)^2.
awk 'BEGIN { print "#%tls-profile 1.0"; print "#id\td\txi\tV";
  for (i = 0; i <= 110; ++i) { x = -0.6 + 2.2 * i / 110; printf "b1\t0.5\t%.17g\t%.17g\n", x, 0.8 * x * x * (1 - x) * (1 - x) } }' \
  > "$WORK/bench.tsv"
expect_code 0 "benchmark profile" "$T" "$WORK/bench.tsv" --mass 4000 -q -o "$WORK/bench-out.tsv"
awk -F'\t' '!/^#/ { e1 = $6; e = $8; ok = (e1 / 0.0186913 - 1)^2 < 1e-10 && (e / 3.01756e-4 - 1)^2 < 1e-10; exit !ok }' \
  "$WORK/bench-out.tsv" && pass "E1 = 1.86913e-2, E = 3.01756e-4" || fail "benchmark: $(grep -v '^#' "$WORK/bench-out.tsv" | cut -f6,8)"

# A table with a header and no rows (a glass without double wells) gives a table without rows.
printf '#%%tls-profile 1.0\n##glass=empty-glass\n##particles=500\n#id\td\txi\tV\n' > "$WORK/none.tsv"
expect_code 0 "no profiles" "$T" "$WORK/none.tsv" -o "$WORK/none-out.tsv"
[ "$(grep -vc '^#' "$WORK/none-out.tsv")" -eq 0 ] && grep -q '^##glass=empty-glass$' "$WORK/none-out.tsv" \
  && pass "empty splitting table keeps its glass" || fail "empty table: $(cat "$WORK/none-out.tsv")"

# Bad inputs.
head='#%tls-profile 1.0\n#id\td\txi\tV\n'
mk() { printf "%b" "$2" > "$WORK/$1"; }
mk few.tsv "${head}1\t1\t0\t0\n1\t1\t1\t0.1\n"
mk order.tsv "${head}1\t1\t0\t0\n1\t1\t0.6\t0.1\n1\t1\t0.5\t0\n"
mk nan.tsv "${head}1\t1\t0\t0\n1\t1\t0.5\tnan\n1\t1\t1\t0\n"
mk dzero.tsv "${head}1\t0\t0\t0\n1\t0\t0.5\t0.1\n1\t0\t1\t0\n"
mk dneg.tsv "${head}1\t-0.5\t0\t0\n1\t-0.5\t0.5\t0.1\n1\t-0.5\t1\t0\n"
mk text.tsv "${head}1\t1\t0\t0\n1\t1\tabc\t0.1\n1\t1\t1\t0\n"
mk empty.tsv ""
mk notable.tsv "id\td\txi\tV\n1\t1\t0\t0\n"
mk major.tsv "#%tls-profile 2.0\n#id\td\txi\tV\n"
mk nocol.tsv "#%tls-profile 1.0\n#id\td\txi\n1\t1\t0\n"
mk line.tsv "${head}1\t1\t0\t0\n1\t1\t0.5\t1\n1\t1\t1\t2\n"
for case in few order nan dzero dneg text empty notable major nocol; do
  expect_error 65 tls-split "$case" "$T" "$WORK/$case.tsv" -o "$WORK/out.tsv"
done
expect_error 65 tls-split "splitting table given as profiles" "$T" "$WORK/split.tsv" -o "$WORK/out.tsv"
expect_error 65 tls-split "DWP table given as profiles" "$T" "$DATA/frozen/dwp-v1.0.tsv" -o "$WORK/out.tsv"
# A profile that cannot be solved (no positive curvature) is flagged 'failed' and the others go on.
{ cat "$prof"; grep -v '^#' "$WORK/line.tsv" | sed 's/$/\t0/'; } > "$WORK/mixed.tsv"
expect_code 0 "profile without curvature among good ones" "$T" "$WORK/mixed.tsv" -q -o "$WORK/mixed-out.tsv"
awk -F'\t' '!/^#/ { n++; if ($1 == "1" && $NF == "failed" && $8 == "nan") f++ } END { exit !(n == 6 && f == 2) }' \
  "$WORK/mixed-out.tsv" && pass "unsolvable profile: rows flagged 'failed', splitting nan" \
  || fail "failed rows: $(grep -v '^##' "$WORK/mixed-out.tsv")"
[[ "$ERR" == *"mixed.tsv:"*": profile '1', mass 4000: no positive curvature"*"flagged 'failed'"* ]] \
  && pass "failed profile: file:line on stderr" || fail "failed: $ERR"
for bad in 0 -4000 abc nan; do
  expect_error 64 tls-split "--mass $bad" "$T" "$prof" --mass "$bad" -o "$WORK/out.tsv"
done
expect_error 64 tls-split "--domain backwards" "$T" "$prof" --domain 1.6,-0.6 -o "$WORK/out.tsv"
expect_error 64 tls-split "--domain one number" "$T" "$prof" --domain 1.6 -o "$WORK/out.tsv"
expect_error 64 tls-split "--rtol 0" "$T" "$prof" --rtol 0 -o "$WORK/out.tsv"
expect_error 64 tls-split "--precision quad" "$T" "$prof" --precision quad -o "$WORK/out.tsv"
expect_error 64 tls-split "two inputs" "$T" "$prof" "$prof"
expect_error 66 tls-split "missing file" "$T" "$WORK/none-such.tsv" -o "$WORK/out.tsv"
expect_error 73 tls-split "output folder missing" "$T" "$prof" -o "$WORK/no/dir/out.tsv"
[ ! -e "$WORK/out.tsv" ] || fail "a failing run left an output file"
[ "$(ls -A "$WORK" | grep -c '\.tmp-' || true)" -eq 0 ] || fail "temporary files left: $(ls -A "$WORK")"
run "$T" "$WORK/few.tsv"
[[ "$ERR" == *"few.tsv:3: profile '1' has 2 samples; at least 3 are needed"* ]] && pass "few: file:line" || fail "few: $ERR"
run "$T" "$WORK/order.tsv"
[[ "$ERR" == *"order.tsv:5: xi must increase strictly within id '1'"* ]] && pass "order: file:line" || fail "order: $ERR"
echo precious > "$WORK/keep.tsv"
expect_error 65 tls-split "failure keeps the old output" "$T" "$WORK/nan.tsv" -o "$WORK/keep.tsv"
[ "$(cat "$WORK/keep.tsv")" = precious ] && pass "old output kept" || fail "a failing run replaced an existing output"
finish
