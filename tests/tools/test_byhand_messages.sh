#!/usr/bin/env bash
# Messages that point the right way (issue 16, item 4): each names the option or the remedy.
source "$(dirname "$0")/lib.sh"
make_small_glass 12 64 "$WORK/glass.xyz"
ex=(--seed 2 -T 0.15 --run-time 2 --runs 1 --no-stop -q)
"$BIN/tls-explore" "$WORK/glass.xyz" "${ex[@]}" -o "$WORK/explore" || fail "tls-explore"

# A resumed tls-explore with another --run-time names the option and both values.
expect_error 65 tls-explore "resume with other --run-time" "$BIN/tls-explore" "$WORK/glass.xyz" "${ex[@]}" --runs 2 \
  --run-time 4 -o "$WORK/explore/"
[ "$ERR" = "tls-explore: error: $WORK/explore/minima.tlsmin: library explored with other settings: --run-time differs (2 in the library, 4 now); continue it with the same settings, or explore into another folder" ] \
  && pass "names --run-time 2 vs 4" || fail "message: $ERR"
expect_error 65 tls-explore "resume with other --is-interval" "$BIN/tls-explore" "$WORK/glass.xyz" "${ex[@]}" --runs 2 \
  --is-interval 0.2 -o "$WORK/explore"
[[ "$ERR" == *"--is-interval differs (0.1 in the library, 0.2 now);"* ]] && pass "names --is-interval" || fail "$ERR"

# tls-pairs given a configuration, or a folder that is no exploration.
expect_error 65 tls-pairs "a configuration" "$BIN/tls-pairs" "$WORK/glass.xyz"
[ "$ERR" = "tls-pairs: error: $WORK/glass.xyz: not a minima library (tls-minima): give a tls-explore folder or its minima.tlsmin; a configuration (glass) is explored by tls-explore first" ] \
  && pass "tls-pairs: not a minima library" || fail "$ERR"
mkdir -p "$WORK/empty"
expect_error 66 tls-pairs "a folder without a library" "$BIN/tls-pairs" "$WORK/empty"
[[ "$ERR" == *"empty: not a tls-explore folder (no minima.tlsmin)"* ]] && pass "tls-pairs: not an exploration folder" || fail "$ERR"

# A table whose columns are separated by spaces says so.
"$BIN/tls-pairs" -q "$WORK/explore" -o "$WORK/pairs.tsv" || fail "tls-pairs"
sed 's/\t/   /g' "$WORK/pairs.tsv" > "$WORK/spaces.tsv"
expect_error 65 tls-neb "spaces instead of tabs" "$BIN/tls-neb" -q "$WORK/explore" "$WORK/spaces.tsv" -o "$WORK/neb"
[[ "$ERR" == *"spaces.tsv: tls-pairs table has no column '"*"': its header is separated by spaces, not tabs (tables are tab-separated)" ]] \
  && pass "spaces, not tabs" || fail "$ERR"

# tls-convert on a multi-frame file offers --frame K, and reads it.
cat "$WORK/glass.xyz" "$WORK/hot-12-64.xyz" > "$WORK/movie.xyz"
expect_error 65 tls-convert "multi-frame without --frame" "$BIN/tls-convert" "$WORK/movie.xyz" -o "$WORK/x.xyz"
[[ "$ERR" == *"movie.xyz:67: more lines than the 64 particles declared (a multi-frame file? tls-convert --frame K writes frame K)" ]] \
  && pass "offers --frame K" || fail "$ERR"
expect_code 0 "--frame 1" "$BIN/tls-convert" -q "$WORK/movie.xyz" --frame 1 -o "$WORK/f1.xyz"
expect_code 0 "--frame -1" "$BIN/tls-convert" -q "$WORK/movie.xyz" --frame -1 -o "$WORK/flast.xyz"
"$BIN/tls-convert" -q "$WORK/hot-12-64.xyz" -o "$WORK/hot.xyz"
cmp -s "$WORK/f1.xyz" "$WORK/hot.xyz" && cmp -s "$WORK/flast.xyz" "$WORK/hot.xyz" && pass "frame 1 = frame -1 = the second file" \
  || fail "--frame 1 is not the second frame"
expect_error 64 tls-convert "--frame out of range" "$BIN/tls-convert" "$WORK/movie.xyz" --frame 2 -o "$WORK/x.xyz"
[ "$ERR" = "tls-convert: error: --frame 2: $WORK/movie.xyz has 2 frames (0 to 1)" ] && pass "range named" || fail "$ERR"

# tls-density warns when it bootstraps a single glass.
printf '#%%tls-splitting 1.0\n##glass=g1\n##particles=64\n#id\tmass\td\tdV\tVb\tE1\tE2\tsplitting\terr\tDelta\tDelta0\tS_wkb\tDelta0_wkb\trate_wkb\twall\tgrid\tprecision\tflag\n' > "$WORK/split.tsv"
run "$BIN/tls-density" -q --seed 1 --bootstrap 10 --mass 4000 "$WORK/split.tsv" -o "$WORK/density"
[ "$CODE" -eq 0 ] && [ "$ERR" = "tls-density: warning: one glass: the bootstrap resamples glasses, so its error bars are zero-width here (give more glasses, or --bootstrap 0)" ] \
  && pass "one-glass bootstrap warned" || fail "exit $CODE: $ERR"
run "$BIN/tls-density" -q --seed 1 --bootstrap 0 --mass 4000 "$WORK/split.tsv" -o "$WORK/density0"
[ -z "$ERR" ] && pass "no warning with --bootstrap 0" || fail "$ERR"
finish
