#!/usr/bin/env bash
# Installs what Relais needs to build, run and test on Debian 12, and nothing more. Idempotent:
# packages already installed are skipped, so a second run costs a second.
set -euo pipefail

PACKAGES=(
  # build
  cmake ninja-build g++ pkg-config dpkg-dev file ccache
  # Qt 6.4 (Widgets, Sql, Network, HttpServer, WebSockets, Test, LinguistTools) and its runtime plugins
  qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
  libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins
  # storage and crypto; zstd: the server's compressed backups
  libsqlite3-dev sqlite3 libsodium-dev libzstd-dev
  # the server's COPY into PostgreSQL (restores, pushes): libpq, which Qt's driver loads too
  libpq-dev
  # spreadsheet export (.xlsx); label and report PDFs are read back with pdftotext in the tests
  libxlsxwriter-dev poppler-utils
  # label sheets: DejaVu Sans (Condensed fits 38 capitals on a 63.5 mm label)
  fonts-dejavu-core fonts-dejavu-extra
  # credentials: the sync token in the system keychain (Secret Service, Credential Manager)
  qtkeychain-qt6-dev
  # server integration tests: a throwaway PostgreSQL, nginx with TLS in front
  postgresql nginx-light openssl curl
  # GUI tests and screenshots without a display; CSV read-back tests; fuzzing
  xvfb xauth python3 clang libclang-rt-14-dev bc
  # the C++ layout check (scripts/format.sh, ctest -R format_check): the version .clang-format is for
  clang-format-14
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
