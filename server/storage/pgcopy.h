#pragma once
// Rows written to PostgreSQL with COPY ... FROM STDIN, through libpq on the very connection QtSql
// holds (its driver handle), inside the caller's transaction. Through QtSql a multi-row INSERT
// sends every value as a literal that PostgreSQL parses, plans and checks statement by statement:
// a restore of 1,000,000 subscribers took 220 s against pg_restore's 55 s, which uses COPY
// (docs/benchmarks.md, "Server backups"). COPY is not reachable through QtSql.
//
// Values are sent as COPY's text format: NULL as \N, text as UTF-8 with backslash, tab, newline and
// carriage return escaped. A null QString or QByteArray is NULL, as QtSql's PostgreSQL driver binds
// it. With ignoreConflicts the rows go into a temporary table of the same shape first, then
// INSERT ... SELECT ... ON CONFLICT DO NOTHING.

#include "result.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QStringList>
#include <QVariant>

struct pg_conn;

namespace Relais::Server {

class PgCopyInserter
{
public:
    // The connection's libpq handle, or false when `db` is not a PostgreSQL connection.
    bool attach(const QSqlDatabase &db);
    void reset() { m_conn = nullptr; }
    // The connection is up. QtSql reads a forward-only result a row at a time and leaves the end
    // of its last statement unread until the next one: insert() reads that end first, as QtSql
    // does before its own next statement (which also ends a read still in progress; the store never
    // writes in the middle of one).
    bool ready() const;
    // Inserts `rows` (values in `columns` order) into `table`, in the caller's transaction; with
    // bytesAreText a QByteArray is UTF-8 text (else bytea).
    Status insert(const QString &table, const QStringList &columns, const QList<QVariantList> &rows,
                  bool ignoreConflicts = false, bool bytesAreText = false);

    // One row as COPY's text format reads it, with its newline (for the tests).
    static void appendLine(QByteArray &out, const QVariantList &row, bool bytesAreText);

private:
    Status command(const QByteArray &sql, const QString &table);
    pg_conn *m_conn = nullptr;
};

} // namespace Relais::Server
