#!/usr/bin/env bash
# tls-explore: byte-identical folders with 1 and 2 threads, appending runs, a real process killed
# midway and resumed, bad inputs (exit codes, one error line, nothing overwritten).
source "$(dirname "$0")/lib.sh"
T=$BIN/tls-explore
expect_code 0 "--help" "$T" --help
for o in --runs --min-runs --stop-ks --stop-rate --stop-when --stop-window --stop-new --no-stop --bisect-steps --is-interval --same-energy --seed --threads; do
  [[ "$OUT" == *"$o"* ]] || fail "--help lacks $o"
done
[[ "$OUT" == *"Stop rule"* && "$OUT" == *"Kolmogorov-Smirnov"* ]] || fail "--help does not explain the stop rule"

make_small_glass 5 64 "$WORK/glass.xyz"
make_small_glass 6 64 "$WORK/moved.xyz"   # same glass (N, box, diameters), another configuration
make_small_glass 7 65 "$WORK/other.xyz"   # another glass
files="minima.tlsmin minima.tsv transitions.tsv runs.tsv"
# Folders compared byte for byte are named alike (x/out, y/out): the command is part of the provenance.
same_folder() {  # same_folder A B WHAT
  local f ok=1
  for f in $files; do cmp -s "$1/$f" "$2/$f" || { fail "$3: $f differs"; ok=0; }; done
  [ $ok = 1 ] && pass "$3: all four files byte-identical"
}
rows() { grep -vc '^#' "$1"; }
common=(--seed 3 --temperature 0.15 --run-time 4 --no-stop)

expect_code 0 "6 runs, 1 thread" "$T" "$WORK/glass.xyz" "${common[@]}" --runs 6 -j 1 -o "$WORK/e1/out"
[[ "$ERR" == *"6 runs (6 new)"* ]] || fail "final summary missing: $ERR"
expect_code 0 "6 runs, 2 threads" "$T" "$WORK/glass.xyz" "${common[@]}" --runs 6 -j 2 -o "$WORK/e2/out"
same_folder "$WORK/e1/out" "$WORK/e2/out" "1 vs 2 threads"
[ "$(rows "$WORK/e1/out/minima.tsv")" -ge 3 ] && pass "several minima" || fail "too few minima"
[ "$(rows "$WORK/e1/out/transitions.tsv")" -ge 2 ] && pass "several transitions" || fail "too few transitions"
[ "$(rows "$WORK/e1/out/runs.tsv")" -eq 6 ] || fail "runs.tsv should list 6 runs"
head -n 1 "$WORK/e1/out/transitions.tsv" | grep -q '^#%tls-transitions 1\.0$' || fail "transitions header"
grep -q '^##glass_crc32=' "$WORK/e1/out/transitions.tsv" || fail "transitions table lacks the glass fingerprint"
# Every minimum named by a transition is in the index, and ids are unique.
awk -F'\t' 'FNR==NR { if ($0 !~ /^#/) id[$1]=1; next } $0 !~ /^#/ { if (!($1 in id) || !($2 in id)) bad=1 } END { exit bad }' \
  "$WORK/e1/out/minima.tsv" "$WORK/e1/out/transitions.tsv" && pass "transitions name indexed minima" || fail "unknown minimum in transitions"
[ "$(grep -v '^#' "$WORK/e1/out/minima.tsv" | cut -f1 | sort | uniq -d | wc -l)" -eq 0 ] || fail "duplicate ids"

# Appending: three runs, then up to six, gives the same folder as six at once.
expect_code 0 "3 runs" "$T" "$WORK/glass.xyz" "${common[@]}" --runs 3 -o "$WORK/e3/out"
expect_code 0 "3 more runs" "$T" "$WORK/glass.xyz" "${common[@]}" --runs 6 -o "$WORK/e3/out"
[[ "$ERR" == *"continuing"*"3 runs"* ]] || fail "append did not say it continues: $ERR"
# The library keeps the command that created it ("--runs 3"): one character and the CRC of that
# record may differ; every table (which records the latest command) and every other byte are the same.
appended_same() {
  local f
  for f in minima.tsv transitions.tsv runs.tsv; do cmp -s "$WORK/e1/out/$f" "$WORK/e3/out/$f" || fail "$1: $f differs"; done
  [ "$(cmp -l "$WORK/e1/out/minima.tlsmin" "$WORK/e3/out/minima.tlsmin" | wc -l)" -le 5 ] \
    && [ "$(wc -c < "$WORK/e1/out/minima.tlsmin")" -eq "$(wc -c < "$WORK/e3/out/minima.tlsmin")" ] \
    && pass "$1: same library but for its creation command" || fail "$1: libraries differ"
}
appended_same "appended"
expect_code 0 "nothing left to do" "$T" "$WORK/glass.xyz" "${common[@]}" --runs 6 -o "$WORK/e3/out"
appended_same "rerun of a complete folder"

