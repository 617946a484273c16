#!/usr/bin/env bash
# tls-equilibrate: --help that teaches, bad input (exit code and one error line), byte-identical
# outputs for one seed whatever --threads, table formats, glasses whose inherent-structure energy
# tls-minimize confirms, progress on stderr and silence with --quiet.
source "$(dirname "$0")/lib.sh"
T=$BIN/tls-equilibrate
expect_code 0 "--help" "$T" --help
for w in --temperature --method --snapshots --relaxations --checkpoint-every --quench-temperature --replicas; do
  [[ "$OUT" == *"$w"* ]] || fail "--help lacks $w"
done
[[ "$OUT" == *"Ninarello"* && "$OUT" == *"Berthier"* && "$OUT" == *"F_s"* ]] && pass "--help explains the methods" || fail "--help lacks the methods"
expect_code 0 "--version" "$T" --version

E=tls-equilibrate
o=$WORK/out
expect_error 64 $E "temperature 0" "$T" --seed 1 -T 0 -o "$o"
expect_error 64 $E "negative temperature" "$T" --seed 1 -T 0.3,-0.1 -o "$o"
expect_error 64 $E "NaN temperature" "$T" --seed 1 -T nan -o "$o"
expect_error 64 $E "no temperature" "$T" --seed 1 -o "$o"
expect_error 64 $E "no seed" "$T" -T 0.3 -o "$o"
expect_error 64 $E "N = 1" "$T" --seed 1 -T 0.3 --particles 1 -o "$o"
expect_error 64 $E "unknown option" "$T" --seed 1 -T 0.3 --frobnicate -o "$o"
expect_error 64 $E "unknown method" "$T" --seed 1 -T 0.3 --method nve -o "$o"
expect_error 64 $E "-o -" "$T" --seed 1 -T 0.3 -o -
expect_error 64 $E "delta beyond the skin" "$T" --seed 1 -T 0.3 --delta 0.5 -o "$o"
expect_error 66 $E "missing input" "$T" --seed 1 -T 0.3 "$WORK/none.xyz" -o "$o"
head2='Properties=species:S:1:pos:R:3:diameter:R:1'
printf '2\nLattice="0 0 0 0 0 0 0 0 0" %s\nX 0 0 0 1\nX 1 0 0 1\n' "$head2" > "$WORK/zerobox.xyz"
printf '1\nLattice="3 0 0 0 3 0 0 0 3" %s\nX 0 0 0 1\n' "$head2" > "$WORK/one.xyz"
printf '2\nLattice="3 0 0 0 3 0 0 0 3" %s\nX 1 1 1 1\nX 1 1 1 1.2\n' "$head2" > "$WORK/overlap.xyz"
expect_error 65 $E "zero box" "$T" --seed 1 -T 0.3 "$WORK/zerobox.xyz" -o "$o"
expect_error 65 $E "one particle" "$T" --seed 1 -T 0.3 "$WORK/one.xyz" -o "$o"
[[ "$ERR" == *"one.xyz"*"at least 2 particles"* ]] && pass "N < 2 message names the file" || fail "message: $ERR"
expect_error 65 $E "overlapping particles" "$T" --seed 1 -T 0.3 "$WORK/overlap.xyz" -o "$o"

# Same seed: the same bytes in every file, with 1 or 2 threads over 2 replicas (the folders have
# the same name: the command recorded in the tables holds it).
small=(--particles 60 -T 0.4,0.3 --burn-in-relaxations 2 --relaxations 3 --snapshots 2 --snapshot-relaxations 1
       --quench-temperature 0.05 --quench-time 2 --replicas 2)
expect_code 0 "2 replicas, 1 thread" "$T" --seed 5 "${small[@]}" -j 1 -o "$WORK/1/a"
[[ "$ERR" == *"replica(s) done"* ]] && pass "summary line on stderr" || fail "no summary line: $ERR"
expect_code 0 "2 replicas, 2 threads, --quiet" "$T" --seed 5 "${small[@]}" --threads 2 -q -o "$WORK/2/a"
[ -z "$ERR" ] && pass "--quiet is silent" || fail "--quiet printed: $ERR"
if diff -r "$WORK/1/a" "$WORK/2/a" >/dev/null; then pass "byte-identical outputs for -j 1 and -j 2"; else fail "outputs depend on threads: $(diff -rq "$WORK/1/a" "$WORK/2/a")"; fi
ln -s "$WORK/1/a" "$WORK/a"
expect_code 0 "another seed" "$T" --seed 6 "${small[@]}" -q -o "$WORK/c"
cmp -s "$WORK/a/final-000.xyz" "$WORK/c/final-000.xyz" && fail "another seed gave the same configuration" || pass "another seed, another chain"
ls "$WORK/a" | tr '\n' ' ' | grep -q "final-000.xyz final-001.xyz fs.tsv glass-000-0000.xyz glass-000-0001.xyz glass-001-0000.xyz glass-001-0001.xyz glasses.tsv quench.tsv summary.tsv trace.tsv" \
  && pass "output files" || fail "output files: $(ls -A "$WORK/a")"
