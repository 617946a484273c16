#!/usr/bin/env bash
# Runs every test: installs missing Debian packages (when root), builds, then ctest.
# Extra arguments go to ctest, e.g. ./test.sh -LE slow  or  ./test.sh -R ForceField
source "$(dirname "$0")/cmake/setup.sh"
tls_install_packages
tls_build
cd "$TLS_ROOT/build"
ctest --output-on-failure -j "$(nproc)" "$@"