# A real process killed midway (SIGKILL, possibly inside a commit) resumes to the same bytes.
long=("${common[@]}" --run-time 2 --runs 40)
expect_code 0 "uninterrupted 40 runs" "$T" "$WORK/glass.xyz" "${long[@]}" -o "$WORK/e4/out"
"$T" "$WORK/glass.xyz" "${long[@]}" -o "$WORK/e5/out" 2>/dev/null &
pid=$!
for _ in $(seq 600); do
  [ -f "$WORK/e5/out/runs.tsv" ] && [ "$(rows "$WORK/e5/out/runs.tsv")" -ge 5 ] && break
  sleep 0.05
done
kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
done_runs=$(rows "$WORK/e5/out/runs.tsv")
if [ "$done_runs" -ge 40 ]; then fail "the process finished before it was killed"; else pass "killed after $done_runs runs"; fi
expect_code 0 "resume after kill" "$T" "$WORK/glass.xyz" "${long[@]}" -o "$WORK/e5/out"
[[ "$ERR" == *"continuing"* ]] || fail "resume did not say it continues: $ERR"
same_folder "$WORK/e4/out" "$WORK/e5/out" "killed and resumed"
[ -z "$(ls -A "$WORK/e5/out" | grep -v -e '^minima.tlsmin$' -e '^minima.tsv$' -e '^transitions.tsv$' -e '^runs.tsv$')" ] \
  && pass "no temporary files left" || fail "left: $(ls -A "$WORK/e5/out")"

# Bad input: one error line, the documented exit code, nothing overwritten.
expect_error 64 tls-explore "zero runs" "$T" "$WORK/glass.xyz" --seed 1 --runs 0 -o "$WORK/z"
[ ! -e "$WORK/z" ] || fail "zero runs created the folder"
expect_error 64 tls-explore "no seed" "$T" "$WORK/glass.xyz" --runs 1 -o "$WORK/z"
expect_error 64 tls-explore "no output folder" "$T" "$WORK/glass.xyz" --seed 1
expect_error 64 tls-explore "interval not a whole number of steps" "$T" "$WORK/glass.xyz" --seed 1 --is-interval 0.0123 -o "$WORK/z"
expect_error 64 tls-explore "run not a whole number of intervals" "$T" "$WORK/glass.xyz" --seed 1 --run-time 0.25 -o "$WORK/z"
# Each bad value is refused by tls::explore::validate with the option's name and the value given.
for bad in "--temperature=0" "--dt=0" "--tau=-1" "--thermostat=langevin" "--start=liquid" "--transient=-1" \
           "--transient=0.0123" "--skin=0" "--is-interval=0" "--run-time=0.25" "--bisect-steps=0" "--ftol=0" \
           "--switch-ftol=0" "--quench=half" "--max-force-calls=0" "--same-energy=0" "--same-distance=-1" "--runs=0" \
           "--min-runs=0" "--stop-ks=-1" "--stop-rate=-0.5" "--max-minima=-1"; do
  expect_error 64 tls-explore "bad $bad" "$T" "$WORK/glass.xyz" --seed 1 -o "$WORK/z" "$bad"
  [[ "$ERR" == *"${bad%%=*} must be"*"${bad#*=}"* ]] || fail "bad $bad: the error does not name ${bad%%=*} and its value: $ERR"
done
[ ! -e "$WORK/z" ] || fail "a bad option created the folder"
expect_error 66 tls-explore "missing glass" "$T" "$WORK/absent.xyz" --seed 1 -o "$WORK/z"
printf '2\nLattice="3 0 0 0 3 0 0 0 3" Properties=species:S:1:pos:R:3:diameter:R:1\nX 0 nan 0 1\nX 1 1 1 1\n' > "$WORK/nan.xyz"
expect_error 65 tls-explore "NaN in the glass" "$T" "$WORK/nan.xyz" --seed 1 -o "$WORK/z"
[ ! -e "$WORK/z" ] || fail "a failed start created the folder"

snapshot() { for f in $files; do cksum < "$1/$f"; done; }
before=$(snapshot "$WORK/e1/out")
expect_error 65 tls-explore "library of another glass in the folder" "$T" "$WORK/other.xyz" "${common[@]}" --runs 7 -o "$WORK/e1/out"
[[ "$ERR" == *"another glass"* ]] || fail "message: $ERR"
expect_error 65 tls-explore "another start of the same glass" "$T" "$WORK/moved.xyz" "${common[@]}" --runs 7 -o "$WORK/e1/out"
[[ "$ERR" == *"the start configuration of this glass (start_crc32) differs"* ]] || fail "message: $ERR"
expect_error 65 tls-explore "other settings" "$T" "$WORK/glass.xyz" "${common[@]}" --runs 7 --temperature 0.2 -o "$WORK/e1/out"
[[ "$ERR" == *"library explored with other settings: --temperature differs (0.15 in the library, 0.2 now);"* ]] || fail "message: $ERR"
[ "$(snapshot "$WORK/e1/out")" = "$before" ] && pass "refused folders untouched" || fail "a refused run changed the folder"

