#!/usr/bin/env bash
# Working by hand (issue 16, items 2 and 3): one option vocabulary across the tools with the old
# spellings still accepted (and warned about), required options said to be required, --version on
# every executable, tls-neb fed by a pipe and an exploration folder, and a second tls-neb run with
# other settings told which option differs.
source "$(dirname "$0")/lib.sh"

# --- 3. one vocabulary -------------------------------------------------------------------------
for t in tls-equilibrate tls-explore; do
  expect_code 0 "$t --help" "$BIN/$t" --help
  [[ "$OUT" == *"-T, --temperature"* ]] && pass "$t takes -T" || fail "$t --help lacks '-T, --temperature'"
done
for t in tls-minimize tls-explore tls-equilibrate tls-neb; do
  expect_code 0 "$t --help" "$BIN/$t" --help
  grep -Eq -- '--ftol F(TOL)? +(stop when|quench until|inherent structures|minimiser)' <<<"$OUT" \
    && pass "$t: --ftol is the minimiser's tolerance" || fail "$t: --ftol is not the minimiser's: $(grep -- --ftol <<<"$OUT")"
done
expect_code 0 "tls-neb --help" "$BIN/tls-neb" --help
for o in --neb-ftol --neb-optimizer --neb-lbfgs-memory --neb-lbfgs-max-step --neb-fire-dt-max --neb-fire-max-step; do
  [[ "$OUT" == *"$o"* ]] || fail "tls-neb --help lacks $o"
done
[[ "$OUT" != *"--end-ftol"* ]] && pass "deprecated spellings are not listed" || fail "--help still lists --end-ftol"
# Required folders say so, without the meaningless "(default: -)".
for t in tls-equilibrate tls-explore tls-neb tls-density; do
  run "$BIN/$t" --help
  line=$(grep -- '-o, --output' <<<"$OUT")
  [[ "$line" == *"(required"* && "$OUT" != *"(default: -)"* ]] && pass "$t: -o says required" \
    || fail "$t: -o help: $line"
done
# --version everywhere, tls-bench included.
for t in tls-convert tls-minimize tls-equilibrate tls-explore tls-pairs tls-neb tls-split tls-density tls-bench; do
  run "$BIN/$t" --version
  [[ "$CODE" -eq 0 && "$OUT" == "$t (TLS toolkit) "[0-9]* ]] && pass "$t --version" || fail "$t --version: exit $CODE, '$OUT'"
done

# --- 2. tls-split --help example that pipes must work ----------------------------------------
run "$BIN/tls-split" --help
[[ "$OUT" != *"tls-neb ... |"* ]] && pass "no impossible tls-neb pipe in tls-split --help" || fail "tls-split --help still pipes tls-neb"

# --- 2. tls-neb: exploration folder, pair list on stdin ---------------------------------------
make_small_glass 11 64 "$WORK/glass.xyz"
"$BIN/tls-explore" "$WORK/glass.xyz" --glass byhand --seed 5 -T 0.15 --run-time 4 --runs 4 --no-stop -q \
  -o "$WORK/explore" || fail "tls-explore"
"$BIN/tls-pairs" -q "$WORK/explore" --max-dE 0.5 -o "$WORK/pairs.tsv" || fail "tls-pairs"
head -n "$(( $(grep -c '^#' "$WORK/pairs.tsv") + 2 ))" "$WORK/pairs.tsv" > "$WORK/two.tsv"  # two pairs: quick
"$BIN/tls-neb" -q "$WORK/explore/minima.tlsmin" "$WORK/two.tsv" --new-minima "$WORK/n1.tlsmin" -o "$WORK/file" \
  || fail "tls-neb from files"
