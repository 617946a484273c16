#!/usr/bin/env bash
# tls-screen: a synthetic set whose labels are known functions of the features (the ranking must
# recover them on a glass never seen), determinism (same inputs and seed give the same model bytes
# and ranking, whatever --threads), the minimal feature set, every bad input of issue 13 (clear
# error, exit code, no output left behind), and tls-neb reading a ranked table unchanged.
source "$(dirname "$0")/lib.sh"
S=$BIN/tls-screen
GEN="python3 $(dirname "$0")/screen_synthetic.py"
MAKE_LIBRARY=${TLS_TEST_HELPERS:?}/tls-test-library

expect_code 0 "--help" "$S" --help
for o in train rank evaluate --mass --features --top --fraction --exclude --seed --threads --order yield splitting; do
  [[ "$OUT" == *"$o"* ]] || fail "--help does not mention $o"
done
expect_error 64 tls-screen "no mode" "$S"
expect_error 64 tls-screen "unknown mode" "$S" fit a b c
expect_error 64 tls-screen "train without triples" "$S" train a b --seed 1 -o "$WORK/x.tsm"
expect_error 64 tls-screen "train without seed" "$S" train a b c -o "$WORK/x.tsm"

cd "$WORK" || exit 1
for g in 1 2 3 4; do $GEN g$g glass$g $g || fail "generate g$g"; done
TRAIN=(g1/pairs.tsv g1/status.tsv g1/split.tsv g2/pairs.tsv g2/status.tsv g2/split.tsv g3/pairs.tsv g3/status.tsv g3/split.tsv)

# Training: deterministic, thread-independent, seed-dependent.
mkdir -p a b c
for bad in "--eta 0" "--rounds 0" "--max-depth -1" "--subsample 1.5" "--mass -4000"; do
  set -- $bad
  expect_error 64 tls-screen "train $bad" "$S" train "${TRAIN[@]}" --seed 7 -o bad.tsm "$1" "$2"
  [[ "$ERR" == *"$1 must be"*", got "* ]] || fail "train $bad: the error does not name $1: $ERR"
done
expect_code 0 "train" "$S" train "${TRAIN[@]}" --seed 7 -o a/m.tsm --rounds 150
head -1 a/m.tsm | grep -q '^#%tls-screen-model 1.1$' || fail "model format line"
for k in '##threshold=0.0015707963' '##tls_pairs=' '##costed_pairs=' '##seed=7' '##mass=4000' '##features=dE,distance,max_displacement,PR,PR_particle,count_ab,count_ba,disp2,disp3' \
         '##input=pairs.tsv crc32=' '##xgboost='; do
  grep -q "^$k" a/m.tsm || fail "model lacks $k"
done
expect_code 0 "train again, 2 threads" "$S" train "${TRAIN[@]}" --seed 7 -o b/m.tsm --rounds 150 --threads 2
sed 's# -o b/m.tsm# -o a/m.tsm#' b/m.tsm | cmp -s - a/m.tsm && pass "same model bytes (1 and 2 threads)" || fail "model bytes differ"
expect_code 0 "train, another seed" "$S" train "${TRAIN[@]}" --seed 8 -o c/m.tsm --rounds 150
grep -v '^##' c/m.tsm | cmp -s - <(grep -v '^##' a/m.tsm) && fail "another seed gave the same boosters" || pass "seed matters"

# Recall on the unseen glass: the TLS are under 10 % of the pairs; the best 10 % must hold >= 90 %.
expect_code 0 "evaluate" "$S" evaluate a/m.tsm g4/pairs.tsv g4/status.tsv g4/split.tsv -o recall.tsv
tls=$(sed -n 's/^##tls=//p' recall.tsv); pairs=$(sed -n 's/^##pairs=//p' recall.tsv)
awk -v t="$tls" -v p="$pairs" 'BEGIN { exit !(t >= 20 && t < 0.1 * p) }' && pass "$tls TLS among $pairs pairs" \
  || fail "synthetic set has $tls TLS among $pairs pairs"
awk -F'\t' '$1 == 0.1 { r = $4 } END { exit !(r >= 0.9) }' recall.tsv && pass "recall at 10 %: $(awk -F'\t' '$1 == 0.1 { print $4 }' recall.tsv)" \
  || fail "recall at 10 % below 0.9: $(cat recall.tsv)"
