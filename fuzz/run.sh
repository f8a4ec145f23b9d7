#!/bin/sh
# Builds the libFuzzer targets with clang (build-fuzz, RELAIS_FUZZ=ON: every library instrumented,
# AddressSanitizer + UBSan; the server's core library too, for notify_hello and desk_copy) and runs
# each for a bounded time on its committed corpus and on every crash kept in fuzz/regressions/.
# Usage: fuzz/run.sh [SECONDS per target] (default 20) [TARGET...].
# Needs clang and its libFuzzer runtime (Debian 12: clang-14 and libclang-rt-14-dev, installed by
# scripts/install-deps.sh). New inputs go to build-fuzz/corpus/TARGET (not committed); a crash is
# copied to fuzz/regressions/TARGET/ and the run fails: fix the bug, then commit the file, which the
# normal test suite replays from then on (ctest -R fuzz_).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
seconds=${1:-20}
[ $# -gt 0 ] && shift
targets=${*:-"csv_reader csv_import push_request desk_answers desk_backup notify_hello desk_copy"}
build=${FUZZ_BUILD:-$root/build-fuzz}
jobs=${RELAIS_JOBS:-$(nproc)}

CC=${CC_FUZZ:-clang} CXX=${CXX_FUZZ:-clang++} cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRELAIS_FUZZ=ON -DRELAIS_BUILD_TESTS=OFF -DRELAIS_BUILD_GUI=OFF \
    -DRELAIS_BUILD_SERVER=ON -DRELAIS_BUILD_BENCH=OFF >/dev/null
names=""
for t in $targets; do names="$names ${t}_fuzz"; done
# shellcheck disable=SC2086
cmake --build "$build" -j "$jobs" --target $names

export LC_ALL=C.UTF-8
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
failed=0
for t in $targets; do
    rm -rf "$build/crashes/$t"
    mkdir -p "$build/corpus/$t" "$build/crashes/$t"
    log="$build/$t.log"
    status=0
    (cd "$build/crashes/$t" && "$build/fuzz/${t}_fuzz" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 "$build/corpus/$t" "$here/corpus/$t" "$here/regressions/$t") \
        >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    crashes=$(find "$build/crashes/$t" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
    echo "fuzz $t: ${runs:-0} runs in ${seconds} s, $crashes crashes (exit $status)"
    if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ] || [ -z "$runs" ]; then
        failed=1
        tail -40 "$log" >&2
        find "$build/crashes/$t" -type f -exec cp {} "$here/regressions/$t/" \;
    fi
done
exit $failed