run bash -c "'$BIN/tls-neb' -q '$WORK/explore/' - --new-minima '$WORK/n2.tlsmin' -o '$WORK/pipe/' < '$WORK/two.tsv'"
[ "$CODE" -eq 0 ] && pass "tls-neb DIR - (pairs on stdin)" || fail "tls-neb DIR -: exit $CODE: $ERR"
for f in dwp profiles status; do
  cmp -s <(grep -v '^##' "$WORK/file/$f.tsv") <(grep -v '^##' "$WORK/pipe/$f.tsv") && pass "same $f.tsv rows from the pipe" \
    || fail "$f.tsv differs between file and pipe inputs"
done
grep -q '^##input=<stdin>$' "$WORK/pipe/dwp.tsv" && pass "provenance records <stdin>" || fail "no ##input=<stdin> in dwp.tsv"

# --- 3. old spellings: same result, one warning each -----------------------------------------
run "$BIN/tls-neb" -q "$WORK/explore" "$WORK/two.tsv" --new-minima "$WORK/n3.tlsmin" -o "$WORK/old" \
  --optimizer lbfgs --end-ftol 1e-10
[ "$CODE" -eq 0 ] || fail "old spellings: exit $CODE"
want="tls-neb: warning: --optimizer is deprecated (removed in 0.2): use --neb-optimizer
tls-neb: warning: --end-ftol is deprecated (removed in 0.2): use --ftol"
[ "$ERR" = "$want" ] && pass "deprecation warnings" || fail "deprecation warnings: '$ERR'"
cmp -s <(grep -v '^##' "$WORK/file/dwp.tsv") <(grep -v '^##' "$WORK/old/dwp.tsv") && pass "old spellings, same DWPs" \
  || fail "old spellings changed the result"
grep -q -- '--neb-optimizer lbfgs --ftol 1e-10' "$WORK/old/dwp.tsv" && pass "recorded command uses the new names" \
  || fail "recorded command: $(grep '^##command' "$WORK/old/dwp.tsv")"
run "$BIN/tls-neb" -q "$WORK/explore" "$WORK/two.tsv" --new-minima "$WORK/n4.tlsmin" -o "$WORK/ftol" --ftol 1e-10
[ "$CODE" -eq 0 ] && [[ "$ERR" == "tls-neb: warning: --ftol now means the minimiser's tolerance"*"--neb-ftol" ]] \
  && pass "--ftol's change of meaning is announced" || fail "--ftol warning: exit $CODE '$ERR'"

# --- 2. a second run with other settings says what differs (no internal names, no //) ---------
expect_error 65 tls-neb "other --neb-ftol" "$BIN/tls-neb" -q "$WORK/explore/" - --new-minima "$WORK/n5.tlsmin" \
  -o "$WORK/pipe/" --neb-ftol 1e-5 < "$WORK/two.tsv"
[ "$ERR" = "tls-neb: error: $WORK/pipe/checkpoint.tlsbin: checkpoint of another run: --neb-ftol differs (1e-06 in the checkpoint, 1e-05 now); remove it, choose another output folder, or pass --restart" ] \
  && pass "names --neb-ftol and both values" || fail "mismatch message: $ERR"
head -n "$(( $(grep -c '^#' "$WORK/pairs.tsv") + 1 ))" "$WORK/pairs.tsv" > "$WORK/one.tsv"
expect_error 65 tls-neb "other pair list" "$BIN/tls-neb" -q "$WORK/explore" "$WORK/one.tsv" --new-minima "$WORK/n6.tlsmin" -o "$WORK/file"
[[ "$ERR" == *"checkpoint of another run: the pair list (PAIRS) differs;"* ]] && pass "names the pair list" || fail "$ERR"
expect_error 65 tls-neb "other --images" "$BIN/tls-neb" -q "$WORK/explore" "$WORK/two.tsv" --new-minima "$WORK/n7.tlsmin" \
  -o "$WORK/file" --images 9
[[ "$ERR" == *"checkpoint of another run: --images differs ("*" in the checkpoint, 9 now);"* ]] && pass "names --images" || fail "$ERR"
finish