for o in splitting yield; do  # the other orders recover the known function too
  expect_code 0 "evaluate --order $o" "$S" evaluate a/m.tsm g4/pairs.tsv g4/status.tsv g4/split.tsv --order $o -o recall-$o.tsv
  awk -F'\t' '$1 == 0.1 { r = $4 } END { exit !(r >= 0.9) }' recall-$o.tsv && pass "--order $o: recall at 10 % $(awk -F'\t' '$1 == 0.1 { print $4 }' recall-$o.tsv)" \
    || fail "--order $o: recall at 10 % below 0.9: $(cat recall-$o.tsv)"
done
expect_error 64 tls-screen "unknown --order" "$S" evaluate a/m.tsm g4/pairs.tsv g4/status.tsv g4/split.tsv --order cheapest

# Ranking: best first, cut, thread-independent, previous columns replaced.
expect_code 0 "rank" "$S" rank a/m.tsm g4/pairs.tsv --fraction 0.1 -o a/r.tsv
expect_code 0 "rank, 2 threads" "$S" rank a/m.tsm g4/pairs.tsv --fraction 0.1 -o b/r.tsv -j 2
sed 's# -o b/r.tsv# -o a/r.tsv#' b/r.tsv | cmp -s - a/r.tsv && pass "same ranking (1 and 2 threads)" || fail "ranking differs with threads"
head -1 a/r.tsv | grep -q '^#%tls-pairs 1.1$' || fail "ranked table format line"
grep -q '^##glass=glass4$' a/r.tsv || fail "ranked table lost the glass"
[ "$(grep -vc '^#' a/r.tsv)" = 200 ] && pass "--fraction 0.1 keeps 200 of 2000" || fail "cut: $(grep -vc '^#' a/r.tsv) rows"
# In order within the p_dw gate (KEY: the order's quantity, larger first).
in_order() {  # FILE KEY-EXPRESSION
  awk -F'\t' "/^#pair/ { for (i = 1; i <= NF; i++) c[\$i] = i }
    !/^#/ { g = \$c[\"p_dw\"] >= 0.5; k = $2; if (\$c[\"rank\"] != ++n || (n > 1 && g == lg && k > lk) || (g && !lg && n > 1)) bad = 1; lk = k; lg = g }
    END { exit bad }" "$1"
}
in_order a/r.tsv '$c["p_tls"]' && pass "rows in rank order, p_tls decreasing (--order tls, the default)" || fail "rank order (tls)"
grep -q '^##screen_order=tls$' a/r.tsv || fail "ranked table does not name its order"
expect_code 0 "rank --order splitting" "$S" rank a/m.tsm g4/pairs.tsv --fraction 0.1 --order splitting -o a/rs.tsv
in_order a/rs.tsv '-$c["predicted_splitting"]' && pass "--order splitting: predicted splitting increasing" || fail "rank order (splitting)"
expect_code 0 "rank --order yield" "$S" rank a/m.tsm g4/pairs.tsv --order yield -o a/ry.tsv
in_order a/ry.tsv '$c["p_tls"] / ($c["predicted_cost"] > 1 ? $c["predicted_cost"] : 1)' && pass "--order yield: p_tls per predicted force call decreasing" \
  || fail "rank order (yield)"
# The cost regressor learns the synthetic force calls, 1000 * 10^distance, within 25 % on the unseen glass.
awk -F'\t' '/^#pair/ { for (i = 1; i <= NF; i++) c[$i] = i } !/^#/ { r = $c["predicted_cost"] / (1000 * 10 ^ $c["distance"]); n++; if (r > 0.75 && r < 1.25) ok++ }
            END { exit !(ok >= 0.95 * n) }' a/ry.tsv && pass "predicted force calls within 25 % for 95 % of the pairs" \
  || fail "cost regressor: $(awk -F'\t' '/^#pair/ { for (i = 1; i <= NF; i++) c[$i] = i } !/^#/ && n++ < 5 { print $c["distance"], $c["predicted_cost"] }' a/ry.tsv)"