ls -A "$WORK/a" | grep -q checkpoint && fail "checkpoints left after success" || pass "checkpoints removed after success"

# Progress: a line every 2 s (time done, rate, temperature, phase, E/N, relaxations, time left) and
# one at the end of each temperature.
expect_code 0 "a run of a few seconds" "$T" --seed 5 --particles 400 -T 0.4,0.3 --relaxations 12 -o "$WORK/p"
line=$(grep -m1 'T=0.3 \[2/2\] done' <<<"$ERR")
[[ "$line" == "tls-equilibrate: "*" sweeps, "*" sweeps/s, T=0.3 [2/2] done: E/N 0."*" +- 0.0"*", tau "*" sweeps, 12 relaxations" ]] \
  && pass "end-of-temperature line: $line" || fail "progress: $ERR"
line=$(grep -m1 'min left' <<<"$ERR")
[[ -z "$line" || "$line" == "tls-equilibrate: "*" sweeps/s, T=0."*" ["*"/2] "*" at "*" sweeps, E/N "*" relaxations, ~"*" min left at this T" ]] \
  && pass "progress line: ${line:-(run shorter than 2 s)}" || fail "progress: $line"

# Table formats and contents.
for t in trace:eqtrace summary:equilibrium fs:fs glasses:glasses quench:quench; do
  f=$WORK/a/${t%%:*}.tsv
  [ "$(head -1 "$f")" = "#%tls-${t#*:} 1.0" ] || fail "$f: format line $(head -1 "$f")"
  grep -q '^##complete=true$' "$f" || fail "$f: not marked complete"
  grep -q '^##command=tls-equilibrate --seed 5' "$f" || fail "$f: no command"
done
awk -F'\t' '!/^#/ {n++; if ($18 != 1 || $19 != 0 || $11 < 3) bad++} END {exit !(n == 4 && !bad)}' "$WORK/a/summary.tsv" \
  && pass "summary: 2 replicas x 2 temperatures, equilibrated, 3 relaxations each" || fail "summary: $(grep -v '^##' "$WORK/a/summary.tsv")"
# The inherent-structure energy recorded with a glass is what tls-minimize finds from it.
g=$WORK/a/glass-001-0001.xyz
eis=$(xyz_key "$g" e_is)
expect_code 0 "minimise a glass" "$BIN/tls-minimize" "$g" -o "$WORK/is.xyz"
awk -v a="$eis" -v e="$(xyz_key "$WORK/is.xyz" energy)" 'BEGIN{d = a - e/60; if (d < 0) d = -d; exit !(d < 1e-12)}' \
  && pass "glass e_is matches tls-minimize" || fail "e_is $eis vs $(xyz_key "$WORK/is.xyz" energy)/60"
grep -q "glass-001-0001.xyz	1	0.3	" "$WORK/a/glasses.tsv" && pass "glasses table lists the file" || fail "glasses.tsv: $(cat "$WORK/a/glasses.tsv")"

# Crystallisation watch: an fcc crystal at low temperature is stopped and handed on nowhere; a lattice
# start at high temperature melts and goes through.
awk 'BEGIN{m=4; a=sqrt(2); L=m*a; print 4*m*m*m;
  printf "Lattice=\"%.17g 0 0 0 %.17g 0 0 0 %.17g\" Properties=species:S:1:pos:R:3:diameter:R:1\n", L, L, L;
  split("0 0 0 0 0.5 0.5 0.5 0 0.5 0.5 0.5 0", b, " ");
  for (x=0;x<m;x++) for (y=0;y<m;y++) for (z=0;z<m;z++) for (k=0;k<4;k++)
    printf "X %.17g %.17g %.17g 1\n", (x+b[3*k+1])*a, (y+b[3*k+2])*a, (z+b[3*k+3])*a}' > "$WORK/fcc.xyz"
