#!/bin/sh
# Export and import timings for the CSV work, each beside a reference measured in the same run.
#   app/csv/bench-csv.sh [SUBSCRIBERS] [IMPORT_ROWS]      (defaults: 1000000 and 100000)
# Needs a Release relaisctl ($RELAISCTL, default build-bench/ as bench/run-foundation.sh builds it),
# sqlite3 and python3. Export: the routeur export of a demo desk's delivery list against the sqlite3
# shell writing the same rows unformatted (.mode csv, one query giving the same rows as
# models/deliverylist.cpp); goal at most 2x. Import: IMPORT_ROWS generated rows with validation into an empty desk; goal 20,000 rows/s.
set -eu
n=${1:-1000000}
m=${2:-100000}
ctl=${RELAISCTL:-$(cd "$(dirname "$0")/../.." && pwd)/build-bench/app/relaisctl/relaisctl}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
day=2026-06-03 # a Wednesday: an issue day of the demo daily LQC

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }

echo "demo desk with $n subscribers..."
"$ctl" --db "$work/desk.sqlite" demo --subscribers "$n" --today "$day" --quiet
pub=$(sqlite3 "$work/desk.sqlite" "SELECT id FROM publication WHERE code = 'LQC'")

t0=$(now)
"$ctl" --db "$work/desk.sqlite" export --publication LQC --date "$day" --out "$work/routeur.csv" --quiet >"$work/export.txt"
t1=$(now)
sqlite3 "$work/desk.sqlite" >"$work/reference.csv" <<SQL
.mode csv
SELECT s.id, r.id, r.number, r.civility, r.first_name, r.last_name, r.company,
  coalesce(t.line2, r.line2), coalesce(t.line3, r.line3), coalesce(t.line4, r.line4),
  coalesce(t.line5, r.line5), coalesce(t.postal_code, r.postal_code),
  coalesce(t.city, r.city), coalesce(t.country, r.country), t.id IS NOT NULL, s.copies,
  s.payer_id, p.number, o.code, s.start_date, s.end_date
FROM subscription s
JOIN subscriber r ON r.id = s.recipient_id
JOIN subscriber p ON p.id = s.payer_id
JOIN offer o ON o.id = s.offer_id
LEFT JOIN delivery_change t ON t.subscription_id = s.id AND t.kind = 'address'
  AND t.deleted = 0 AND t.from_date <= '$day' AND t.to_date >= '$day'
WHERE s.publication_id = '$pub' AND s.start_date <= '$day' AND s.deleted = 0 AND r.deleted = 0
  AND (s.end_date IS NULL OR s.end_date >= '$day')
  AND (s.cancel_date IS NULL OR s.cancel_date > '$day')
  AND NOT EXISTS (SELECT 1 FROM delivery_change h WHERE h.subscription_id = s.id
    AND h.kind = 'hold' AND h.deleted = 0 AND h.from_date <= '$day' AND h.to_date >= '$day')
ORDER BY coalesce(t.postal_code, r.postal_code), r.sort_key, r.number, s.id;
SQL
t2=$(now)
rows=$(($(wc -l <"$work/routeur.csv") - 1))
ref_rows=$(wc -l <"$work/reference.csv")
export_s=$(elapsed "$t0" "$t1")
ref_s=$(elapsed "$t1" "$t2")
echo "export:    $rows rows in ${export_s} s (relaisctl export, routeur preset, process start included)"
echo "reference: $ref_rows rows in ${ref_s} s (sqlite3 shell, .mode csv, same query)"
echo "ratio:     $(echo "scale=2; $export_s / $ref_s" | bc) (goal <= 2)"

python3 - "$m" "$work/import.csv" <<'PY'
import random, sys
n, path = int(sys.argv[1]), sys.argv[2]
random.seed(1)
towns = [("75002", "PARIS"), ("69002", "LYON"), ("42000", "SAINT ETIENNE"), ("29200", "BREST"), ("13001", "MARSEILLE")]
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write("numero;civilite;prenom;nom;adresse;code postal;ville;telephone;email\r\n")
    for i in range(n):
        pc, town = random.choice(towns)
        f.write(f";M.;Jean;Nom{i};{i % 300 + 1} rue de la Paix;{pc};{town};06 12 34 {i % 100:02d} {i % 97:02d};n{i}@example.fr\r\n")
PY
t3=$(now)
"$ctl" --db "$work/import.sqlite" import --in "$work/import.csv" --quiet >"$work/import.txt"
t4=$(now)
import_s=$(elapsed "$t3" "$t4")
echo "import:    $m rows in ${import_s} s = $(echo "$m / $import_s" | bc) rows/s (goal >= 20000; includes creating the desk)"
cat "$work/import.txt"
