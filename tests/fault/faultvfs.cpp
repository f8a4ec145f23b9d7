#include "faultvfs.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QList>

#include <sqlite3.h>

#include <cstring>
#include <mutex>

namespace Relais::Test::FaultVfs {

namespace {

// What one write or truncate replaced: putting `old` back at `offset`, then cutting the file to
// `oldSize`, undoes it.
struct Undo
{
    sqlite3_int64 offset = 0;
    QByteArray old;
    sqlite3_int64 oldSize = 0;
    sqlite3_int64 written = 0; // bytes the write put there (what a cut loses)
};

struct State
{
    std::mutex mutex;
    sqlite3_vfs *base = nullptr;
    QString folder;
    long long calls = 0;
    long long cutAt = 0;
    bool out = false;
    long long fullAt = 0;
    long long refusals = 0;
    bool noShm = false;
    QHash<QString, QList<Undo>> unsynced; // path -> writes since its last sync, oldest first
};

State &state()
{
    static State s;
    return s;
}

struct File
{
    sqlite3_file base; // must come first: SQLite sees a File as a sqlite3_file
    bool watched;
    char path[1024];
    sqlite3_file *real() { return reinterpret_cast<sqlite3_file *>(this + 1); }
};

File *asFile(sqlite3_file *f)
{
    return reinterpret_cast<File *>(f);
}

// One more call that changes a watched file: false when the power is (now) out.
bool powered(State &s)
{
    ++s.calls;
    if (s.cutAt > 0 && s.calls >= s.cutAt)
        s.out = true;
    return !s.out;
}

bool diskFull(const State &s)
{
    return s.fullAt > 0 && s.calls >= s.fullAt;
}

sqlite3_int64 sizeOf(sqlite3_file *real)
{
    sqlite3_int64 size = 0;
    if (real->pMethods->xFileSize(real, &size) != SQLITE_OK)
        return 0;
    return size;
}

// What [offset, offset + amount) holds now, within the file's current size.
Undo remember(sqlite3_file *real, sqlite3_int64 offset, sqlite3_int64 amount)
{
    Undo u;
    u.offset = offset;
    u.oldSize = sizeOf(real);
    u.written = amount;
    const sqlite3_int64 have = qMax<sqlite3_int64>(0, qMin(amount, u.oldSize - offset));
    if (have > 0) {
        u.old.resize(static_cast<qsizetype>(have));
        real->pMethods->xRead(real, u.old.data(), static_cast<int>(have), offset);
    }
    return u;
}

int xClose(sqlite3_file *f)
{
    sqlite3_file *real = asFile(f)->real();
    return real->pMethods ? real->pMethods->xClose(real) : SQLITE_OK;
}

int xRead(sqlite3_file *f, void *buf, int amount, sqlite3_int64 offset)
{
    sqlite3_file *real = asFile(f)->real();
    return real->pMethods->xRead(real, buf, amount, offset);
}

int xWrite(sqlite3_file *f, const void *buf, int amount, sqlite3_int64 offset)
{
    File *file = asFile(f);
    sqlite3_file *real = file->real();
    if (!file->watched)
        return real->pMethods->xWrite(real, buf, amount, offset);
    State &s = state();
    std::lock_guard lock(s.mutex);
    if (!powered(s))
        return SQLITE_IOERR_WRITE;
    if (diskFull(s) && offset + amount > sizeOf(real)) {
        ++s.refusals;
        return SQLITE_FULL;
    }
    s.unsynced[QString::fromUtf8(file->path)].append(remember(real, offset, amount));
    return real->pMethods->xWrite(real, buf, amount, offset);
}

int xTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    File *file = asFile(f);
    sqlite3_file *real = file->real();
    if (!file->watched)
        return real->pMethods->xTruncate(real, size);
    State &s = state();
    std::lock_guard lock(s.mutex);
    if (!powered(s))
        return SQLITE_IOERR_TRUNCATE;
    const sqlite3_int64 now = sizeOf(real);
    s.unsynced[QString::fromUtf8(file->path)].append(
        remember(real, size, qMax<sqlite3_int64>(0, now - size)));
    return real->pMethods->xTruncate(real, size);
}

int xSync(sqlite3_file *f, int flags)
{
    File *file = asFile(f);
    sqlite3_file *real = file->real();
    if (!file->watched)
        return real->pMethods->xSync(real, flags);
    State &s = state();
    std::lock_guard lock(s.mutex);
    if (!powered(s))
        return SQLITE_IOERR_FSYNC;
    const int rc = real->pMethods->xSync(real, flags);
    if (rc == SQLITE_OK)
        s.unsynced.remove(QString::fromUtf8(file->path)); // on the disk now, whatever happens next
    return rc;
}

int xFileSize(sqlite3_file *f, sqlite3_int64 *size)
{
    sqlite3_file *real = asFile(f)->real();
    return real->pMethods->xFileSize(real, size);
}

int xLock(sqlite3_file *f, int level)
{
    sqlite3_file *real = asFile(f)->real();
    return real->pMethods->xLock(real, level);
}

int xUnlock(sqlite3_file *f, int level)
{
    sqlite3_file *real = asFile(f)->real();
    return real->pMethods->xUnlock(real, level);
}

int xCheckReservedLock(sqlite3_file *f, int *out)
{
    sqlite3_file *real = asFile(f)->real();
    return real->pMethods->xCheckReservedLock(real, out);
}

int xFileControl(sqlite3_file *f, int op, void *arg)
{
    sqlite3_file *real = asFile(f)->real();
    return real->pMethods->xFileControl(real, op, arg);
}

int xSectorSize(sqlite3_file *f)
{
    sqlite3_file *real = asFile(f)->real();
    return real->pMethods->xSectorSize(real);
}

int xDeviceCharacteristics(sqlite3_file *f)
{
    sqlite3_file *real = asFile(f)->real();
    return real->pMethods->xDeviceCharacteristics(real);
}

// The wal-index lives in shared memory: a power cut loses it whole, and SQLite rebuilds it from
// the WAL when the first connection opens the database again.
int xShmMap(sqlite3_file *f, int region, int size, int extend, void volatile **out)
{
    sqlite3_file *real = asFile(f)->real();
    return real->pMethods->xShmMap(real, region, size, extend, out);
}

int xShmLock(sqlite3_file *f, int offset, int n, int flags)
{
    sqlite3_file *real = asFile(f)->real();
    return real->pMethods->xShmLock(real, offset, n, flags);
}

void xShmBarrier(sqlite3_file *f)
{
    sqlite3_file *real = asFile(f)->real();
    real->pMethods->xShmBarrier(real);
}

int xShmUnmap(sqlite3_file *f, int deleteFlag)
{
    sqlite3_file *real = asFile(f)->real();
    return real->pMethods->xShmUnmap(real, deleteFlag);
}

// Version 2: shared memory (WAL) but no memory-mapped reads, so that every read goes through xRead.
const sqlite3_io_methods kMethods = {
    2,
    xClose,
    xRead,
    xWrite,
    xTruncate,
    xSync,
    xFileSize,
    xLock,
    xUnlock,
    xCheckReservedLock,
    xFileControl,
    xSectorSize,
    xDeviceCharacteristics,
    xShmMap,
    xShmLock,
    xShmBarrier,
    xShmUnmap,
    nullptr,
    nullptr,
};

// Version 1: no shared memory, hence no WAL.
const sqlite3_io_methods kMethodsNoShm = {
    1,
    xClose,
    xRead,
    xWrite,
    xTruncate,
    xSync,
    xFileSize,
    xLock,
    xUnlock,
    xCheckReservedLock,
    xFileControl,
    xSectorSize,
    xDeviceCharacteristics,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

bool isWatched(const char *name)
{
    State &s = state();
    if (!name || s.folder.isEmpty())
        return false;
    return QString::fromUtf8(name).startsWith(s.folder);
}

int vfsOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *f, int flags, int *outFlags)
{
    State &s = state();
    File *file = asFile(f);
    file->base.pMethods = nullptr;
    bool noShm = false;
    {
        std::lock_guard lock(s.mutex);
        file->watched = isWatched(name) && std::strlen(name) < sizeof file->path;
        noShm = file->watched && s.noShm;
    }
    if (file->watched)
        std::strcpy(file->path, name);
    else
        file->path[0] = 0;
    sqlite3_file *real = file->real();
    std::memset(real, 0, static_cast<size_t>(s.base->szOsFile));
    const int rc = s.base->xOpen(s.base, name, real, flags, outFlags);
    // SQLite calls xClose whenever pMethods is set, even after a failed open.
    if (real->pMethods)
        file->base.pMethods = noShm ? &kMethodsNoShm : &kMethods;
    return rc;
}

int vfsDelete(sqlite3_vfs *, const char *name, int syncDir)
{
    State &s = state();
    {
        std::lock_guard lock(s.mutex);
        if (isWatched(name)) {
            if (!powered(s))
                return SQLITE_IOERR_DELETE;
            s.unsynced.remove(QString::fromUtf8(name));
        }
    }
    return s.base->xDelete(s.base, name, syncDir);
}

int vfsAccess(sqlite3_vfs *, const char *name, int flags, int *out)
{
    return state().base->xAccess(state().base, name, flags, out);
}

int vfsFullPathname(sqlite3_vfs *, const char *name, int n, char *out)
{
    return state().base->xFullPathname(state().base, name, n, out);
}

void *vfsDlOpen(sqlite3_vfs *, const char *name)
{
    return state().base->xDlOpen(state().base, name);
}

void vfsDlError(sqlite3_vfs *, int n, char *out)
{
    state().base->xDlError(state().base, n, out);
}

void (*vfsDlSym(sqlite3_vfs *, void *handle, const char *symbol))(void)
{
    return state().base->xDlSym(state().base, handle, symbol);
}

void vfsDlClose(sqlite3_vfs *, void *handle)
{
    state().base->xDlClose(state().base, handle);
}

int vfsRandomness(sqlite3_vfs *, int n, char *out)
{
    return state().base->xRandomness(state().base, n, out);
}

int vfsSleep(sqlite3_vfs *, int micro)
{
    return state().base->xSleep(state().base, micro);
}

int vfsCurrentTime(sqlite3_vfs *, double *out)
{
    return state().base->xCurrentTime(state().base, out);
}

int vfsGetLastError(sqlite3_vfs *, int n, char *out)
{
    return state().base->xGetLastError ? state().base->xGetLastError(state().base, n, out) : 0;
}

int vfsCurrentTimeInt64(sqlite3_vfs *, sqlite3_int64 *out)
{
    return state().base->xCurrentTimeInt64(state().base, out);
}

sqlite3_vfs g_vfs;

} // namespace

