#!/usr/bin/env bash
# tls-convert: help/version, golden output, stdin path, format conversions, reference energies.
source "$(dirname "$0")/lib.sh"
T=$BIN/tls-convert

expect_code 0 "--help" "$T" --help
[[ "$OUT" == *"Usage:"* && "$OUT" == *"--output"* && "$OUT" == *"Examples:"* ]] || fail "--help does not teach: $OUT"
expect_code 0 "--version" "$T" --version
[[ "$OUT" == "tls-convert (TLS toolkit) "* ]] || fail "--version prints '$OUT'"
expect_error 64 tls-convert "unknown option" "$T" --frobnicate
expect_error 64 tls-convert "bad --to" "$T" "$DATA/frozen/config-v0.1.xyz" --to pdb
expect_error 64 tls-convert "two inputs" "$T" "$DATA/frozen/config-v0.1.xyz" "$DATA/frozen/config-v0.1.xyz"

# Golden outputs: LAMMPS data to XYZ, XYZ to LAMMPS data.
expect_code 0 "lammps -> xyz" "$T" "$DATA/frozen/config-v0.1.data" -o "$WORK/a.xyz"
golden convert-4.xyz "$WORK/a.xyz"
expect_code 0 "xyz -> lammps" "$T" "$DATA/frozen/config-v0.1.xyz" -o "$WORK/a.data"
golden convert-4.data "$WORK/a.data"

# stdin and stdout give the same bytes as files.
run bash -c "cat '$DATA/frozen/config-v0.1.data' | '$T' - 2>/dev/null"
[ "$OUT" = "$(cat "$WORK/a.xyz")" ] && pass "stdin -> stdout" || fail "stdin/stdout output differs from file output"

# The energy of the 4-particle example is v(1) = 1 + c0 + c2 + c4 (one pair at contact).
e=$(xyz_key "$WORK/a.xyz" energy)
awk -v e="$e" 'BEGIN{exit !(e - 0.59581952563 < 1e-11 && 0.59581952563 - e < 1e-11)}' && pass "energy of the example" || fail "energy $e"

# Atomic-style LAMMPS needs diameters per type.
expect_error 65 tls-convert "atomic style without diameters" "$T" "$DATA/frozen/atomic-style.data"
expect_code 0 "atomic style with --type-diameters" "$T" "$DATA/frozen/atomic-style.data" --type-diameters 0.8,1.2 -o "$WORK/b.xyz"

# One minimum out of a tls-minima library (the frozen 1.0 example: minima 7 and 9).
expect_code 0 "library --minimum" "$T" "$DATA/frozen/minima-v1.0.tlsmin" --minimum 9 -o "$WORK/m9.xyz"
[ "$(sed -n 5p "$WORK/m9.xyz" | cut -d' ' -f4)" = 1.75 ] && pass "minimum 9 positions" || fail "minimum 9: $(sed -n 5p "$WORK/m9.xyz")"
[ "$(xyz_key "$WORK/m9.xyz" minimum)" = 9 ] || fail "minimum id not recorded"
expect_error 64 tls-convert "library without --minimum" "$T" "$DATA/frozen/minima-v1.0.tlsmin"
expect_error 65 tls-convert "library without that minimum" "$T" "$DATA/frozen/minima-v1.0.tlsmin" --minimum 8 -o "$WORK/m8.xyz"
[ ! -e "$WORK/m8.xyz" ] || fail "output written for a missing minimum"
expect_error 65 tls-convert "--minimum on a configuration" "$T" "$DATA/frozen/config-v0.1.xyz" --minimum 1

need_reference
# A few of the authors' inherent structures: E/N equals the file name within 5e-11.
for name in 2.044404608E-01 2.045310801E-01 2.046500000E-01 2.047608997E-01; do
  f="$REF/$name.conf.txt"; [ -f "$f" ] || f=$(ls "$REF"/*.conf.txt | sed -n 100p)
  name=$(basename "$f" .conf.txt)
  run "$T" "$f" -o "$WORK/r.xyz"
  e=$(xyz_key "$WORK/r.xyz" energy)
  awk -v e="$e" -v n="$name" 'BEGIN{d = e/1500 - n; if (d < 0) d = -d; exit !(d < 5e-11)}' \
    && pass "E/N of $name" || fail "E/N of $name: energy=$e"
done
finish
