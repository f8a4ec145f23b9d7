#!/usr/bin/env bash
# The Windows desk, from this Debian 12 machine: Qt 6.4.2 for x86_64-w64-mingw32 built from Debian's
# own source packages (once, into a cache outside the checkout), relais.exe and relaisctl.exe
# cross-compiled against it, their unit, relaisctl and offscreen GUI suites run under Wine through
# ctest, then an NSIS installer and a portable .zip. See docs/windows.md.
#
#   bash scripts/windows.sh          # everything; prints N passed / N failed, the installer and its SHA-256
#   bash scripts/windows.sh --ci     # the same, for .ci/run (fails when a Windows test fails or none ran)
#   bash scripts/windows.sh --qt-cached  # exits 0 when Qt for Windows is already built in the cache
#
# RELAIS_WIN_CACHE (default /var/cache/relais-win): sources, the Windows Qt and the Wine prefix.
# RELAIS_WIN_BUILD_DIR (default build-win in the checkout): the project's cross build and packages.
# RELAIS_WIN_JOBS (default 2): parallel jobs; every compiler here runs under `nice -n 19`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE=${RELAIS_WIN_CACHE:-/var/cache/relais-win}
BUILD=${RELAIS_WIN_BUILD_DIR:-$ROOT/build-win}
JOBS=${RELAIS_WIN_JOBS:-2}
CI_MODE=0
PROBE=0
for a in "$@"; do
  case $a in
    --ci) CI_MODE=1 ;;
    --qt-cached) PROBE=1 ;;
    *) echo "usage: $0 [--ci | --qt-cached]" >&2; exit 2 ;;
  esac
done

QT_VERSION=6.4.2
# The recipe's revision: change it when a configure option below changes, and the next run rebuilds.
RECIPE=r1
PREFIX=$CACHE/qt-$QT_VERSION-mingw64-$RECIPE
if [ $PROBE = 1 ]; then
  [ -f "$PREFIX/.qtbase-done" ]
  exit
fi
SRC=$CACHE/src
TRIPLET=x86_64-w64-mingw32
TOOLCHAIN=$ROOT/packaging/windows/mingw-w64-x86_64.cmake
NICE=(nice -n 19)
export RELAIS_WIN_PREFIX=$PREFIX
export WINEPREFIX=$CACHE/wine
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="   # no Mono or Gecko prompt in a fresh prefix

SECONDS=0
step() { printf '== %s (%ds)\n' "$*" "$SECONDS" >&2; }

