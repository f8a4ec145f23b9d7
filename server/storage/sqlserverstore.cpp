#include "push_p.h"

#include "rules.h"
#include "validation.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlRecord>

#include <algorithm>

Q_LOGGING_CATEGORY(lcStore, "relais.server.store")

namespace Relais::Server {

using namespace Protocol;

using detail::InListChunk;
using detail::isoUtc;
using detail::newId;
using detail::placeholders;
using detail::storage;
using detail::tr;

SqlServerStore::SqlServerStore(QString connectionName) : m_connectionName(std::move(connectionName))
{
}

SqlServerStore::~SqlServerStore()
{
    m_native.reset();
    m_copy.reset();
    m_prepared.clear();
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<QSqlQuery *> SqlServerStore::run(const QString &sql, const QVariantList &values)
{
    if (m_push && !m_flushing && m_push->hasPending())
        if (Status s = flushPending(); !s)
            return s.error();
    // Outside a transaction a statement can simply be tried again on a new connection, whether
    // the connection was found gone by its PREPARE (PostgreSQL prepares on the server, and every
    // statement is prepared again after a reconnect) or by its EXECUTE.
    const auto failed = [&](const QString &what, const QSqlError &error) -> Result<QSqlQuery *> {
        const Error e = storage(what, error);
        if (!m_inTransaction && !m_retrying && reconnectIfBroken()) {
            m_retrying = true;
            auto again = run(sql, values);
            m_retrying = false;
            return again;
        }
        return e;
    };
    auto it = m_prepared.find(sql);
    if (it == m_prepared.end()) {
        if (m_prepared.size() >= MaxPrepared)
            evictPrepared();
        auto q = std::make_unique<QSqlQuery>(m_db);
        q->setForwardOnly(true);
        if (!q->prepare(sql))
            return failed(QStringLiteral("prepare ") + sql, q->lastError());
        it = m_prepared.emplace(sql, Prepared{std::move(q), 0}).first;
    }
    it->second.lastUse = ++m_useCounter;
    QSqlQuery &q = *it->second.query;
    q.finish();
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    if (!q.exec())
        return failed(sql, q.lastError());
    return &q;
}

void SqlServerStore::evictPrepared()
{
    // Down to three quarters, oldest first; a statement whose rows are still being read stays (its
    // caller holds a pointer to it).
    std::vector<std::pair<quint64, QString>> idle;
    idle.reserve(m_prepared.size());
    for (const auto &[sql, p] : m_prepared)
        if (!p.query->isActive())
            idle.emplace_back(p.lastUse, sql);
    std::sort(idle.begin(), idle.end());
    const std::size_t target = MaxPrepared * 3 / 4;
    for (const auto &[use, sql] : idle) {
        if (m_prepared.size() <= target)
            break;
        m_prepared.erase(sql);
    }
}

bool SqlServerStore::finishOpenReads()
{
    bool any = false;
    for (auto &[sql, prepared] : m_prepared)
        if (prepared.query->isActive() && prepared.query->isSelect()) {
            qCWarning(lcStore) << "a read left open is ended before a transaction:"
                               << sql.left(120);
            prepared.query->finish();
            any = true;
        }
    return any;
}

bool SqlServerStore::reconnectIfBroken()
{
    {
        QSqlQuery ping(m_db);
        if (m_db.isOpen() && ping.exec(QStringLiteral("SELECT 1")))
            return false; // the connection is fine: the statement itself failed
    }
    qCWarning(lcStore) << "database connection lost; reconnecting";
    m_native.reset();
    m_copy.reset();
    m_prepared.clear();
    m_db.close();
    if (!m_db.open()) {
        qCWarning(lcStore) << "reconnecting failed:" << m_db.lastError().text();
        return false;
    }
    if (Status s = afterOpen(); !s)
        qCWarning(lcStore) << "after reconnecting:" << s.error().message;
    attachInserters();
    return true;
}

void SqlServerStore::attachInserters()
{
    const bool portable = qEnvironmentVariableIntValue("RELAIS_SERVER_PORTABLE_INSERTS") != 0;
    m_nativeInserts = m_native.attach(m_db) && !portable;
    m_copyInserts = m_copy.attach(m_db) && !portable;
}

Status SqlServerStore::exec(const QString &sql, const QVariantList &values)
{
    auto q = run(sql, values);
    if (!q)
        return q.error();
    (*q)->finish();
    return Ok{};
}

Status SqlServerStore::execUnprepared(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        return storage(sql.section(u' ', 0, 2), q.lastError());
    return Ok{};
}

Result<std::pair<QString, qint64>> SqlServerStore::epochAndStart()
{
    // One query: push and pull answer both on every call.
    auto q = run(
        QStringLiteral("SELECT key, value FROM meta WHERE key IN ('epoch', 'epoch_start')"));
    if (!q)
        return q.error();
    std::pair<QString, qint64> out{QString(), 0};
    while ((*q)->next()) {
        if ((*q)->value(0).toString() == u"epoch")
            out.first = (*q)->value(1).toString();
        else
            out.second = (*q)->value(1).toLongLong();
    }
    (*q)->finish();
    if (out.first.isEmpty())
        return Error::make(ErrorKind::Storage, QStringLiteral("store.uninitialized"),
                           tr("The database has no Relais schema: run relais-server init first."));
    return out;
}

Result<qint64> SqlServerStore::epochStart()
{
    auto e = epochAndStart();
    if (!e)
        return e.error();
    return e->second;
}

Result<QString> SqlServerStore::epoch()
{
    auto q = run(QStringLiteral("SELECT value FROM meta WHERE key = 'epoch'"));
    if (!q)
        return q.error();
    if (!(*q)->next())
        return Error::make(ErrorKind::Storage, QStringLiteral("store.uninitialized"),
                           tr("The database has no Relais schema: run relais-server init first."));
    const QString e = (*q)->value(0).toString();
    (*q)->finish();
    return e;
}

Result<qint64> SqlServerStore::head()
{
    auto q = run(QStringLiteral("SELECT value FROM global_seq WHERE id = 1"));
    if (!q)
        return q.error();
    if (!(*q)->next())
        return Error::make(ErrorKind::Storage, QStringLiteral("store.uninitialized"),
                           tr("No global sequence."));
    const qint64 h = (*q)->value(0).toLongLong();
    (*q)->finish();
    return h;
}

// ---- accounts ----------------------------------------------------------------------------------

} // namespace Relais::Server
