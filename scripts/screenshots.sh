#!/usr/bin/env bash
# The pictures of the README and the user guide (docs/screenshots), taken from the real window in
# French under Xvfb at 1366x768, on a fresh demo desk, driven by keys as a clerk types (xdotool).
# Needs relais and relaisctl built, and xvfb-run, xdotool and ImageMagick's import.
#   scripts/screenshots.sh [BUILD_DIR]     (default: $RELAIS_BUILD_DIR or build)
# The sync pictures (sync-panel.png, sync-attention.png) need a server with a conflict: not made here.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=$(cd "${1:-${RELAIS_BUILD_DIR:-$ROOT/build}}" && pwd)
RELAIS=$BUILD/app/relais/relais
CTL=$BUILD/app/relaisctl/relaisctl
OUT=${RELAIS_SCREENSHOTS:-$ROOT/docs/screenshots}
for tool in xvfb-run xdotool import; do
    command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing" >&2; exit 2; }
done
[ -x "$RELAIS" ] && [ -x "$CTL" ] || { echo "screenshots: build relais and relaisctl in $BUILD first" >&2; exit 2; }

if [ -z "${RELAIS_SHOTS_IN_XVFB:-}" ]; then
    exec env RELAIS_SHOTS_IN_XVFB=1 xvfb-run -a -s "-screen 0 1366x768x24 -nolisten tcp" "$0" "$BUILD"
fi

WORK=$(mktemp -d)
APP_PID=
cleanup() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
# A clerk's account of its own: no settings of the person running this, no server.
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_DATA_HOME=$WORK/home/.local/share
export XDG_RUNTIME_DIR=$WORK/run
mkdir -p "$HOME" && mkdir -m 700 "$XDG_RUNTIME_DIR"
DB=$WORK/desk.sqlite
"$CTL" --db "$DB" demo --subscribers 20000 --seed 1 --quiet >/dev/null
python3 - "$DB" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE meta SET value = 'Accueil' WHERE key = 'desk_name'"); c.commit()
PY
mkdir -p "$OUT"

# The window as it starts, the given extra options, a PNG of it (or of its open dialog) on exit.
shot() {
    local file=$1; shift
    "$RELAIS" --db "$DB" --lang fr --screenshot "$OUT/$file" "$@" 2>&1 | grep -v '^relais: screenshot saved' || true
    echo "  $file"
}

# The window left open, driven by keys.
start() {
    "$RELAIS" --db "$DB" --lang fr >"$WORK/relais.log" 2>&1 &
    APP_PID=$!
    MAIN=$(xdotool search --sync --name 'Accueil' | head -1)
    sleep 1.5
    xdotool windowfocus --sync "$MAIN"
}
stop() {
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
}
keys() { xdotool key --delay 60 "$@"; sleep 0.6; }
typed() { xdotool type --delay 50 "$1"; sleep 0.6; }
dialog() { # the dialog whose title matches $1, focused
    local id
    id=$(xdotool search --sync --name "$1" | head -1)
    xdotool windowfocus --sync "$id"
    sleep 0.5
    echo "$id"
}
grab() { # a window's picture, its pointer away
    xdotool mousemove 1365 767
    sleep 0.3
    import -window "$1" "$OUT/$2"
    echo "  $2"
}
# A subscriber found by name, opened, on the subscriptions tab.
open_martin() {
    keys ctrl+f
    typed martin
    sleep 1
    keys Down Down Down Return ctrl+2
}

echo "screenshots into $OUT:"
shot main-window.png --screenshot-search martin
shot validation.png --screenshot-fill "civility=Mme;first_name=Sophie;last_name=Martin;line4=123 AVENUE DU GENERAL LECLERC PROLONGEE;postal_code=35000;city=Nantes"
shot subscriptions.png --screenshot-search martin --screenshot-tab 1
shot worklists.png --screenshot-window worklists
shot overview.png --screenshot-window overview

# A hold typed from the keyboard, the end date impossible: the reason under the field.
start
open_martin
keys ctrl+h
d=$(dialog 'Suspendre la livraison')
typed 02/08/2027
keys Tab
typed 14/12/0000
keys Return
grab "$d" hold-date-error.png
keys Escape
stop

# A holiday address with the record's fields, the towns of the postal code, line 6 as printed.
start
open_martin
keys ctrl+shift+h
d=$(dialog 'Adresse de vacances')
typed 02/08/2027
keys Tab
typed 16/08/2027
keys Tab
typed 'Chez M. et Mme Le Goff'
keys Tab Tab
typed '3 rue du Port'
keys Tab Tab
typed 29950
keys Tab
typed 'Bénodet'
keys shift+Tab # the completer's list closes, the town stays
grab "$d" holiday-address.png
stop

# Cancelling: nothing chosen for the clerk; Enter without a choice says what is missing.
start
open_martin
keys ctrl+shift+x
d=$(dialog 'Résilier')
keys Return
grab "$d" cancel.png
stop

# A new subscription for the record, from the keyboard: title, offer, start, copies, payer.
start
open_martin
keys ctrl+shift+n
d=$(dialog 'Nouvel abonnement')
grab "$d" new-subscription.png
stop

# A complaint: an issue not received, the end moved by the issues missed.
start
open_martin
keys ctrl+shift+p
d=$(dialog 'Réclamation')
grab "$d" complaint.png
stop

# The export for the mailing house, as it opens.
start
keys ctrl+shift+e
d=$(dialog 'Exporter pour le routeur')
grab "$d" export.png
stop

# An import from elsewhere: the columns recognised, one that is not, and the way to ignore it.
cat >"$WORK/abonnes-salon.csv" <<'CSV'
Civilité;Prénom;Nom;Adresse;Code postal;Ville;Fax
Mme;Hélène;Lefèvre;12 rue des Lilas;35000;Rennes;02 99 00 00 00
M.;Yann;Le Goff;3 rue du Port;29950;Bénodet;
CSV
start
keys ctrl+i
d=$(dialog 'Importer des abonnés')
typed "$WORK/abonnes-salon.csv"
keys Tab
sleep 1.5
grab "$d" import.png
stop

# The settings (the desk's name, the server) and the desk's backups.
start
keys ctrl+comma
d=$(dialog 'Paramètres')
grab "$d" settings.png
stop
start
keys ctrl+shift+b
d=$(dialog 'Sauvegardes du poste')
keys Return # "Sauvegarder maintenant": made and verified in the background
sleep 4
grab "$d" backups.png
stop

# Last (the desk then has a change of its own): the history of a record a clerk changed.
first=$("$CTL" --db "$DB" search martin martine --limit 1 --json | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["number"])')
"$CTL" --db "$DB" --clerk claire subscriber update "$first" --line2 "Appartement 12" --phone "02 99 45 12 30" >/dev/null
shot timeline.png --screenshot-search "$first" --screenshot-tab 2
