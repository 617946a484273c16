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
finish
