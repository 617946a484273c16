#!/usr/bin/env bash
# The Snakefile's iterative screen (screen.enabled, here a list of two T_f; the third runs NEB on every
# pair in the same run) at the `test` profile: the run ends with every
# figure; each glass has a sampled round 0 and ranked rounds; the merged neb/ and split/ tables hold
# exactly the rows of the rounds (the density counts every exactly computed pair); no pair is
# computed twice; a stopped round selects nothing; nothing is left to do afterwards.
source "$(dirname "$0")/lib.sh"
SRC=${TLS_SOURCE_DIR:?}
command -v snakemake >/dev/null || { echo "skip: snakemake is not installed"; exit 77; }
[ -x /usr/bin/python3 ] || { echo "skip: /usr/bin/python3 (Debian's, with matplotlib) is missing"; exit 77; }
cd "$SRC" || exit 1
# min_new_tls 0: every round ranks and computes (the test glasses are too small to hold TLS). The screen
# takes two of the three T_f (`enabled` as a list); the third goes through neb.smk in the same run.
sed -e "s|^results: .*|results: $WORK/s|" -e "s|build/bin/|$BIN/|" \
  -e '/^screen:/,/^[a-z]/ s/^  enabled: false/  enabled: ["0.092", "0.07"]/' \
  -e 's/^  min_new_tls: .*/  min_new_tls: 0/' workflow/config/test.yaml > "$WORK/s.yaml"
grep -q '^  enabled: \["0.092", "0.07"\]' "$WORK/s.yaml" || fail "could not enable the screen in the test config"
snakemake --cores 2 --configfile "$WORK/s.yaml" > "$WORK/s.log" 2>&1 && pass "screen mode runs to the end" \
  || { fail "workflow failed: $(tail -n 30 "$WORK/s.log")"; exit 1; }
R=$WORK/s
rounds=$(sed -n 's/^  rounds: //p' "$WORK/s.yaml")
for f in fig1 fig2 fig3 specific_heat convergence; do [ -s "$R/figures/$f.png" ] || fail "missing figure $f.png"; done
[ -s "$R/report.md" ] || fail "no report"
grep -q "expected by a model trained on every round" "$R/report.md" || fail "the report gives no expected share of TLS missed"
[ "$(grep -c '^  screen (' "$R/report.md")" = 2 ] || fail "the report shows the screen at $(grep -c '^  screen (' "$R/report.md") T_f, not the 2 screened"
for pairs in "$R"/pairs/Tf*/[0-9]*-[0-9]*.tsv; do
  case $pairs in *-graph.tsv) continue ;; esac
  tf=$(basename "$(dirname "$pairs")"); g=$(basename "$pairs" .tsv)
  total=$(grep -vc '^#' "$pairs")
  if [ "$tf" = Tf0.062 ]; then  # not screened: every pair computed by the plain neb rule
    [ ! -e "$R/screen/$tf" ] || fail "$tf is not screened but has $R/screen/$tf"
    [ "$(grep -vc '^#' "$R/neb/$tf/$g/status.tsv")" = "$total" ] || fail "$tf/$g: not every pair computed"
    [ -s "$R/split/$tf/$g.tsv" ] || fail "$tf/$g: no splittings"
    echo "ok: $tf/$g: all $total pairs computed without the screen"
    continue
  fi
  done_rows=0; ids=""
  for k in $(seq 0 "$rounds"); do
    st=$R/screen/$tf/r$k/$g/neb/status.tsv
    [ -f "$st" ] || { fail "$tf/$g: no round $k"; continue; }
    n=$(grep -vc '^#' "$st"); done_rows=$((done_rows + n))
    ids="$ids $(grep -v '^#' "$st" | cut -f1 | tr '\n' ' ')"
    [ "$k" -gt 0 ] && ! grep -q '^##screen_ranked=' "$R/screen/$tf/r$k/$g/pairs.tsv" && fail "$tf/$g round $k not ranked"
    # the stop rule: round 1 is never gated (the random sample does not stop the rounds), later ones are
    gated=$(grep -c '^##screen_gate_tls=' "$R/screen/$tf/r$k/$g/pairs.tsv" 2>/dev/null)
    [ "$k" = 1 ] && [ "$gated" != 0 ] && fail "$tf/$g round 1 was gated on the random sample"
    [ "$k" -ge 2 ] && [ "$gated" != 1 ] && fail "$tf/$g round $k was not gated on round $((k - 1))"
  done
  merged=$(grep -vc '^#' "$R/neb/$tf/$g/status.tsv")
  [ "$merged" = "$done_rows" ] || fail "$tf/$g: merged status has $merged rows, the rounds $done_rows"
  dup=$(tr ' ' '\n' <<< "$ids" | grep . | sort | uniq -d | head -n 1)
  [ -z "$dup" ] || fail "$tf/$g: pair $dup computed twice"
  [ "$done_rows" -le "$total" ] || fail "$tf/$g: $done_rows computed of $total pairs"
  # what the rounds left: every pair never computed, each with its p_tls (the report sums them)
  res=$R/screen/$tf/residual/$g.tsv
  [ "$(grep -vc '^#' "$res")" = "$((total - done_rows))" ] || fail "$tf/$g: residual holds $(grep -vc '^#' "$res") pairs, not the $((total - done_rows)) never computed"
  [ "$total" = "$done_rows" ] || grep '^#pair' "$res" | tr '\t' '\n' | grep -qx p_tls || fail "$tf/$g: residual without p_tls"
  splits=0
  for k in $(seq 0 "$rounds"); do splits=$((splits + $(grep -vc '^#' "$R/screen/$tf/r$k/$g/split.tsv"))); done
  [ "$(grep -vc '^#' "$R/split/$tf/$g.tsv")" = "$splits" ] || fail "$tf/$g: merged splittings differ from the rounds'"
  echo "ok: $tf/$g: $done_rows of $total pairs computed in $((rounds + 1)) rounds"
done
snakemake --cores 2 --configfile "$WORK/s.yaml" -n > "$WORK/s2.log" 2>&1
grep -q "Nothing to be done" "$WORK/s2.log" && pass "nothing left to do" || fail "rerun would do: $(grep -E '^[a-z_0-9]+ +[0-9]' "$WORK/s2.log")"
# The stop rule itself (--gate/--gate-min) is tested by tool.test_screen. Re-running this workflow
# with a raised min_new_tls and --forcerun screen_rank left round 2's ranked tables non-empty in the
# one run that tried it (not yet understood; ARCHITECTURE.md, known warts), so it is not asserted here.
exit $FAILED
