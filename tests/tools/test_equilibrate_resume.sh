#!/usr/bin/env bash
# tls-equilibrate killed (SIGKILL) at random moments and restarted with the same command ends with
# the same bytes in every output as a run that was never interrupted.
source "$(dirname "$0")/lib.sh"
T=$BIN/tls-equilibrate
# kill_and_resume NAME ARGS...: an uninterrupted run, then the same command killed at random
# moments until it finishes on its own; every output must be byte-identical.
kill_and_resume() {
  local name=$1; shift
  local start=$(date +%s%N)
  expect_code 0 "$name: uninterrupted run" "$T" "$@" -o "$WORK/$name/ref/out"
  # Kill moments are drawn as fractions of the uninterrupted run's duration, so a fast or a loaded
  # machine kills as often (a run restarted from a checkpoint still has the rest to do).
  local ms=$((($(date +%s%N) - start) / 1000000))
  local kills=0 pid code
  for attempt in $(seq 1 200); do
    "$T" "$@" --checkpoint-every 0 -o "$WORK/$name/run/out" 2>"$WORK/err" &
    pid=$!
    sleep "$(awk -v ms="$ms" -v r="$((RANDOM % 60 + 20))" 'BEGIN { printf "%.3f", ms * r / 100000 }')"
    if kill -KILL "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null
      kills=$((kills + 1))
    else
      wait "$pid"; code=$?
      [ "$code" -eq 0 ] || fail "$name: restarted run failed with exit $code: $(cat "$WORK/err")"
      break
    fi
  done
  [ "$kills" -ge 3 ] && pass "$name: killed $kills times before it finished" || fail "$name: only $kills kills: too short a run"
  if diff -r "$WORK/$name/ref/out" "$WORK/$name/run/out" >/dev/null; then pass "$name: same bytes as the uninterrupted run"
  else fail "$name: outputs differ: $(diff -rq "$WORK/$name/ref/out" "$WORK/$name/run/out")"; fi
}
RANDOM=4242
kill_and_resume swap --seed 9 --particles 100 -T 0.4,0.3 --burn-in-relaxations 2 --relaxations 4 --snapshots 2 \
  --snapshot-relaxations 2 --quench-temperature 0.05 --quench-time 5 -q
kill_and_resume hybrid --method hybrid --seed 9 --particles 100 -T 0.4,0.3 --burn-in-relaxations 2 --relaxations 4 \
  --snapshots 1 --snapshot-relaxations 2 --quench-temperature 0.05 --quench-time 5 -q
finish
