#!/usr/bin/env bash
# The first copy of a new desk from a large server (issue 9: 1,000,000 subscribers under 60 s):
# a copy of an existing server database (SQLite) is served on loopback, a clerk of its first
# publisher is added, and `relaisctl sync` copies everything into a new desk file, timed with its
# peak memory. Beside it, in the same run, the sqlite3 shell reads the same tables of the server
# copy (the floor: reading the rows, nothing sent, nothing written).
# Then the same copy under a real window (offscreen, 1366x768): the window's event loop is watched
# by a 10 ms timer (bench/bench_window_copy.cpp); WINDOW=0 leaves that out, CTL=0 the relaisctl run;
# WINDOW_WRAP="perf record -F 499 -o FILE" (or /usr/bin/time -v) runs the window under a profiler,
# CTL_WRAP the same for relaisctl.
#   bash bench/run-firstcopy.sh SERVER.sqlite [BUILD=build-tests]
# A 1,000,000-subscriber server: `relaisctl demo --subscribers 1000000`, `relaisctl desk-copy`,
# then `relais-server init` + `publisher add` + `reseed` of that copy (docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=${1:?usage: $0 SERVER.sqlite [BUILD]}
BUILD=${2:-build-tests}
WORK=$(mktemp -d /tmp/relais-firstcopy.XXXXXX)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
S=$WORK/relais-server
C=$WORK/relaisctl
cp "$BUILD/server/relais-server" "$S"
cp "$BUILD/app/relaisctl/relaisctl" "$C"
sqlite3 "$SRC" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null 2>&1 || true
cp "$SRC" "$WORK/central.db"
PUB=$(sqlite3 -readonly "$WORK/central.db" "SELECT code FROM publisher ORDER BY code LIMIT 1")
echo "correct horse battery staple" > "$WORK/pw"
$S --db "sqlite:$WORK/central.db" user add firstcopy --role clerk --publisher "$PUB" --password-file "$WORK/pw" >/dev/null
PORT=$((20000 + RANDOM % 20000))
$S --db "sqlite:$WORK/central.db" serve --listen "127.0.0.1:$PORT" 2>"$WORK/server.log" &
SERVER=$!
for _ in $(seq 100); do grep -q "listening" "$WORK/server.log" 2>/dev/null && break; sleep 0.2; done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${CTL:-1}" = 1 ]; then
  /usr/bin/time -f "first copy in relaisctl: %e s wall, %U s user, %S s sys, peak RSS %M KB" \
    ${CTL_WRAP:-} "$C" --db "$WORK/desk.sqlite" sync --server "http://127.0.0.1:$PORT" --user firstcopy --password-file "$WORK/pw" --json \
    | grep -E '"outcome"|"pulled"|"duration_ms"'
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "desk file: $(du -m "$WORK/desk.sqlite" | cut -f1) MB"
fi
if [ "${WINDOW:-1}" = 1 ]; then
  echo "load before the window: $(cut -d' ' -f1-3 /proc/loadavg)"
  QT_QPA_PLATFORM=offscreen RELAIS_NO_KEYCHAIN=1 HOME="$WORK" \
    ${WINDOW_WRAP:-} "$BUILD/bench/bench_window_copy" "http://127.0.0.1:$PORT" firstcopy "$WORK/pw" "$WORK/window-desk.sqlite"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
# The floor, same run: the sqlite3 shell writes every row of the tables a first copy carries as
# JSON (every column; .mode json) to /dev/null. Until 2026-12-06 this was count(*) over a subquery
# of json_object(), which SQLite answers without building the JSON (0.02-0.3 s: no floor at all).
/usr/bin/time -f "reference, sqlite3 shell writing the same tables as JSON: %e s" \
  sqlite3 -readonly -cmd ".mode json" "$WORK/central.db" \
  "SELECT * FROM subscriber; SELECT * FROM subscription; SELECT * FROM delivery_change;
   SELECT * FROM complaint;" >/dev/null
