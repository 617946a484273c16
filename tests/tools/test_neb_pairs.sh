#!/usr/bin/env bash
# tls-neb on a pair list of the authors' glass (../shared/reference): two simple double wells, one
# pair through an intermediate minimum (split into two DWPs, the new minimum in new-minima.tlsmin),
# and a = b. Results do not depend on --threads, and a run killed (SIGKILL) after its first pair
# resumes without redoing it and ends with the same tables.
source "$(dirname "$0")/lib.sh"
need_reference
T=$BIN/tls-neb
MAKE_LIBRARY=${TLS_TEST_HELPERS:?}/tls-test-library

files=(2.044439470E-01 2.044452900E-01 2.044821234E-01 2.044908170E-01 2.046140394E-01 2.046164645E-01)
args=(); for f in "${files[@]}"; do args+=("$REF/$f.conf.txt"); done
"$MAKE_LIBRARY" "$WORK/lib.tlsmin" Cnf-148750000 "${args[@]}" || fail "make library"
mkdir -p "$WORK/copy" && cp "$WORK/lib.tlsmin" "$WORK/copy/lib.tlsmin"  # same name: same ##input lines
printf '#%%tls-pairs 1.0\n##glass=Cnf-148750000\n#id\ta\tb\n1\t0\t1\n2\t4\t5\n3\t3\t2\n4\t1\t1\n' > "$WORK/pairs.tsv"

# Run A: two threads, new minima to a separate file, bands written.
expect_code 0 "run with -j 2" "$T" "$WORK/lib.tlsmin" "$WORK/pairs.tsv" -o "$WORK/a" -j 2 --new-minima "$WORK/a-new.tlsmin" --bands
[[ "$ERR" == *"4 pairs (0 from the checkpoint): 4 DWPs, 1 non-DW, 0 unconverged, 0 failed; 0 repeated DWPs, 1 new minima"* ]] \
  && pass "summary" || fail "summary: $ERR"
status=$(grep -v '^#' "$WORK/a/status.tsv" | cut -f1,4,5,6 | tr '\t\n' ' ')
[ "$status" = "1 dwp 1 0>1 2 dwp 2 4>5 3 split 3.1,3.2 2>6>3 4 identical - - " ] && pass "status: $status" || fail "status: $status"
cut -f1,10,11,12,13 "$WORK/a/dwp.tsv" | grep -v '^#' | tr '\t\n' ' ' | grep -qx "1 1 simple 0 1 2 2 simple 4 5 3.1 3 segment 6 2 3.2 3 segment 6 3 " \
  && pass "DWP rows: ids, parent pair, kind, minima" || fail "DWP rows: $(cut -f1,10-13 "$WORK/a/dwp.tsv" | grep -v '^#' | tr '\t\n' ' ')"
# Every DWP: dV >= 0 (deeper minimum first), Va >= dV, Vb = Va - dV/2, PR in [1, 3N], a first-order saddle.
awk -F'\t' '!/^#/ { if (!($2 >= 0 && $3 >= $2 && ($4 - ($3 - $2/2))^2 < 1e-24 && $7 >= 1 && $7 <= 4500 && $8 >= 1 && $8 <= 1500 \
  && $20 < 1e-6 && $21 < 1e-6 && $22 == 1)) { print "bad DWP row: " $0; bad = 1 } } END { exit bad }' "$WORK/a/dwp.tsv" \
  && pass "DWP parameters consistent, saddles of order 1" || fail "DWP parameters"
# Profiles: per id contiguous, d constant, xi strictly increasing, from below 0 to above 1, V(0) = 0.
awk -F'\t' '!/^#/ { if ($1 != id) { if (id != "" && !(lo < 0 && hi > 1 && zero)) bad = 1; id = $1; d = $2; last = -1e9; lo = $3; zero = 0 }
  if ($2 != d || $3 <= last) bad = 1; last = $3; hi = $3; if ($3 == 0 && $4 == 0 && $5 == "image" && $6 == 0) zero = 1 }
  END { if (!(lo < 0 && hi > 1 && zero)) bad = 1; exit bad }' "$WORK/a/profiles.tsv" && pass "profiles well formed" || fail "profiles"
