#include "nativeinsert.h"

#include "serverstore.h"

#include <QSqlDriver>

#include <sqlite3.h>

namespace Relais::Server {

namespace {
Error sqliteError(sqlite3 *db, const QString &table)
{
    const bool full = sqlite3_errcode(db) == SQLITE_FULL;
    return Error::make(ErrorKind::Storage,
                       full ? QString::fromUtf16(StorageFull) : QStringLiteral("storage"),
                       QStringLiteral("INSERT INTO ") + table + QStringLiteral(": ")
                           + QString::fromUtf8(sqlite3_errmsg(db)));
}
} // namespace

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant h = db.driver() ? db.driver()->handle() : QVariant();
    if (h.isValid() && qstrcmp(h.typeName(), "sqlite3*") == 0)
        return *static_cast<sqlite3 *const *>(h.constData());
    return nullptr;
}

NativeInserter::~NativeInserter()
{
    reset();
}

bool NativeInserter::attach(const QSqlDatabase &db)
{
    reset();
    m_db = sqliteHandle(db);
    return m_db != nullptr;
}

void NativeInserter::reset()
{
    for (sqlite3_stmt *stmt : std::as_const(m_statements))
        sqlite3_finalize(stmt);
    m_statements.clear();
}

Status NativeInserter::insert(const QString &table, const QStringList &columns,
                              const QList<QVariantList> &rows, bool ignoreConflicts,
                              bool bytesAreText)
{
    if (!m_db)
        return Error::make(ErrorKind::Storage, QStringLiteral("storage"),
                           QStringLiteral("INSERT INTO ") + table
                               + QStringLiteral(": no SQLite connection"));
    const QString key = table + u'|' + columns.join(u',')
                        + (ignoreConflicts ? QStringLiteral("|ignore") : QString());
    sqlite3_stmt *stmt = m_statements.value(key);
    if (!stmt) {
        QStringList marks;
        marks.fill(QStringLiteral("?"), columns.size());
        const QByteArray sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)%4")
                                   .arg(table, columns.join(u','), marks.join(u','),
                                        ignoreConflicts ? QStringLiteral(" ON CONFLICT DO NOTHING")
                                                        : QString())
                                   .toUtf8();
        if (sqlite3_prepare_v3(m_db, sql.constData(), int(sql.size()), SQLITE_PREPARE_PERSISTENT,
                               &stmt, nullptr)
            != SQLITE_OK)
            return sqliteError(m_db, table);
        m_statements.insert(key, stmt);
    }
    for (const QVariantList &row : rows) {
        if (row.size() != columns.size())
            return Error::make(ErrorKind::Storage, QStringLiteral("storage"),
                               QStringLiteral("INSERT INTO %1: %2 values for %3 columns")
                                   .arg(table)
                                   .arg(row.size())
                                   .arg(columns.size()));
        int rc = SQLITE_OK;
        for (int i = 0; i < row.size() && rc == SQLITE_OK; ++i) {
            const QVariant &v = row.at(i);
            const int index = i + 1;
            if (v.isNull()) {
                rc = sqlite3_bind_null(stmt, index);
                continue;
            }
            switch (v.metaType().id()) {
            case QMetaType::Bool:
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::Long:
            case QMetaType::LongLong:
            case QMetaType::ULongLong: rc = sqlite3_bind_int64(stmt, index, v.toLongLong()); break;
            case QMetaType::Double:
            case QMetaType::Float: rc = sqlite3_bind_double(stmt, index, v.toDouble()); break;
            case QMetaType::QByteArray: {
                // The row outlives the step: SQLite needs no copy.
                const QByteArray &bytes = *static_cast<const QByteArray *>(v.constData());
                rc = bytesAreText ? sqlite3_bind_text(stmt, index, bytes.constData(),
                                                      int(bytes.size()), SQLITE_STATIC)
                                  : sqlite3_bind_blob(stmt, index, bytes.constData(),
                                                      int(bytes.size()), SQLITE_STATIC);
                break;
            }
            default: {
                // Text as QSQLITE binds it (UTF-16 from the QString), so that both paths store the same.
                const QString text = v.toString();
                rc = sqlite3_bind_text16(stmt, index, text.utf16(),
                                         int(text.size() * sizeof(char16_t)), SQLITE_TRANSIENT);
                break;
            }
            }
        }
        if (rc == SQLITE_OK)
            rc = sqlite3_step(stmt);
        if (rc != SQLITE_DONE) {
            Error failure = sqliteError(m_db, table);
            sqlite3_reset(stmt);
            sqlite3_clear_bindings(stmt);
            return failure;
        }
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
    }
    return Ok{};
}

} // namespace Relais::Server
