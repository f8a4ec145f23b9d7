#!/usr/bin/env bash
# Export figures (issue 13), each beside the CSV export of the same list in the same run:
#   1. the delivery list of one issue of a 1,000,000-subscriber desk (about 400,000 lines) as CSV
#      and as .xlsx, alternately, ROUNDS times (goal: the xlsx at most 3x the CSV);
#   2. label sheets (PDF, L7160) of about 10,000 labels, from a 26,000-subscriber desk (goal: < 10 s),
#      beside the CSV of the same list.
# Usage: bench/run-export.sh [DESK_1M] [ROUNDS]. DESK_1M is made when missing (relaisctl demo
# --subscribers 1000000 --today 2026-12-03: about 10 minutes on 2 cores); RELAISCTL names the binary
# (default build-tests/app/relaisctl/relaisctl). Writes markdown to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
CTL=${RELAISCTL:-$PWD/build-tests/app/relaisctl/relaisctl}
BIG=${1:-/tmp/relais-bench-1m.sqlite}
ROUNDS=${2:-2}
TODAY=2026-12-03
ISSUE=2026-12-04   # a Friday: an issue day of LQC (Monday to Saturday)
WORK=$(mktemp -d /tmp/relais-export-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

[ -f "$BIG" ] || "$CTL" --db "$BIG" demo --subscribers 1000000 --today "$TODAY" --quiet >/dev/null

ms() { sed -n 's/.*(\([0-9]*\) ms).*/\1/p' "$1" | head -1; }
rows() { sed -n 's/^rows \([0-9]*\),.*/\1/p' "$1" | head -1; }
mb() { echo "scale=1; $(stat -c %s "$1") / 1048576" | bc -l; }
rss() { sed -n 's/^maxrss \([0-9]*\)$/\1/p' "$1" | awk '{printf "%.0f", $1 / 1024}'; }
run() { # run NAME ARGS...: one export, its output in $WORK/NAME.out, max RSS in $WORK/NAME.rss
    local name=$1; shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "maxrss %M" -o "$WORK/$name.rss" "$CTL" "$@" >"$WORK/$name.out"
    else
        : >"$WORK/$name.rss"; "$CTL" "$@" >"$WORK/$name.out"
    fi
}

echo "## Export of one issue: CSV beside .xlsx ($(basename "$BIG"), LQC $ISSUE, $(date -u +%F), $(nproc) cores)"
echo
echo "| round | format | lines | time | file | max RSS |"
echo "|---|---|---|---|---|---|"
for r in $(seq 1 "$ROUNDS"); do
    for f in csv xlsx; do
        run "$f$r" --db "$BIG" export --publication LQC --date "$ISSUE" --format "$f" --out "$WORK/lqc.$f" --quiet
        echo "| $r | $f | $(rows "$WORK/$f$r.out") | $(ms "$WORK/$f$r.out") ms | $(mb "$WORK/lqc.$f") MB | $(rss "$WORK/$f$r.rss") MB |"
        eval "t_${f}_$r=$(ms "$WORK/$f$r.out")"
    done
done
sum_csv=0; sum_xlsx=0
for r in $(seq 1 "$ROUNDS"); do
    eval "sum_csv=\$((sum_csv + t_csv_$r)); sum_xlsx=\$((sum_xlsx + t_xlsx_$r))"
done
echo
echo "xlsx / CSV: $(echo "scale=2; $sum_xlsx / $sum_csv" | bc -l) (sum over the rounds; goal at most 3)"
echo

SMALL="$WORK/desk-26k.sqlite"
"$CTL" --db "$SMALL" demo --subscribers 26000 --today "$TODAY" --quiet >/dev/null
echo "## Label sheets (L7160, PDF) beside the CSV of the same list (26,000-subscriber desk, LQC $ISSUE)"
echo
echo "| format | labels / lines | sheets | time | file | max RSS |"
echo "|---|---|---|---|---|---|"
run labels-csv --db "$SMALL" export --publication LQC --date "$ISSUE" --out "$WORK/small.csv" --quiet
echo "| csv | $(rows "$WORK/labels-csv.out") | | $(ms "$WORK/labels-csv.out") ms | $(mb "$WORK/small.csv") MB | $(rss "$WORK/labels-csv.rss") MB |"
run labels --db "$SMALL" export --publication LQC --date "$ISSUE" --format pdf --labels L7160 --out "$WORK/labels.pdf" --quiet
pages=$(pdfinfo "$WORK/labels.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
echo "| pdf | $(rows "$WORK/labels.out") | ${pages:-?} | $(ms "$WORK/labels.out") ms | $(mb "$WORK/labels.pdf") MB | $(rss "$WORK/labels.rss") MB |"