expect_code 0 "rank top 5, excluding computed pairs" "$S" rank a/m.tsm a/r.tsv --top 5 --exclude g4/status.tsv -o top.tsv
[ "$(grep -vc '^#' top.tsv)" = 0 ] && pass "every computed pair excluded" || fail "exclude"
head -n 30 g4/status.tsv > part.tsv
expect_code 0 "rank a ranked table again" "$S" rank a/m.tsm a/r.tsv --top 5 --exclude part.tsv -o top.tsv
[ "$(grep -vc '^#' top.tsv)" = 5 ] && [ "$(grep -c 'p_dw' top.tsv)" = 1 ] && pass "re-ranking replaces the columns" || fail "re-rank"

mkdir -p bad
grep '^#' g1/status.tsv > empty-status.tsv
{ grep '^#' g1/status.tsv; grep -v '^#' g1/status.tsv | awk -F'\t' -v OFS='\t' '{ $4 = "non-dw"; $5 = "-"; print }'; } > one-class.tsv

# The iterative workflow's pieces: a seeded sample (order-independent), and the stop rule.
expect_code 0 "sample" "$S" sample g4/pairs.tsv --fraction 0.2 --seed 3 -o s1.tsv
n=$(grep -vc '^#' s1.tsv); [ "$n" -gt 300 ] && [ "$n" -lt 500 ] && pass "sample of $n of 2000" || fail "sample of $n"
{ grep '^#' g4/pairs.tsv; grep -v '^#' g4/pairs.tsv | sort -r; } > shuffled.tsv
expect_code 0 "sample of the rows in another order" "$S" sample shuffled.tsv --fraction 0.2 --seed 3 -o s2.tsv
cmp -s <(grep -v '^#' s1.tsv | sort) <(grep -v '^#' s2.tsv | sort) && pass "same pairs sampled" || fail "sample depends on row order"
expect_code 0 "gate passes" "$S" rank a/m.tsm g4/pairs.tsv --top 10 --gate g1/split.tsv --gate-min 5 -o gate1.tsv
[ "$(grep -vc '^#' gate1.tsv)" = 10 ] || fail "gate passed but rows: $(grep -vc '^#' gate1.tsv)"
expect_code 0 "gate stops" "$S" rank a/m.tsm g4/pairs.tsv --top 10 --gate g1/split.tsv --gate-min 100000 -o gate2.tsv
[ "$(grep -vc '^#' gate2.tsv)" = 0 ] && grep -q '^##screen_gate_tls=' gate2.tsv && pass "a round after too few TLS selects nothing" \
  || fail "gate did not stop"

# The workflow's first rounds: --allow-degenerate trains from a single-class or empty set.
expect_code 0 "degenerate training allowed" "$S" train g1/pairs.tsv one-class.tsv g1/split.tsv --seed 1 --rounds 5 --allow-degenerate -o deg.tsm
grep -q '^##degenerate=no double well$' deg.tsm && pass "degenerate model flagged" || fail "no ##degenerate line"
expect_code 0 "degenerate training from an empty set" "$S" train g1/pairs.tsv empty-status.tsv g1/split.tsv --seed 1 --rounds 5 --allow-degenerate -o deg0.tsm
expect_code 0 "rank with a degenerate model" "$S" rank deg0.tsm g4/pairs.tsv --top 3 -o deg-r.tsv
# Merging rounds: same format, columns and glass; rows concatenated.
{ grep '^#' g1/split.tsv; grep -v '^#' g1/split.tsv | head -n 50; } > half1.tsv
{ grep '^#' g1/split.tsv; grep -v '^#' g1/split.tsv | tail -n +51; } > half2.tsv
expect_code 0 "merge two rounds" "$S" merge half1.tsv half2.tsv -o merged.tsv
cmp -s <(grep -v '^#' merged.tsv) <(grep -v '^#' g1/split.tsv) && pass "merged rows" || fail "merged rows differ"
grep -q '^##glass=glass1$' merged.tsv && grep -q '^##masses=4000$' merged.tsv || fail "merged metadata"
expect_error 65 tls-screen "merge tables of two glasses" "$S" merge g1/split.tsv g2/split.tsv -o bad/merged.tsv
[ ! -e bad/merged.tsv ] || fail "failed merge left an output"
expect_error 65 tls-screen "merge tables of two formats" "$S" merge g1/split.tsv g1/status.tsv -o bad/merged.tsv

