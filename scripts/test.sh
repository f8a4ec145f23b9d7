#!/usr/bin/env bash
# Command 2 of the README (and what CI runs): install what is missing, build everything with
# warnings as errors, and run every test suite under ctest (unit, relaisctl, CSV, GUI offscreen,
# server integration against real relais-server processes, PostgreSQL and nginx).
#
# scripts/test.sh --sanitize [CTEST ARGS]: the same suites built with AddressSanitizer and
# UndefinedBehaviorSanitizer in build-asan (RELAIS_SANITIZE); any report fails the test that made it.
# scripts/test.sh --fuzz [SECONDS]: the libFuzzer targets built with clang in build-fuzz, each run
# for SECONDS (default 20) on its committed corpus (fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JOBS=${RELAIS_JOBS:-$(nproc)}
MODE=normal
case "${1:-}" in
    --sanitize) MODE=sanitize; shift ;;
    --fuzz) MODE=fuzz; shift ;;
esac

bash scripts/install-deps.sh

if [ "$MODE" = fuzz ]; then
    exec bash fuzz/run.sh "$@"
fi

if [ "$MODE" = sanitize ]; then
    BUILD=${RELAIS_ASAN_BUILD_DIR:-$ROOT/build-asan}
    cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRELAIS_WERROR=ON -DRELAIS_SANITIZE=ON \
          -DRELAIS_BUILD_TESTS=ON -DRELAIS_BUILD_BENCH=OFF >/dev/null
else
    BUILD=${RELAIS_TEST_BUILD_DIR:-$ROOT/build-tests}
    cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRELAIS_WERROR=ON \
          -DRELAIS_BUILD_TESTS=ON -DRELAIS_BUILD_BENCH=ON >/dev/null
fi
cmake --build "$BUILD" -j "$JOBS"
cd "$BUILD"
export QT_QPA_PLATFORM=offscreen
# Everything a suite needs was installed above: a suite that would skip for a missing PostgreSQL or
# nginx fails instead, so a green run means every suite ran.
export RELAIS_REQUIRE_ALL=1
if [ "$MODE" = sanitize ]; then
    # Every child process (relais-server, relaisctl) is built the same way and reads these too.
    # A report aborts with its own exit code, so that no test can mistake it for a normal failure.
    SUPP=$ROOT/scripts/sanitizers
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=86:strict_string_checks=1:detect_stack_use_after_return=0:check_initialization_order=1"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=87:suppressions=$SUPP/ubsan.supp"
    export LSAN_OPTIONS="suppressions=$SUPP/lsan.supp:print_suppressions=0"
    # The package test builds a .deb of these binaries, which need libasan: it belongs to the
    # normal build only.
    ctest --output-on-failure -j "$JOBS" --timeout 1200 -E '^package_deb$' "$@"
else
    ctest --output-on-failure -j "$JOBS" --timeout 600 "$@"
fi

# The evidence the fault suites print, shown here and required: a suite that did not run (or ran
# without reaching its figures) fails the run even if ctest was told to leave it out.
if [ $# -eq 0 ]; then
    log=Testing/Temporary/LastTest.log
    missing=0
    echo "--- evidence"
    for pattern in 'power cuts in all: [0-9]+ cut points' 'server power cuts, synchronous=FULL: .* 0 lost' \
                   'full disk: [0-9]+ points tried' 'kills, [1-9][0-9]* inside a transaction' \
                   'inputs replayed, 0 crashes'; do
        if ! grep -E -h "$pattern" "$log" | sed 's/^QINFO *: //'; then
            echo "missing from the test output: $pattern" >&2
            missing=1
        fi
    done
    exit $missing
fi