# --- Debian packages ---------------------------------------------------------------------------
install_deps() {
  local pkgs=(cmake ninja-build dpkg-dev file perl tcl zip zstd
              g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64
              wine64 nsis qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-l10n-tools
              qt6-websockets-dev)
  local missing=() p
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  local updated=0
  if [ ${#missing[@]} -gt 0 ]; then
    step "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    updated=1
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  # `apt-get source` needs deb-src lines: add them beside Debian's own sources when there are none.
  if [ -z "$(apt-cache showsrc qt6-base 2>/dev/null | head -1)" ]; then
    step "enabling deb-src"
    local f=/etc/apt/sources.list.d/relais-deb-src.sources
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
      sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$f"
    else
      grep -h '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' > /etc/apt/sources.list.d/relais-deb-src.list
    fi
    apt-get update -qq
  elif [ $updated = 0 ] && [ ! -d "$SRC" ]; then
    apt-get update -qq
  fi
}

# --- Sources (Debian source packages, patches applied) -----------------------------------------
# fetch PACKAGE DIR: unpacks PACKAGE's source into $SRC/DIR; returns 1 when the archive does not
# serve it.
fetch() {
  local pkg=$1 dir=$2
  [ -d "$SRC/$dir" ] && return 0
  mkdir -p "$SRC/dl-$pkg"
  if ! (cd "$SRC/dl-$pkg" && apt-get source -qq --download-only "$pkg" >/dev/null 2>&1); then
    echo "note: Debian's archive did not serve the source of $pkg" >&2
    return 1
  fi
  local dsc
  dsc=$(ls "$SRC/dl-$pkg"/*.dsc | head -1)
  dpkg-source -x --no-check "$dsc" "$SRC/$dir.tmp" >/dev/null
  mv "$SRC/$dir.tmp" "$SRC/$dir"
}

# --- SQLite: one sqlite3.dll for Qt's driver and for the desk's own calls (backup API) ---------
# Built from Debian's sqlite3 source (the amalgamation made by its own configure), with the
# options Debian's libsqlite3 uses that the desk relies on (FTS5, JSON, math functions).
build_sqlite() {
  [ -f "$PREFIX/bin/sqlite3.dll" ] && return 0
  fetch sqlite3 sqlite
  step "SQLite amalgamation and sqlite3.dll"
  local b=$CACHE/build-sqlite
  rm -rf "$b" && mkdir -p "$b" "$PREFIX/bin" "$PREFIX/lib" "$PREFIX/include"
  (cd "$b" && "$SRC/sqlite/configure" --disable-tcl >/dev/null && make -s sqlite3.c >/dev/null)
  "${NICE[@]}" $TRIPLET-gcc-posix -O2 -shared -o "$PREFIX/bin/sqlite3.dll" "$b/sqlite3.c" \
    -DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS -DSQLITE_ENABLE_FTS4 \
    -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_COLUMN_METADATA \
    -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_SECURE_DELETE \
    -DSQLITE_ENABLE_MATH_FUNCTIONS -DSQLITE_SOUNDEX -DSQLITE_LIKE_DOESNT_MATCH_BLOBS \
    -DSQLITE_ENABLE_LOAD_EXTENSION -Wl,--out-implib,"$PREFIX/lib/libsqlite3.dll.a" -s
  cp "$b/sqlite3.h" "$b/sqlite3ext.h" "$PREFIX/include/"
}

# --- zlib and libxlsxwriter: the spreadsheet export -------------------------------------------
# Debian's archive here serves no zlib source package: zlib's own sources ship inside qtbase's
# (src/3rdparty/zlib), so a static libz is made from them for libxlsxwriter alone (Qt keeps its own
# copy inside Qt6Core). libxlsxwriter becomes one xlsxwriter.dll with zlib and its minizip inside.
build_zlib() {
  [ -f "$PREFIX/lib/libz.a" ] && return 0
  fetch qt6-base qtbase
  step "zlib (static, from qtbase's copy)"
  local b=$CACHE/build-zlib f
  rm -rf "$b" && mkdir -p "$b" "$PREFIX/lib" "$PREFIX/include"
  cp -r "$SRC/qtbase/src/3rdparty/zlib/src" "$b/src"
  # Qt's copy includes Qt headers to export its symbols from Qt6Core: plain zlib without them
  # (it keeps Qt's Z_PREFIX, so its symbols never meet Qt's).
  sed -i -e '/#include <qconfig.h>/d' -e '/#include <qglobal.h>/d' -e '/#undef ZEXTERN/d' -e '/#define ZEXTERN Q_CORE_EXPORT/d' \
    "$b/src/zutil.h" "$b/src/gzguts.h" "$b/src/zlib.h"
  for f in "$b"/src/*.c; do
    "${NICE[@]}" $TRIPLET-gcc-posix -O2 -c "$f" -o "$b/$(basename "$f" .c).o"
  done
  $TRIPLET-gcc-ar-posix rcs "$PREFIX/lib/libz.a" "$b"/*.o
  cp "$b/src/zlib.h" "$b/src/zconf.h" "$PREFIX/include/"
  rm -rf "$b"
}

build_xlsxwriter() {
  [ -f "$PREFIX/.xlsxwriter-done" ] && return 0
  fetch libxlsxwriter libxlsxwriter || return 0
  build_zlib
  step "libxlsxwriter for Windows"
  cmake_module xlsxwriter "$SRC/libxlsxwriter" -DCMAKE_TOOLCHAIN_FILE="$TOOLCHAIN" \
    -DBUILD_SHARED_LIBS=ON -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF -DUSE_SYSTEM_MINIZIP=OFF \
    -DZLIB_INCLUDE_DIR="$PREFIX/include" -DZLIB_LIBRARY="$PREFIX/lib/libz.a"
  touch "$PREFIX/.xlsxwriter-done"
}

# --- Qt 6.4.2 for Windows ---------------------------------------------------------------------
# cmake_module NAME SRCDIR [ARGS...]: configures, builds and installs one Qt module into $PREFIX.
cmake_module() {
  local name=$1 srcdir=$2
  shift 2
  local b=$CACHE/build-$name
  # An interrupted build goes on where it stopped; the folder goes once the module is installed.
  if [ ! -f "$b/build.ninja" ]; then
    "${NICE[@]}" cmake -S "$srcdir" -B "$b" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_INSTALL_PREFIX="$PREFIX" -DCMAKE_PREFIX_PATH="$PREFIX" "$@" > "$CACHE/$name-configure.log"
  fi
  "${NICE[@]}" cmake --build "$b" -j "$JOBS" >> "$CACHE/$name-build.log"
  cmake --install "$b" > "$CACHE/$name-install.log"
  rm -rf "$b"
}

build_qtbase() {
  [ -f "$PREFIX/.qtbase-done" ] && return 0
  fetch qt6-base qtbase
  step "Qt $QT_VERSION qtbase for Windows (about 25-40 minutes on 2 cores; log: $CACHE/qtbase-build.log)"
  # Debian's repacked source has no Wacom tablet headers (tabletevent off) and no bundled SQLite
  # (the sqlite3.dll above). -DINPUT_opengl=no: turning the feature off alone leaves dynamic GL on
  # and the Windows platform plugin fails to build.
  cmake_module qtbase "$SRC/qtbase" \
    -DCMAKE_TOOLCHAIN_FILE="$TOOLCHAIN" \
    -DQT_HOST_PATH=/usr -DQT_HOST_PATH_CMAKE_DIR=/usr/lib/x86_64-linux-gnu/cmake \
    -DBUILD_SHARED_LIBS=ON -DQT_BUILD_EXAMPLES=OFF -DQT_BUILD_TESTS=OFF -DQT_BUILD_BENCHMARKS=OFF \
    -DINPUT_opengl=no -DFEATURE_opengl=OFF -DFEATURE_tabletevent=OFF -DFEATURE_dbus=OFF \
    -DFEATURE_icu=OFF -DFEATURE_vulkan=OFF -DFEATURE_pkg_config=OFF -DFEATURE_openssl=OFF \
    -DFEATURE_schannel=ON -DFEATURE_zstd=OFF -DFEATURE_system_zlib=OFF \
    -DFEATURE_sql=ON -DFEATURE_sql_sqlite=ON -DFEATURE_system_sqlite=ON \
    -DFEATURE_sql_odbc=OFF -DFEATURE_sql_psql=OFF -DFEATURE_sql_mysql=OFF -DFEATURE_sql_ibase=OFF \
    -DFEATURE_sql_oci=OFF -DFEATURE_sql_db2=OFF \
    -DFEATURE_widgets=ON -DFEATURE_printsupport=ON -DFEATURE_testlib=ON -DFEATURE_concurrent=ON \
    -DFEATURE_network=ON -DFEATURE_xml=ON -DFEATURE_printdialog=ON
  touch "$PREFIX/.qtbase-done"
}

# Qt modules built with the installed Qt's own toolchain file (it chains to ours).
qt_toolchain_args() {
  echo "-DCMAKE_TOOLCHAIN_FILE=$PREFIX/lib/cmake/Qt6/qt.toolchain.cmake" \
       "-DQT_CHAINLOAD_TOOLCHAIN_FILE=$TOOLCHAIN"
}

build_qtwebsockets() {
  [ -f "$PREFIX/.qtwebsockets-done" ] && return 0
  if ! fetch qt6-websockets qtwebsockets; then
    return 0
  fi
  step "Qt $QT_VERSION qtwebsockets for Windows"
  # shellcheck disable=SC2046
  cmake_module qtwebsockets "$SRC/qtwebsockets" $(qt_toolchain_args) -DQT_BUILD_EXAMPLES=OFF \
    -DQT_BUILD_TESTS=OFF
  touch "$PREFIX/.qtwebsockets-done"
}

build_qtkeychain() {
  [ -f "$PREFIX/.qtkeychain-done" ] && return 0
  if ! fetch qtkeychain qtkeychain; then
    return 0
  fi
  step "QtKeychain for Windows (Credential Manager)"
  # shellcheck disable=SC2046
  cmake_module qtkeychain "$SRC/qtkeychain" $(qt_toolchain_args) -DBUILD_WITH_QT6=ON \
    -DBUILD_TRANSLATIONS=OFF -DBUILD_TEST_APPLICATION=OFF
  touch "$PREFIX/.qtkeychain-done"
}

install_deps
mkdir -p "$CACHE" "$SRC"
build_sqlite
build_qtbase
build_qtwebsockets
build_qtkeychain
build_xlsxwriter
step "Qt for Windows ready in $PREFIX"
[ "${RELAIS_WIN_QT_ONLY:-0}" = 1 ] && exit 0

# --- Relais for Windows ---------------------------------------------------------------------------
WINE=/usr/lib/wine/wine64
MINGW_DLLS=/usr/lib/gcc/$TRIPLET/12-posix
winpath() { printf 'Z:%s' "$1"; }
# Wine hands a Windows program only the QT_* variables given with a WINE prefix (it keeps QT_* for
# itself); DLLs are found through WINEPATH; QtTest says nothing under Wine without stderr logging.
export LC_ALL=C.UTF-8
export WINEPATH="$(winpath "$PREFIX/bin");$(winpath "$MINGW_DLLS");$(winpath /usr/$TRIPLET/lib)"
export WINEQT_QPA_PLATFORM=offscreen
export WINEQT_QPA_FONTDIR=$(winpath /usr/share/fonts/truetype/dejavu)
export WINEQT_FORCE_STDERR_LOGGING=1
export PKG_CONFIG_LIBDIR=$PREFIX/lib/pkgconfig

relais_options=(-DRELAIS_BUILD_SERVER=OFF -DRELAIS_BUILD_BENCH=OFF -DRELAIS_BUILD_TESTS=ON)
[ -f "$PREFIX/.qtwebsockets-done" ] || relais_options+=(-DRELAIS_WITH_WEBSOCKETS=OFF)
[ -f "$PREFIX/.qtkeychain-done" ] || relais_options+=(-DRELAIS_WITH_KEYCHAIN=OFF)

step "cross-compiling relais.exe, relaisctl.exe and their tests (log: $BUILD/build.log)"
build_start=$SECONDS
mkdir -p "$BUILD"
"${NICE[@]}" cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRELAIS_WERROR=ON \
  -DCMAKE_TOOLCHAIN_FILE="$PREFIX/lib/cmake/Qt6/qt.toolchain.cmake" \
  -DQT_CHAINLOAD_TOOLCHAIN_FILE="$TOOLCHAIN" -DCMAKE_CROSSCOMPILING_EMULATOR="$WINE" \
  "${relais_options[@]}" > "$BUILD/configure.log" 2>&1 || { tail -40 "$BUILD/configure.log"; exit 1; }
if ! "${NICE[@]}" cmake --build "$BUILD" -j "$JOBS" > "$BUILD/build.log" 2>&1; then
  grep -B2 -A12 -m3 'error' "$BUILD/build.log" | head -80
  echo "windows: the cross build failed (log: $BUILD/build.log)" >&2
  exit 1
fi
build_seconds=$((SECONDS - build_start))

# --- The suites under Wine ------------------------------------------------------------------------
step "unit, relaisctl and GUI suites under Wine"
/usr/lib/wine/wineserver -p60 || true   # one server for the whole run, not one per test
"$WINE" wineboot --init >/dev/null 2>&1 || true
test_start=$SECONDS
set +e
(cd "$BUILD" && ctest --output-on-failure -j "$JOBS" --timeout 900) > "$BUILD/ctest.log" 2>&1
ctest_rc=$?
set -e
test_seconds=$((SECONDS - test_start))
/usr/lib/wine/wineserver -k || true
summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$BUILD/ctest.log" | tail -1 || true)
total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$summary")
failed=$(sed -E 's/.*, ([0-9]+) tests? failed.*/\1/' <<<"$summary")
if [ -z "$summary" ] || [ "${total:-0}" -eq 0 ]; then
  tail -30 "$BUILD/ctest.log"
  echo "windows: no Windows test ran" >&2
  exit 1
fi
passed=$((total - failed))
if [ "$ctest_rc" -ne 0 ] || [ "$failed" -ne 0 ]; then
  grep -E 'FAIL!|Failed|\*\*\*|Timeout|Not Run' "$BUILD/ctest.log" | head -60
  echo "windows: $passed passed, $failed failed (log: $BUILD/ctest.log)" >&2
  exit 1
fi

# --- The folder a clerk gets, the portable .zip and the installer -----------------------------------
VERSION=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$BUILD/CMakeCache.txt")
DIST=$BUILD/dist/Relais
step "Relais $VERSION for Windows: $DIST"
rm -rf "$BUILD/dist" && mkdir -p "$DIST"
for exe in relais relaisctl; do   # Qt puts a Windows build's programs at the top of the build folder
  cp "$(find "$BUILD" -name "$exe.exe" -not -path "$BUILD/dist/*" | head -1)" "$DIST/"
done
# packaging/windows/deploy.txt: what windeployqt would copy (it cannot read Windows programs on
# Linux). Each line: a file of the Windows Qt prefix, the MinGW runtime or Debian's translations.
while read -r line; do
  line=${line%%#*}; line=$(xargs <<<"$line")
  [ -z "$line" ] && continue
  read -r from to <<<"$line"
  from=${from//@PREFIX@/$PREFIX}; from=${from//@MINGW@/$MINGW_DLLS}; from=${from//@SYSROOT@//usr/$TRIPLET}
  # shellcheck disable=SC2086
  for f in $from; do
    [ -e "$f" ] || { echo "windows: $f is missing (packaging/windows/deploy.txt)" >&2; exit 1; }
    mkdir -p "$DIST/$to" && cp "$f" "$DIST/$to/"
  done
done < "$ROOT/packaging/windows/deploy.txt"
printf '[Paths]\nPrefix = .\nPlugins = plugins\nTranslations = translations\n' > "$DIST/qt.conf"
# Every DLL a program or plugin of the folder imports is in the folder or part of Windows.
python3 "$ROOT/packaging/windows/checkdlls.py" "$DIST"

(cd "$BUILD/dist" && rm -f "../Relais-$VERSION-portable-win64.zip" && zip -qr9 "../Relais-$VERSION-portable-win64.zip" Relais)
ZIP=$BUILD/Relais-$VERSION-portable-win64.zip
INSTALLER=$BUILD/Relais-$VERSION-setup.exe
# The uninstaller removes these files and then these folders, deepest first, and nothing else.
LIST=$BUILD/dist/uninstall-files.nsh
(cd "$DIST" && find . -type f | LC_ALL=C sort | sed -e 's|^\./||' -e 's|/|\\|g' -e 's|.*|  Delete "$INSTDIR\\&"|'
 cd "$DIST" && find . -mindepth 1 -type d | LC_ALL=C sort -r | sed -e 's|^\./||' -e 's|/|\\|g' -e 's|.*|  RMDir "$INSTDIR\\&"|') > "$LIST"
"${NICE[@]}" makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DDIST="$DIST" -DUNINSTALL_LIST="$LIST" \
  -DOUTFILE="$INSTALLER" "$ROOT/packaging/windows/relais.nsi" > "$BUILD/makensis.log" \
  || { cat "$BUILD/makensis.log"; exit 1; }

# --- The installer as an administrator runs it, silently ---------------------------------------------
step "installing silently under Wine, a demo desk with the installed relaisctl.exe, uninstalling"
check=$BUILD/install-check
rm -rf "$check" && mkdir -p "$check"
pf="$WINEPREFIX/drive_c/Program Files/Relais"
menu="$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/Relais"
rm -rf "$pf" "$menu"
"$WINE" "$INSTALLER" /S
/usr/lib/wine/wineserver -w
[ -f "$pf/relaisctl.exe" ] && [ -f "$pf/relais.exe" ] && [ -f "$pf/uninstall.exe" ] \
  || { echo "windows: the installer put no program in $pf" >&2; exit 1; }
[ -f "$menu/Relais.lnk" ] || { echo "windows: no Start-menu entry in $menu" >&2; exit 1; }
# The installed program alone: no WINEPATH, so every DLL it needs must come from its folder.
ctl() { env -u WINEPATH "$WINE" 'C:\Program Files\Relais\relaisctl.exe' --db "$(winpath "$check/desk.sqlite")" "$@"; }
ctl demo --subscribers 200 --quiet > "$check/demo.txt"
ctl subscriber add --civility Mme --first-name Hélène --last-name Lefèvre --line4 "3 rue Pasteur" \
  --postal-code 69001 --city Lyon > "$check/add.txt"
ctl search helene lefevre > "$check/search.txt"
grep -qi 'Lefèvre' "$check/search.txt" && grep -q 'Hélène' "$check/search.txt" \
  || { cat "$check/search.txt"; echo "windows: the installed relaisctl.exe did not find Hélène Lefèvre" >&2; exit 1; }
"$WINE" 'C:\Program Files\Relais\uninstall.exe' /S
/usr/lib/wine/wineserver -w
if [ -e "$pf/relaisctl.exe" ] || [ -e "$menu" ]; then
  echo "windows: the uninstaller left the program behind" >&2; exit 1
fi
/usr/lib/wine/wineserver -k || true

SHA=$(sha256sum "$INSTALLER" | cut -d' ' -f1)
size() { du -k "$1" | awk '{printf "%.1f MB", $1/1024}'; }
echo "Windows cross build: ${build_seconds}s; suites under Wine: ${test_seconds}s; whole run: ${SECONDS}s"
echo "Installer: $INSTALLER ($(size "$INSTALLER"))"
echo "SHA-256: $SHA"
echo "Portable: $ZIP ($(size "$ZIP"))"
echo "Installed silently, relaisctl.exe found Hélène Lefèvre, uninstalled: ok"
echo "Windows tests: $passed passed, $failed failed"
