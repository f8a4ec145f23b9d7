#include "pgcopy.h"

#include "serverstore.h"

#include <QSqlDriver>

#include <optional>

#include <libpq-fe.h>

namespace Relais::Server {

namespace {

// COPY's data go out in pieces of about this size (libpq buffers them; one call per row would
// cost more than the row).
constexpr qsizetype kCopyChunk = 256 * 1024;

Error pgError(const PGresult *result, PGconn *conn, const QString &table)
{
    const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const bool full = state && qstrcmp(state, "53100") == 0; // disk_full: 503, not 500
    const char *message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
    return Error::make(ErrorKind::Storage,
                       full ? QString::fromUtf16(StorageFull) : QStringLiteral("storage"),
                       QStringLiteral("COPY ") + table + QStringLiteral(": ")
                           + QString::fromUtf8(message).trimmed());
}

void appendText(QByteArray &out, const char *data, qsizetype size)
{
    qsizetype plain = 0; // runs without anything to escape are copied at once
    for (qsizetype i = 0; i < size; ++i) {
        const char c = data[i];
        const char *escaped = nullptr;
        switch (c) {
        case '\\': escaped = "\\\\"; break;
        case '\n': escaped = "\\n"; break;
        case '\r': escaped = "\\r"; break;
        case '\t': escaped = "\\t"; break;
        default: continue;
        }
        out.append(data + plain, i - plain);
        out.append(escaped, 2);
        plain = i + 1;
    }
    out.append(data + plain, size - plain);
}

} // namespace

bool PgCopyInserter::attach(const QSqlDatabase &db)
{
    m_conn = nullptr;
    const QVariant h = db.driver() ? db.driver()->handle() : QVariant();
    // QPSQL hands out its PGconn* under libpq's struct name (pg_conn*) in Qt 6.4.
    if (h.isValid()
        && (qstrcmp(h.typeName(), "pg_conn*") == 0 || qstrcmp(h.typeName(), "PGconn*") == 0))
        m_conn = *static_cast<PGconn *const *>(h.constData());
    return m_conn != nullptr;
}

bool PgCopyInserter::ready() const
{
    return m_conn && PQstatus(m_conn) == CONNECTION_OK;
}

void PgCopyInserter::appendLine(QByteArray &out, const QVariantList &row, bool bytesAreText)
{
    for (qsizetype i = 0; i < row.size(); ++i) {
        if (i > 0)
            out += '\t';
        const QVariant &v = row.at(i);
        const int type = v.metaType().id();
        if (v.isNull() || (type == QMetaType::QString && v.toString().isNull())
            || (type == QMetaType::QByteArray && v.toByteArray().isNull())) {
            out += "\\N";
            continue;
        }
        switch (type) {
        case QMetaType::Bool: out += v.toBool() ? "true" : "false"; break;
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::Long:
        case QMetaType::LongLong: out += QByteArray::number(v.toLongLong()); break;
        case QMetaType::ULongLong: out += QByteArray::number(v.toULongLong()); break;
        case QMetaType::Double:
        case QMetaType::Float: out += QByteArray::number(v.toDouble(), 'g', 17); break;
        case QMetaType::QByteArray: {
            const QByteArray &bytes = *static_cast<const QByteArray *>(v.constData());
            if (bytesAreText) {
                appendText(out, bytes.constData(), bytes.size());
            } else {
                out += "\\\\x"; // bytea's hex input, its backslash escaped for COPY
                out += bytes.toHex();
            }
            break;
        }
        default: {
            const QByteArray text = v.toString().toUtf8();
            appendText(out, text.constData(), text.size());
            break;
        }
        }
    }
    out += '\n';
}

Status PgCopyInserter::command(const QByteArray &sql, const QString &table)
{
    PGresult *r = PQexec(m_conn, sql.constData());
    const ExecStatusType status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const Error e = pgError(r, m_conn, table);
        PQclear(r);
        return e;
    }
    PQclear(r);
    return Ok{};
}

Status PgCopyInserter::insert(const QString &table, const QStringList &columns,
                              const QList<QVariantList> &rows, bool ignoreConflicts,
                              bool bytesAreText)
{
    if (!ready())
        return Error::make(ErrorKind::Storage, QStringLiteral("storage"),
                           QStringLiteral("COPY ") + table
                               + QStringLiteral(": no PostgreSQL connection"));
    if (rows.isEmpty())
        return Ok{};
    // What QtSql left unread of its last statement (see ready()).
    while (PGresult *pending = PQgetResult(m_conn))
        PQclear(pending);
    if (PQtransactionStatus(m_conn) == PQTRANS_ACTIVE)
        return Error::make(ErrorKind::Storage, QStringLiteral("storage"),
                           QStringLiteral("COPY ") + table
                               + QStringLiteral(": the connection is still busy"));
    const QByteArray columnList = columns.join(u',').toUtf8();
    QByteArray target = table.toUtf8();
    if (ignoreConflicts) {
        // A temporary table of the same shape, made once per session (it goes with a transaction
        // that rolls back, and is made again), emptied at every commit.
        target = "relais_copy_" + target;
        const QByteArray exists = "SELECT to_regclass('pg_temp." + target + "') IS NULL";
        PGresult *r = PQexec(m_conn, exists.constData());
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            const Error e = pgError(r, m_conn, table);
            PQclear(r);
            return e;
        }
        const bool missing = qstrcmp(PQgetvalue(r, 0, 0), "t") == 0;
        PQclear(r);
        if (missing)
            if (Status s = command("CREATE TEMPORARY TABLE " + target + " (LIKE " + table.toUtf8()
                                       + ") ON COMMIT DELETE ROWS",
                                   table);
                !s)
                return s;
    }
    const QByteArray copy = "COPY " + target + " (" + columnList + ") FROM STDIN";
    PGresult *r = PQexec(m_conn, copy.constData());
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        const Error e = pgError(r, m_conn, table);
        PQclear(r);
        return e;
    }
    PQclear(r);
    QByteArray buffer;
    buffer.reserve(kCopyChunk + 4096);
    QString refused;
    bool sent = true;
    for (const QVariantList &row : rows) {
        if (row.size() != columns.size()) {
            refused = QStringLiteral("%1 values for %2 columns")
                          .arg(row.size())
                          .arg(columns.size());
            break;
        }
        appendLine(buffer, row, bytesAreText);
        if (buffer.size() >= kCopyChunk) {
            sent = PQputCopyData(m_conn, buffer.constData(), int(buffer.size())) == 1;
            if (!sent)
                break;
            buffer.clear();
        }
    }
    if (sent && refused.isEmpty() && !buffer.isEmpty())
        PQputCopyData(m_conn, buffer.constData(), int(buffer.size()));
    // Ended with an error message, the COPY fails and nothing of it is written.
    PQputCopyEnd(m_conn, refused.isEmpty() ? nullptr : refused.toUtf8().constData());
    std::optional<Error> failure;
    while (PGresult *end = PQgetResult(m_conn)) {
        if (PQresultStatus(end) != PGRES_COMMAND_OK && !failure)
            failure = pgError(end, m_conn, table);
        PQclear(end);
    }
    if (failure)
        return *failure;
    if (!ignoreConflicts)
        return Ok{};
    return command("INSERT INTO " + table.toUtf8() + " (" + columnList + ") SELECT " + columnList
                       + " FROM " + target + " ON CONFLICT DO NOTHING; TRUNCATE " + target,
                   table);
}

} // namespace Relais::Server
