#pragma once
// A desk's SQLite database: one named QSqlDatabase connection, opened in WAL mode with
// synchronous=FULL (a committed transaction survives power loss) and foreign keys on, migrated to
// the current schema. Move-only; the connection is removed when the last owner goes.

#include "result.h"

#include <QSqlDatabase>
#include <QString>

namespace Relais {

class Database final
{
public:
    // Opens (and creates, if missing) the file, applies the pragmas and runs the migrations.
    // A database written by a newer program is refused. The connection belongs to the calling thread.
    static Result<Database> open(const QString &path);
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

// Runs a prepared statement with positional or named values; returns a Storage error on failure.

Error storageError(const QString &what, const QString &driverText);

} // namespace Relais
