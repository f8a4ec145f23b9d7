#!/bin/sh
# Builds the CSV reader fuzz target with clang (libFuzzer + AddressSanitizer + UBSan) and runs it
# for a bounded time on the committed seed corpus. Usage: fuzz/run.sh [SECONDS] (default 60).
# Needs clang and its libFuzzer runtime (Debian 12: clang-14 and libclang-rt-14-dev) and
# qt6-base-dev. New inputs go to $FUZZ_BUILD/corpus; crashes to $FUZZ_BUILD/crash-*.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
seconds=${1:-60}
build=${FUZZ_BUILD:-/tmp/relais-fuzz}
cxx=${CXX_FUZZ:-clang++}
mkdir -p "$build/corpus"
# shellcheck disable=SC2046
"$cxx" -std=c++20 -g -O1 -fPIC -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -DQT_NO_CAST_FROM_ASCII -I"$root/app/csv" \
    "$here/csv_reader_fuzz.cpp" "$root/app/csv/csvreader.cpp" "$root/app/csv/csvwriter.cpp" \
    "$root/app/csv/textcodec.cpp" $(pkg-config --cflags --libs Qt6Core) \
    -o "$build/csv_reader_fuzz"
cd "$build"
exec ./csv_reader_fuzz -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "$build/corpus" "$here/corpus"
