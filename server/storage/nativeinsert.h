#pragma once
// Rows inserted through SQLite's own interface, one prepared statement per table and column list
// stepped once per row. The push writes its rows at the end (subscribers, change log, operations):
// through QSqlQuery a multi-row INSERT binds every value as a QVariant under a generated name,
// which cost more than SQLite's work (docs/benchmarks.md, "Desk sync"). PostgreSQL keeps the
// multi-row statements, where each statement is a round trip.

#include "result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QStringList>
#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;

namespace Relais::Server {

// The connection's SQLite handle, or null when `db` is not an SQLite connection.
sqlite3 *sqliteHandle(const QSqlDatabase &db);

class NativeInserter
{
public:
    NativeInserter() = default;
    ~NativeInserter();
    NativeInserter(const NativeInserter &) = delete;
    NativeInserter &operator=(const NativeInserter &) = delete;

    // The connection's SQLite handle, or false when `db` is not an SQLite connection.
    bool attach(const QSqlDatabase &db);
    // Finalizes the statements: before the connection closes or reconnects.
    void reset();
    // Inserts `rows` (values in `columns` order) into `table`, in the caller's transaction;
    // with ignoreConflicts, ON CONFLICT DO NOTHING; with bytesAreText, a QByteArray is UTF-8 text.
    Status insert(const QString &table, const QStringList &columns, const QList<QVariantList> &rows,
                  bool ignoreConflicts = false, bool bytesAreText = false);

private:
    sqlite3 *m_db = nullptr;
    QHash<QString, sqlite3_stmt *> m_statements;
};

} // namespace Relais::Server
