#!/usr/bin/env bash
# Runs every test: installs missing Debian packages (when root), builds, then ctest.
# Extra arguments go to ctest, e.g. ./test.sh -LE slow  or  ./test.sh -R ForceField
source "$(dirname "$0")/cmake/setup.sh"
tls_install_packages
tls_build
cd "$TLS_ROOT/build"
ctest --output-on-failure -j "$(nproc)" "$@"

# Sanitizer pass (docs/reliability.md): the unit tests and the reader fuzz test again, built with
# -fsanitize=address,undefined (preset `asan`, folder build-asan; only these two targets, through
# ccache when it is installed). On for a plain ./test.sh (no ctest arguments); TLS_SANITIZER_TESTS=0
# skips it. Two unit tests are left out for their cost (a 32- and a 64-image NEB, and minimising
# every file of the authors' glass: minutes in Release, far longer under the sanitizers); their code
# runs under the sanitizers in the other NEB and minimiser tests. Cost: docs/reliability.md, "Sanitizers".
if [ "${TLS_SANITIZER_TESTS:-1}" != 0 ] && [ $# -eq 0 ]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  (cd "$TLS_ROOT" && cmake --preset asan "${launcher[@]}") >&2
  cmake --build "$TLS_ROOT/build-asan" -j "$(nproc)" --target tls_unit_tests tls-fuzz >&2
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$TLS_ROOT/build-asan" --output-on-failure -j "$(nproc)" \
      -E '^(tool\.|layering$)|^NebModel\.DoublingTheImages|^ReferenceMinima\.EnergiesAndBasinsOfAllFiles$'
fi
