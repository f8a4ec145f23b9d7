#!/usr/bin/env bash
# Desk sync figures (docs/benchmarks.md, "Desk sync"): starts a relais-server on SQLite
# (synchronous=FULL) on loopback, runs bench/bench_sync against it, then measures the first copy of
# a new desk in a process of its own (relaisctl sync) for its peak memory.
#   bash bench/run-sync.sh [OPERATIONS=10000] [BUILD=build-tests]
set -euo pipefail
cd "$(dirname "$0")/.."
OPS=${1:-10000}
BUILD=${2:-build-tests}
cmake --build "$BUILD" --target bench_sync relais-server relaisctl >/dev/null
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
S=$BUILD/server/relais-server
C=$BUILD/app/relaisctl/relaisctl
echo "correct horse battery staple" > "$WORK/pw"
$S --db "sqlite:$WORK/central.db" init >/dev/null
$S --db "sqlite:$WORK/central.db" publisher add OUEST --name "Ouest Médias" >/dev/null
$S --db "sqlite:$WORK/central.db" user add bench --role clerk --publisher OUEST --password-file "$WORK/pw" >/dev/null
PORT=$((20000 + RANDOM % 20000))
$S --db "sqlite:$WORK/central.db" serve --listen "127.0.0.1:$PORT" 2>"$WORK/server.log" &
SERVER=$!
sleep 1
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
RELAIS_NO_KEYCHAIN=1 QT_QPA_PLATFORM=offscreen "$BUILD/bench/bench_sync" "http://127.0.0.1:$PORT" bench "$WORK/pw" "$WORK" "$OPS" "${LATENCY_ROUNDS:-50}"
cp "$WORK/server.log" /tmp/bench-server.log
# The first copy again, in a process of its own: wall time and peak resident memory.
/usr/bin/time -f "first copy in relaisctl: %e s, peak RSS %M KB" \
  "$C" --db "$WORK/fresh.sqlite" sync --server "http://127.0.0.1:$PORT" --user bench --password-file "$WORK/pw" --json \
  | grep -E '"pulled"|"duration_ms"'