# The saturation rule (--stop-when saturated): every runs.tsv row's `stationary` is recomputed here
# from its `new_minima` column (the last W runs found at most M new minima, after max(min-runs, W)
# runs), and the exploration ends at the first such row or at --runs. At T = 0.15 this glass keeps
# finding minima (12 runs, the cap); at T = 0.05 it stops early (after 4 runs: 5, 6, 0, 2 new).
check_saturation() {  # DIR: prints "ok K" (K runs) or what disagrees
  run awk -F'\t' -v W=2 -v M=2 -v R=3 -v cap=12 'NR == 1 { for (i = 1; i <= NF; ++i) col[$i] = i; next }
    { k++; nm[k] = $col["new_minima"]; s = 0; for (i = k - W + 1; i <= k; ++i) if (i >= 1) s += nm[i]
      want = (k >= W && k >= R && s <= M); if (want != $col["stationary"]) bad = bad " row " k; last = want }
    END { if (!last && k != cap) bad = bad " ended after " k " runs without the rule holding"; print (bad == "" ? "ok " k : bad) }' \
    <(sed 's/^#run/run/' "$1/runs.tsv" | grep -v '^#')
}
sat=(--seed 3 --run-time 4 --runs 12 --min-runs 3 --stop-when saturated --stop-window 2 --stop-new 2)
expect_code 0 "saturation rule, T = 0.15" "$T" "$WORK/glass.xyz" "${sat[@]}" --temperature 0.15 -o "$WORK/sat/out"
check_saturation "$WORK/sat/out"
[ "$OUT" = "ok 12" ] && pass "saturation rule at T = 0.15: never holds, 12 runs (the cap)" || fail "saturation rule, T = 0.15: $OUT"
expect_code 0 "saturation rule, T = 0.05" "$T" "$WORK/glass.xyz" "${sat[@]}" --temperature 0.05 -o "$WORK/sat05/out"
[[ "$ERR" == *"stop: saturated (stop rule)"*"(saturated)" ]] || fail "saturation summary line: $ERR"
check_saturation "$WORK/sat05/out"
[[ "$OUT" == "ok "* && "${OUT#ok }" -lt 12 ]] && pass "saturation rule at T = 0.05: stops after ${OUT#ok } runs" \
  || fail "saturation rule, T = 0.05: $OUT"
grep -q '^##stop_rule=on min_runs=3 .* when=saturated window=2 max_new=2$' "$WORK/sat/out/runs.tsv" \
  && pass "saturation rule recorded in ##stop_rule" || fail "stop_rule line: $(grep stop_rule "$WORK/sat/out/runs.tsv")"
expect_error 64 tls-explore "unknown --stop-when" "$T" "$WORK/glass.xyz" "${common[@]}" --stop-when stable -o "$WORK/sat2"
[[ "$ERR" == *"--stop-when"* ]] || fail "message: $ERR"
expect_error 64 tls-explore "--stop-window 0" "$T" "$WORK/glass.xyz" "${common[@]}" --stop-window 0 -o "$WORK/sat2"
expect_error 64 tls-explore "--stop-new -1" "$T" "$WORK/glass.xyz" "${common[@]}" --stop-new -1 -o "$WORK/sat2"
[ ! -e "$WORK/sat2" ] && pass "refused settings leave no folder" || fail "a refused run created $WORK/sat2"

mkdir -p "$WORK/bad1" "$WORK/bad2" "$WORK/bad3"
head -c 40 "$WORK/e1/out/minima.tlsmin" > "$WORK/bad1/minima.tlsmin"
expect_error 65 tls-explore "truncated library header" "$T" "$WORK/glass.xyz" "${common[@]}" --runs 7 -o "$WORK/bad1"
[ "$(wc -c < "$WORK/bad1/minima.tlsmin")" -eq 40 ] || fail "truncated library was modified"
echo "not a library" > "$WORK/bad2/minima.tlsmin"
expect_error 65 tls-explore "garbage library" "$T" "$WORK/glass.xyz" "${common[@]}" --runs 7 -o "$WORK/bad2"
mkdir "$WORK/bad3/minima.tlsmin"
expect_error 66 tls-explore "unreadable library (a directory)" "$T" "$WORK/glass.xyz" "${common[@]}" --runs 7 -o "$WORK/bad3"
# Corruption inside the file (not a torn tail) is never repaired.
cp -r "$WORK/e1/out" "$WORK/bad4"
printf 'X' | dd of="$WORK/bad4/minima.tlsmin" bs=1 seek=2000 conv=notrunc 2>/dev/null
expect_error 65 tls-explore "corrupt record" "$T" "$WORK/glass.xyz" "${common[@]}" --runs 7 -o "$WORK/bad4"
[[ "$ERR" == *"checksum mismatch"* ]] || fail "message: $ERR"
finish
