# Shared set-up of ./test.sh and ./reproduce.sh (sourced): install missing Debian packages when
# root, then configure and build in build/ (Release). Idempotent: a second run only rebuilds.
set -euo pipefail
TLS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TLS_PACKAGES=(g++ cmake ninja-build libeigen3-dev libboost-dev libboost-graph-dev libgsl-dev libcxxopts-dev
              libgtest-dev libbenchmark-dev snakemake python3-matplotlib python3-numpy
              python3-jsonschema python3-scipy python3-ase xz-utils libxgboost-dev strace)

tls_install_packages() {
  local missing=()
  for p in "${TLS_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages: ${missing[*]}; install them (as root: apt-get install ${missing[*]})" >&2
    return 1
  fi
  echo "installing: ${missing[*]}" >&2
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}

tls_build() {
  local gen=()
  command -v ninja >/dev/null && [ ! -f "$TLS_ROOT/build/Makefile" ] && gen=(-G Ninja)
  cmake -S "$TLS_ROOT" -B "$TLS_ROOT/build" -DCMAKE_BUILD_TYPE=Release "${gen[@]}" >&2
  cmake --build "$TLS_ROOT/build" -j "$(nproc)" >&2
}
