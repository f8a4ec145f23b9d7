#include "database.h"

#include "migrations.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcDb, "relais.db", QtInfoMsg)

namespace Relais {

Error storageError(const QString &what, const QString &driverText)
{
    return Error::make(ErrorKind::Storage, QStringLiteral("storage"),
                       what + QStringLiteral(": ") + driverText);
}

Result<Database> Database::open(const QString &path)
{
    return openImpl(path, Migrations::currentVersion());
}

Result<Database> Database::openAtVersion(const QString &path, int schemaVersion)
{
    return openImpl(path, schemaVersion);
}

Result<Database> Database::openImpl(const QString &path, int targetVersion)
{
    static QAtomicInteger<quint64> counter;
    const QFileInfo info(path);
    if (!info.absoluteDir().exists())
        return Error::make(ErrorKind::Io, QStringLiteral("db.folder_missing"),
                           QCoreApplication::translate("Relais", "The folder %1 does not exist.")
                               .arg(QDir::toNativeSeparators(info.absolutePath())));
    if (info.exists() && !info.isFile())
        return Error::make(ErrorKind::Io, QStringLiteral("db.not_a_file"),
                           QCoreApplication::translate("Relais", "%1 is not a file.")
                               .arg(QDir::toNativeSeparators(path)));

    Database d;
    d.m_path = path;
    d.m_connection = QStringLiteral("relais-%1").arg(counter.fetchAndAddRelaxed(1));
    d.m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d.m_connection);
    d.m_db.setDatabaseName(path);
    // A busy desk (sync worker and window) waits for the other writer instead of failing at once.
    d.m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!d.m_db.open())
        return storageError(QCoreApplication::translate("Relais", "Cannot open %1").arg(path),
                            d.m_db.lastError().text());

    QSqlQuery q(d.m_db);
    // Reject a file that is not an SQLite database before writing anything into it.
    if (!q.exec(QStringLiteral("PRAGMA schema_version")))
        return Error::make(ErrorKind::Io, QStringLiteral("db.not_sqlite"),
                           QCoreApplication::translate("Relais", "%1 is not a Relais database (%2).")
                               .arg(QDir::toNativeSeparators(path), q.lastError().text()));
    q.finish();
    const QStringList pragmas = {
        QStringLiteral("PRAGMA journal_mode = WAL"),
        // FULL: with NORMAL a committed transaction can vanish on power loss in WAL mode.
        QStringLiteral("PRAGMA synchronous = FULL"),
        QStringLiteral("PRAGMA foreign_keys = ON"),
        QStringLiteral("PRAGMA cache_size = -65536"),
        QStringLiteral("PRAGMA temp_store = MEMORY"),
        // Reads of a big desk through the page cache of the OS, without a read() per page.
        QStringLiteral("PRAGMA mmap_size = 1073741824"),
    };
    for (const QString &p : pragmas) {
        if (!q.exec(p))
            return storageError(p, q.lastError().text());
        q.finish();
    }
    if (Status s = Migrations::migrate(d.m_db, targetVersion); !s)
        return s.error();
    qCDebug(lcDb) << "opened" << path << "schema" << d.schemaVersion();
    return d;
}

Database::Database(Database &&other) noexcept
    : m_db(std::move(other.m_db)), m_connection(std::move(other.m_connection)),
      m_path(std::move(other.m_path))
{
    other.m_db = QSqlDatabase();
    other.m_connection.clear();
}

Database &Database::operator=(Database &&other) noexcept
{
    std::swap(m_db, other.m_db);
    std::swap(m_connection, other.m_connection);
    std::swap(m_path, other.m_path);
    return *this;
}

Database::~Database()
{
    if (m_connection.isEmpty())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

int Database::schemaVersion() const
{
    QSqlDatabase db = m_db;
    return Migrations::versionOf(db);
}

Transaction::Transaction(QSqlDatabase &db) : m_db(db)
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        m_open = true;
    else
        m_beginError = storageError(QStringLiteral("BEGIN"), q.lastError().text());
}

Transaction::~Transaction()
{
    if (m_open) {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("ROLLBACK")))
            qCWarning(lcDb) << "rollback failed:" << q.lastError().text();
    }
}

Status Transaction::commit()
{
    if (!m_open)
        return m_beginError;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT")))
        return storageError(QStringLiteral("COMMIT"), q.lastError().text());
    m_open = false;
    return Ok{};
}

} // namespace Relais
