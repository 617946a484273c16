# Helpers of the black-box tool tests (sourced). Each test script exits 0 (pass), 1 (fail) or 77 (skip).
set -uo pipefail
BIN=${TLS_BIN:?TLS_BIN must point at build/bin}
DATA=${TLS_TEST_DATA:?}
WORK=$(mktemp -d "${TLS_WORK_DIR:-/tmp}/tool-XXXXXX" 2>/dev/null || { mkdir -p "${TLS_WORK_DIR:-/tmp}"; mktemp -d "${TLS_WORK_DIR:-/tmp}/tool-XXXXXX"; })
trap 'rm -rf "$WORK"' EXIT
FAILED=0
OUT=""; ERR=""; CODE=0

fail() { echo "FAIL: $*" >&2; FAILED=1; }
pass() { echo "ok: $*"; }

# run CMD...: runs a command, capturing stdout in $OUT, stderr in $ERR and the status in $CODE.
run() {
  OUT=$("$@" 2>"$WORK/.stderr"); CODE=$?
  ERR=$(cat "$WORK/.stderr")
}

# expect_code N DESCRIPTION CMD...: the command must exit with status N.
expect_code() {
  local want=$1 what=$2; shift 2
  run "$@"
  if [ "$CODE" -ne "$want" ]; then fail "$what: exit $CODE, expected $want; stderr: $ERR"; else pass "$what (exit $want)"; fi
}

# expect_error N TOOL DESCRIPTION CMD...: exit N with exactly one line "TOOL: error: ..." on stderr.
expect_error() {
  local want=$1 tool=$2 what=$3; shift 3
  expect_code "$want" "$what" "$@"
  local lines; lines=$(printf '%s\n' "$ERR" | grep -c .)
  [ "$lines" -eq 1 ] || fail "$what: expected one stderr line, got $lines: $ERR"
  [[ "$ERR" == "$tool: error: "* ]] || fail "$what: stderr does not start with '$tool: error: ': $ERR"
}

# need_reference: skip (77) with a message when ../shared/reference is absent.
need_reference() {
  REF=${TLS_REFERENCE_DIR:-}
  if [ -z "$REF" ] || [ ! -f "$REF/2.044404608E-01.conf.txt" ]; then
    echo "SKIP: ../shared/reference not found; reference-data checks skipped"; exit 77
  fi
}

# golden NAME FILE: compares FILE with tests/data/golden/NAME; TLS_REGENERATE_GOLDEN=1 rewrites it.
golden() {
  local want="$DATA/golden/$1"
  if [ "${TLS_REGENERATE_GOLDEN:-0}" = 1 ]; then cp "$2" "$want"; echo "regenerated $want"; return; fi
  if cmp -s "$want" "$2"; then pass "golden $1"; else fail "golden $1 differs:"; diff "$want" "$2" | head -20 >&2; fi
}

# xyz_key FILE KEY: value of KEY=... on the comment line of an extended XYZ file.
xyz_key() { sed -n 2p "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | tr -d '"'; }

# make_small_glass SEED N OUT: N random particles at rho = 1 with the model's quantile diameters,
# quenched by tls-minimize to their inherent structure (a small glass for the exploration tests).
make_small_glass() {
  awk -v seed="$1" -v n="$2" 'BEGIN{srand(seed); L=n^(1/3); print n;
    printf "Lattice=\"%.17g 0 0 0 %.17g 0 0 0 %.17g\" Properties=species:S:1:pos:R:3:diameter:R:1\n", L, L, L;
    for (i=0;i<n;i++) printf "X %.17g %.17g %.17g %.6f\n", rand()*L, rand()*L, rand()*L, (0.73^-2 - (i/n)*(0.73^-2-1.62^-2))^-0.5}' > "$WORK/hot-$1-$2.xyz"
  "$BIN/tls-minimize" -q "$WORK/hot-$1-$2.xyz" -o "$3"
}

# make_split_library LIBRARY PAIRS: the minima library of a short exploration of a 32-particle glass
# and a pair list whose first pair tls-neb splits at an intermediate minimum new to the library (it
# writes that record to new-minima.tlsmin); the second pair is a = b. The pair is the first of the
# exploration's connected pairs that does so (of at most 6 tried), so small changes to tls-explore
# do not break it. Returns 1 when none does.
make_split_library() {
  make_small_glass 5 32 "$WORK/split-glass.xyz"
  "$BIN/tls-minimize" -q "$WORK/split-glass.xyz" -o "$WORK/split-glass.xyz"
  "$BIN/tls-explore" -q "$WORK/split-glass.xyz" --seed 3 --temperature 0.15 --run-time 2 --runs 6 --no-stop \
    -o "$WORK/split-explore" || return 1
  "$BIN/tls-pairs" -q "$WORK/split-explore" -o "$WORK/split-candidates.tsv" || return 1
  cp "$WORK/split-explore/minima.tlsmin" "$1"
  local a b _ tries=0
  while read -r _ a b _; do
    tries=$((tries + 1)); [ $tries -le 6 ] || break
    printf '#%%tls-pairs 1.0\n#id\ta\tb\n1\t%s\t%s\n2\t%s\t%s\n' "$a" "$b" "$b" "$b" > "$2"
    rm -rf "$WORK/split-try"; mkdir -p "$WORK/split-try"
    local said; said=$("$BIN/tls-neb" "$1" "$2" -o "$WORK/split-try/n" 2>&1 </dev/null)
    [[ "$said" =~ \ [1-9][0-9]*\ new\ minima ]] && return 0
  done < <(grep -v '^#' "$WORK/split-candidates.tsv")
  return 1
}

finish() { [ "$FAILED" -eq 0 ] && echo "all passed"; exit "$FAILED"; }
