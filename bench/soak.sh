#!/bin/sh
# The soak: five desks against relais-server through the sync tests' fault proxy for MINUTES
# (default 1), with random offline periods, syncs killed half way, lost and cut replies, 503s and
# server kills; then every desk and the server must agree by checksum, every saved subscriber be
# there once, every operation applied once, and the server's memory stay flat (bench/soak.cpp).
# Usage: bench/soak.sh [MINUTES] [SEED]. Uses build-tests (RELAIS_TEST_BUILD_DIR), building what
# it needs.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${RELAIS_TEST_BUILD_DIR:-$root/build-tests}
minutes=${1:-1}
seed=${2:-$(date +%s)}
cmake --build "$build" --target soak >/dev/null
export QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8
exec "$build/bench/soak" "$minutes" "$seed"
