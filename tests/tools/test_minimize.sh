#!/usr/bin/env bash
# tls-minimize: a hot random configuration reaches a minimum; a stable reference inherent structure
# keeps its basin; an unstable one slides to the deeper minimum SPEC.md names.
source "$(dirname "$0")/lib.sh"
T=$BIN/tls-minimize
expect_code 0 "--help" "$T" --help
[[ "$OUT" == *"--ftol"* && "$OUT" == *"--algorithm"* ]] || fail "--help lacks minimiser options"

# Hot random configuration: 300 particles placed uniformly at random at rho = 1 (deep overlaps).
awk 'BEGIN{srand(5); n=300; L=n^(1/3); print n;
  printf "Lattice=\"%.17g 0 0 0 %.17g 0 0 0 %.17g\" Properties=species:S:1:pos:R:3:diameter:R:1\n", L, L, L;
  for (i=0;i<n;i++) printf "X %.17g %.17g %.17g %.6f\n", rand()*L, rand()*L, rand()*L, (0.73^-2 - (i/n)*(0.73^-2-1.62^-2))^-0.5}' > "$WORK/hot.xyz"
expect_code 0 "hot random configuration" "$T" "$WORK/hot.xyz" -o "$WORK/hot-is.xyz"
[ "$(xyz_key "$WORK/hot-is.xyz" converged)" = T ] || fail "hot: not converged"
awk -v f="$(xyz_key "$WORK/hot-is.xyz" max_force)" 'BEGIN{exit !(f < 1e-10)}' && pass "hot: max|F| < 1e-10" || fail "hot: max_force"
[[ "$(sed -n 2p "$WORK/hot-is.xyz")" == *'minimizer="fire+lbfgs ftol=1e-10'* ]] && pass "minimiser recorded" || fail "minimiser not recorded"
# Minimising a minimum again moves nothing.
expect_code 0 "re-minimise" "$T" "$WORK/hot-is.xyz" -o "$WORK/hot-is2.xyz"
[[ "$ERR" == *"largest displacement 0.00e+00"* || "$ERR" == *"e-1"[0-9]" sigma"* ]] && pass "minimum is a fixed point" || fail "re-minimising moved: $ERR"
# Not converging within the budget is an error without output, unless --keep-unconverged.
expect_code 65 "budget exhausted" "$T" "$WORK/hot.xyz" --max-force-calls 20 -o "$WORK/none.xyz"
[[ "$(tail -n 1 <<<"$ERR")" == "tls-minimize: error: "*"minimisation did not reach"* ]] || fail "budget message: $ERR"
[ ! -e "$WORK/none.xyz" ] || fail "unconverged run wrote output"
expect_code 0 "--keep-unconverged" "$T" "$WORK/hot.xyz" --max-force-calls 20 --keep-unconverged -o "$WORK/some.xyz"
[ "$(xyz_key "$WORK/some.xyz" converged)" = F ] || fail "unconverged output not labelled"
# --spectrum: the Hessian eigenvalues of the minimum (3N - 3 of them), read by tls-density.
expect_code 0 "--spectrum" "$T" "$WORK/hot-is.xyz" -o "$WORK/hot-is3.xyz" --spectrum "$WORK/spec.tsv" --glass hot
[ "$(head -n 1 "$WORK/spec.tsv")" = "#%tls-spectrum 1.0" ] && grep -q '^##glass=hot$' "$WORK/spec.tsv" \
  && grep -q '^##zero_modes=3$' "$WORK/spec.tsv" && [ "$(grep -vc '^#' "$WORK/spec.tsv")" -eq 897 ] \
  && pass "spectrum table: 897 modes of 300 particles" || fail "spectrum table: $(head -n 12 "$WORK/spec.tsv")"
expect_code 0 "tls-density reads the spectrum" "$BIN/tls-density" "$WORK/spec.tsv" --mass 4000 --bootstrap 0 --seed 1 -o "$WORK/harm"
[ "$(ls "$WORK/harm")" = specific_heat_harmonic.tsv ] && pass "spectra alone: only the harmonic table" || fail "wrote $(ls "$WORK/harm")"
expect_error 64 tls-density "spectra without --mass" "$BIN/tls-density" "$WORK/spec.tsv" --seed 1 -o "$WORK/harm2"
expect_code 65 "--spectrum away from a minimum" "$T" "$WORK/hot.xyz" --max-force-calls 20 --keep-unconverged -o "$WORK/x.xyz" --spectrum "$WORK/bad-spec.tsv"
[[ "$(tail -n 1 <<<"$ERR")" == "tls-minimize: error: "*"not a minimum"* ]] || fail "non-minimum message: $ERR"
[ ! -e "$WORK/bad-spec.tsv" ] && pass "no spectrum written for a non-minimum" || fail "spectrum of a non-minimum written"

need_reference
expect_code 0 "stable reference IS" "$T" "$REF/2.044404608E-01.conf.txt" -o "$WORK/s.xyz"
moved=$(sed -n 's/.*largest displacement \([0-9.e+-]*\) sigma.*/\1/p' <<<"$ERR")
awk -v m="$moved" 'BEGIN{exit !(m < 1e-3)}' && pass "stays in basin (moved $moved)" || fail "left its basin: $moved"
awk -v e="$(xyz_key "$WORK/s.xyz" energy)" 'BEGIN{d = e/1500 - 0.2044404608; if (d<0) d=-d; exit !(d < 1e-9)}' \
  && pass "E/N unchanged" || fail "E/N changed"
awk -v f="$(xyz_key "$WORK/s.xyz" max_force)" 'BEGIN{exit !(f < 1e-10)}' && pass "max|F| < 1e-10" || fail "max force"
expect_code 0 "unstable reference IS" "$T" "$REF/2.045310801E-01.conf.txt" -o "$WORK/u.xyz"
awk -v e="$(xyz_key "$WORK/u.xyz" energy)" 'BEGIN{d = e/1500 - 0.2045272272; if (d<0) d=-d; exit !(d < 1e-10)}' \
  && pass "slides to 0.2045272272 (SPEC)" || fail "unstable file ended at $(xyz_key "$WORK/u.xyz" energy)"
finish
