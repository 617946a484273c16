#!/usr/bin/env bash
# Issue 18, the contract breaks a hostile tester found: each case below failed before its fix (exit
# code, message, input modified, partial output). Kill injection has its own script
# (test_kill_injection.sh); the mutation fuzzer is tests/fuzz.
source "$(dirname "$0")/lib.sh"
EDIT="python3 $(dirname "$0")/../helpers/tlsbin_edit.py"
MAKE_LIBRARY=${TLS_TEST_HELPERS:?}/tls-test-library
H='Properties=species:S:1:pos:R:3:diameter:R:1'
lat() { printf 'Lattice="%s 0 0 0 %s 0 0 0 %s" %s' "$1" "$1" "$1" "$H"; }
# two X1 OUT: two unit-diameter particles one sigma apart along x in a box of 3.5.
two() { printf '2\n%s\nX %s 0.25 0.25 1\nX 1.25 0.25 0.25 1\n' "$(lat 3.5)" "$1" > "$2"; }
no_temp() { local left; left=$(find "$1" -name '.*' ! -name .stderr ! -name .stamp); [ -z "$left" ] && pass "$2" || fail "$2: left $left"; }
touch "$WORK/.stamp"

# --- 3. a huge particle count: exit 65 naming the file, before any allocation -------------------
for n in 4000000000 100000000000 9223372036854775807; do
  printf '%s\n%s\nX 0 0 0 1\nX 1 0 0 1\n' "$n" "$(lat 3.5)" > "$WORK/huge.xyz"
  expect_error 65 tls-convert "3: $n particles, convert" "$BIN/tls-convert" "$WORK/huge.xyz" -o "$WORK/h.xyz"
  [[ "$ERR" == *"huge.xyz:"* ]] || fail "3: message does not name the file: $ERR"
  expect_error 65 tls-minimize "3: $n particles, minimize" "$BIN/tls-minimize" "$WORK/huge.xyz" -o "$WORK/h.xyz"
  expect_error 65 tls-equilibrate "3: $n particles, equilibrate" "$BIN/tls-equilibrate" --seed 1 -T 0.3 "$WORK/huge.xyz" -o "$WORK/h-eq"
  expect_error 65 tls-explore "3: $n particles, explore" "$BIN/tls-explore" "$WORK/huge.xyz" --seed 1 -o "$WORK/h-ex"
  expect_error 65 tls-neb "3: $n particles, neb" "$BIN/tls-neb" "$WORK/huge.xyz" "$WORK/huge.xyz" -o "$WORK/h-neb"
done

# --- 4. large unwrapped coordinates: the energy of the wrapped configuration -------------------
two 0.25 "$WORK/near.xyz"
two 15032385536.25 "$WORK/far.xyz"   # 0.25 + 2^32 L
expect_code 0 "4: reference energy" "$BIN/tls-convert" "$WORK/near.xyz" -o "$WORK/near-out.xyz"
e_ref=$(xyz_key "$WORK/near-out.xyz" energy)
expect_code 0 "4: x = 2^32 L" "$BIN/tls-convert" "$WORK/far.xyz" -o "$WORK/far-out.xyz"
e_far=$(xyz_key "$WORK/far-out.xyz" energy)
awk -v a="$e_ref" -v b="$e_far" 'BEGIN { exit !(a > 0.5 && (a - b)^2 < 1e-20) }' && pass "4: E = $e_far (reference $e_ref)" \
  || fail "4: E = $e_far for x = 2^32 L, reference $e_ref"
printf 'x\n\n2 atoms\n1 atom types\n0 3.5 xlo xhi\n0 3.5 ylo yhi\n0 3.5 zlo zhi\n\nAtoms # charge\n\n1 1 1 0.25 0.25 0.25 3000000000 0 0\n2 1 1 1.25 0.25 0.25 0 0 0\n' > "$WORK/image.data"
expect_code 0 "4: image flag 3e9" "$BIN/tls-convert" "$WORK/image.data" -o "$WORK/image-out.xyz"
e_img=$(xyz_key "$WORK/image-out.xyz" energy)
awk -v a="$e_ref" -v b="$e_img" 'BEGIN { exit !((a - b)^2 < 1e-20) }' && pass "4: image flag: E = $e_img" || fail "4: image flag: E = $e_img, reference $e_ref"
minimize_e() { "$BIN/tls-minimize" -q "$1" -o "$WORK/min.xyz" && xyz_key "$WORK/min.xyz" energy; }

