#!/bin/sh
# relaisctl export / exports / import end to end: exit statuses (0 ok, 2 usage, 3 bad input) and
# messages that name the file, line and column. Usage: cli.sh RELAISCTL BAD_CORPUS_DIR
set -u
ctl=$1
bad=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
expect() { # expect STATUS DESCRIPTION COMMAND...
    want=$1; what=$2; shift 2
    "$@" >"$work/out" 2>"$work/err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "FAIL $what: exit $got, expected $want"; cat "$work/out" "$work/err"; failures=$((failures + 1))
    else
        echo "ok   $what"
    fi
}
contains() { # contains FILE TEXT DESCRIPTION
    if grep -qF -- "$2" "$1"; then echo "ok   $3"; else echo "FAIL $3: no '$2' in:"; cat "$1"; failures=$((failures + 1)); fi
}
noprogress() { # noprogress FILE DESCRIPTION: no "\r", no "done / total" line
    if grep -q "$(printf '\r')" "$1" || grep -qE '^[0-9]+ / [0-9]+' "$1"; then
        echo "FAIL $2:"; cat "$1"; failures=$((failures + 1))
    else
        echo "ok   $2"
    fi
}
db="$work/desk.sqlite"
expect 0 "demo" "$ctl" --db "$db" demo --subscribers 300 --today 2026-06-03 --quiet
expect 0 "export routeur" "$ctl" --db "$db" --clerk alice export --publication LQC --date 2026-06-03 --out "$work/labels.csv" --quiet
contains "$work/out" "sha256 " "summary has the checksum"
expect 0 "export windows-1252 comma" "$ctl" --db "$db" export --publication LQC --date 2026-06-03 --out "$work/labels-1252.csv" --encoding windows-1252 --separator , --quiet
contains "$work/out" "transliterated" "summary counts transliterations"
expect 0 "export changes since" "$ctl" --db "$db" export --publication LQC --date 2026-06-03 --changes-since 2026-06-02 --out "$work/changes.csv" --quiet
expect 0 "save preset" "$ctl" --db "$db" export --save-preset mini --columns number,l6
expect 0 "export saved preset" "$ctl" --db "$db" export --publication LQC --date 2026-06-03 --preset mini --out "$work/mini.csv" --quiet
expect 0 "exports" "$ctl" --db "$db" exports
contains "$work/out" "alice" "log names the clerk"
contains "$work/out" "4 export(s)" "log has every export"
expect 2 "export without --out" "$ctl" --db "$db" export --publication LQC --date 2026-06-03
expect 3 "export on a Sunday" "$ctl" --db "$db" export --publication LQC --date 2026-06-07 --out "$work/x.csv"
contains "$work/err" "date.not_issue_day" "names the rule"
expect 3 "export bad encoding" "$ctl" --db "$db" export --publication LQC --date 2026-06-03 --out "$work/x.csv" --encoding latin9
expect 0 "export help" "$ctl" export --help
expect 0 "export xlsx" "$ctl" --db "$db" export --publication LQC --date 2026-06-03 --out "$work/labels.xlsx" --format xlsx --quiet
contains "$work/out" "sha256 " "xlsx summary has the checksum"
head -c 2 "$work/labels.xlsx" > "$work/magic"; contains "$work/magic" "PK" "xlsx is a zip"
expect 0 "export label sheets" "$ctl" --db "$db" export --publication LQC --date 2026-06-03 --out "$work/labels.pdf" --format pdf --labels L7163 --margin-top 12 --quiet
contains "$work/out" "L7163" "summary names the layout"
noprogress "$work/err" "no warning noise on stderr for a PDF"
if [ -s "$work/err" ]; then echo "FAIL stderr of a PDF export is not empty:"; cat "$work/err"; failures=$((failures + 1)); fi
head -c 5 "$work/labels.pdf" > "$work/magic"; contains "$work/magic" "%PDF-" "labels are a PDF"
expect 3 "export unknown label layout" "$ctl" --db "$db" export --publication LQC --date 2026-06-03 --out "$work/y.pdf" --format pdf --labels L1
contains "$work/err" "L7160, L7163" "names the layouts"
expect 2 "labels without pdf" "$ctl" --db "$db" export --publication LQC --date 2026-06-03 --out "$work/y.csv" --labels L7160
expect 0 "issue report" "$ctl" --db "$db" report --publication LQC --date 2026-06-03 --out "$work/report.pdf"
contains "$work/out" "copies" "report prints its figures"
head -c 5 "$work/report.pdf" > "$work/magic"; contains "$work/magic" "%PDF-" "report is a PDF"
expect 0 "issue report json" "$ctl" --db "$db" report --publication LQC --date 2026-06-03 --out "$work/report2.pdf" --json
contains "$work/out" '"by_departement"' "report json has the departements"
expect 3 "issue report on a Sunday" "$ctl" --db "$db" report --publication LQC --date 2026-06-07 --out "$work/r.pdf"
expect 3 "export bad format" "$ctl" --db "$db" export --publication LQC --date 2026-06-03 --out "$work/x.ods" --format ods
contains "$work/err" "format.unknown" "names the format rule"

