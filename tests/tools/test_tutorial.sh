#!/usr/bin/env bash
# docs/tutorial.md, run exactly as written: every ```sh block of the page, in order, in a copy of the
# project's layout (build/bin, paper/, and ../shared/reference beside it), so the page never rots.
# Part 2 (the authors' LAMMPS file) runs only when ../shared/reference holds the archive.
source "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PAGE=$ROOT/docs/tutorial.md
[ -f "$PAGE" ] || { fail "docs/tutorial.md missing"; finish; }

# The ```sh blocks, split at the "## Part 2" heading.
awk '/^## Part 2/ { exit } /^```sh$/ { on = 1; next } /^```$/ { on = 0; next } on' "$PAGE" > "$WORK/part1.sh"
awk '/^## Part 2/ { p2 = 1 } p2 && /^```sh$/ { on = 1; next } /^```$/ { on = 0; next } p2 && on' "$PAGE" > "$WORK/part2.sh"
[ -s "$WORK/part1.sh" ] && [ -s "$WORK/part2.sh" ] || fail "no sh blocks found in the tutorial"
grep -q '^tls-equilibrate ' "$WORK/part1.sh" && grep -q '^tls-density ' "$WORK/part1.sh" \
  && pass "part 1 runs tls-equilibrate .. tls-density" || fail "part 1 lacks a stage"

# The layout the page assumes: the project folder with build/bin and paper/, ../shared beside it.
mkdir -p "$WORK/shared" "$WORK/project/build"
ln -s "$BIN" "$WORK/project/build/bin"
ln -s "$ROOT/paper" "$WORK/project/paper"
ARCHIVE=$ROOT/../shared/reference/authors-Tf0.062-Cnf-148750000.tar.xz
[ -f "$ARCHIVE" ] && ln -s "$(dirname "$ARCHIVE")" "$WORK/shared/reference"

cd "$WORK/project" || exit 1
# One shell session, as a reader's: part 2 continues where part 1 left off.
if [ -f "$ARCHIVE" ]; then cat "$WORK/part1.sh" "$WORK/part2.sh" > "$WORK/page.sh"; else cp "$WORK/part1.sh" "$WORK/page.sh"; fi
start=$SECONDS
run bash -euo pipefail "$WORK/page.sh"
[ "$CODE" -eq 0 ] && pass "the page ran in $((SECONDS - start)) s" || { fail "exit $CODE; stderr (tail): $(tail -5 <<<"$ERR")"; finish; }
T=$WORK/project/tutorial
for f in equilibrate/glass-000-0000.xyz explore/minima.tlsmin pairs.tsv neb/dwp.tsv neb/profiles.tsv split.tsv \
         density/summary.tsv density/n_of_E.tsv quicklook.png; do
  [ -s "$T/$f" ] || fail "tutorial output $f missing"
done
[ "$(grep -vc '^#' "$T/neb/dwp.tsv")" -ge 1 ] && pass "at least one double well" || fail "no double well in part 1"
[[ "$OUT" == *"wrote quicklook.png"* ]] && pass "quick-look plot" || fail "plot: $OUT"

if [ ! -f "$ARCHIVE" ]; then
  echo "SKIP (part 2): $ARCHIVE not found; the authors' LAMMPS part of the tutorial was not run"
  finish
fi
[[ "$ERR" == *"E/N=0.204440460841"* ]] && pass "authors' file read with E/N as in its name" || fail "E/N of the authors' file not shown"
for f in authors-is.xyz authors-explore/minima.tlsmin authors-neb/status.tsv authors-split.tsv authors-density/summary.tsv; do
  [ -s "$T/$f" ] || fail "tutorial output $f missing"
done
finish
