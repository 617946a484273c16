#!/usr/bin/env bash
# The workflow on a real SLURM: a one-node cluster started on localhost (Debian's slurm-wlm and munge,
# workflow/cluster/local-slurm.sh), the test profile submitted through Snakemake's own SLURM executor
# with the profile workflow/profiles/slurm. Skips (77), saying why, without root or without SLURM.
source "$(dirname "$0")/lib.sh"
SRC=${TLS_SOURCE_DIR:?}
[ "$(id -u)" -eq 0 ] || { echo "skip: starting a local SLURM needs root"; exit 77; }
for p in slurmctld slurmd munged sbatch snakemake; do
  command -v "$p" >/dev/null || [ -x "/usr/sbin/$p" ] || { echo "skip: $p is not installed (apt-get install slurm-wlm munge)"; exit 77; }
done
export USER=${USER:-root}
started=0
if ! sinfo -h >/dev/null 2>&1; then
  bash "$SRC/workflow/cluster/local-slurm.sh" start || { echo "skip: the local SLURM did not start"; exit 77; }
  started=1
fi
trap '[ "$started" -eq 1 ] && bash "$SRC/workflow/cluster/local-slurm.sh" stop; rm -rf "$WORK"' EXIT
cd "$SRC" || exit 1
sed -e "s|^results: .*|results: $WORK/r|" -e "s|build/bin/|$BIN/|" workflow/config/test.yaml > "$WORK/c.yaml"
# One T_f to its density tables: every stage rule once or twice (10 jobs, 6 deep), so the test
# stays within minutes although Snakemake polls SLURM every ~30 s.
target="$WORK/r/density/Tf0.092/summary.tsv"
if snakemake --profile workflow/profiles/slurm --configfile "$WORK/c.yaml" --jobs 4 "$target" > "$WORK/log" 2>&1; then
  pass "equilibrate -> density of T_f = 0.092 through SLURM"
else
  fail "workflow under SLURM failed: $(tail -n 30 "$WORK/log")"
fi
n=$(grep -c "has been submitted with SLURM jobid" "$WORK/log")
[ "$n" -eq 10 ] && pass "all $n jobs went through sbatch" || fail "$n jobs submitted to SLURM (expected 10)"
grep -q '^4000	' "$target" && pass "density summary written" || fail "no density summary"
finish
