#!/usr/bin/env bash
# Checks the floors of ARCHITECTURE.md: a module may include only its own floor's lower modules.
# Floors (bottom to top): core | model | io minimize md mc | explore graph neb quantum stats screen | cli
set -euo pipefail
root=${1:?usage: check_layering.sh lib/tls}
floor_of() {
  case $1 in
    core) echo 0 ;; model) echo 1 ;; io|minimize|md|mc) echo 2 ;;
    explore|graph|neb|quantum|stats|equilibrate|screen) echo 3 ;; cli) echo 4 ;; *) echo 99 ;;
  esac
}
status=0
for dir in "$root"/*/; do
  mod=$(basename "$dir"); f=$(floor_of "$mod")
  [ "$f" = 99 ] && { echo "unknown module lib/tls/$mod: add it to check_layering.sh and ARCHITECTURE.md"; status=1; continue; }
  while IFS= read -r line; do
    file=${line%%:*}; inc=$(sed -E 's/.*#include "tls\/([a-z_]+)\/.*/\1/' <<<"$line")
    [ "$inc" = "$mod" ] && continue
    g=$(floor_of "$inc")
    # Same-floor engines may not depend on each other, except that every engine may use io.
    if [ "$g" -gt "$f" ] || { [ "$g" -eq "$f" ] && [ "$inc" != io ]; }; then
      echo "layering: $file includes tls/$inc (floor $g) from tls/$mod (floor $f)"; status=1
    fi
  done < <(grep -H '#include "tls/' "$dir"*.{hpp,cpp} 2>/dev/null || true)
  # Boost.Graph stays behind lib/tls/graph (STYLE.md habit 5).
  if [ "$mod" != graph ] && grep -l 'boost/graph' "$dir"*.{hpp,cpp} 2>/dev/null; then
    echo "layering: Boost.Graph included outside lib/tls/graph"; status=1
  fi
done
[ $status = 0 ] && echo "layering ok"
exit $status