# --- 5. never write a LAMMPS file that cannot be read back --------------------------------------
for x in 1e20 1.7976931348623157e308; do
  two "$x" "$WORK/big.xyz"
  expect_error 65 tls-convert "5: x = $x refused" "$BIN/tls-convert" "$WORK/big.xyz" --to lammps -o "$WORK/big.data"
  [ ! -e "$WORK/big.data" ] || fail "5: x = $x: a LAMMPS file was written"
done
two 3848290697216.25 "$WORK/round.xyz"   # 0.25 + 2^40 L: still representable, must round-trip
expect_code 0 "5: x = 2^40 L to LAMMPS" "$BIN/tls-convert" "$WORK/round.xyz" --to lammps -o "$WORK/round.data"
expect_code 0 "5: ... and back" "$BIN/tls-convert" "$WORK/round.data" -o "$WORK/round-back.xyz"

# --- 6. non-finite energies are bad data ---------------------------------------------------------
printf '2\n%s\nX 0 0 0 1\nX 1e-150 0 0 1\n' "$(lat 3.5)" > "$WORK/close2.xyz"
for f in close2; do
  expect_error 65 tls-convert "6: $f particles, convert" "$BIN/tls-convert" "$WORK/$f.xyz" -o "$WORK/c.xyz"
  expect_error 65 tls-minimize "6: $f particles, minimize" "$BIN/tls-minimize" "$WORK/$f.xyz" -o "$WORK/c.xyz"
  expect_error 65 tls-explore "6: $f particles, explore" "$BIN/tls-explore" "$WORK/$f.xyz" --seed 1 --runs 1 -o "$WORK/c-ex"
  [ ! -e "$WORK/c-ex" ] || fail "6: explore created its folder"
done
[ ! -e "$WORK/c.xyz" ] || fail "6: an output was written"

# --- 7. a library with valid checksums and a NaN box origin ---------------------------------------
cp "$DATA/frozen/minima-v1.0.tlsmin" "$WORK/nan-origin.tlsmin" && $EDIT nan-origin "$WORK/nan-origin.tlsmin"
expect_error 65 tls-convert "7: NaN origin, convert" "$BIN/tls-convert" "$WORK/nan-origin.tlsmin" --minimum 9 -o "$WORK/o.xyz"
printf '#%%tls-pairs 1.0\n#id\ta\tb\n1\t9\t10\n' > "$WORK/p7.tsv"
expect_error 65 tls-neb "7: NaN origin, neb" "$BIN/tls-neb" "$WORK/nan-origin.tlsmin" "$WORK/p7.tsv" -o "$WORK/n7"

# --- 8. an equilibrate checkpoint with valid checksums and a broken table row ---------------------
small=(--seed 2 --particles 40 -T 0.4 --burn-in-relaxations 1 --relaxations 1 --snapshots 1 --snapshot-relaxations 1 --keep-checkpoints)
expect_code 0 "8: equilibrate" "$BIN/tls-equilibrate" -q "${small[@]}" -o "$WORK/eq"
$EDIT untab-last "$WORK/eq/checkpoint-000.tlsbin" && cp "$WORK/eq/checkpoint-000.tlsbin" "$WORK/ck.copy"
find "$WORK/eq" -type f ! -name checkpoint-000.tlsbin -delete
expect_error 65 tls-equilibrate "8: corrupt checkpoint" "$BIN/tls-equilibrate" -q "${small[@]}" -o "$WORK/eq"
[[ "$ERR" == *"checkpoint-000.tlsbin"* ]] || fail "8: message does not name the checkpoint: $ERR"
[ "$(ls -A "$WORK/eq")" = checkpoint-000.tlsbin ] && pass "8: nothing written" || fail "8: left $(ls -A "$WORK/eq" | tr '\n' ' ')"
cmp -s "$WORK/ck.copy" "$WORK/eq/checkpoint-000.tlsbin" && pass "8: checkpoint untouched" || fail "8: checkpoint rewritten"

