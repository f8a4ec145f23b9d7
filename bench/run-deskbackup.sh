#!/usr/bin/env bash
# Desk backup figures (issue 10) beside the sqlite3 shell in the same run, on a demo desk of N
# subscribers:
#   1. relaisctl backup --out (online backup in one read snapshot, SHA-256, integrity_check, schema,
#      row counts, manifest) beside sqlite3 `.backup` (the copy alone) and `.backup` followed by
#      `PRAGMA integrity_check` (the copy and the one check that costs);
#   2. relaisctl verify beside sha256sum + sqlite3 `PRAGMA integrity_check` of the same file;
#   3. relaisctl restore (verify, keep the current file aside, copy in under an exclusive lock)
#      beside sqlite3 `.restore`;
#   4. a clerk's save while a backup runs: relaisctl subscriber add, timed, during the backup;
#   5. relaisctl reseed of the whole desk into an empty publisher of a new relais-server (SQLite
#      store, loopback), beside relais-server reseed of the same copy from its file (no HTTP).
# Usage: bench/run-deskbackup.sh [N] (default 1000000). RELAIS_BENCH_BUILD: the build tree whose
# relaisctl runs (default build-tests; copied first, so a rebuild meanwhile does not disturb the
# run); RELAIS_BENCH_DESK: a demo desk to reuse (made there when missing; default: a new one in
# the work folder). Writes markdown to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
BUILD=${RELAIS_BENCH_BUILD:-$PWD/build-tests}
WORK=$(mktemp -d /tmp/relais-bench-backup.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cp "$BUILD/app/relaisctl/relaisctl" "$WORK/relaisctl"
CTL="$WORK/relaisctl"
now() { date +%s.%N; }
secs() { printf '%.1f' "$(echo "$2 - $1" | bc -l)"; }
DB="$WORK/desk.sqlite"
SOURCE=${RELAIS_BENCH_DESK:-$WORK/demo.sqlite}
if [ ! -f "$SOURCE" ]; then
  t0=$(now)
  "$CTL" --db "$SOURCE" demo --subscribers "$N" --today 2026-06-10 --quiet >/dev/null
  sqlite3 "$SOURCE" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  echo "demo desk of $N subscribers: $(secs "$t0" "$(now)") s" >&2
fi
cp "$SOURCE" "$DB"
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
size_mb=$(( $(stat -c %s "$DB") / 1048576 ))
sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true

# 1. Backup.
t0=$(now); "$CTL" --db "$DB" backup --out "$WORK/b.sqlite" --quiet >/dev/null; t1=$(now)
backup_s=$(secs "$t0" "$t1")
t0=$(now); sqlite3 "$DB" ".backup '$WORK/ref.sqlite'"; t1=$(now)
ref_backup_s=$(secs "$t0" "$t1")
t0=$(now); sqlite3 "$WORK/ref.sqlite" "PRAGMA integrity_check;" >/dev/null; t1=$(now)
ref_check_s=$(secs "$t0" "$t1")
t0=$(now); sha256sum "$WORK/ref.sqlite" >/dev/null; t1=$(now)
ref_sha_s=$(secs "$t0" "$t1")
backup_mb=$(( $(stat -c %s "$WORK/b.sqlite") / 1048576 ))

# 2. Verify.
t0=$(now); "$CTL" verify "$WORK/b.sqlite" --quiet >/dev/null; t1=$(now)
verify_s=$(secs "$t0" "$t1")

# 3. Restore (the desk gets the backup back; its current file is kept aside first).
"$CTL" --db "$DB" subscriber add --last-name Apres --line4 "1 rue de la Paix" --postal-code 75002 --city PARIS >/dev/null
t0=$(now); "$CTL" --db "$DB" restore --in "$WORK/b.sqlite" --quiet >/dev/null; t1=$(now)
restore_s=$(secs "$t0" "$t1")
rm -f "$DB".before-restore-*
cp "$WORK/ref.sqlite" "$WORK/ref2.sqlite"
t0=$(now); sqlite3 "$WORK/ref2.sqlite" ".restore '$WORK/b.sqlite'"; t1=$(now)
ref_restore_s=$(secs "$t0" "$t1")

# 4. A clerk's save during a backup.
"$CTL" --db "$DB" backup --out "$WORK/c.sqlite" --quiet >/dev/null &
bpid=$!
sleep 1
saves=()
while kill -0 "$bpid" 2>/dev/null; do
  t0=$(now)
  "$CTL" --db "$DB" subscriber add --last-name Pendant --line4 "1 rue de la Paix" --postal-code 75002 --city PARIS >/dev/null || break
  saves+=("$(echo "($(now) - $t0) * 1000" | bc -l)")
done
wait "$bpid"
worst=$(printf '%s\n' "${saves[@]:-0}" | sort -n | tail -1)
median=$(printf '%s\n' "${saves[@]:-0}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
"$CTL" verify "$WORK/c.sqlite" --quiet >/dev/null

# 5. Reseed over HTTP, beside the server's own reseed from the file.
SRV="$WORK/relais-server"
cp "$BUILD/server/relais-server" "$SRV"
echo "bench password" > "$WORK/pw"
server_db() {
  "$SRV" --db "sqlite:$1" init >/dev/null
  "$SRV" --db "sqlite:$1" publisher add OUEST --name Ouest >/dev/null
  "$SRV" --db "sqlite:$1" user add admin --role admin --publisher OUEST --password-file "$WORK/pw" >/dev/null
}
server_db "$WORK/server.sqlite"
"$SRV" --db "sqlite:$WORK/server.sqlite" serve --listen 127.0.0.1:0 > "$WORK/serve.log" 2>&1 &
spid=$!
for _ in $(seq 50); do grep -q "listening on" "$WORK/serve.log" && break; sleep 0.2; done
url="http://$(sed -n 's/.*listening on \([0-9.:]*\).*/\1/p' "$WORK/serve.log" | head -1)"
t0=$(now); "$CTL" --db "$DB" reseed --server "$url" --user admin --password-file "$WORK/pw" --chunk 5000 --quiet >/dev/null; t1=$(now)
reseed_s=$(secs "$t0" "$t1")
kill "$spid"; wait "$spid" 2>/dev/null || true
"$CTL" --db "$DB" desk-copy --out "$WORK/copy.ndjson" >/dev/null
server_db "$WORK/server2.sqlite"
t0=$(now); "$SRV" --db "sqlite:$WORK/server2.sqlite" reseed "$WORK/copy.ndjson" --publisher OUEST >/dev/null; t1=$(now)
ref_reseed_s=$(secs "$t0" "$t1")
copy_rows=$(( $(wc -l < "$WORK/copy.ndjson") - 2 ))

cat <<MD
| figure ($N subscribers, desk file $size_mb MB) | Relais | reference, same run |
| --- | --- | --- |
| backup (copy + SHA-256 + integrity_check + schema + counts) | $backup_s s | sqlite3 \`.backup\`: $ref_backup_s s; + \`PRAGMA integrity_check\`: $ref_check_s s; + sha256sum: $ref_sha_s s |
| backup file | $backup_mb MB | |
| verify (SHA-256 + integrity_check + schema + counts) | $verify_s s | sha256sum + integrity_check: $(printf '%.1f' "$(echo "$ref_sha_s + $ref_check_s" | bc -l)") s |
| restore (verify + keep aside + copy in) | $restore_s s | sqlite3 \`.restore\` (copy alone): $ref_restore_s s |
| a clerk's save (relaisctl subscriber add, a process each) during a backup: median, worst of ${#saves[@]} | $(printf '%.0f' "$median") ms, $(printf '%.0f' "$worst") ms | |
| reseed of an empty publisher from the desk over HTTP ($copy_rows rows, chunks of 5,000) | $reseed_s s | relais-server reseed of the same copy from its file: $ref_reseed_s s |
MD
