#!/usr/bin/env bash
# Files that open well (issue 16, item 5): tls-convert --wrap puts every particle inside the cell
# (Origin honoured), --displacement writes a per-particle displacement field as extended XYZ, and
# LAMMPS data carry the "Atoms # charge" style hint. ASE (python3-ase) reads all three; those checks
# skip, saying so, when ASE is missing.
source "$(dirname "$0")/lib.sh"
C=$BIN/tls-convert
make_small_glass 13 64 "$WORK/glass.xyz"
L=$(xyz_key "$WORK/glass.xyz" Lattice | cut -d' ' -f1)

# A periodic image of the glass: origin at -L/2, every third particle one box length off.
awk -v L="$L" 'NR == 2 { sub(/pbc=/, "Origin=\"" -L/2 " " -L/2 " " -L/2 "\" pbc="); print; next }
  NR > 2 { k++; $2 = $2 - L/2 + (k % 3 == 0 ? L : 0); $3 = $3 - L/2; $4 = $4 - L/2 - (k % 5 == 0 ? L : 0);
           printf "%s %.17g %.17g %.17g %s\n", $1, $2, $3, $4, $5; next } { print }' "$WORK/glass.xyz" > "$WORK/shifted.xyz"
expect_code 0 "--wrap" "$C" -q "$WORK/shifted.xyz" --wrap -o "$WORK/wrapped.xyz"
awk -v L="$L" 'NR > 2 { for (k = 2; k <= 4; k++) if ($k < 0 || $k >= L) bad++ } END { exit bad > 0 }' "$WORK/wrapped.xyz" \
  && pass "every wrapped position in [0, L)" || fail "positions outside [0, L) after --wrap"
[[ "$(sed -n 2p "$WORK/wrapped.xyz")" != *Origin=* ]] && pass "origin moved to 0" || fail "Origin= still written"
e0=$(xyz_key "$WORK/glass.xyz" energy); e1=$(xyz_key "$WORK/wrapped.xyz" energy)
awk -v a="$e0" -v b="$e1" 'BEGIN { exit (a - b)^2 > (1e-9 * a)^2 }' && pass "same energy after wrapping ($e1)" \
  || fail "energy changed by wrapping: $e0 -> $e1"

# Displacement: particle 1 moved by 0.1 along x, the whole glass by 0.5 along y (removed as the
# centre-of-mass shift): particle 1 moves by 0.1 (1 - 1/N), the others by 0.1/N.
awk 'NR > 2 { $3 += 0.5; if (NR == 3) $2 += 0.1; printf "%s %.17g %.17g %.17g %s\n", $1, $2, $3, $4, $5; next } { print }' \
  "$WORK/glass.xyz" > "$WORK/moved.xyz"
expect_code 0 "--displacement B" "$C" -q "$WORK/glass.xyz" --displacement "$WORK/moved.xyz" -o "$WORK/disp.xyz"
[[ "$(sed -n 2p "$WORK/disp.xyz")" == *"Properties=species:S:1:pos:R:3:diameter:R:1:displacement:R:3:displacement_norm:R:1 "* ]] \
  && pass "displacement properties declared" || fail "header: $(sed -n 2p "$WORK/disp.xyz")"
awk 'NR == 3 { if (($6 - 0.1 * 63 / 64)^2 > 1e-20 || $7^2 > 1e-20 || ($9 - 0.1 * 63 / 64)^2 > 1e-20) bad = 1 }
     NR > 3 { if (($6 + 0.1 / 64)^2 > 1e-20 || $7^2 > 1e-20) bad = 1 } END { exit bad }' "$WORK/disp.xyz" \
  && pass "displacement vectors and norms exact" || fail "displacements wrong: $(sed -n 3,4p "$WORK/disp.xyz")"
expect_error 64 tls-convert "--displacement to LAMMPS" "$C" "$WORK/glass.xyz" --displacement "$WORK/moved.xyz" --to lammps
head -40 "$WORK/glass.xyz" | sed '1s/.*/38/' > "$WORK/small.xyz"
expect_error 65 tls-convert "another glass" "$C" "$WORK/glass.xyz" --displacement "$WORK/small.xyz" -o "$WORK/x.xyz"

# Between two minima of a library.
"$BIN/tls-explore" "$WORK/glass.xyz" --seed 2 -T 0.15 --run-time 2 --runs 1 --no-stop -q -o "$WORK/explore" || fail "tls-explore"
expect_code 0 "library minima 0 -> 1" "$C" -q "$WORK/explore/minima.tlsmin" --minimum 0 --displacement 1 -o "$WORK/d01.xyz"
[ "$(head -1 "$WORK/d01.xyz")" = 64 ] && pass "library displacement written" || fail "library displacement"

# LAMMPS data with the style hint.
expect_code 0 "--to lammps" "$C" -q "$WORK/glass.xyz" -o "$WORK/glass.data"
grep -qx 'Atoms # charge' "$WORK/glass.data" && pass "'Atoms # charge' hint" || fail "no 'Atoms # charge' line"

if ! /usr/bin/python3 -c 'import ase' 2>/dev/null; then
  echo "SKIP (ASE checks): python3-ase is not installed"; finish
fi
run /usr/bin/python3 - "$WORK" <<'PY'
import sys, ase.io, numpy as np
w = sys.argv[1]
a = ase.io.read(f"{w}/wrapped.xyz")
s = a.get_scaled_positions(wrap=False)
assert ((s >= 0) & (s < 1)).all(), "ASE: particles outside the cell"
d = ase.io.read(f"{w}/disp.xyz")
v = d.arrays["displacement"]
assert v.shape == (64, 3), v.shape
assert abs(np.linalg.norm(v, axis=1) - d.arrays["displacement_norm"]).max() < 1e-12
l = ase.io.read(f"{w}/glass.data", format="lammps-data", style="charge")
assert len(l) == 64
print("ASE ok")
PY
[ "$CODE" -eq 0 ] && [ "$OUT" = "ASE ok" ] && pass "ASE: wrapped inside the cell, displacement as a per-atom array, LAMMPS data" \
  || fail "ASE: $ERR"
finish
