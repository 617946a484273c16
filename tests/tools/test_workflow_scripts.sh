#!/usr/bin/env bash
# workflow/scripts/fresh_or_resume.sh: a resumable stage's folder is kept for the same inputs and
# command (a killed job resumes) and emptied when they changed (the tool would refuse the old work).
source "$(dirname "$0")/lib.sh"
S=$(cd "$(dirname "$0")/../../workflow/scripts" && pwd)/fresh_or_resume.sh
D="$WORK/stage"
echo glass-1 > "$WORK/in"
expect_code 0 "first run" "$S" "$D" "$WORK/in" -- true
[ -s "$D/.stage-key" ] && pass "key written" || fail "no key in $D"
touch "$D/partial-work"  # what a killed tool leaves
expect_code 0 "same inputs and command" "$S" "$D" "$WORK/in" -- true
[ -f "$D/partial-work" ] && pass "same inputs: the work is kept for the tool to resume" || fail "work lost on a resume"
expect_code 0 "another command" "$S" "$D" "$WORK/in" -- true --run-time 20
[ ! -e "$D/partial-work" ] && pass "another command: the folder starts afresh" || fail "stale work kept after the command changed"
[[ "$ERR" == *"starting afresh"* ]] && pass "says so on stderr" || fail "silent restart: $ERR"
touch "$D/partial-work"
echo glass-2 > "$WORK/in"
expect_code 0 "another input" "$S" "$D" "$WORK/in" -- true --run-time 20
[ ! -e "$D/partial-work" ] && pass "another input: the folder starts afresh" || fail "stale work kept after the input changed"
mkdir -p "$WORK/hand" && touch "$WORK/hand/mine"
expect_code 0 "a folder without a key" "$S" "$WORK/hand" "$WORK/in" -- true
[ -f "$WORK/hand/mine" ] && pass "a folder without a key is left to the tool" || fail "removed a folder it did not make"
expect_code 7 "the command's exit status passes through" "$S" "$D" "$WORK/in" -- bash -c 'exit 7'
expect_code 64 "usage error without --" "$S" "$D" "$WORK/in"
# tools/dev/stage_times.py: the README's stage table from a Snakemake log and the jobs' benchmark
# files. Two explore jobs overlap (10:00-10:20 and 10:10-10:40): 40 min while any ran, 50 min summed.
T=$(cd "$(dirname "$0")/../.." && pwd)/tools/dev/stage_times.py
R="$WORK/run"; mkdir -p "$R/b"
printf 's\th:m:s\tcpu_time\n1200\t0:20:00\t1100\n' > "$R/b/e1.tsv"
printf 's\th:m:s\tcpu_time\n1800\t0:30:00\t1700\n' > "$R/b/e2.tsv"
cat > "$R/log" <<'LOG'
[Mon Dec  7 10:00:00 2026]
rule explore:
    jobid: 1
    benchmark: b/e1.tsv

[Mon Dec  7 10:10:00 2026]
rule explore:
    jobid: 2
    benchmark: b/e2.tsv

[Mon Dec  7 10:20:00 2026]
Finished job 1.
[Mon Dec  7 10:40:00 2026]
Finished job 2.
[Mon Dec  7 10:40:00 2026]
localrule all:
    jobid: 0

[Mon Dec  7 10:40:01 2026]
Finished job 0.
LOG
expect_code 0 "stage_times.py on a two-job log" /usr/bin/python3 "$T" "$R/log" "$R"
[[ "$OUT" == *"| explore | 2 | 40 min | 50 min | 47 min | 30.0 min (b/e2.tsv) |"* ]] \
  && pass "stage_times.py: union of intervals 40 min, summed 50, CPU 47, longest 30" || fail "stage_times.py: $OUT"
[[ "$OUT" == *"40 min wall, 47 CPU-minutes of jobs, 3 jobs"* ]] && pass "stage_times.py: run span" || fail "stage_times.py span: $OUT"
[[ "$OUT" == *"cores idle: 30 core-minutes of 2 cores"* ]] && pass "stage_times.py: one core idle 10:00-10:10 and 10:20-10:40" \
  || fail "stage_times.py idle: $OUT"
expect_code 64 "stage_times.py without a log" /usr/bin/python3 "$T"
finish