# --- 9. leftovers ----------------------------------------------------------------------------------
expect_error 66 tls-equilibrate "9: missing input" "$BIN/tls-equilibrate" --seed 1 -T 0.3 "$WORK/absent.xyz" -o "$WORK/eq9"
[ ! -e "$WORK/eq9" ] && pass "9: no empty folder" || fail "9: tls-equilibrate left an empty -o folder"
expect_error 65 tls-equilibrate "9: bad input" "$BIN/tls-equilibrate" --seed 1 -T 0.3 "$WORK/huge.xyz" -o "$WORK/eq9"
[ ! -e "$WORK/eq9" ] || fail "9: tls-equilibrate left an empty -o folder on bad data"
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
  make_small_glass 5 32 "$WORK/g32.xyz"
  # A full disk: every write to a file fails with ENOSPC (stderr is fd 2, left alone).
  full() { strace -f -o /dev/null -e trace=write -e inject=write:error=ENOSPC:when=1+ "$@"; }
  mkdir -p "$WORK/ex9"
  run full "$BIN/tls-explore" -q "$WORK/g32.xyz" --seed 1 --runs 1 -o "$WORK/ex9"
  [ "$CODE" -eq 74 ] && pass "9: explore on a full disk: exit 74" || fail "9: explore on a full disk: exit $CODE: $ERR"
  [ -z "$(ls -A "$WORK/ex9")" ] && pass "9: explore left nothing" || fail "9: explore left $(ls -A "$WORK/ex9" | tr '\n' ' ')"
  make_small_glass 6 32 "$WORK/g32b.xyz"
  "$MAKE_LIBRARY" "$WORK/lib32.tlsmin" g32 "$WORK/g32.xyz" "$WORK/g32b.xyz" || fail "make library"
  printf '#%%tls-pairs 1.0\n#id\ta\tb\n1\t0\t1\n' > "$WORK/p9.tsv"
  mkdir -p "$WORK/neb9"
  run full "$BIN/tls-neb" -q "$WORK/lib32.tlsmin" "$WORK/p9.tsv" -o "$WORK/neb9"
  [ "$CODE" -eq 74 ] && pass "9: neb on a full disk: exit 74" || fail "9: neb on a full disk: exit $CODE: $ERR"
  [ -z "$(ls -A "$WORK/neb9")" ] && pass "9: neb left nothing" || fail "9: neb left $(ls -A "$WORK/neb9" | tr '\n' ' ')"
else
  echo "note: strace unavailable or not permitted: full-disk cases skipped"
fi

# --- minor items ---------------------------------------------------------------------------------
long=$(head -c 200000 /dev/zero | tr '\0' 7)
printf '2\n%s\nX 0.25 %s\001\033[2J 0.25 1\nX 1.25 0.25 0.25 1\n' "$(lat 3.5)" "$long" > "$WORK/long.xyz"
expect_error 65 tls-convert "minor: 200,000-character token" "$BIN/tls-convert" "$WORK/long.xyz" -o "$WORK/l.xyz"
[ "${#ERR}" -lt 400 ] && pass "minor: message cut (${#ERR} characters)" || fail "minor: message of ${#ERR} characters"
printf '%s' "$ERR" | LC_ALL=C grep -q '[[:cntrl:]]' && fail "minor: raw control bytes in the message" || pass "minor: control bytes escaped"
mkdir -p "$WORK/nolib" && printf '#%%tls-transitions 1.0\n' > "$WORK/nolib/transitions.tsv"
expect_error 66 tls-pairs "minor: missing library" "$BIN/tls-pairs" "$WORK/nolib" -o "$WORK/p.tsv"
[[ "$ERR" == *"minima.tlsmin"* ]] && pass "minor: tls-pairs blames the library" || fail "minor: tls-pairs blames: $ERR"
expect_error 66 tls-convert "minor: --minimum, missing input" "$BIN/tls-convert" "$WORK/absent.tlsmin" --minimum 1 -o "$WORK/m.xyz"
expect_error 65 tls-convert "minor: --minimum, not a library" "$BIN/tls-convert" "$WORK/near.xyz" --minimum 1 -o "$WORK/m.xyz"
lmp() { printf 'x\n\n2 atoms\n%s atom types\n0 3.5 xlo xhi\n0 3.5 ylo yhi\n0 3.5 zlo zhi\n\nMasses\n\n1 %s\n\nAtoms # charge\n\n1 %s 1 0.25 0.25 0.25\n2 1 1 1.25 0.25 0.25\n' "$1" "$2" "$3" > "$WORK/l.data"; }
for c in "1 1 inf" "1 1 -7" "1 nan 1" "-5 1 1" "1 1 2"; do
  lmp $c
  expect_error 65 tls-convert "minor: LAMMPS types/mass '$c'" "$BIN/tls-convert" "$WORK/l.data" -o "$WORK/l.xyz"
