#pragma once
// A test VFS that stands between SQLite and the disk, for power cuts and full disks.
//
// install() registers it as SQLite's default VFS in the test process, wrapping "unix": every
// connection opened afterwards — Qt's QSQLITE ones included, since the plugin links the same
// system libsqlite3 — goes through it. It counts the calls that change a file (write, truncate,
// sync, delete) of the files under the watched folder and, for each file, keeps what each write
// since the file's last sync replaced.
//
// A power cut at call N: that call and every later one fails (SQLITE_IOERR_*) without touching the
// disk, as if the machine had stopped; the test then drops its connections and restorePower() puts
// every file back as it was at its last sync — what a power cut leaves of data that was written but
// never reached the disk. A full disk from call N: writes that would grow a file fail with
// SQLITE_FULL until space returns.

#include <QString>

namespace Relais::Test::FaultVfs {

// Registers the VFS as the default one (once per process). Only files under `folder` are watched
// (counted, recorded, cut); others pass straight through.
void install();
void watch(const QString &folder);

// Forgets every record and counter, power on, disk not full.
void reset();
// Calls that changed a watched file since reset() (the points at which a cut can fall).
long long mutatingCalls();

// The power goes out at mutating call `n` (1-based, counted since reset()); 0: never.
void cutPowerAt(long long n);
bool powerIsOut();
// After every connection was closed: each watched file goes back to its content at its last sync
// (or at reset()). Returns how many bytes of unsynced writes were thrown away. Power is back on.
long long restorePower();

// From mutating call `n` on, a write that grows a file fails with SQLITE_FULL; 0: never.
void fillDiskAt(long long n);
void freeDisk();
long long fullRefusals(); // writes refused as "disk full" since reset()

// Files opened from now on offer no shared memory, as on a file system that cannot map the -shm
// file: SQLite then refuses the WAL journal mode. Not undone by reset().
void refuseSharedMemory(bool refuse);

} // namespace Relais::Test::FaultVfs