expect_error 65 $E "crystal input" "$T" --seed 1 -T 0.05 --snapshots 1 "$WORK/fcc.xyz" -q -o "$WORK/x"
[[ "$ERR" == *"crystallised at T = 0.05"*"no glass handed on"* ]] && pass "crystallisation reported" || fail "message: $ERR"
[ ! -e "$WORK/x/final-000.xyz" ] && [ ! -e "$WORK/x/glass-000-0000.xyz" ] && pass "no configuration handed on" || fail "a crystal was written"
awk -F'\t' '!/^#/ && $19 == 1 {found=1} END {exit !found}' "$WORK/x/summary.tsv" && pass "summary says crystallised" || fail "summary: $(cat "$WORK/x/summary.tsv")"
expect_code 0 "lattice start melts at T = 0.4" "$T" --seed 1 --start lattice --particles 64 -T 0.4 --relaxations 2 -q -o "$WORK/lat"

# A corrupt checkpoint is an error, and is left as it was.
mkdir -p "$WORK/d"
expect_code 0 "run keeping its checkpoint" "$T" --seed 5 --particles 40 -T 0.3 --relaxations 2 --keep-checkpoints -q -o "$WORK/d"
ck=$WORK/d/checkpoint-000.tlsbin
[ -f "$ck" ] || fail "no checkpoint kept"
printf 'garbage' | dd of="$ck" bs=1 seek=200 conv=notrunc 2>/dev/null
cp "$ck" "$WORK/ck.bad"
expect_error 65 $E "corrupt checkpoint" "$T" --seed 5 --particles 40 -T 0.3 --relaxations 2 -q -o "$WORK/d"
[[ "$ERR" == *"checkpoint-000.tlsbin"*"checksum"* ]] && pass "message names the checkpoint and the checksum" || fail "message: $ERR"
cmp -s "$ck" "$WORK/ck.bad" && pass "corrupt checkpoint left in place" || fail "corrupt checkpoint was replaced"
rm -f "$ck"
expect_code 0 "run keeping its checkpoint" "$T" --seed 5 --particles 40 -T 0.3 --relaxations 2 --keep-checkpoints -q -o "$WORK/d"
expect_error 65 $E "checkpoint of other settings" "$T" --seed 6 --particles 40 -T 0.3 --relaxations 2 -q -o "$WORK/d"
[[ "$ERR" == *"checkpoint written with other settings: seed differs (5 in the checkpoint, 6 now); remove it"* ]] && pass "message names the differing setting" || fail "message: $ERR"
# Glasses under a time cap: by relaxations none can be cut (a failure, tables still written); by
# --snapshot-every they are cut at the asked production times.
expect_code 65 "capped before any glass" "$T" --seed 3 -T 0.2,0.062 --particles 64 --snapshots 2 --max-time 300 -q -o "$WORK/cap"
[[ "$ERR" == *"0 of the 2 glasses"* ]] && [ -s "$WORK/cap/summary.tsv" ] && pass "says how many glasses are missing, keeps the tables" \
  || fail "capped run: $ERR"
expect_code 0 "glasses by time" "$T" --seed 3 -T 0.2,0.062 --particles 64 --snapshots 2 --burn-in-relaxations 0 \
  --relaxations 1 --snapshot-every 100 --max-time 300 -q -o "$WORK/every"
[ "$(awk -F'\t' '!/^#/ { printf "%s ", $4 }' "$WORK/every/glasses.tsv")" = "100 200 " ] && [ -s "$WORK/every/glass-000-0001.xyz" ] \
  && pass "--snapshot-every cuts at production times 100, 200" || fail "glasses by time: $(cat "$WORK/every/glasses.tsv")"
# The input from stdin ("-"): read once (it was read three times and failed with "<stdin>: empty
# file"), and the same chain as from the file, to the byte, in the configurations.
make_small_glass 4 40 "$WORK/in.xyz"
fin=(--seed 2 -T 0.3 --relaxations 2 --burn-in-relaxations 1 --snapshots 1 --snapshot-relaxations 1 -q)
expect_code 0 "input from a file" "$T" "${fin[@]}" "$WORK/in.xyz" -o "$WORK/fromfile"
expect_code 0 "input from stdin" "$T" "${fin[@]}" - -o "$WORK/fromstdin" < "$WORK/in.xyz"
cmp -s "$WORK/fromfile/final-000.xyz" "$WORK/fromstdin/final-000.xyz" && cmp -s "$WORK/fromfile/glass-000-0000.xyz" "$WORK/fromstdin/glass-000-0000.xyz" \
  && pass "stdin gives the file's chain" || fail "stdin and file runs differ: $(diff -rq "$WORK/fromfile" "$WORK/fromstdin")"
grep -q '^##input=<stdin>' "$WORK/fromstdin/summary.tsv" && pass "provenance names <stdin>" \
  || fail "stdin provenance: $(grep '^##input' "$WORK/fromstdin/summary.tsv")"
expect_error 65 $E "empty stdin" "$T" --seed 2 -T 0.3 - -o "$WORK/emptystdin" < /dev/null
finish