# The minimal feature set (no PR, no disp2/disp3) trains and ranks.
for g in 1 2; do $GEN n$g nopr$g $((g + 10)) 800 --no-pr || fail "generate n$g"; done
cut -f1-12 n1/pairs.tsv | sed 's/^#%tls-pairs 1.1/#%tls-pairs 1.0/' > n1/pairs10.tsv
expect_code 0 "train on the minimal features" "$S" train n1/pairs10.tsv n1/status.tsv n1/split.tsv --seed 1 --rounds 50 -o n.tsm
grep -q '^##features=dE,distance,max_displacement,PR_particle,count_ab,count_ba$' n.tsm || fail "minimal feature list"
expect_code 0 "rank with the minimal features" "$S" rank n.tsm n2/pairs.tsv --top 10 -o n-r.tsv

# Bad inputs: exit 65, one error line, no output left behind.
bad() {  # DESCRIPTION WORD-IN-MESSAGE OUTPUT CMD...
  local what=$1 word=$2 out=$3; shift 3
  expect_error 65 tls-screen "$what" "$@"
  [[ "$ERR" == *"$word"* ]] || fail "$what: message lacks '$word': $ERR"
  [ ! -e "$out" ] && [ -z "$(ls "$(dirname "$out")" | grep -F "$(basename "$out")")" ] || fail "$what: output left behind"
}
mkdir -p bad
bad "empty training set" "empty training set" bad/m.tsm "$S" train g1/pairs.tsv empty-status.tsv g1/split.tsv --seed 1 -o bad/m.tsm
bad "single-class training set" "single-class" bad/m.tsm "$S" train g1/pairs.tsv one-class.tsv g1/split.tsv --seed 1 -o bad/m.tsm
bad "tables of another mass" "different masses" bad/m.tsm "$S" train "${TRAIN[@]}" --mass 30000 --seed 1 -o bad/m.tsm
bad "glasses mixed up" "different glasses" bad/m.tsm "$S" train g1/pairs.tsv g2/status.tsv g1/split.tsv --seed 1 -o bad/m.tsm
sed 's/^##glass=glass1$/##glass=glass2/' g1/pairs.tsv > g1-renamed.tsv
bad "glasses mixed up (same ids)" "different glasses" bad/m.tsm "$S" train g1-renamed.tsv g1/status.tsv g1/split.tsv --seed 1 -o bad/m.tsm
cut -f1-5 g1/pairs.tsv > nofeat.tsv
bad "pair table without feature columns" "no column" bad/m.tsm "$S" train nofeat.tsv g1/status.tsv g1/split.tsv --seed 1 -o bad/m.tsm
bad "rank a pair table without feature columns" "no column 'dE'" bad/r.tsv "$S" rank a/m.tsm nofeat.tsv -o bad/r.tsv
bad "rank a table without PR with a model that needs it" "no column 'PR'" bad/r.tsv "$S" rank a/m.tsm n2/pairs.tsv -o bad/r.tsv
awk -F'\t' -v OFS='\t' '!/^#/ && ++n == 5 { $7 = "nan" } { print }' g1/pairs.tsv > nan.tsv
bad "NaN feature (train)" "nan.tsv:" bad/m.tsm "$S" train nan.tsv g1/status.tsv g1/split.tsv --seed 1 -o bad/m.tsm
bad "NaN feature (rank)" "nan.tsv:" bad/r.tsv "$S" rank a/m.tsm nan.tsv -o bad/r.tsv
sed '1s/1.1/2.0/' a/m.tsm > v2.tsm
bad "model of another version" "version 2.0" bad/r.tsv "$S" rank v2.tsm g4/pairs.tsv -o bad/r.tsv
sed 's/^##features=dE,/##features=dE,E_a,/' a/m.tsm > feat.tsm
bad "model of an unknown feature set" "feature" bad/r.tsv "$S" rank feat.tsm g4/pairs.tsv -o bad/r.tsv
sed 's/^##features=.*/##features=dE,distance,max_displacement,PR_particle,count_ab,count_ba/' a/m.tsm > short.tsm
bad "model whose boosters disagree with its feature list" "features" bad/r.tsv "$S" rank short.tsm g4/pairs.tsv -o bad/r.tsv
# A model of format 1.0 (two boosters, before the TLS classifier) still ranks by predicted splitting.
{ echo '#%tls-screen-model 1.0'; sed -n '2,$p' a/m.tsm | grep -v '^##\(threshold\|tls_pairs\|costed_pairs\|tls\|cost\)=' | head -n -4; } > v10.tsm
bad "1.0 model, --order tls" "no TLS classifier" bad/r.tsv "$S" rank v10.tsm g4/pairs.tsv -o bad/r.tsv
expect_code 0 "1.0 model, --order splitting" "$S" rank v10.tsm g4/pairs.tsv --fraction 0.1 --order splitting -o v10-r.tsv
cmp -s <(grep -v '^#' v10-r.tsv | cut -f1-17) <(grep -v '^#' a/rs.tsv | cut -f1-17) && pass "1.0 model ranks as the 1.1 model's --order splitting" \
  || fail "1.0 model ranking differs"