done
lmp 1 1 1 && expect_code 0 "minor: the same LAMMPS file, valid" "$BIN/tls-convert" "$WORK/l.data" -o "$WORK/l.xyz"
cp "$DATA/frozen/minima-v1.0.tlsmin" "$WORK/dup.tlsmin" && $EDIT dup-last "$WORK/dup.tlsmin"
expect_error 65 tls-pairs "minor: duplicated minimum id, pairs" "$BIN/tls-pairs" "$WORK/dup.tlsmin" --transitions "$DATA/frozen/transitions-v1.0.tsv" -o "$WORK/p.tsv"
expect_error 65 tls-convert "minor: duplicated minimum id, convert" "$BIN/tls-convert" "$WORK/dup.tlsmin" --minimum 9 -o "$WORK/m.xyz"
printf '2\n%s\nX 1 1 1 1\nX 5 5 5 1\n' "$(lat 10)" > "$WORK/apart.xyz"
expect_code 0 "minor: non-interacting particles" "$BIN/tls-explore" "$WORK/apart.xyz" --seed 1 --runs 1 --run-time 1 -o "$WORK/apart"
[[ "$ERR" == *"warning: "*"interact"* ]] && pass "minor: explore warns" || fail "minor: no warning: $ERR"

# --- 1 and 2. tls-neb never modifies its input library; a killed run resumes byte-identically -------
# The pair splits at a minimum that is not in the library (make_split_library): the old tls-neb
# appended that record to the input library, and a kill between record and checksum tore it.
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
  make_split_library "$WORK/split.tlsmin" "$WORK/split-pairs.tsv" || fail "1: no pair of the small exploration splits at a new minimum"
  cp "$WORK/split.tlsmin" "$WORK/split.orig"
  mkdir -p "$WORK/ref" "$WORK/kill"
  expect_code 0 "1: uninterrupted run" "$BIN/tls-neb" -q "$WORK/split.tlsmin" "$WORK/split-pairs.tsv" -o "$WORK/ref/n"
  cut -f4 "$WORK/ref/n/status.tsv" | grep -qx split && [ -s "$WORK/ref/n/new-minima.tlsmin" ] \
    && pass "1: the pair splits; the new minimum is in <out>/new-minima.tlsmin" || fail "1: no split, or no <out>/new-minima.tlsmin"
  cmp -s "$WORK/split.orig" "$WORK/split.tlsmin" && pass "1: input library untouched by a run" || fail "1: input library modified by a run"
  run strace -f -o /dev/null -e trace=write -e inject=write:signal=SIGKILL:when=3 "$BIN/tls-neb" -q "$WORK/split.tlsmin" "$WORK/split-pairs.tsv" -o "$WORK/kill/n"
  [ "$CODE" -ne 0 ] && pass "1: killed at the 3rd write (exit $CODE)" || fail "1: the kill did not happen"
  cmp -s "$WORK/split.orig" "$WORK/split.tlsmin" && pass "1: input library untouched by the kill" || fail "1: input library modified by the kill"
  expect_code 0 "1: rerun after the kill" "$BIN/tls-neb" -q "$WORK/split.tlsmin" "$WORK/split-pairs.tsv" -o "$WORK/kill/n"
  for f in dwp.tsv profiles.tsv status.tsv new-minima.tlsmin; do cp "$WORK/ref/n/$f" "$WORK/ref-$f"; done
  expect_code 0 "2: plain rerun of the finished command" "$BIN/tls-neb" -q "$WORK/split.tlsmin" "$WORK/split-pairs.tsv" -o "$WORK/ref/n"
  cmp -s "$WORK/split.orig" "$WORK/split.tlsmin" && pass "1: input library untouched after all runs" || fail "1: input library modified"
  for f in dwp.tsv profiles.tsv status.tsv new-minima.tlsmin; do
    cmp -s "$WORK/ref-$f" "$WORK/ref/n/$f" && pass "2: $f byte-identical after a plain rerun" || fail "2: $f changed by a plain rerun"
    cmp -s "$WORK/ref/n/$f" "$WORK/kill/n/$f" && pass "2: $f byte-identical after kill + rerun" || fail "2: $f differs after kill + rerun"
  done
fi
no_temp "$WORK" "no temporary files left"
finish
