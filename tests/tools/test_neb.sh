#!/usr/bin/env bash
# tls-neb: --help, usage errors, and bad inputs: a pair naming a missing minimum, identical end
# points, end points of different glasses, a pair list of another glass give one clear error; a
# band that does not converge and a pair a = b are labelled, never reported as DWPs.
source "$(dirname "$0")/lib.sh"
T=$BIN/tls-neb
MAKE_LIBRARY=${TLS_TEST_HELPERS:?}/tls-test-library

expect_code 0 "--help" "$T" --help
for o in --images --spring --perp-ftol --neb-ftol --ftol --neb-optimizer --max-iterations --dip-tol --continuation --bands \
         --new-minima --restart --threads --neb-method --climb-ftol --saddle-check --neb-lbfgs-form fast-compact \
         fast-coarse --coarse-images --coarse-ftol --stall-iterations --stall-force Henkelman; do
  [[ "$OUT" == *"$o"* ]] || fail "--help does not mention $o"
done
expect_error 64 tls-neb "one input" "$T" only-one.xyz -o "$WORK/x"
expect_error 64 tls-neb "no output folder" "$T" a.xyz b.xyz
expect_error 64 tls-neb "bad optimiser" "$T" a.xyz b.xyz -o "$WORK/x" --neb-optimizer newton
expect_error 64 tls-neb "too few images" "$T" a.xyz b.xyz -o "$WORK/x" --images 2
expect_error 64 tls-neb "bad method" "$T" a.xyz b.xyz -o "$WORK/x" --neb-method quick
expect_error 64 tls-neb "bad L-BFGS form" "$T" a.xyz b.xyz -o "$WORK/x" --neb-lbfgs-form bfgs
expect_error 64 tls-neb "saddle check on and off" "$T" a.xyz b.xyz -o "$WORK/x" --neb-method fast --saddle-check \
  --no-saddle-check
expect_error 64 tls-neb "negative --climb-ftol" "$T" a.xyz b.xyz -o "$WORK/x" --climb-ftol=-1
# Each bad value is refused by tls::neb::validate with the option's name (not one combined message).
for bad in "--spring=0" "--perp-ftol=-1" "--neb-ftol=0" "--max-iterations=0" "--neb-lbfgs-memory=0" "--neb-fire-max-step=0" \
           "--dip-tol=-1" "--max-intermediate=-1" "--same-distance=0" "--samples=0" "--continuation-height=0" \
           "--skin=0" "--id=" "--coarse-images=2" "--coarse-images=32" "--coarse-ftol=0" \
           "--stall-iterations=-1" "--stall-force=0"; do
  expect_error 64 tls-neb "bad $bad" "$T" a.xyz b.xyz -o "$WORK/x" "$bad"
  [[ "$ERR" == *"${bad%%=*} must be"* ]] || fail "bad $bad: the error does not name ${bad%%=*}: $ERR"
done
expect_code 64 "bad --ftol=0 (after the --ftol meaning warning)" "$T" a.xyz b.xyz -o "$WORK/x" --ftol=0
[[ "$ERR" == *"error: --ftol must be positive, got 0"* ]] || fail "bad --ftol=0: the error does not name --ftol: $ERR"

# Two unrelated minima of a 64-particle glass (same quantile diameters, random positions), and a
# 65-particle one (another glass).
make_random() {  # N SEED OUT
  awk -v n="$1" -v seed="$2" 'BEGIN{srand(seed); L=n^(1/3); print n;
    printf "Lattice=\"%.17g 0 0 0 %.17g 0 0 0 %.17g\" Properties=species:S:1:pos:R:3:diameter:R:1\n", L, L, L;
    for (i=0;i<n;i++) printf "X %.17g %.17g %.17g %.6f\n", rand()*L, rand()*L, rand()*L, (0.73^-2 - (i/n)*(0.73^-2-1.62^-2))^-0.5}' > "$3"
}
make_random 64 1 "$WORK/r1.xyz"; make_random 64 2 "$WORK/r2.xyz"; make_random 65 3 "$WORK/r3.xyz"
for k in 1 2 3; do "$BIN/tls-minimize" -q "$WORK/r$k.xyz" -o "$WORK/m$k.xyz" || fail "minimise r$k"; done

expect_error 65 tls-neb "identical end points" "$T" "$WORK/m1.xyz" "$WORK/m1.xyz" -o "$WORK/same"
[[ "$ERR" == *"same minimum"* ]] || fail "identical end points: message does not say so: $ERR"
[ ! -e "$WORK/same/dwp.tsv" ] || fail "identical end points wrote a DWP table"
expect_error 65 tls-neb "end points of different glasses" "$T" "$WORK/m1.xyz" "$WORK/m3.xyz" -o "$WORK/diff"
[[ "$ERR" == *"different glasses"* ]] || fail "different glasses: message does not say so: $ERR"

