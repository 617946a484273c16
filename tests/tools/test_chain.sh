#!/usr/bin/env bash
# The stages joined by their files, as the workflow joins them: a small glass explored by tls-explore,
# its connected pairs from tls-pairs, double wells from tls-neb, splittings from tls-split, and the
# density tables from tls-density. Each stage must read what the previous one wrote (formats, ids,
# ##glass= and ##particles= carried through), and the numbers must agree across the edges.
source "$(dirname "$0")/lib.sh"

make_small_glass 11 64 "$WORK/glass.xyz"
"$BIN/tls-explore" "$WORK/glass.xyz" --glass chain-g0 --seed 5 --temperature 0.15 --run-time 4 --runs 4 \
  --no-stop -q -o "$WORK/explore" || fail "tls-explore"
expect_code 0 "tls-pairs" "$BIN/tls-pairs" "$WORK/explore" --max-dE 0.5 -o "$WORK/pairs.tsv"
npairs=$(grep -vc '^#' "$WORK/pairs.tsv")
[ "$npairs" -ge 2 ] && pass "$npairs candidate pairs" || fail "too few pairs to test the chain: $npairs"

expect_code 0 "tls-neb" "$BIN/tls-neb" -q "$WORK/explore/minima.tlsmin" "$WORK/pairs.tsv" \
  --new-minima "$WORK/new.tlsmin" -o "$WORK/neb"
ndwp=$(grep -vc '^#' "$WORK/neb/dwp.tsv")
nstatus=$(grep -vc '^#' "$WORK/neb/status.tsv")
[ "$nstatus" -eq "$npairs" ] && pass "one status row per pair ($ndwp DWP rows)" || fail "status rows $nstatus for $npairs pairs"
[ "$ndwp" -ge 1 ] || fail "no double well among $npairs pairs"
grep -q '^##particles=64$' "$WORK/neb/profiles.tsv" || fail "profiles lack ##particles=64"
# Segments dropped for a climbing image that is not a first-order saddle are counted, not silent (issue 15 item 10).
awk -F'\t' '/^#id/ { for (i=1;i<=NF;i++) c[$i]=i; next } !/^#/ { if (!("bad_saddles" in c)) exit 1; n += $c["bad_saddles"];
  m += gsub(/not a first-order saddle/, "", $c["reason"]) } END { if (!("bad_saddles" in c) || n != m) exit 1; print n }' \
  "$WORK/neb/status.tsv" > "$WORK/bad_saddles" && pass "status.tsv counts $(cat "$WORK/bad_saddles") dropped saddles" \
  || fail "status.tsv has no bad_saddles column matching its reasons"
# d_sqrtPR = d_end / sqrt(PR): arc length and PR of one displacement must not be mixed (issue 15 item 6).
awk -F'\t' '/^#id/ { for (i=1;i<=NF;i++) c[$i]=i; next } !/^#/ { n++; want = $c["d_end"] / sqrt($c["PR"]);
  if (($c["d_sqrtPR"] - want)^2 > (1e-9 * want)^2) bad = bad " " $1 } END { if (bad || !n) { print bad; exit 1 } }' \
  "$WORK/neb/dwp.tsv" && pass "d_sqrtPR = d_end/sqrt(PR)" || fail "d_sqrtPR is not d_end/sqrt(PR)"

expect_code 0 "tls-split" "$BIN/tls-split" -q "$WORK/neb/profiles.tsv" -o "$WORK/split.tsv"
# One splitting per DWP and mass (two default masses), ids those of the DWP table.
nsplit=$(grep -vc '^#' "$WORK/split.tsv")
[ "$nsplit" -eq $((2 * ndwp)) ] && pass "two masses x $ndwp DWPs split" || fail "$nsplit splittings for $ndwp DWPs"
cmp -s <(awk -F'\t' '!/^#/ { print $1 }' "$WORK/neb/dwp.tsv" | sort -u) \
  <(awk -F'\t' '!/^#/ { print $1 }' "$WORK/split.tsv" | sort -u) && pass "same ids in dwp.tsv and split.tsv" \
  || fail "ids differ between dwp.tsv and split.tsv"
# dV and Vb of the splitting table come from the profile, which tls-neb wrote from the same band.
join -t $'\t' <(awk -F'\t' '/^#id/ { for (i=1;i<=NF;i++) c[$i]=i; next } !/^#/ { print $1 "\t" $c["dV"] "\t" $c["Vb"] }' "$WORK/neb/dwp.tsv" | sort) \
  <(awk -F'\t' '/^#id/ { for (i=1;i<=NF;i++) c[$i]=i; next } !/^#/ { print $1 "\t" $c["dV"] "\t" $c["Vb"] }' "$WORK/split.tsv" | sort -u) |
  awk -F'\t' '{ n++; if (($2 - $4)^2 > (1e-6 * ($2 + 1e-3))^2 || ($3 - $5)^2 > (1e-6 * $3)^2) bad = bad " " $1 }
    END { if (bad || !n) { print "differ:" bad; exit 1 } }' && pass "dV and Vb agree between tls-neb and tls-split" \
  || fail "dV/Vb of the splittings differ from the DWP table"

expect_code 0 "tls-density" "$BIN/tls-density" -q --seed 1 --bootstrap 50 "$WORK/split.tsv" "$WORK/neb/dwp.tsv" -o "$WORK/density"
for f in summary n_of_E specific_heat pdf_dV pdf_Vb pdf_d_sqrtPR pdf_PR pr_vs_E; do
  [ -s "$WORK/density/$f.tsv" ] || fail "density output $f.tsv missing"
done
# The curve n(E) at the largest grid E counts every splitting below it over N N_g = 64.
awk -F'\t' '/^#mass/ { sub(/^#/, ""); for (i=1;i<=NF;i++) c[$i]=i; next } !/^#/ { last[$c["mass"]] = $c["n"] } END { for (m in last) print m, last[m] }' \
  "$WORK/density/n_of_E.tsv" > "$WORK/n_last"
awk -F'\t' '/^#id/ { for (i=1;i<=NF;i++) c[$i]=i; next } !/^#/ && $c["splitting"] < 0.1 { k[$c["mass"]]++ } END { for (m in k) print m, k[m] / 64 }' \
  "$WORK/split.tsv" | sort > "$WORK/n_direct"
awk 'NR == FNR { want[$1] = $2; next } { if (($2 - want[$1])^2 > 1e-20) bad = 1; seen++ } END { exit bad || !seen }' \
  "$WORK/n_direct" <(sort "$WORK/n_last") && pass "n(E) at the grid top = splittings below it / (N N_g)" \
  || fail "n(E) does not count the splittings: $(cat "$WORK/n_last") vs $(cat "$WORK/n_direct")"
finish