# Progress goes to stderr only when it is a terminal: redirected, stderr stays empty.
expect 0 "export, stderr redirected" "$ctl" --db "$db" export --publication LQC --date 2026-06-03 --out "$work/p.csv"
noprogress "$work/err" "no progress line when stderr is redirected"
expect 0 "import, stderr redirected" "$ctl" --db "$work/p.sqlite" import --in "$work/labels.csv" --dry-run
noprogress "$work/err" "no import progress when stderr is redirected"
# ... and on a terminal (a pseudo-terminal here) it is shown.
python3 - "$ctl" "$db" "$work/tty.csv" > "$work/tty" <<'PY'
import os, pty, subprocess, sys
master, slave = pty.openpty()
subprocess.run([sys.argv[1], "--db", sys.argv[2], "export", "--publication", "LQC", "--date", "2026-06-03",
                "--out", sys.argv[3]], stdout=subprocess.DEVNULL, stderr=slave, check=True)
os.close(slave)
data = b""
while True:
    try:
        chunk = os.read(master, 4096)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
sys.stdout.write(data.decode())
PY
contains "$work/tty" " / " "progress shown on a terminal"

fresh="$work/fresh.sqlite"
expect 0 "import routeur export" "$ctl" --db "$fresh" import --in "$work/labels.csv" --quiet
expect 0 "re-import changes nothing" "$ctl" --db "$fresh" import --in "$work/labels.csv" --quiet
contains "$work/out" "imported 0" "nothing imported twice"
expect 3 "import invalid row" "$ctl" --db "$fresh" import --in "$bad/good-rows-then-one-bad.csv"
contains "$work/err" "good-rows-then-one-bad.csv:4: column code postal (postal_code):" "error names file, line and column"
expect 3 "import broken quoting" "$ctl" --db "$fresh" import --in "$bad/unclosed-quote.csv"
contains "$work/err" "unclosed-quote.csv:3: column nom (4)" "structural error names line and column"
expect 2 "skip-invalid without rejects" "$ctl" --db "$fresh" import --in "$bad/good-rows-then-one-bad.csv" --skip-invalid
expect 0 "skip-invalid" "$ctl" --db "$fresh" import --in "$bad/good-rows-then-one-bad.csv" --skip-invalid --rejects "$work/rejects.csv" --quiet
contains "$work/rejects.csv" "reject_reason" "rejects file written"
expect 0 "dry run" "$ctl" --db "$fresh" import --in "$work/labels-1252.csv" --dry-run --quiet
contains "$work/out" "dry run" "dry run says so"
expect 1 "missing file" "$ctl" --db "$fresh" import --in "$work/nope.csv"
echo "$failures failure(s)"
[ "$failures" -eq 0 ]