[ "$(cut -f1 "$WORK/a/profiles.tsv" | grep -v '^#' | uniq | tr '\n' ' ')" = "1 2 3.1 3.2 " ] || fail "profile ids"
frames=$(( $(wc -l < "$WORK/a/bands/3.2.xyz") / 1502 ))
[ "$frames" = 32 ] && pass "bands/3.2.xyz has 32 frames" || fail "bands/3.2.xyz has $frames frames"
[ -s "$WORK/a-new.tlsmin" ] && cmp -s "$WORK/lib.tlsmin" "$WORK/copy/lib.tlsmin" && pass "new minimum written apart, library untouched" \
  || fail "--new-minima"

# Run B: one thread, killed once its first pair is in the checkpoint, then the same command again.
"$T" "$WORK/copy/lib.tlsmin" "$WORK/pairs.tsv" -o "$WORK/b" -j 1 2>"$WORK/b1.err" &
pid=$!
for _ in $(seq 1 600); do [ -s "$WORK/b/checkpoint.tlsbin" ] && break; sleep 0.1; done
start=$(stat -c %s "$WORK/b/checkpoint.tlsbin" 2>/dev/null || echo 0)
for _ in $(seq 1 3000); do
  now=$(stat -c %s "$WORK/b/checkpoint.tlsbin" 2>/dev/null || echo 0)
  [ "$now" -gt "$start" ] && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.1
done
kill -9 $pid 2>/dev/null && pass "killed after the first pair" || fail "run B ended before it could be killed"
wait $pid 2>/dev/null
[ ! -e "$WORK/b/dwp.tsv" ] && pass "killed run left no tables" || fail "killed run left a DWP table"
expect_code 0 "resume" "$T" "$WORK/copy/lib.tlsmin" "$WORK/pairs.tsv" -o "$WORK/b" -j 1
done_before=$(sed -n 's/.*resuming: \([0-9]*\) of 4 pairs already done.*/\1/p' <<<"$ERR")
[ -n "$done_before" ] && [ "$done_before" -ge 1 ] && pass "resumed with $done_before pair(s) done" || fail "no resume: $ERR"
for t in dwp profiles status; do
  if diff <(grep -v '^##command=' "$WORK/a/$t.tsv") <(grep -v '^##command=' "$WORK/b/$t.tsv") >/dev/null; then
    pass "$t.tsv: -j 2 uninterrupted = -j 1 killed and resumed"
  else
    fail "$t.tsv differs:"; diff <(grep -v '^##command=' "$WORK/a/$t.tsv") <(grep -v '^##command=' "$WORK/b/$t.tsv") | head -5 >&2
  fi
done
# The input library is never modified; the new minimum is in b/new-minima.tlsmin, as in run A's file.
cmp -s "$WORK/copy/lib.tlsmin" "$WORK/lib.tlsmin" && pass "library copy untouched" || fail "tls-neb modified its input library"
cmp -s "$WORK/b/new-minima.tlsmin" "$WORK/a-new.tlsmin" && pass "new-minima.tlsmin = the --new-minima file of run A" \
  || fail "b/new-minima.tlsmin differs from run A's --new-minima file"
# Once more: everything comes from the checkpoint; every output the same, byte for byte.
for f in dwp.tsv profiles.tsv status.tsv new-minima.tlsmin; do cp "$WORK/b/$f" "$WORK/b-$f"; done
expect_code 0 "rerun" "$T" "$WORK/copy/lib.tlsmin" "$WORK/pairs.tsv" -o "$WORK/b" -j 1
[[ "$ERR" == *"resuming: 4 of 4"*" 1 new minima; 0 force calls"* ]] && pass "rerun computes nothing" || fail "rerun: $ERR"
for f in dwp.tsv profiles.tsv status.tsv new-minima.tlsmin; do
  cmp -s "$WORK/b-$f" "$WORK/b/$f" && pass "rerun: $f byte-identical" || fail "rerun changed $f"
done
finish
