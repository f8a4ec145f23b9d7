#pragma once
// A desk's SQLite database: one named QSqlDatabase connection, opened in WAL mode with
// synchronous=FULL (a committed transaction survives power loss) and foreign keys on, migrated to
// the current schema. Move-only; the connection is removed when the last owner goes.

#include "result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

namespace Relais {

class Database final
{
public:
    // Opens (and creates, if missing) the file, applies the pragmas and runs the migrations.
    // A database written by a newer program is refused. The connection belongs to the calling thread.
    static Result<Database> open(const QString &path);
    // How long a connection waits for another one's write lock before giving up with
    // "storage.busy": long enough for an import's chunk or a sync batch to commit, short enough
    // that a clerk is not left staring at a frozen window.
    static constexpr int BusyTimeoutMs = 5000;
    // As open(), but stops migrating at `schemaVersion` (tests of upgrades).
    static Result<Database> openAtVersion(const QString &path, int schemaVersion);

    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    ~Database();

    QSqlDatabase &db() { return m_db; }
    const QString &path() const { return m_path; }
    int schemaVersion() const;

private:
    Database() = default;
    static Result<Database> openImpl(const QString &path, int targetVersion);
    QSqlDatabase m_db;
    QString m_connection;
    QString m_path;
};

// Rolls back unless commit() ran (BEGIN IMMEDIATE, so a writer never deadlocks upgrading a lock).
class Transaction final
{
public:
    explicit Transaction(QSqlDatabase &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    bool isOpen() const { return m_open; }
    Status commit();
    const Error &beginError() const { return m_beginError; }

private:
    QSqlDatabase &m_db;
    bool m_open = false;
    Error m_beginError;
};

// A failure of the database as a clerk can read it: busy or locked (another connection holds the
// write lock longer than the busy timeout), a UNIQUE constraint (a Conflict), disk full, read-only,
// I/O error, damaged file each get a sentence of their own; `what` and SQLite's text go to
// Error::detail only. The QSqlError form reads SQLite's result code, the text form its wording.
Error storageError(const QString &what, const QString &driverText);
Error storageError(const QString &what, const QSqlError &error);

// A desk file on a network file system is refused at open: SQLite's WAL mode needs shared memory
// (the -shm file, mapped by every connection) and locks that network file systems do not provide,
// so two connections could each see their own database. The name of the network file system that
// holds `path` ("nfs", "cifs", "fuse.sshfs", "network drive" ...), or an empty string.
QString networkFileSystemOf(const QString &path);
// Linux, for networkFileSystemOf() and its tests: the network file system a statfs() f_type and the
// mount's type (as /proc/self/mountinfo gives it: "nfs4", "fuse.sshfs" ...) describe, or "".
QString networkFileSystemName(quint64 statfsType, const QString &mountType);

} // namespace Relais
