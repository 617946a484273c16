#!/usr/bin/env bash
# Reproduces the study from scratch: installs what is missing (when root), builds the tools, then runs
# the Snakemake workflow at the `quick` profile (workflow/config/quick.yaml) on all cores.
#   ./reproduce.sh                                          # quick profile
#   ./reproduce.sh --configfile workflow/config/test.yaml   # minutes; any snakemake option passes through
# A killed run started again redoes only unfinished work. Plots run with Debian's /usr/bin/python3.
source "$(dirname "$0")/cmake/setup.sh"
tls_install_packages
tls_build
cd "$TLS_ROOT"
config=workflow/config/quick.yaml
for a in "$@"; do [ "$a" = "--configfile" ] && config=""; done
# What to expect on this machine: the quick profile took 127 min from a fresh clone on two cores where
# BM_Forces/1500 costs 85 us (2026-12-07; README, "Workflow"). Its swap MC, MD and quenches (81 % of its CPU) scale
# about with that kernel, its NEB (19 %) did not between the two machines seen (28 and 85-99 us; 2.2
# and 2.3 CPU-s per pair): docs/workflow.md, "Machines". One second of tls-bench gives the estimate.
if [ "$config" = workflow/config/quick.yaml ] && [ -x build/bin/tls-bench ]; then
  us=$(build/bin/tls-bench --benchmark_filter='^BM_Forces/1500$' --benchmark_min_time=0.5 --benchmark_format=csv 2>/dev/null |
    awk -F, '$1 == "\"BM_Forces/1500\"" { print $4 }') || us=""
  if [ -n "$us" ]; then
    awk -v us="$us" 'BEGIN { printf "reproduce.sh: forces of 1500 particles in %.0f us here (85 us where the quick profile took 127 min on 2 cores): expect about %.1f h on two cores\n", us, 127 * (0.81 * us / 85 + 0.19) / 60 }' >&2
  fi
fi
start=$(date +%s)
# A killed run leaves Snakemake's lock behind: lift it unless another Snakemake is running here.
if ! pgrep -f "snakemake .*${config:-configfile}" >/dev/null; then
  snakemake --unlock ${config:+--configfile "$config"} "$@" >/dev/null 2>&1 || true
fi
snakemake --cores "$(nproc)" ${config:+--configfile "$config"} --rerun-incomplete "$@"
results=$(/usr/bin/python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["results"])' \
  "${config:-$(awk '/--configfile/ { getline; print; exit }' <(printf '%s\n' "$@"))}")
echo "reproduce.sh: done in $(( ($(date +%s) - start) / 60 )) min: figures in $results/figures/, report in $results/report.md"