head -c 5000 a/m.tsm > cut.tsm
bad "truncated model" "truncated" bad/r.tsv "$S" rank cut.tsm g4/pairs.tsv -o bad/r.tsv
expect_error 66 tls-screen "missing model" "$S" rank absent.tsm g4/pairs.tsv -o bad/r.tsv
[ ! -e bad/r.tsv ] || fail "missing model left an output"

# tls-neb reads a ranked table unchanged (its own pair-list reader, library mode).
make_random() {  # N SEED OUT
  awk -v n="$1" -v seed="$2" 'BEGIN{srand(seed); L=n^(1/3); print n;
    printf "Lattice=\"%.17g 0 0 0 %.17g 0 0 0 %.17g\" Properties=species:S:1:pos:R:3:diameter:R:1\n", L, L, L;
    for (i=0;i<n;i++) printf "X %.17g %.17g %.17g %.6f\n", rand()*L, rand()*L, rand()*L, (0.73^-2 - (i/n)*(0.73^-2-1.62^-2))^-0.5}' > "$3"
}
make_random 64 1 r1.xyz; make_random 64 2 r2.xyz
for k in 1 2; do "$BIN/tls-minimize" -q r$k.xyz -o m$k.xyz || fail "minimise r$k"; done
"$MAKE_LIBRARY" lib.tlsmin g64 m1.xyz m2.xyz || fail "make library"
{ printf '#%%tls-pairs 1.1\n##glass=g64\n'; grep '^#pair' g4/pairs.tsv
  grep -v '^#' g4/pairs.tsv | head -2 | awk -F'\t' -v OFS='\t' '{ $2 = 0; $3 = NR == 1 ? 1 : 0; print }'; } > lib-pairs.tsv
expect_code 0 "rank the library's pairs" "$S" rank a/m.tsm lib-pairs.tsv -o lib-ranked.tsv
expect_code 0 "tls-neb reads the ranked table" "$BIN/tls-neb" lib.tlsmin lib-ranked.tsv -o neb --max-iterations 5
[ "$(grep -v '^#' neb/status.tsv | cut -f1 | tr '\n' ' ')" = "$(grep -v '^#' lib-ranked.tsv | cut -f1 | tr '\n' ' ')" ] \
  && pass "status rows follow the ranking" || fail "status: $(cat neb/status.tsv)"
# rank-all: every pair of the library, streamed, in the format tls-neb reads; --exclude across rounds.
expect_code 0 "rank-all" "$S" rank-all a/m.tsm lib.tlsmin --max-dE 1e9 --top 5 -o all1.tsv
[ "$(grep -vc '^#' all1.tsv)" = 1 ] && grep -q '^##selection=all$' all1.tsv && pass "rank-all: the library's one pair" \
  || fail "rank-all: $(cat all1.tsv)"
expect_code 0 "tls-neb reads rank-all's table" "$BIN/tls-neb" lib.tlsmin all1.tsv -o neb-all --max-iterations 5
expect_code 0 "rank-all excluding computed pairs" "$S" rank-all a/m.tsm lib.tlsmin --max-dE 1e9 --exclude neb-all -o all2.tsv
[ "$(grep -vc '^#' all2.tsv)" = 0 ] && pass "rank-all excluded the computed pair" || fail "rank-all exclude"
exit $FAILED
