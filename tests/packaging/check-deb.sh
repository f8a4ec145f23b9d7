#!/usr/bin/env bash
# Builds the .deb with CPack from this build tree and checks what a Debian user gets: the three
# programs, the desktop entry and its icon, the nginx example, and the run-time Qt plugins as
# dependencies (the shared-library scan cannot see plugins loaded at run time).
set -euo pipefail
BUILD=$1
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
cd "$BUILD"
cpack -G DEB -B "$OUT" >/dev/null
DEB=$(ls "$OUT"/relais_*.deb)
contents=$(dpkg-deb -c "$DEB" | awk '{print $6}')
fail=0
for f in ./usr/bin/relais ./usr/bin/relaisctl ./usr/bin/relais-server \
         ./usr/share/applications/relais.desktop ./usr/share/icons/hicolor/scalable/apps/relais.svg \
         ./usr/share/doc/relais/examples/relais.conf; do
  if ! grep -qx "$f" <<<"$contents"; then echo "missing from the package: $f"; fail=1; fi
done
depends=$(dpkg-deb -f "$DEB" Depends)
for d in libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins libsodium23 libqt6httpserver6; do
  if ! grep -q "$d" <<<"$depends"; then echo "missing dependency: $d"; fail=1; fi
done
desktop=$(dpkg-deb --fsys-tarfile "$DEB" | tar -xO ./usr/share/applications/relais.desktop)
grep -q '^Exec=relais' <<<"$desktop" || { echo "desktop entry does not start relais"; fail=1; }
grep -q '^Icon=relais' <<<"$desktop" || { echo "desktop entry has no icon"; fail=1; }
if [ "$fail" -eq 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; exit 1; fi
