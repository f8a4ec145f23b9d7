#include "serverstore.h"

#include "pgserverstore.h"
#include "sqliteserverstore.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace Relais::Server {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Server::Store", text);
}

QString nextConnectionName(const char *prefix)
{
    static QAtomicInt counter;
    return QString::fromLatin1(prefix) + QString::number(counter.fetchAndAddRelaxed(1));
}

Error badUrl(const QString &url, const QString &why)
{
    return Error::invalid(
        {Issue{QStringLiteral("db"), QStringLiteral("db.url"),
               tr("%1: %2 (expected sqlite:FILE or postgresql://USER@HOST:PORT/DB)")
                   .arg(url, why)}});
}

} // namespace

Result<std::unique_ptr<ServerStore>> ServerStore::open(const QString &url)
{
    if (url.startsWith(QLatin1StringView("sqlite:")))
        return SqliteServerStore::open(url.mid(7));
    if (url.startsWith(QLatin1StringView("postgresql://"))
        || url.startsWith(QLatin1StringView("postgres://")))
        return PgServerStore::open(url);
    return badUrl(url, tr("unknown kind of database"));
}

Result<std::unique_ptr<ServerStore>> SqliteServerStore::open(const QString &path)
{
    if (path.isEmpty())
        return badUrl(QStringLiteral("sqlite:"), tr("no file named"));
    std::unique_ptr<SqliteServerStore> store(
        new SqliteServerStore(nextConnectionName("relais-server-sqlite-")));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), store->connectionName());
    db.setDatabaseName(path);
    if (!db.open())
        return Error::make(ErrorKind::Storage, QStringLiteral("db.open"),
                           tr("Cannot open %1: %2").arg(path, db.lastError().text()));
    store->setDatabase(db);
    if (Status s = store->afterOpen(); !s)
        return s.error();
    if (Status s = store->upgradeSchema(); !s)
        return s.error();
    return std::unique_ptr<ServerStore>(std::move(store));
}

Status SqliteServerStore::afterOpen()
{
    QSqlQuery q(db());
    for (const char *pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                               "PRAGMA busy_timeout = 10000", "PRAGMA foreign_keys = ON"}) {
        if (!q.exec(QString::fromLatin1(pragma)))
            return Error::make(ErrorKind::Storage, QStringLiteral("db.open"),
                               tr("Cannot set %1 on %2: %3")
                                   .arg(QString::fromLatin1(pragma), db().databaseName(),
                                        q.lastError().text()));
    }
    // A full disk, made to order (tests, drills): the file may not grow beyond this many pages, and
    // SQLite answers as it does on a full disk (SQLITE_FULL). docs/server.md, "A full disk".
    if (const int pages = qEnvironmentVariableIntValue("RELAIS_SQLITE_MAX_PAGES"); pages > 0)
        if (!q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages)))
            return Error::make(ErrorKind::Storage, QStringLiteral("db.open"), q.lastError().text());
    return Ok{};
}

Result<std::unique_ptr<ServerStore>> PgServerStore::open(const QString &url)
{
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid() || u.host().isEmpty() || u.userName().isEmpty() || u.path().size() < 2)
        return badUrl(url, tr("the URL needs a user, a host and a database"));
    if (!u.password().isEmpty())
        return badUrl(url, tr("put the password in PGPASSWORD or ~/.pgpass, not in the URL"));
    std::unique_ptr<PgServerStore> store(
        new PgServerStore(nextConnectionName("relais-server-pg-")));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), store->connectionName());
    db.setHostName(u.host());
    db.setPort(u.port(5432));
    db.setUserName(u.userName());
    db.setDatabaseName(u.path().mid(1));
    if (!db.open())
        return Error::make(ErrorKind::Storage, QStringLiteral("db.open"),
                           tr("Cannot connect to %1: %2").arg(url, db.lastError().text()));
    store->setDatabase(db);
    if (Status s = store->afterOpen(); !s)
        return s.error();
    if (Status s = store->upgradeSchema(); !s)
        return s.error();
    return std::unique_ptr<ServerStore>(std::move(store));
}

Status PgServerStore::afterOpen()
{
    QSqlQuery q(db());
    // Notices are not errors; they stay out of the log.
    if (!q.exec(QStringLiteral("SET client_min_messages = warning")))
        return Error::make(ErrorKind::Storage, QStringLiteral("db.open"), q.lastError().text());
    return Ok{};
}

} // namespace Relais::Server
