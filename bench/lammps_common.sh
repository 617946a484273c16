# The set-up both LAMMPS comparisons share (sourced by bench/compare_lammps*.sh): strict mode, the
# project root, the peer script (TLS_PEER or ../shared/peers/lammps_peer.py), N ($1, default 1500),
# LAMMPS installed, and a scratch folder $tmp removed on exit. Exits 66/69 with a message otherwise.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
peer=${TLS_PEER:-$root/../shared/peers/lammps_peer.py}
n=${1:-1500}
me=$(basename "$0")
[ -f "$peer" ] || { echo "$me: $peer not found" >&2; exit 66; }
command -v lmp >/dev/null || { echo "$me: LAMMPS (lmp) not installed: apt-get install lammps" >&2; exit 69; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
