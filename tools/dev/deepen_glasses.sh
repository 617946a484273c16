#!/usr/bin/env bash
# Continue some glasses of a finished workflow run to more runs and compute what the new pairs hold
# (docs/workflow.md, "Effort by saturation"). For each TF/GLASS:RUNS the glass's exploration folder
# is copied to OUT and continued with the run's own command (seed, temperature, run time) up to RUNS
# runs; tls-pairs lists its pairs (--max-dE as the run's table), the pairs absent from the run's table
# go through tls-neb --neb-method fast-coarse and tls-split (m~ = 4000, 30000), and one line per glass
# reports minima, pairs, new pairs, TLS (E < 2 pi / m~) among them and the CPU seconds of each step.
# The run's own folders are never written.
#
#   tools/dev/deepen_glasses.sh RESULTS OUT TF/GLASS:RUNS...
#   tools/dev/deepen_glasses.sh results/quick deep 0.07/000-0006:96 0.062/000-0000:64
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 64; }
BIN=${BIN:-build/bin}
R=$1 OUT=$2; shift 2
mkdir -p "$OUT"
cpu() { /usr/bin/time -f %U -o "$OUT/.cpu" "$@" && cat "$OUT/.cpu"; }
for item in "$@"; do
  tf=${item%%/*} rest=${item#*/}; glass=${rest%%:*} runs=${rest#*:}
  src=$R/explore/Tf$tf/$glass dir=$OUT/Tf$tf-$glass
  [ -f "$src/runs.tsv" ] || { echo "deepen_glasses.sh: no exploration $src" >&2; exit 66; }
  rm -rf "$dir" && mkdir -p "$dir" && cp -r "$src" "$dir/explore"
  # The run's own options (seed, temperature, run time, ...), with --runs/--min-runs raised, the
  # folder replaced, and the glass taken from the workflow's layout (the stored command may name it
  # by its file name only).
  read -r -a cmd <<< "$(grep -m1 '^##command=' "$src/runs.tsv" | cut -d= -f2-)"
  args=("$R/equilibrate/Tf$tf/glass-$glass.xyz") skip=0
  for ((k = 2; k < ${#cmd[@]}; ++k)); do
    if [ $skip = 1 ]; then skip=0; continue; fi
    case ${cmd[k]} in --runs|--min-runs|-o|--output) skip=1 ;; *) args+=("${cmd[k]}") ;; esac
  done
  old_minima=$(grep -vc '^#' "$src/minima.tsv")
  t_explore=$(cpu "$BIN/tls-explore" "${args[@]}" --runs "$runs" --min-runs "$runs" -q -o "$dir/explore")
  max_de=$(grep -m1 '^##command=' "$R/pairs/Tf$tf/$glass.tsv" | sed -n 's/.*--max-dE \([^ ]*\).*/\1/p')
  "$BIN/tls-pairs" "$dir/explore" --max-dE "${max_de:-0.01}" -q -o "$dir/pairs.tsv"
  awk -F'\t' 'FNR == NR { if ($0 !~ /^#/) old[$2 "-" $3] = 1; next } /^#/ || !(($2 "-" $3) in old)' \
    "$R/pairs/Tf$tf/$glass.tsv" "$dir/pairs.tsv" > "$dir/new-pairs.tsv"
  t_neb=$(cpu "$BIN/tls-neb" "$dir/explore/minima.tlsmin" "$dir/new-pairs.tsv" --images 32 \
    --neb-method fast-coarse -j 1 -q -o "$dir/neb")
  "$BIN/tls-split" "$dir/neb/profiles.tsv" --mass 4000,30000 -q -o "$dir/split.tsv"
  tls=$(awk -F'\t' '/^#/ { next } $2 == 4000 && $8 < 2 * 3.141592653589793 / 4000 { a++ }
    $2 == 30000 && $8 < 2 * 3.141592653589793 / 30000 { b++ } END { print a + 0 " / " b + 0 }' "$dir/split.tsv")
  printf '%s %s: runs -> %s, minima %s -> %s, pairs %s (%s new), TLS among new (m~ 4000 / 30000) %s, CPU-s explore %s, neb %s\n' \
    "$tf" "$glass" "$runs" "$old_minima" "$(grep -vc '^#' "$dir/explore/minima.tsv")" "$(grep -vc '^#' "$dir/pairs.tsv")" \
    "$(grep -vc '^#' "$dir/new-pairs.tsv")" "$tls" "$t_explore" "$t_neb"
done