void install()
{
    State &s = state();
    std::lock_guard lock(s.mutex);
    if (s.base)
        return;
    s.base = sqlite3_vfs_find(nullptr);
    if (!s.base)
        qFatal("no default SQLite VFS");
    g_vfs.iVersion = 2;
    g_vfs.szOsFile = static_cast<int>(sizeof(File)) + s.base->szOsFile;
    g_vfs.mxPathname = s.base->mxPathname;
    g_vfs.zName = "relais-fault";
    g_vfs.xOpen = vfsOpen;
    g_vfs.xDelete = vfsDelete;
    g_vfs.xAccess = vfsAccess;
    g_vfs.xFullPathname = vfsFullPathname;
    g_vfs.xDlOpen = vfsDlOpen;
    g_vfs.xDlError = vfsDlError;
    g_vfs.xDlSym = vfsDlSym;
    g_vfs.xDlClose = vfsDlClose;
    g_vfs.xRandomness = vfsRandomness;
    g_vfs.xSleep = vfsSleep;
    g_vfs.xCurrentTime = vfsCurrentTime;
    g_vfs.xGetLastError = vfsGetLastError;
    g_vfs.xCurrentTimeInt64 = vfsCurrentTimeInt64;
    if (sqlite3_vfs_register(&g_vfs, 1) != SQLITE_OK)
        qFatal("cannot register the fault VFS");
}

