#!/usr/bin/env bash
# The Snakefile at the `test` profile: lint; a whole run from nothing to every figure and the report;
# nothing left to do afterwards; a run killed (SIGKILL, whole process group) mid-way and started
# again redoes only unfinished work and ends with the same tables; a failing stage leaves no output a
# later rule would trust; a stage swapped for another program through the config is used.
source "$(dirname "$0")/lib.sh"
SRC=${TLS_SOURCE_DIR:?}
command -v snakemake >/dev/null || { echo "skip: snakemake is not installed"; exit 77; }
[ -x /usr/bin/python3 ] || { echo "skip: /usr/bin/python3 (Debian's, with matplotlib) is missing"; exit 77; }
cd "$SRC" || exit 1

# config NAME [sed expression]: the test profile with results in $WORK/NAME and the tools of $BIN.
config() {
  sed -e "s|^results: .*|results: $WORK/$1|" -e "s|build/bin/|$BIN/|" ${2:+-e "$2"} workflow/config/test.yaml > "$WORK/$1.yaml"
}
smk() { snakemake --cores 2 --configfile "$WORK/$1.yaml" "${@:2}"; }
# tables NAME: the result tables without provenance lines (paths and commands differ between runs).
tables() {
  (cd "$WORK/$1" && find equilibrate explore pairs neb split density -name '*.tsv' | sort |
    while read -r f; do echo "== $f"; grep -v '^##' "$f"; done)
}

lint=$(snakemake --lint --configfile workflow/config/test.yaml 2>&1)
[[ "$lint" == *"Congratulations, your workflow is in a good condition"* ]] && pass "snakemake --lint is clean" \
  || fail "lint: $lint"

config a
smk a > "$WORK/a.log" 2>&1 && pass "test profile runs to the end" || fail "workflow failed: $(tail -n 20 "$WORK/a.log")"
for f in fig1 fig2 fig3 fig4 specific_heat convergence; do
  for e in png pdf; do [ -s "$WORK/a/figures/$f.$e" ] || fail "missing figure $f.$e"; done
done
grep -q '^| n0, m̃ = 4000' "$WORK/a/report.md" && grep -q '^## Headline' "$WORK/a/report.md" && grep -q '^## Cost' "$WORK/a/report.md" \
  && pass "report with n0 rows, headline and cost" || fail "report incomplete: $(head -n 20 "$WORK/a/report.md")"
grep -q '^## Convergence with exploration effort' "$WORK/a/report.md" && grep -q '^| 0.062 | 4 |' "$WORK/a/report.md" \
  && grep -q '^## Per glass, beside the paper' "$WORK/a/report.md" && grep -q '^## Glasses: equilibrium and drift' "$WORK/a/report.md" \
  && pass "report with convergence (up to 4 runs), per-glass table and equilibrium checks" \
  || fail "report lacks the issue-14 sections: $(grep '^## ' "$WORK/a/report.md")"
for tf in 0.092 0.07 0.062; do
  [ "$(grep -vc '^#' "$WORK/a/convergence/Tf$tf.tsv")" -eq 6 ] || fail "convergence/Tf$tf.tsv: want 3 levels x 2 masses"
done
grep -q "^equilibrate.*tests/data/workflow/start-N256-T0.07.xyz" <(grep -h "tls-equilibrate" "$WORK/a/equilibrate/Tf0.062/summary.tsv" | sed 's/^##command=/equilibrate /') \
  && pass "chains start from equilibrate.start" || fail "equilibrate did not start from the configured file"
# The harmonic specific heat (spectrum, density_harmonic) and the band resolution (on in the test
# profile: neb_resolution, split_resolution) ran, and the report has their sections (issue 15).
[ "$(ls "$WORK"/a/density/Tf*/harmonic/specific_heat_harmonic.tsv 2>/dev/null | wc -l)" -eq 3 ] \
  && [ "$(ls "$WORK"/a/spectrum/Tf*/*.tsv 2>/dev/null | wc -l)" -eq 6 ] \
  && grep -q '^## Specific heat' "$WORK/a/report.md" && pass "harmonic specific heat: 6 spectra, 3 tables, report section" \
  || fail "harmonic specific heat: $(ls "$WORK"/a/density/Tf*/harmonic "$WORK"/a/spectrum/Tf* 2>&1 | head -n 20)"
[ "$(ls "$WORK"/a/resolution/Tf*/*/split.tsv 2>/dev/null | wc -l)" -eq 6 ] \
  && grep -q '^## Band resolution' "$WORK/a/report.md" && pass "band resolution: 6 glasses re-run with 2n images, report section" \
  || fail "band resolution: $(ls -R "$WORK"/a/resolution 2>&1 | head -n 20)"
