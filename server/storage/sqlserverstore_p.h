#pragma once
// Shared by the files of SqlServerStore (sync, recovery): errors, times, ids, and the transaction
// guard. Not part of the store's interface.

#include "sqlserverstore.h"

#include "domain.h"
#include "formats.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlError>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Relais::Server::detail {

inline QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Server::Store", text);
}

inline Error storage(const QString &what, const QSqlError &e)
{
    // SQLite's SQLITE_FULL (13), PostgreSQL's disk_full (53100): answered 503, not 500.
    const bool full = e.nativeErrorCode() == u"13" || e.nativeErrorCode() == u"53100";
    return Error::make(ErrorKind::Storage,
                       full ? QString::fromUtf16(StorageFull) : QStringLiteral("storage"),
                       what + QStringLiteral(": ") + e.text());
}

// Times and ids as the desk writes them (formats.h, domain.h).
using ::Relais::isoUtc;
inline QString newId()
{
    return newUuid();
}

// "?,?,?" for an IN list or a VALUES tuple of n values.
inline QString placeholders(qsizetype n)
{
    QStringList marks;
    marks.fill(QStringLiteral("?"), n);
    return marks.join(u',');
}

// Values looked up with IN (...) go this many at a time.
inline constexpr qsizetype InListChunk = 500;

} // namespace Relais::Server::detail

namespace Relais::Server {

// Rolls back unless commit() ran.
class SqlServerStore::Tx final
{
public:
    Tx(SqlServerStore &store, const QString &beginSql) : m_store(store)
    {
        for (int attempt = 0; attempt < 2 && !m_open; ++attempt) {
            QSqlQuery q(store.db());
            if (q.exec(beginSql))
                m_open = true;
            else if (attempt > 0 || !(store.finishOpenReads() || store.reconnectIfBroken()))
                m_error = detail::storage(QStringLiteral("BEGIN"), q.lastError());
        }
        store.m_inTransaction = m_open;
    }
    ~Tx()
    {
        m_store.m_inTransaction = false;
        if (m_open) {
            QSqlQuery q(m_store.db());
            if (!q.exec(QStringLiteral("ROLLBACK")))
                qCWarning(lcStore) << "rollback failed:" << q.lastError().text();
        }
    }
    Tx(const Tx &) = delete;
    Tx &operator=(const Tx &) = delete;
    bool isOpen() const { return m_open; }
    const Error &error() const { return m_error; }
    Status commit()
    {
        QSqlQuery q(m_store.db());
        if (!q.exec(QStringLiteral("COMMIT")))
            return detail::storage(QStringLiteral("COMMIT"), q.lastError());
        m_open = false;
        return Ok{};
    }

private:
    SqlServerStore &m_store;
    bool m_open = false;
    Error m_error;
};

} // namespace Relais::Server
