#!/usr/bin/env bash
# Bad input to the configuration tools: one clear error line, the documented exit code, and no
# output file (not even a temporary one) left behind.
source "$(dirname "$0")/lib.sh"
good="$DATA/frozen/config-v0.1.xyz"
head2='Lattice="3.5 0 0 0 3.5 0 0 0 3.5" Properties=species:S:1:pos:R:3:diameter:R:1'
mk() { printf '%b' "$2" > "$WORK/$1"; }
mk empty.xyz ""
mk truncated.xyz "4\n$head2\nX 0.25 0.25 0.25 1\nX 1.25 0.25 0.25 1\n"
mk count.xyz "3\n$head2\nX 0.25 0.25 0.25 1\nX 1.25 0.25 0.25 1\nX 0.25 2 1.75 0.73\nX 2.5 2.5 2.5 1.6\n"
mk nonnumeric.xyz "2\n$head2\nX 0.25 abc 0.25 1\nX 1.25 0.25 0.25 1\n"
mk nan.xyz "2\n$head2\nX 0.25 nan 0.25 1\nX 1.25 0.25 0.25 1\n"
mk inf.xyz "2\n$head2\nX 0.25 0.25 inf 1\nX 1.25 0.25 0.25 1\n"
mk zerobox.xyz "2\nLattice=\"0 0 0 0 0 0 0 0 0\" Properties=species:S:1:pos:R:3:diameter:R:1\nX 0 0 0 1\nX 1 0 0 1\n"
mk negbox.xyz "2\nLattice=\"-3 0 0 0 -3 0 0 0 -3\" Properties=species:S:1:pos:R:3:diameter:R:1\nX 0 0 0 1\nX 1 0 0 1\n"
mk overlap.xyz "2\n$head2\nX 0.25 0.25 0.25 1\nX 0.25 0.25 0.25 1\n"
mk unknown.txt "this is not\na configuration\n"
mk lammps-truncated.data "x\n\n3 atoms\n1 atom types\n0 3 xlo xhi\n0 3 ylo yhi\n0 3 zlo zhi\n\nAtoms # charge\n\n1 1 1.0 0 0 0\n2 1 1.0 1.1 0 0\n"
mk lammps-negbox.data "x\n\n1 atoms\n1 atom types\n0 -3 xlo xhi\n0 -3 ylo yhi\n0 -3 zlo zhi\n\nAtoms # charge\n\n1 1 1.0 0 0 0\n"

for tool in tls-convert tls-minimize; do
  T=$BIN/$tool
  expect_error 66 $tool "$tool: missing file" "$T" "$WORK/does-not-exist.xyz" -o "$WORK/out.xyz"
  for case in empty truncated count nonnumeric nan inf zerobox negbox overlap; do
    expect_error 65 $tool "$tool: $case" "$T" "$WORK/$case.xyz" -o "$WORK/out.xyz"
  done
  expect_error 65 $tool "$tool: unknown format" "$T" "$WORK/unknown.txt" -o "$WORK/out.xyz"
  expect_error 65 $tool "$tool: truncated LAMMPS file" "$T" "$WORK/lammps-truncated.data" -o "$WORK/out.xyz"
  expect_error 65 $tool "$tool: negative LAMMPS box" "$T" "$WORK/lammps-negbox.data" -o "$WORK/out.xyz"
  expect_error 73 $tool "$tool: output folder missing" "$T" "$good" -o "$WORK/no/such/dir/out.xyz"
  [ ! -e "$WORK/out.xyz" ] || fail "$tool left an output file after a failure"
  leftovers=$(ls -A "$WORK" | grep -c '\.tmp-' || true)
  [ "$leftovers" -eq 0 ] || fail "$tool left temporary files: $(ls -A "$WORK")"
done

# An existing output is never replaced by a failing run.
echo "precious" > "$WORK/keep.xyz"
expect_error 65 tls-minimize "failure keeps the old output" "$BIN/tls-minimize" "$WORK/nan.xyz" -o "$WORK/keep.xyz"
[ "$(cat "$WORK/keep.xyz")" = precious ] || fail "a failing run replaced an existing output"
# Error messages name the file and line.
run "$BIN/tls-convert" "$WORK/nonnumeric.xyz"
[[ "$ERR" == *"nonnumeric.xyz:3: position: expected a number, got 'abc'"* ]] && pass "error names file:line" || fail "message: $ERR"
finish
