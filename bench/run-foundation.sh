#!/usr/bin/env bash
# Foundation figures (issue 2) beside references from the sqlite3 shell, in the same run:
#   1. relaisctl demo of N subscribers: time and file size, beside `.import` of the same rows as CSV
#      into the same schema (tables, indexes, search index triggers);
#   2. 100 typical searches: p50/p95, beside the same FTS5 statements in the sqlite3 shell;
#   3. the delivery list of one title and date, beside the same SQL in the sqlite3 shell.
# Usage: bench/run-foundation.sh [N] (default 1000000). Writes results to stdout (markdown).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
BUILD=${RELAIS_BENCH_BUILD:-$PWD/build-bench}
WORK=$(mktemp -d /tmp/relais-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
TODAY=2026-06-10   # a Wednesday: an issue day of LQC

cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRELAIS_BUILD_GUI=OFF -DRELAIS_BUILD_SERVER=OFF \
      -DRELAIS_BUILD_TESTS=OFF -DRELAIS_BUILD_BENCH=ON >/dev/null
flock /tmp/relais-build.lock cmake --build "$BUILD" --target relaisctl bench_foundation -j2 >/dev/null
CTL="$BUILD/app/relaisctl/relaisctl"

now() { date +%s.%N; }
DB="$WORK/desk.sqlite"
t0=$(now)
"$CTL" --db "$DB" demo --subscribers "$N" --today "$TODAY" --quiet >/dev/null
t1=$(now)
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
demo_s=$(echo "$t1 - $t0" | bc -l)
demo_mb=$(echo "$(stat -c %s "$DB") / 1048576" | bc -l)

# Reference: the same rows as CSV, imported by the sqlite3 shell into the same schema.
for t in subscriber subscription delivery_change complaint; do
  sqlite3 -csv "$DB" "SELECT * FROM $t" > "$WORK/$t.csv"
done
REF="$WORK/ref.sqlite"
sqlite3 "$DB" ".schema --nosys" | grep -v '^CREATE TABLE sqlite_' | grep -v "subscriber_fts_" > "$WORK/schema.sql"
sqlite3 "$REF" < "$WORK/schema.sql"
sqlite3 "$DB" "SELECT sql FROM sqlite_master WHERE type='trigger'" | sed 's/$/;/' > "$WORK/triggers.sql"
sqlite3 "$REF" < "$WORK/triggers.sql"
# Foreign keys are off in the shell by default, so the catalogue rows are not needed for the import.
t2=$(now)
sqlite3 "$REF" <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
.import --csv $WORK/subscriber.csv subscriber
.import --csv $WORK/subscription.csv subscription
.import --csv $WORK/delivery_change.csv delivery_change
.import --csv $WORK/complaint.csv complaint
SQL
t3=$(now)
sqlite3 "$REF" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
import_s=$(echo "$t3 - $t2" | bc -l)
ref_mb=$(echo "$(stat -c %s "$REF") / 1048576" | bc -l)
rows=$(cat "$WORK"/*.csv | wc -l)

"$BUILD/bench/bench_foundation" --db "$DB" --date "$TODAY" --publication LQC --sql-out "$WORK/ref.sql" > "$WORK/app.txt"
get() { awk -v k="$1" '$1==k {print $2}' "$WORK/app.txt"; }
sqlite3 "$DB" < "$WORK/ref.sql" | grep '^Run Time' | awk '{print $4 * 1000}' > "$WORK/ref-ms.txt"
nq=$(get search_queries)
head -n "$nq" "$WORK/ref-ms.txt" | sort -n > "$WORK/ref-search.txt"
p() { awk -v p="$1" '{a[NR]=$1} END {i=int(p*(NR-1)+0.5)+1; print a[i]}' "$2"; }
ref_p50=$(p 0.5 "$WORK/ref-search.txt"); ref_p95=$(p 0.95 "$WORK/ref-search.txt")
# The list is two statements (own addresses, holiday addresses), run three times: add them pairwise.
tail -n 6 "$WORK/ref-ms.txt" | paste - - | awk '{print $1 + $2}' | sort -n > "$WORK/ref-delivery.txt"
ref_dl=$(head -n1 "$WORK/ref-delivery.txt")

printf '| figure (%s subscribers) | Relais | reference (sqlite3 shell, same run) | ratio | goal |\n' "$N"
printf '|---|---|---|---|---|\n'
printf '| demo data: time | %.1f s | `.import` of the same %s rows: %.1f s | %.2fx | <= 3x |\n' "$demo_s" "$rows" "$import_s" "$(echo "$demo_s / $import_s" | bc -l)"
printf '| demo data: file size | %.0f MB | %.0f MB | | |\n' "$demo_mb" "$ref_mb"
printf '| search, %s queries: p50 | %.2f ms | %.2f ms | | |\n' "$nq" "$(get search_p50_ms)" "$ref_p50"
printf '| search: p95 | %.2f ms | %.2f ms | | < 20 ms |\n' "$(get search_p95_ms)" "$ref_p95"
printf '| delivery list LQC %s (%s lines, %s copies): best of 3 | %.0f ms | %.0f ms | | < 2 s |\n' "$TODAY" "$(get delivery_lines)" "$(get delivery_copies)" "$(get delivery_best_ms)" "$ref_dl"
