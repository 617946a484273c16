#!/usr/bin/env bash
# Reproduces the study: installs what is missing (when root), builds, then runs the workflow.
# Until the Snakemake workflow exists, runs the stages that do on the authors' reference glass.
source "$(dirname "$0")/cmake/setup.sh"
tls_install_packages
tls_build
cd "$TLS_ROOT"
out=results/reference
mkdir -p "$out"
archive=../shared/reference/authors-Tf0.062-Cnf-148750000.tar.xz
if [ ! -f "$archive" ]; then
  echo "reproduce.sh: error: $archive not found (the workflow is not wired yet; see README)" >&2
  exit 66
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
tar -xJf "$archive" -C "$tmp"
echo "reproduce.sh: minimising the authors' 367 inherent structures to max|F| < 1e-10" >&2
printf '#%%tls-reference-minima 1.0\n##tool=reproduce.sh\n#file\tE_per_N_file\tE_per_N_ours\tE_per_N_minimised\tmax_displacement\n' > "$out/.minima.tsv"
for f in "$tmp"/Cnf-148750000/*.conf.txt; do
  name=$(basename "$f" .conf.txt)
  line=$(build/bin/tls-minimize "$f" -o /dev/null 2>&1 | tail -n 1)
  before=$(sed -n 's/.*E\/N before \([0-9.]*\).*/\1/p' <<<"$line")
  after=$(sed -n 's/.*after \([0-9.]*\).*/\1/p' <<<"$line")
  moved=$(sed -n 's/.*largest displacement \([0-9.e+-]*\) sigma.*/\1/p' <<<"$line")
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$name" "$before" "$after" "$moved" >> "$out/.minima.tsv"
done
mv "$out/.minima.tsv" "$out/minima.tsv"
left=$(grep -v '^#' "$out/minima.tsv" | awk '$5 > 1e-3' | wc -l)
echo "reproduce.sh: wrote $out/minima.tsv: $left of 367 reference inherent structures leave their basin at max|F| < 1e-10 (SPEC.md: about 21)"
