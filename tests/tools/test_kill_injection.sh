#!/usr/bin/env bash
# Kill injection (issue 18): tls-neb, tls-explore and tls-equilibrate on small inputs are killed
# (SIGKILL, through strace's fault injection) at their Nth call of each system call that changes a
# file (write, writev, pwrite64, fsync, fdatasync, ftruncate, rename, renameat(2), unlink(at)), for
# every N an uninterrupted run reaches; each killed run is then started again without strace.
# strace counts injections per system call (a set "write,writev" with when=N would kill at the Nth
# of either), so each call is its own series of kill points. Every rerun must exit 0 with a folder
# byte-identical to the uninterrupted run's (same file list, same bytes), and no input may ever
# change. Skips (77) where strace is absent or not permitted.
# TLS_KILL_STRIDE=K tries every Kth point only (default 1: all). Summary lines feed docs/reliability.md.
source "$(dirname "$0")/lib.sh"
if ! command -v strace >/dev/null || ! strace -o /dev/null true 2>/dev/null; then
  echo "SKIP: strace absent or ptrace not permitted here; kill injection needs it"; exit 77
fi
STRIDE=${TLS_KILL_STRIDE:-1}
MAKE_LIBRARY=${TLS_TEST_HELPERS:?}/tls-test-library

make_small_glass 5 32 "$WORK/g32.xyz"
"$BIN/tls-minimize" -q "$WORK/g32.xyz" -o "$WORK/g32.xyz"
make_small_glass 6 32 "$WORK/g32b.xyz"
"$MAKE_LIBRARY" "$WORK/lib.tlsmin" g32 "$WORK/g32.xyz" "$WORK/g32b.xyz" || fail "make library"
printf '#%%tls-pairs 1.0\n#id\ta\tb\n1\t0\t1\n2\t1\t1\n' > "$WORK/pairs.tsv"
make_split_library "$WORK/split.tlsmin" "$WORK/split-pairs.tsv" || fail "no pair of the small exploration splits at a new minimum"
inputs=("$WORK/g32.xyz" "$WORK/lib.tlsmin" "$WORK/pairs.tsv" "$WORK/split.tlsmin" "$WORK/split-pairs.tsv")
sums() { cksum "${inputs[@]}"; }
before=$(sums)

# The system calls that change files; each is a series of kill points.
CALLS=(write writev pwrite64 pwritev fsync fdatasync ftruncate rename renameat renameat2 unlink unlinkat)
# count_calls CMD...: "name count" of each of CALLS an uninterrupted run makes (all threads).
count_calls() {
  local IFS=,
  strace -f -qq -o "$WORK/trace" -e trace="${CALLS[*]}" "$@" </dev/null >/dev/null 2>"$WORK/count.err" ||
    echo "traced run failed: $(head -c 300 "$WORK/count.err")" >&2
  unset IFS
  local c; for c in "${CALLS[@]}"; do echo "$c $(grep -v 'resumed>' "$WORK/trace" | grep -c "^[0-9]* *$c(")"; done
}
# folder_sum DIR: names and bytes of every file in DIR.
folder_sum() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs cksum); }

# stage NAME STRIDE CMD...: CMD writes to the folder named by the placeholder OUT (replaced per
# run); every STRIDE-th kill point is tried (times TLS_KILL_STRIDE).
stage() {
  local name=$1 step=$(( $2 * STRIDE )); shift 2
  local ref=$WORK/$name/ref/out cmd=() a
  mkdir -p "$WORK/$name/ref"
  for a in "$@"; do cmd+=("${a//OUT/$ref}"); done
  "${cmd[@]}" 2>"$WORK/$name.err" || { fail "$name: uninterrupted run failed: $(cat "$WORK/$name.err")"; return; }
  local want; want=$(folder_sum "$ref")
  local kind total tried=0 bad=0 k points=0 counts
  cmd=(); for a in "$@"; do cmd+=("${a//OUT/$WORK/$name/x/out}"); done
  rm -rf "$WORK/$name/x"; mkdir -p "$WORK/$name/x"
  counts=$(count_calls "${cmd[@]}")
  while read -r kind total; do
    [ "$total" -gt 0 ] || continue
    for ((k = 1; k <= total; k += step)); do
      # Kill runs use a folder named like the reference (out): the command is part of the provenance.
      rm -rf "$WORK/$name/k"; mkdir -p "$WORK/$name/k"
      cmd=(); for a in "$@"; do cmd+=("${a//OUT/$WORK/$name/k/out}"); done
      (strace -f -qq -o /dev/null -e trace="$kind" -e inject="$kind":signal=SIGKILL:when=$k "${cmd[@]}" </dev/null >/dev/null 2>&1; true) 2>/dev/null
      "${cmd[@]}" </dev/null 2>"$WORK/rerun.err"; local code=$?
      tried=$((tried + 1))
      # Compare with the reference, paths made relative so the folder names do not matter.
      if [ $code -ne 0 ] || [ "$(folder_sum "$WORK/$name/k/out")" != "$want" ]; then
        bad=$((bad + 1)); fail "$name: killed at $kind $k of $total: rerun exit $code or folder differs ($(head -c 300 "$WORK/rerun.err"))"
      fi
      [ "$(sums)" = "$before" ] || { fail "$name: an input changed after the kill at $kind $k"; before=$(sums); }
    done
    points=$((points + (total + step - 1) / step))
    echo "summary: $name: $kind: $total calls in an uninterrupted run, $(( (total + step - 1) / step )) kill points"
  done <<<"$counts"
  [ $points -gt 0 ] || fail "$name: no write or rename traced (strace output changed?)"
  [ $bad -eq 0 ] && pass "$name: $tried kills, every rerun byte-identical to the uninterrupted run, inputs untouched"
}

# tls-neb twice: a pair that ends unconverged (two unrelated glasses), and a pair split at a minimum
# new to the library (DWPs, profiles, one record in new-minima.tlsmin: the path of issue 18's torn
# library).
stage tls-neb 1 "$BIN/tls-neb" -q "$WORK/lib.tlsmin" "$WORK/pairs.tsv" -o OUT --max-iterations 40 --images 5 --no-saddle-check --no-retry
stage tls-neb-split 1 "$BIN/tls-neb" -q "$WORK/split.tlsmin" "$WORK/split-pairs.tsv" -o OUT
cut -f4 "$WORK/tls-neb-split/ref/out/status.tsv" | grep -qx split \
  && pass "tls-neb-split: the first pair splits (a minimum new to the library)" || fail "tls-neb-split: no split pair"
stage tls-explore 1 "$BIN/tls-explore" -q "$WORK/g32.xyz" --seed 3 --temperature 0.15 --run-time 2 --runs 3 --no-stop -o OUT
eq=(-q --seed 2 --particles 32 -T 0.4 --burn-in-relaxations 1 --relaxations 1 --snapshots 1 --snapshot-relaxations 1)
stage tls-equilibrate 1 "$BIN/tls-equilibrate" "${eq[@]}" -o OUT
# With a checkpoint at every sample (2 samples per relaxation: ~160 checkpoints, each a write, a
# writev, an fsync and a rename): every 10th call of each, so that kills land between checkpoints
# and the reruns resume from them (each run is bound by its ~160 fsyncs, not by computing).
stage tls-equilibrate-resume 10 "$BIN/tls-equilibrate" "${eq[@]}" --checkpoint-every 0 --samples-per-relaxation 2 -o OUT
finish