void watch(const QString &folder)
{
    State &s = state();
    std::lock_guard lock(s.mutex);
    s.folder = QDir(folder).absolutePath() + u'/';
}

void reset()
{
    State &s = state();
    std::lock_guard lock(s.mutex);
    s.calls = 0;
    s.cutAt = 0;
    s.out = false;
    s.fullAt = 0;
    s.refusals = 0;
    s.unsynced.clear();
}

long long mutatingCalls()
{
    State &s = state();
    std::lock_guard lock(s.mutex);
    return s.calls;
}

void cutPowerAt(long long n)
{
    State &s = state();
    std::lock_guard lock(s.mutex);
    s.cutAt = n;
    s.out = n > 0 && s.calls >= n;
}

bool powerIsOut()
{
    State &s = state();
    std::lock_guard lock(s.mutex);
    return s.out;
}

long long restorePower()
{
    State &s = state();
    std::lock_guard lock(s.mutex);
    long long lost = 0;
    for (auto it = s.unsynced.cbegin(); it != s.unsynced.cend(); ++it) {
        QFile file(it.key());
        if (!file.open(QIODevice::ReadWrite))
            qFatal("restorePower: cannot open %s", qPrintable(it.key()));
        const QList<Undo> &undos = it.value();
        for (auto u = undos.crbegin(); u != undos.crend(); ++u) {
            if (!u->old.isEmpty()) {
                if (!file.seek(u->offset) || file.write(u->old) != u->old.size())
                    qFatal("restorePower: cannot write %s", qPrintable(it.key()));
            }
            if (!file.resize(u->oldSize))
                qFatal("restorePower: cannot resize %s", qPrintable(it.key()));
            lost += u->written;
        }
    }
    s.unsynced.clear();
    s.cutAt = 0;
    s.out = false;
    return lost;
}

void fillDiskAt(long long n)
{
    State &s = state();
    std::lock_guard lock(s.mutex);
    s.fullAt = n;
}

void freeDisk()
{
    fillDiskAt(0);
}

void refuseSharedMemory(bool refuse)
{
    State &s = state();
    std::lock_guard lock(s.mutex);
    s.noShm = refuse;
}

long long fullRefusals()
{
    State &s = state();
    std::lock_guard lock(s.mutex);
    return s.refusals;
}

} // namespace Relais::Test::FaultVfs
