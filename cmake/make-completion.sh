#!/usr/bin/env bash
# Bash completion for one tool, generated from its own --help (so it never lists an option the tool
# lacks): make-completion.sh build/bin/tls-neb [OUT] (OUT: a file, default stdout). Options complete
# after '-'; anything else completes file names.
set -euo pipefail
exe=$1
[ $# -ge 2 ] && exec > "$2"
name=$(basename "$exe")
opts=$("$exe" --help | grep -oE '^ +(-[A-Za-z], )?--[a-z0-9][a-z0-9-]*' | grep -oE -- '--[a-z0-9-]+' | sort -u | tr '\n' ' ')
fn=_${name//-/_}
cat <<COMPLETION
# bash completion for $name (generated from '$name --help' by cmake/make-completion.sh)
$fn() {
  local cur=\${COMP_WORDS[COMP_CWORD]}
  if [[ \$cur == -* ]]; then
    COMPREPLY=(\$(compgen -W "${opts% }" -- "\$cur"))
  else
    COMPREPLY=(\$(compgen -f -- "\$cur"))
  fi
}
complete -o filenames -F $fn $name
COMPLETION
