#!/usr/bin/env bash
# Command 2 of the README (and what CI runs): install what is missing, build everything with
# warnings as errors, and run every test suite under ctest (unit, relaisctl, CSV, GUI offscreen,
# server integration against real relais-server processes, PostgreSQL and nginx).
#
# scripts/test.sh --sanitize [CTEST ARGS]: the same suites built with AddressSanitizer and
# UndefinedBehaviorSanitizer in build-asan (RELAIS_SANITIZE); any report fails the test that made it.
# scripts/test.sh --sanitize-ci: what CI runs of it on every landing (.ci/run), the suites of the
# code that parses outside data and syncs, in the same build-asan (docs/benchmarks.md, "Sanitizers",
# says what the whole run costs and what this one leaves out).
# scripts/test.sh --fuzz [SECONDS]: the libFuzzer targets built with clang in build-fuzz, each run
# for SECONDS (default 20) on its committed corpus (fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JOBS=${RELAIS_JOBS:-$(nproc)}
MODE=normal
SUBSET=0
case "${1:-}" in
    --sanitize) MODE=sanitize; shift ;;
    --sanitize-ci) MODE=sanitize; SUBSET=1; shift ;;
    --fuzz) MODE=fuzz; shift ;;
esac
# --sanitize-ci: the unit suites (domain, store, protocol, migrations, backups), the fault suites
# (power cuts, full disk, kills), the desk-server sync suites on SQLite (a sanitized relais-server
# and relaisctl under them), the server's API, hardening and fault suites, and every fuzz corpus.
# Left out: the GUI suites, CSV/XLSX/label files, relaisctl's own suite, the other server suites,
# the PostgreSQL runs of the same suites, and the Debian package.
SANITIZE_CI_TESTS=(tst_validation tst_validation_records tst_domain tst_formats tst_migrations tst_writepath
                   tst_store tst_inbound tst_deliverylist tst_search tst_demo tst_protocol tst_deskbackup tst_serverrules
                   tst_powerloss tst_diskfull tst_serverpowerloss tst_durability
                   tst_desk_sync tst_continuity tst_import_sync tst_desk_report tst_push_overlap
                   tst_server_api tst_server_hardening tst_server_logins tst_server_faults)
FUZZ_TARGETS=(csv_reader csv_import push_request desk_answers desk_backup notify_hello desk_copy)

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
    # -g1: line tables and functions, enough for a backtrace; full -g made the build a third longer
    # (CI's 90 minutes from an empty cache; docs/benchmarks.md, "CI"). Debug elsewhere with -g.
    cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRELAIS_WERROR=ON \
          -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
          -DRELAIS_BUILD_TESTS=ON -DRELAIS_BUILD_BENCH=ON >/dev/null
fi
CTEST_ONLY=()
if [ "$SUBSET" = 1 ]; then
    targets=("${SANITIZE_CI_TESTS[@]}")
    tests=("${SANITIZE_CI_TESTS[@]}")
    for t in "${FUZZ_TARGETS[@]}"; do
        targets+=("${t}_fuzz")
        tests+=("fuzz_${t}_corpus")
    done
    cmake --build "$BUILD" -j "$JOBS" --target "${targets[@]}"
    CTEST_ONLY=(-R "^($(IFS='|'; echo "${tests[*]}"))\$")
else
    cmake --build "$BUILD" -j "$JOBS"
fi
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
    ctest --output-on-failure -j "$JOBS" --timeout 1200 -E '^package_deb$' "${CTEST_ONLY[@]}" "$@"
else
    ctest --output-on-failure -j "$JOBS" --timeout 600 "$@"
fi

# The evidence the fault suites print, shown here and required: a suite that did not run (or ran
# without reaching its figures) fails the run even if ctest was told to leave it out.
if [ $# -eq 0 ]; then
    log=Testing/Temporary/LastTest.log
    missing=0
    echo "--- evidence"
    patterns=('power cuts in all: [0-9]+ cut points' 'server power cuts, synchronous=FULL: .* 0 lost'
              'full disk: [0-9]+ points tried' 'kills, [1-9][0-9]* inside a transaction'
              'server kills inside a transaction: [1-9][0-9]* of [0-9]+')
    # Every fuzz target's corpus replay, by name (fuzz/replay.cpp prints it).
    for t in "${FUZZ_TARGETS[@]}"; do
        patterns+=("${t}_fuzz: [1-9][0-9]* inputs replayed, 0 crashes")
    done
    for pattern in "${patterns[@]}"; do
        if ! grep -E -h "$pattern" "$log" | sed 's/^QINFO *: //'; then
            echo "missing from the test output: $pattern" >&2
            missing=1
        fi
    done
    exit $missing
fi