# Library mode: minima 0 and 1; pair 3 names minimum 7, which the library lacks.
"$MAKE_LIBRARY" "$WORK/lib.tlsmin" g64 "$WORK/m1.xyz" "$WORK/m2.xyz" || fail "make library"
printf '#%%tls-pairs 1.0\n##glass=g64\n#id\ta\tb\n1\t0\t1\n2\t1\t1\n3\t0\t7\n' > "$WORK/pairs-missing.tsv"
expect_error 65 tls-neb "pair naming a missing minimum" "$T" "$WORK/lib.tlsmin" "$WORK/pairs-missing.tsv" -o "$WORK/miss"
[[ "$ERR" == *"pairs-missing.tsv:6: pair 3: minimum 7 is not in the library"* ]] || fail "missing minimum message: $ERR"
printf '#%%tls-pairs 1.0\n##glass=another\n#id\ta\tb\n1\t0\t1\n' > "$WORK/pairs-glass.tsv"
expect_error 65 tls-neb "pair list of another glass" "$T" "$WORK/lib.tlsmin" "$WORK/pairs-glass.tsv" -o "$WORK/glass"
[[ "$ERR" == *"glass 'another'"*"glass 'g64'"* ]] || fail "glass mismatch message: $ERR"
printf '#%%tls-pairs 1.0\n##glass=g64\n#id\ta\tb\textra\n1\t0\t1\tx\n1\t1\t0\ty\n' > "$WORK/pairs-twice.tsv"
expect_error 65 tls-neb "pair id given twice" "$T" "$WORK/lib.tlsmin" "$WORK/pairs-twice.tsv" -o "$WORK/twice"

# A band that cannot converge in 5 steps is retried with 64 images, then labelled; a = b is
# labelled "identical". Neither becomes a DWP; the run succeeds with a warning.
printf '#%%tls-pairs 1.0\n##glass=g64\n#id\ta\tb\tnote\n1\t0\t1\tunrelated minima\n2\t1\t1\tsame id\n' > "$WORK/pairs.tsv"
expect_code 0 "unconverged band is labelled" "$T" "$WORK/lib.tlsmin" "$WORK/pairs.tsv" -o "$WORK/unconv" --max-iterations 5
[[ "$ERR" == *"tls-neb: warning: 1 pair(s) failed or did not converge"* ]] || fail "no warning for the unconverged pair: $ERR"
status=$(grep -v '^#' "$WORK/unconv/status.tsv" | cut -f1,4,5 | tr '\t\n' ' ')
[ "$status" = "1 unconverged - 2 identical - " ] && pass "status: $status" || fail "status table: $status"
grep -v '^#' "$WORK/unconv/status.tsv" | head -1 | grep -q "band not converged after 5 iterations with 64 images" \
  && pass "reason names the doubled band" || fail "reason: $(grep -v '^#' "$WORK/unconv/status.tsv" | head -1)"
[ "$(grep -vc '^#' "$WORK/unconv/dwp.tsv")" = 0 ] && pass "no DWP rows" || fail "unconverged pair became a DWP"
[ "$(grep -vc '^#' "$WORK/unconv/profiles.tsv")" = 0 ] && pass "no profile rows" || fail "unconverged pair has a profile"
head -1 "$WORK/unconv/dwp.tsv" | grep -q '^#%tls-dwp 1.0$' || fail "dwp.tsv format line"
grep -q '^##glass=g64$' "$WORK/unconv/dwp.tsv" && grep -q '^##particles=64$' "$WORK/unconv/profiles.tsv" || fail "glass metadata"
# The same command again resumes from the checkpoint and computes nothing.
expect_code 0 "rerun resumes" "$T" "$WORK/lib.tlsmin" "$WORK/pairs.tsv" -o "$WORK/unconv2" --max-iterations 5
cp "$WORK/unconv/checkpoint.tlsbin" "$WORK/unconv2/checkpoint.tlsbin"
expect_code 0 "rerun with the checkpoint" "$T" "$WORK/lib.tlsmin" "$WORK/pairs.tsv" -o "$WORK/unconv2" --max-iterations 5
[[ "$ERR" == *"resuming: 2 of 2 pairs already done"* && "$ERR" == *" 0 force calls"* ]] || fail "no resume: $ERR"
# ... but not with other options.
expect_error 65 tls-neb "checkpoint of another run" "$T" "$WORK/lib.tlsmin" "$WORK/pairs.tsv" -o "$WORK/unconv2" --max-iterations 6
[[ "$ERR" == *"checkpoint of another run: --max-iterations differs (5 in the checkpoint, 6 now)"* ]] \
  || fail "checkpoint mismatch message: $ERR"
# Settings written after the minimiser's (whose value holds words with '=') are named too.
expect_error 65 tls-neb "checkpoint of another run (stall)" "$T" "$WORK/lib.tlsmin" "$WORK/pairs.tsv" -o "$WORK/unconv2" \
  --max-iterations 5 --stall-iterations 3
[[ "$ERR" == *"--stall-iterations or --stall-force (or --neb-method) differs ((absent) in the checkpoint, 3/1 now)"* ]] \
  || fail "stall mismatch message: $ERR"
expect_code 65 "checkpoint of another run (minimiser; after the --ftol meaning warning)" "$T" "$WORK/lib.tlsmin" "$WORK/pairs.tsv" \
  -o "$WORK/unconv2" --max-iterations 5 --ftol 1e-9
[[ "$ERR" == *"--ftol (the minimiser's settings) differs"* ]] || fail "minimiser mismatch message: $ERR"
expect_code 0 "--restart" "$T" "$WORK/lib.tlsmin" "$WORK/pairs.tsv" -o "$WORK/unconv2" --max-iterations 6 --restart
finish
