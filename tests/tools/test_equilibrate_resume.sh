#!/usr/bin/env bash
# tls-equilibrate killed (SIGKILL) at random moments and restarted with the same command ends with
# the same bytes in every output as a run that was never interrupted.
source "$(dirname "$0")/lib.sh"
T=$BIN/tls-equilibrate
args=(--seed 9 --particles 100 -T 0.4,0.3 --burn-in-relaxations 2 --relaxations 4 --snapshots 2 --snapshot-relaxations 2
      --quench-temperature 0.05 --quench-time 5 -q)
expect_code 0 "uninterrupted run" "$T" "${args[@]}" -o "$WORK/ref/out"
RANDOM=4242
kills=0
for attempt in $(seq 1 200); do
  "$T" "${args[@]}" --checkpoint-every 0 -o "$WORK/run/out" 2>"$WORK/err" &
  pid=$!
  sleep "0.$((RANDOM % 9 + 1))"
  if kill -KILL "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null
    kills=$((kills + 1))
  else
    wait "$pid"; code=$?
    [ "$code" -eq 0 ] || fail "restarted run failed with exit $code: $(cat "$WORK/err")"
    break
  fi
done
[ "$kills" -ge 3 ] && pass "killed $kills times before it finished" || fail "only $kills kills: the run is too short to test resuming"
if diff -r "$WORK/ref/out" "$WORK/run/out" >/dev/null; then pass "same bytes as the uninterrupted run"; else fail "outputs differ: $(diff -rq "$WORK/ref/out" "$WORK/run/out")"; fi
finish