grep -q '^##neb=images=32 ' "$WORK"/a/resolution/Tf0.092/*/neb/status.tsv \
  && pass "resolution bands have twice neb.images" || fail "resolution bands: not 32 images"
smk a -n > "$WORK/a2.log" 2>&1
grep -q "Nothing to be done" "$WORK/a2.log" && pass "a finished run has nothing left to do" || fail "rerun would do: $(grep -E '^[a-z_0-9]+ +[0-9]' "$WORK/a2.log")"

# Killed mid-way (after the first NEB table), then started again.
config b
setsid snakemake --cores 2 --configfile "$WORK/b.yaml" > "$WORK/b1.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  compgen -G "$WORK/b/neb/Tf*/*/dwp.tsv" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
kill -KILL -- -"$pid" 2>/dev/null && pass "killed the workflow mid-way" || fail "the workflow ended before it could be killed"
wait "$pid" 2>/dev/null
touch "$WORK/killed"
# Finished = the job's last output is there and 2 s older than the kill. The kill comes within 0.2 s
# of the first NEB table, usually before that job's other tables or Snakemake's record that it
# ended: such a job is incomplete and rightly redone.
touch -d "@$(( $(date +%s) - 2 ))" "$WORK/settled"
finished=$(grep -l '^##complete=true' "$WORK"/b/equilibrate/Tf*/glasses.tsv 2>/dev/null; ls "$WORK"/b/explore/Tf*/*/runs.tsv "$WORK"/b/neb/Tf*/*/status.tsv 2>/dev/null)
finished=$(find $finished ! -newer "$WORK/settled" 2>/dev/null)
finished=$(echo $finished)
smk b --unlock > /dev/null 2>&1  # the killed run left its lock, as Snakemake says it would
smk b --rerun-incomplete > "$WORK/b2.log" 2>&1 && pass "rerun after the kill finishes" || fail "rerun failed: $(tail -n 20 "$WORK/b2.log")"
# Work finished before the kill (equilibrations whose tables say complete, explorations with their
# runs.tsv, NEB status tables) is not redone: those files are not newer than the kill.
[ -n "$finished" ] && [ -z "$(find $finished -newer "$WORK/killed")" ] \
  && pass "the rerun did not redo the $(wc -w <<< "$finished") outputs finished before the kill" \
  || fail "finished before the kill but rewritten: $(find $finished -newer "$WORK/killed") (finished: $finished)"
cmp -s <(tables a) <(tables b) && pass "same tables as the uninterrupted run" \
  || fail "tables differ from the uninterrupted run: $(diff <(tables a) <(tables b) | head -n 5)"

# A failing stage (tls-split swapped for a program that fails): no splitting table remains and no
# later rule runs. Then a stage swapped for a wrapper around the real tool is the one used.
cp -a "$WORK/a" "$WORK/c"
rm -rf "$WORK/c/split" "$WORK/c/density" "$WORK/c/figures" "$WORK/c/report.md"
config c "s|split: .*/tls-split|split: $WORK/failing-split|"
cat > "$WORK/failing-split" <<'SH'
#!/bin/sh
# Writes half an output, then fails, as a crashing stage would.
while [ $# -gt 1 ]; do [ "$1" = "-o" ] && echo "#%tls-splitting 1.0" > "$2"; shift; done
exit 3
SH
chmod +x "$WORK/failing-split"
smk c > "$WORK/c.log" 2>&1 && fail "a failing stage did not fail the workflow" || pass "a failing stage fails the workflow"
[ -z "$(find "$WORK/c/split" -name '*.tsv' 2>/dev/null)" ] && pass "no output of the failed stage is left" \
  || fail "left behind: $(find "$WORK/c/split" -name '*.tsv')"
# (density_harmonic needs only the spectra, not the splittings: its harmonic/ tables may appear.)
[ -z "$(find "$WORK/c/density" -name summary.tsv 2>/dev/null)" ] && pass "no later rule ran" \
  || fail "density ran after a failed split"
config c "s|split: .*/tls-split|split: $WORK/my-split|"
printf '#!/bin/sh\necho "$@" >> %s/my-split.calls\nexec %s/tls-split "$@"\n' "$WORK" "$BIN" > "$WORK/my-split"
chmod +x "$WORK/my-split"
smk c > "$WORK/c2.log" 2>&1 && pass "workflow with a swapped stage" || fail "swapped stage: $(tail -n 20 "$WORK/c2.log")"
[ "$(grep -c -- '/split/Tf' "$WORK/my-split.calls")" -eq 6 ] && pass "the swapped program split all 6 glasses" \
  || fail "swapped program calls: $(cat "$WORK/my-split.calls" 2>/dev/null)"
cmp -s <(tables a) <(tables c) && pass "same tables through the swapped stage" || fail "swapped stage changed the tables"
finish
