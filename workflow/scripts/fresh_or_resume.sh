#!/usr/bin/env bash
# fresh_or_resume.sh DIR FILE... -- COMMAND...
# Runs COMMAND, a resumable stage (tls-explore, tls-neb) writing into DIR, so that Snakemake's two
# reasons for running it again both work:
#   - the job was killed: DIR holds the stage's partial work for the same inputs -> the tool resumes;
#   - the inputs or the command changed (a new glass, another profile setting): DIR holds work of
#     another run, which the tool rightly refuses ("belongs to another glass", "was explored with
#     --run-time 10") -> DIR is emptied first, as Snakemake deletes a rule's declared outputs.
# "Same" is a key over COMMAND and the contents of FILE... (the stage's inputs), stored in
# DIR/.stage-key. A DIR without a key (made by hand or by an older workflow) is left to the tool.
set -euo pipefail
dir=$1; shift
files=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do files+=("$1"); shift; done
[ "${1:-}" = "--" ] || { echo "fresh_or_resume.sh: usage: DIR FILE... -- COMMAND..." >&2; exit 64; }
shift
key=$( { printf '%s\0' "$@"; cat "${files[@]}"; } | sha256sum | cut -d' ' -f1)
if [ -f "$dir/.stage-key" ] && [ "$(cat "$dir/.stage-key")" != "$key" ]; then
  echo "fresh_or_resume.sh: $dir holds the work of other inputs or options: removed, starting afresh" >&2
  rm -rf "$dir"
fi
mkdir -p "$dir"
[ -f "$dir/.stage-key" ] || printf '%s\n' "$key" > "$dir/.stage-key"
exec "$@"
