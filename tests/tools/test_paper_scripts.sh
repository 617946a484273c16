#!/usr/bin/env bash
# The figure and report scripts of paper/ on small hand-made tables (issue 15): Fig. 4 picks two
# different pairs, Fig. 2 takes the pair filter's cut and rebins, the report states the n0
# estimators, E_Q beside the paper's and the dropped saddles per glass.
source "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
PAPER=$(cd "$(dirname "$0")/../../paper" && pwd)
$PY -c 'import matplotlib, numpy' 2>/dev/null || { echo "SKIP: no matplotlib/numpy for $PY"; exit 77; }

# Fig. 4: the most delocalised TLS (pair 3, segment 3.1) and the most localised of another pair
# (5), not segment 3.2 of the same pair (same particles) although its PR is the smallest.
cat > "$WORK/pr.tsv" <<'T'
#%tls-pr-vs-e 1.0
#mass	glass	id	splitting	flag	PR	PR_particle	d	d_sqrtPR	dV	Vb
30000	Tf0.092-g0	3.1	8e-05	ok	126	60	1	0.1	0.001	0.01
30000	Tf0.092-g0	3.2	5e-05	ok	1.2	1.1	1	0.1	0.001	0.01
30000	Tf0.092-g0	5	5.4e-05	ok	1.6	1.3	1	0.1	0.001	0.01
4000	Tf0.092-g0	7	1e-04	ok	1.0	1.0	1	0.1	0.001	0.01
T
run $PY -c "import sys; sys.path.insert(0, '$PAPER'); import fig4_select, tls_tables
t = tls_tables.read('$WORK/pr.tsv', 'pr-vs-e', 1)
print(' '.join(f'{l}={t.text(\"id\")[k]}' for l, k in fig4_select.choose(t, 30000)))"
[ "$OUT" = "delocalised=3.1 localised=5" ] && pass "Fig. 4: two different pairs ($OUT)" || fail "Fig. 4 picks: $OUT $ERR"

# Fig. 2 with the pair filter's cut: segments above it are not drawn, the cut range is shaded.
for q in dV Vb d_sqrtPR PR; do
  for tf in 0.092 0.062; do
    mkdir -p "$WORK/Tf$tf"
    { printf '#%%tls-pdf 1.0\n##quantity=%s\n##dwps=30\n##outside=0\n#lo\thi\tx\tcount\tpdf\tpdf_lo\tpdf_hi\n' "$q"
      awk 'BEGIN { srand(3); for (i = 0; i < 40; ++i) { c = (i < 30) ? int(rand() * 2) : 0; if (i == 35) c = 1;
        printf "%g\t%g\t%g\t%d\t%g\t0\t0\n", i * 0.0005, (i + 1) * 0.0005, (i + 0.5) * 0.0005, c, c / (30 * 0.0005) } }'
    } > "$WORK/Tf$tf/pdf_$q.tsv"
  done
done
expect_code 0 "fig2.py --max-dE" $PY "$PAPER/fig2.py" --dV "$WORK"/Tf*/pdf_dV.tsv --Vb "$WORK"/Tf*/pdf_Vb.tsv \
  --d-sqrtPR "$WORK"/Tf*/pdf_d_sqrtPR.tsv --PR "$WORK"/Tf*/pdf_PR.tsv --max-dE 0.01 -o "$WORK/fig2.png"
[ -s "$WORK/fig2.png" ] && pass "Fig. 2 drawn" || fail "no fig2.png"
run $PY -c "import sys; sys.path.insert(0, '$PAPER'); import fig2, tls_tables
e, p = fig2.rebinned(tls_tables.read('$WORK/Tf0.092/pdf_dV.tsv', 'pdf', 1), 0.01)
print(len(p), bool(e[-1] <= 0.01 + 1e-12), len(p) < 20)"
[[ "$OUT" == *" True "* ]] && pass "Fig. 2: dV bins end at the cut, merged ($OUT)" || fail "Fig. 2 rebinning: $OUT $ERR"

# Report: estimators, E_Q beside the paper's, dropped saddles per glass.
R="$WORK/results"
for tf in 0.092 0.062; do
  mkdir -p "$R/density/Tf$tf" "$R/neb/Tf$tf/g0" "$R/neb/Tf$tf/g1"
  n0=$([ $tf = 0.092 ] && echo 4 || echo 0.04)
  cat > "$R/density/Tf$tf/summary.tsv" <<T
#%tls-density-summary 1.0
##plateau=0.0001,0.001
#mass	material	glasses	particles	dwps	single	floor	E_Q	plateau_points	n0	n0_lo	n0_hi	n0_se	n_active	n_active_lo	n_active_hi	n0_SI	n0_SI_lo	n0_SI_hi	n0_fit	n0_fit_lo	n0_fit_hi	n0_fit_se
4000	argon	2	3000	10	0	0	0.0015707963	11	$n0	$n0	$n0	0.1	5	4	6	1	1	1	$(awk -v n=$n0 'BEGIN{print n/2}')	0.01	9	0.1
T
  for g in g0 g1; do
    printf '#%%tls-neb-status 1.0\n#id\ta\tb\tstatus\tbad_saddles\treason\n1\t0\t1\tdwp\t0\t-\n2\t0\t2\tnon-dw\t%s\tx\n' \
      "$([ $g = g1 ] && echo 2 || echo 0)" > "$R/neb/Tf$tf/$g/status.tsv"
  done
done
cfg='{"profile": "t", "particles": 1500, "glasses": {"0.092": {"replicas": 1, "snapshots": 2}, "0.062": {"replicas": 1, "snapshots": 2}},
  "split": {"masses": [4000]}, "explore": {"runs": 1, "run_time": 1, "temperature": 0.04}, "neb": {"images": 32}}'
expect_code 0 "report.py" $PY "$PAPER/report.py" --results "$R" --config-json "$cfg" -o "$WORK/report.md"
grep -q "plateau fit" "$WORK/report.md" && grep -q "window mean" "$WORK/report.md" && pass "report names both n0 estimators" \
  || fail "report lacks the estimators: $(cat "$WORK/report.md")"
grep -q "E < 2π/m̃ = 0.001571; paper: E < 0.0015" "$WORK/report.md" && pass "report: E_Q beside the paper's" \
  || fail "report lacks E_Q: $(grep n_active "$WORK/report.md")"
grep -q "not a first-order saddle, per glass: 0, 2" "$WORK/report.md" && pass "report: dropped saddles per glass" \
  || fail "report lacks the dropped saddles: $(grep -i saddle "$WORK/report.md")"
grep -q "Headline.*plateau fit" "$WORK/report.md" && grep -q "n0 = 2 \[" "$WORK/report.md" \
  && pass "headline uses the plateau fit" || fail "headline: $(grep -A3 Headline "$WORK/report.md")"
finish
