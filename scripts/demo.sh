#!/usr/bin/env bash
# Command 1 of the README: install what is missing, build, and start the desk application on a local
# demo database (no server needed). Extra arguments go to relais (e.g. --lang en).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${RELAIS_BUILD_DIR:-$ROOT/build}
SUBSCRIBERS=${RELAIS_DEMO_SUBSCRIBERS:-20000}

bash scripts/install-deps.sh
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRELAIS_BUILD_TESTS=OFF -DRELAIS_BUILD_BENCH=OFF >/dev/null
cmake --build "$BUILD" --target relais relaisctl

DB=${RELAIS_DEMO_DB:-$BUILD/demo/desk.sqlite}
mkdir -p "$(dirname "$DB")"
if [ ! -s "$DB" ]; then
  echo "Creating a demo desk with $SUBSCRIBERS subscribers in $DB" >&2
  "$BUILD/app/relaisctl/relaisctl" --db "$DB" demo --subscribers "$SUBSCRIBERS"
  "$BUILD/app/relaisctl/relaisctl" --db "$DB" check >/dev/null
fi
exec "$BUILD/app/relais/relais" --db "$DB" "$@"
