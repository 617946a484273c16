#!/usr/bin/env bash
# Progress and summaries, install and completion (issue 16, items 7 and 8): tls-split's summary
# with plural forms and its flag breakdown; progress rates in readable units; `cmake --install`
# puts the tools, the bash completion generated from their options, and the Python table reader
# where README says.
source "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "$BIN/.." && pwd)

# --- 7. summaries ------------------------------------------------------------------------------
run "$BIN/tls-split" "$DATA/frozen/profile-v1.0.tsv" -o "$WORK/split.tsv"
line=$(grep ' flagged' <<<"$ERR")
[[ "$line" =~ ^tls-split:\ [0-9]+\ profiles?\ x\ 2\ masses:\ [0-9]+\ splittings\ in\ [0-9.]+\ s\;\ 3\ flagged\ \(2\ delta0,\ 1\ wall\)$ ]] \
  && pass "summary: plurals and flag breakdown" || fail "summary line: '$line'"
run "$BIN/tls-split" "$DATA/frozen/profile-v1.0.tsv" --mass 4000 -o "$WORK/split1.tsv"
[[ "$(grep ' flagged' <<<"$ERR")" == *" x 1 mass: "* ]] && pass "1 mass, singular" || fail "singular: $ERR"
# Rates: a slow stage reports per minute, never "2.13e-01 pairs/s".
make_small_glass 14 64 "$WORK/glass.xyz"
run "$BIN/tls-explore" "$WORK/glass.xyz" --seed 1 -T 0.15 --run-time 2 --runs 2 --no-stop -o "$WORK/explore"
rates=$(grep -oE '[0-9.e+-]+ runs/(s|min|h)' <<<"$ERR" || true)
if [ -z "$rates" ]; then echo "note: the exploration finished before its first progress line"; else
  grep -qE 'e[+-][0-9]' <<<"$rates" && fail "rate in scientific notation: $rates" || pass "rates readable: $(head -1 <<<"$rates")"
fi

# --- 8. install and completion -----------------------------------------------------------------
run cmake --install "$BUILD" --prefix "$WORK/prefix"
[ "$CODE" -eq 0 ] || fail "cmake --install: $ERR"
for t in tls-convert tls-minimize tls-equilibrate tls-explore tls-pairs tls-neb tls-split tls-density; do
  [ -x "$WORK/prefix/bin/$t" ] || fail "$t not installed in bin/"
  [ -s "$WORK/prefix/share/bash-completion/completions/$t" ] || fail "no completion for $t"
done
[ -s "$WORK/prefix/share/tls-toolkit/python/tls_tables.py" ] && pass "tls_tables.py installed" || fail "tls_tables.py not installed"
"$WORK/prefix/bin/tls-neb" --version >/dev/null && pass "installed tls-neb runs" || fail "installed tls-neb does not run"
# Completion from the options: tls-neb --neb-f<TAB> offers the band's FIRE settings and --neb-ftol.
run bash -c "source '$WORK/prefix/share/bash-completion/completions/tls-neb'
  COMP_WORDS=(tls-neb --neb-f); COMP_CWORD=1; _tls_neb; printf '%s\n' \"\${COMPREPLY[@]}\""
[ "$OUT" = "$(printf -- '--neb-fire-dt-max\n--neb-fire-max-step\n--neb-ftol')" ] && pass "completion of --neb-f" \
  || fail "completion offered: $OUT $ERR"
run bash -c "source '$WORK/prefix/share/bash-completion/completions/tls-explore'
  COMP_WORDS=(tls-explore --run); COMP_CWORD=1; _tls_explore; printf '%s\n' \"\${COMPREPLY[@]}\""
[ "$OUT" = "$(printf -- '--run-time\n--runs')" ] && pass "completion of --run" || fail "completion offered: $OUT"
finish
