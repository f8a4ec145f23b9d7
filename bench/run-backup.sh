#!/usr/bin/env bash
# Server backup figures (issue 10) at N subscribers, on SQLite and on PostgreSQL, each beside the
# database's own tool in the same run:
#   SQLite:     relais-server backup / verify / restore into a new database, beside sqlite3 `.backup`
#               (and the database file's size beside the backup's);
#   PostgreSQL: the SQLite backup restored into a new PostgreSQL database (which makes the data),
#               then relais-server backup / verify / restore into another new database, beside
#               `pg_dump -Fc` and `pg_restore` of the same database (and pg_database_size).
# The server database comes from a demo desk: relaisctl demo N, relaisctl desk-copy, relais-server
# reseed into an empty publisher (the desk's 2.1 M rows per million subscribers, with their stored
# operations and change-log entries: 6.4 M rows).
# Usage: bench/run-backup.sh [N] (default 1000000). RELAIS_BENCH_BUILD: the build tree whose binaries
# run (default build-tests; copied first); RELAIS_BENCH_SERVER_DB: an SQLite server database of N
# subscribers to reuse (copied; made in the work folder when missing); RELAIS_BENCH_DESK: a demo desk
# to make it from. RELAIS_BENCH_SKIP_PG=1: SQLite only. Each figure is printed with `uptime`'s load
# average at its start: the machine is shared. Writes markdown to stdout, progress to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
BUILD=${RELAIS_BENCH_BUILD:-$PWD/build-tests}
WORK=$(mktemp -d /tmp/relais-bench-serverbackup.XXXXXX)
PGDIR=""
PGBIN=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [ -n "$PGDIR" ] && [ -f "$PGDIR/data/postmaster.pid" ]; then
    as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  [ -n "$PGDIR" ] && rm -rf "$PGDIR"
  rm -rf "$WORK"
}
trap cleanup EXIT
cp "$BUILD/server/relais-server" "$WORK/relais-server"
cp "$BUILD/app/relaisctl/relaisctl" "$WORK/relaisctl"
SRV="$WORK/relais-server"
CTL="$WORK/relaisctl"
echo "bench password" > "$WORK/pw"
now() { date +%s.%N; }
secs() { printf '%.1f' "$(echo "$2 - $1" | bc -l)"; }
load() { uptime | sed 's/.*load average: \([0-9.]*\).*/\1/'; }
mb() { echo $(( $1 / 1048576 )); }
log() { echo "$(date +%T) $*" >&2; }
# timed NAME CMD...: runs CMD, sets NAME_s (wall seconds), NAME_cpu (user + system seconds of CMD
# and its children: what the load does not inflate), NAME_rss (max RSS, MB) and NAME_load (load
# average at its start).
timed() {
  local name=$1; shift
  local l t0 s
  l=$(load); t0=$(now)
  /usr/bin/time -f "%U %S %M" -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" \
    || { log "$name failed:"; cat "$WORK/$name.err" >&2; exit 1; }
  s=$(secs "$t0" "$(now)")
  printf -v "${name}_s" '%s' "$s"
  printf -v "${name}_load" '%s' "$l"
  printf -v "${name}_cpu" '%s' "$(awk '{printf "%.1f", $1 + $2}' "$WORK/$name.time")"
  printf -v "${name}_rss" '%s' "$(awk '{printf "%d", $3 / 1024}' "$WORK/$name.time")"
  local cpu="${name}_cpu"
  log "$name: $s s, cpu ${!cpu} s (load $l)"
}

# ---- the data ------------------------------------------------------------------------------------
DB="$WORK/server.sqlite"
if [ -n "${RELAIS_BENCH_SERVER_DB:-}" ] && [ -f "$RELAIS_BENCH_SERVER_DB" ]; then
  cp "$RELAIS_BENCH_SERVER_DB" "$DB"
else
  DESK=${RELAIS_BENCH_DESK:-$WORK/demo.sqlite}
  [ -f "$DESK" ] || "$CTL" --db "$DESK" demo --subscribers "$N" --today 2026-06-10 --quiet >/dev/null
  "$CTL" --db "$DESK" desk-copy --out "$WORK/copy.ndjson" >/dev/null
  "$SRV" --db "sqlite:$DB" init >/dev/null
  "$SRV" --db "sqlite:$DB" publisher add OUEST --name Ouest >/dev/null
  "$SRV" --db "sqlite:$DB" user add admin --role admin --publisher OUEST --password-file "$WORK/pw" >/dev/null
  timed make_reseed "$SRV" --db "sqlite:$DB" reseed "$WORK/copy.ndjson" --publisher OUEST
  rm -f "$WORK/copy.ndjson"
fi
"$SRV" --db "sqlite:$DB" checksums --publisher OUEST >/dev/null # opens it once (schema upgrade if any)
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
rows=$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM subscriber) || ' subscribers, ' || ((SELECT count(*) FROM subscriber) + (SELECT count(*) FROM subscription) + (SELECT count(*) FROM delivery_change) + (SELECT count(*) FROM complaint) + (SELECT count(*) FROM ops) + (SELECT count(*) FROM change_log)) || ' rows'")
db_bytes=$(stat -c %s "$DB")
log "data: $rows, SQLite file $(mb "$db_bytes") MB"

