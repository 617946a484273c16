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
start=$(date +%s)
# A killed run leaves Snakemake's lock behind: lift it unless another Snakemake is running here.
if ! pgrep -f "snakemake .*${config:-configfile}" >/dev/null; then
  snakemake --unlock ${config:+--configfile "$config"} "$@" >/dev/null 2>&1 || true
fi
snakemake --cores "$(nproc)" ${config:+--configfile "$config"} --rerun-incomplete "$@"
results=$(/usr/bin/python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["results"])' \
  "${config:-$(awk '/--configfile/ { getline; print; exit }' <(printf '%s\n' "$@"))}")
echo "reproduce.sh: done in $(( ($(date +%s) - start) / 60 )) min: figures in $results/figures/, report in $results/report.md"
