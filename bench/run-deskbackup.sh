#!/usr/bin/env bash
# Desk backup figures (issue 10) beside the sqlite3 shell in the same run, on a demo desk of N
# subscribers:
#   1. relaisctl backup --out (online backup in one read snapshot, SHA-256, integrity_check, schema,
#      row counts, manifest) beside sqlite3 `.backup` (the copy alone) and `.backup` followed by
#      `PRAGMA integrity_check` (the copy and the one check that costs);
#   2. relaisctl verify beside sha256sum + sqlite3 `PRAGMA integrity_check` of the same file;
#   3. relaisctl restore (verify, keep the current file aside, copy in under an exclusive lock)
#      beside sqlite3 `.restore`;
#   4. a clerk's save while a backup runs: relaisctl subscriber add, timed, during the backup.
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
"$CTL" verify "$WORK/c.sqlite" --quiet >/dev/null

cat <<MD
| figure ($N subscribers, desk file $size_mb MB) | Relais | reference, same run |
| --- | --- | --- |
| backup (copy + SHA-256 + integrity_check + schema + counts) | $backup_s s | sqlite3 \`.backup\`: $ref_backup_s s; + \`PRAGMA integrity_check\`: $ref_check_s s; + sha256sum: $ref_sha_s s |
| backup file | $backup_mb MB | |
| verify (SHA-256 + integrity_check + schema + counts) | $verify_s s | sha256sum + integrity_check: $(printf '%.1f' "$(echo "$ref_sha_s + $ref_check_s" | bc -l)") s |
| restore (verify + keep aside + copy in) | $restore_s s | sqlite3 \`.restore\` (copy alone): $ref_restore_s s |
| a clerk's save (relaisctl subscriber add) during a backup, worst of ${#saves[@]} | $(printf '%.0f' "$worst") ms | |
MD
