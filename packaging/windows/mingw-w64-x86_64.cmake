# CMake toolchain: cross-compile for 64-bit Windows from Debian 12 with MinGW-w64 (posix threads,
# Debian package g++-mingw-w64-x86-64-posix). Used to build Qt 6.4.2 itself and, chained from Qt's
# qt.toolchain.cmake, Relais (see scripts/windows.sh and docs/windows.md).
#
# RELAIS_WIN_PREFIX (environment): the folder holding the Windows Qt, SQLite and QtKeychain builds;
# libraries, headers and CMake packages are looked up there and in the MinGW sysroot only.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(_relais_triplet x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${_relais_triplet}-gcc-posix)
set(CMAKE_CXX_COMPILER ${_relais_triplet}-g++-posix)
set(CMAKE_RC_COMPILER ${_relais_triplet}-windres)
set(CMAKE_AR ${_relais_triplet}-gcc-ar-posix CACHE FILEPATH "")
set(CMAKE_RANLIB ${_relais_triplet}-gcc-ranlib-posix CACHE FILEPATH "")

set(CMAKE_FIND_ROOT_PATH /usr/${_relais_triplet})
if(DEFINED ENV{RELAIS_WIN_PREFIX})
    list(APPEND CMAKE_FIND_ROOT_PATH $ENV{RELAIS_WIN_PREFIX})
endif()
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