# ---- SQLite ----------------------------------------------------------------------------------------
timed lite_backup "$SRV" --db "sqlite:$DB" backup --out "$WORK/lite.backup"
lite_bytes=$(stat -c %s "$WORK/lite.backup")
timed lite_ref_backup sqlite3 "$DB" ".backup '$WORK/ref.sqlite'"
rm -f "$WORK/ref.sqlite"
timed lite_verify "$SRV" --db "sqlite:$DB" verify "$WORK/lite.backup"
"$SRV" --db "sqlite:$WORK/restored.sqlite" init >/dev/null
timed lite_restore "$SRV" --db "sqlite:$WORK/restored.sqlite" restore "$WORK/lite.backup"
rm -f "$WORK"/restored.sqlite*

cat <<MD
Data: $rows (SQLite file $(mb "$db_bytes") MB). Wall time, then CPU time (user + system: what
the load does not inflate), max RSS, and the load average at the start of the step in brackets.

| SQLite | relais-server | reference, same run |
| --- | --- | --- |
| backup (written, read back, verified) | $lite_backup_s s, CPU $lite_backup_cpu s, $lite_backup_rss MB [$lite_backup_load] | sqlite3 \`.backup\`: $lite_ref_backup_s s, CPU $lite_ref_backup_cpu s [$lite_ref_backup_load] |
| file | $(mb "$lite_bytes") MB | the database: $(mb "$db_bytes") MB |
| verify (checksums, SHA-256, scratch restore, counts, checksums) | $lite_verify_s s, CPU $lite_verify_cpu s, $lite_verify_rss MB [$lite_verify_load] | |
| restore into a new database | $lite_restore_s s, CPU $lite_restore_cpu s, $lite_restore_rss MB [$lite_restore_load] | |
MD

[ "${RELAIS_BENCH_SKIP_PG:-0}" = 1 ] && exit 0

# ---- PostgreSQL ------------------------------------------------------------------------------------
for d in /usr/lib/postgresql/*/bin; do PGBIN=$d; done
[ -x "$PGBIN/initdb" ] || { log "PostgreSQL not installed"; exit 1; }
PGDIR=$(mktemp -d /tmp/relais-bench-pg.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDIR"
chmod 700 "$PGDIR"
as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PGDIR/initdb.log" 2>&1
PORT=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
# PostgreSQL's defaults but for the socket and port: fsync on, as in production.
as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PGDIR -c max_wal_size=4GB" start >/dev/null
PG="postgresql://postgres@127.0.0.1:$PORT"
psql() { "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U postgres "$@"; }
for db in relais relais_restored relais_pgrestore; do psql -c "CREATE DATABASE $db" postgres; done
"$SRV" --db "$PG/relais" init >/dev/null
timed pg_load "$SRV" --db "$PG/relais" restore "$WORK/lite.backup"
psql -c "VACUUM ANALYZE" relais
pg_bytes=$(psql -At -c "SELECT pg_database_size('relais')" postgres)
timed pg_backup "$SRV" --db "$PG/relais" backup --out "$WORK/pg.backup"
pg_backup_bytes=$(stat -c %s "$WORK/pg.backup")
timed pg_ref_dump "$PGBIN/pg_dump" -Fc -h 127.0.0.1 -p "$PORT" -U postgres -f "$WORK/pg.dump" relais
pg_dump_bytes=$(stat -c %s "$WORK/pg.dump")
timed pg_verify "$SRV" --db "$PG/relais" verify "$WORK/pg.backup"
"$SRV" --db "$PG/relais_restored" init >/dev/null
timed pg_restore "$SRV" --db "$PG/relais_restored" restore "$WORK/pg.backup"
timed pg_ref_restore "$PGBIN/pg_restore" -h 127.0.0.1 -p "$PORT" -U postgres -d relais_pgrestore "$WORK/pg.dump"

cat <<MD

| PostgreSQL | relais-server | reference, same run |
| --- | --- | --- |
| the SQLite backup restored into a new PostgreSQL database | $pg_load_s s, CPU $pg_load_cpu s [$pg_load_load] | |
| backup (written, read back, verified) | $pg_backup_s s, CPU $pg_backup_cpu s, $pg_backup_rss MB [$pg_backup_load] | \`pg_dump -Fc\`: $pg_ref_dump_s s, CPU $pg_ref_dump_cpu s [$pg_ref_dump_load] |
| file | $(mb "$pg_backup_bytes") MB | \`pg_dump -Fc\`: $(mb "$pg_dump_bytes") MB; pg_database_size: $(mb "$pg_bytes") MB |
| verify (scratch restore into SQLite) | $pg_verify_s s, CPU $pg_verify_cpu s [$pg_verify_load] | |
| restore into a new database | $pg_restore_s s, CPU $pg_restore_cpu s [$pg_restore_load] | \`pg_restore\` into a new database: $pg_ref_restore_s s, CPU $pg_ref_restore_cpu s [$pg_ref_restore_load] |

CPU times are relais-server's (or pg_dump's, pg_restore's) own, not PostgreSQL's server processes.
MD
