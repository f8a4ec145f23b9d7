#include "importguard.h"

#include "database.h"
#include "domain.h"
#include "writepath.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

namespace Relais {

namespace {

Q_LOGGING_CATEGORY(lcImport, "relais.import", QtInfoMsg)

constexpr auto kMetaKey = "import_running";

bool hasLockFile(const QString &dbPath)
{
    return !dbPath.isEmpty() && dbPath != u":memory:" && !dbPath.startsWith(u"file::memory:");
}

std::unique_ptr<QLockFile> makeLock(const QString &dbPath)
{
    auto lock = std::make_unique<QLockFile>(ImportGuard::lockPath(dbPath));
    // Live or dead is told by the process that wrote the lock, never by its age: an import of a
    // million rows runs for minutes.
    lock->setStaleLockTime(0);
    return lock;
}

// One statement, its error as a clerk reads it.
Result<int> run(QSqlDatabase &db, const QString &sql, const QVariantList &binds = {})
{
    QSqlQuery q(db);
    q.prepare(sql);
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec())
        return storageError(QStringLiteral("import undo"), q.lastError());
    return q.numRowsAffected();
}

} // namespace

ImportGuard::ImportGuard(QSqlDatabase db, QString dbPath)
    : m_db(std::move(db)), m_dbPath(std::move(dbPath))
{
}

ImportGuard::~ImportGuard()
{
    if (m_lock)
        m_lock->unlock();
}

QString ImportGuard::lockPath(const QString &dbPath)
{
    return dbPath + QStringLiteral(".import.lock");
}

std::optional<RunningImport> ImportGuard::running(QSqlDatabase db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'import_running'")) || !q.next())
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
    RunningImport r;
    r.id = o.value(QStringLiteral("id")).toString();
    r.firstSeq = o.value(QStringLiteral("first_seq")).toInteger();
    r.startedAt = o.value(QStringLiteral("started_at")).toString();
    r.file = o.value(QStringLiteral("file")).toString();
    if (r.id.isEmpty() || r.firstSeq <= 0)
        return std::nullopt;
    return r;
}

Status ImportGuard::begin(const QString &file, int waitMs)
{
    if (hasLockFile(m_dbPath)) {
        m_lock = makeLock(m_dbPath);
        if (!m_lock->tryLock(waitMs)) {
            m_lock.reset();
            return Error::make(
                ErrorKind::Conflict, QStringLiteral("import.running"),
                QCoreApplication::translate("Relais", "Another import is running on this desk; "
                                                      "try again when it has finished."));
        }
    }
    // We hold the lock: an import still registered is a dead one.
    if (auto dead = running(m_db)) {
        qCInfo(lcImport) << "taking back the import that stopped half way:" << dead->id
                         << dead->file;
        if (auto r = undo(m_db, *dead); !r)
            return r.error();
    }
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.beginError();
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral(
            "SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'desk_seq'), 0)"))
        || !q.next())
        return storageError(QStringLiteral("desk_seq"), q.lastError());
    m_info.id = newUuid();
    m_info.firstSeq = q.value(0).toLongLong() + 1;
    m_info.startedAt = nowUtcIso();
    m_info.file = file;
    q.finish();
    const QJsonObject o{{QStringLiteral("id"), m_info.id},
                        {QStringLiteral("first_seq"), m_info.firstSeq},
                        {QStringLiteral("started_at"), m_info.startedAt},
                        {QStringLiteral("file"), m_info.file}};
    q.prepare(
        QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES ('import_running', ?)"));
    q.addBindValue(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return storageError(QStringLiteral("meta"), q.lastError());
    return tx.commit();
}

Status ImportGuard::finishInTransaction()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("DELETE FROM meta WHERE key = 'import_running'")))
        return storageError(QStringLiteral("meta"), q.lastError());
    m_finished = true;
    return Ok{};
}

Result<ImportUndone> ImportGuard::undo(int chunkRows)
{
    if (m_info.id.isEmpty())
        return ImportUndone{};
    return undo(m_db, m_info, chunkRows);
}

Result<ImportUndone> ImportGuard::recover(QSqlDatabase db, const QString &dbPath)
{
    if (!running(db) || !hasLockFile(dbPath))
        return ImportUndone{};
    auto lock = makeLock(dbPath);
    if (!lock->tryLock(0))
        return ImportUndone{};     // alive (or being taken back by another process right now)
    const auto dead = running(db); // it may have finished meanwhile
    if (!dead)
        return ImportUndone{};
    qCInfo(lcImport) << "taking back the import that stopped half way:" << dead->id << dead->file;
    return undo(db, *dead);
}

Result<ImportUndone> ImportGuard::undo(QSqlDatabase db, const RunningImport &import, int chunkRows)
{
    ImportUndone done;
    // Scratch lists of this connection (the temp schema takes no lock on the desk file).
    for (const char *sql :
         {"CREATE TEMP TABLE IF NOT EXISTS import_undo_rows (id TEXT PRIMARY KEY)",
          "CREATE TEMP TABLE IF NOT EXISTS import_undo_deps (id TEXT PRIMARY KEY, "
          "kind TEXT NOT NULL)"}) {
        if (auto r = run(db, QString::fromLatin1(sql)); !r)
            return r.error();
    }
    const QString rows = QStringLiteral("(SELECT id FROM temp.import_undo_rows)");
    const QString deps = QStringLiteral("(SELECT id FROM temp.import_undo_deps)");
    while (true) {
        Transaction tx(db);
        if (!tx.isOpen())
            return tx.beginError();
        for (const char *sql :
             {"DELETE FROM temp.import_undo_rows", "DELETE FROM temp.import_undo_deps"})
            if (auto r = run(db, QString::fromLatin1(sql)); !r)
                return r.error();
        auto picked = run(
            db,
            QStringLiteral(
                "INSERT OR IGNORE INTO temp.import_undo_rows SELECT entity_id FROM outbox "
                "WHERE import_id = ? AND entity = 'subscriber' LIMIT ?"),
            {import.id, qMax(1, chunkRows)});
        if (!picked)
            return picked.error();
        if (*picked <= 0)
            break;
        // What a clerk made meanwhile on an imported subscriber cannot outlive it: a subscription
        // for them (as recipient or payer), with its holds, holiday addresses and complaints.
        const QStringList steps = {
            QStringLiteral("INSERT OR IGNORE INTO temp.import_undo_deps SELECT id, 'subscription' "
                           "FROM subscription "
                           "WHERE recipient_id IN %1 OR payer_id IN %1")
                .arg(rows),
            QStringLiteral(
                "INSERT OR IGNORE INTO temp.import_undo_deps SELECT id, 'delivery_change' FROM "
                "delivery_change WHERE subscription_id IN (SELECT id FROM temp.import_undo_deps "
                "WHERE kind = 'subscription')"),
            QStringLiteral(
                "INSERT OR IGNORE INTO temp.import_undo_deps SELECT id, 'complaint' FROM complaint "
                "WHERE subscription_id IN (SELECT id FROM temp.import_undo_deps WHERE kind = "
                "'subscription')"),
            QStringLiteral("DELETE FROM audit WHERE entity_id IN %1").arg(deps),
            QStringLiteral("DELETE FROM sync_conflict WHERE entity_id IN %1").arg(deps),
            QStringLiteral(
                "DELETE FROM delivery_change WHERE id IN (SELECT id FROM temp.import_undo_deps "
                "WHERE kind = 'delivery_change')"),
            QStringLiteral(
                "DELETE FROM complaint WHERE id IN (SELECT id FROM temp.import_undo_deps "
                "WHERE kind = 'complaint')"),
            QStringLiteral(
                "DELETE FROM subscription WHERE id IN (SELECT id FROM temp.import_undo_deps "
                "WHERE kind = 'subscription')"),
            QStringLiteral("DELETE FROM audit WHERE entity_id IN %1").arg(rows),
            QStringLiteral("DELETE FROM sync_conflict WHERE entity_id IN %1").arg(rows),
        };
        for (const QString &sql : steps)
            if (auto r = run(db, sql); !r)
                return r.error();
        for (const QString &set : {deps, rows}) {
            auto ops = run(db, QStringLiteral("DELETE FROM outbox WHERE entity_id IN %1").arg(set));
            if (!ops)
                return ops.error();
            done.operations += *ops;
        }
        auto removed = run(db, QStringLiteral("DELETE FROM subscriber WHERE id IN %1").arg(rows));
        if (!removed)
            return removed.error();
        done.rows += *removed;
        if (Status s = tx.commit(); !s)
            return s.error();
    }

    // The operations queued after the import's first number (a clerk's saves meanwhile) were held
    // back, never sent: they move down so that the desk's numbers go on without a gap.
    Transaction tx(db);
    if (!tx.isOpen())
        return tx.beginError();
    const auto still = running(db);
    if (!still || still->id != import.id)
        return done; // finished or taken back by someone else meanwhile
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT seq FROM outbox WHERE seq >= ? ORDER BY seq"));
    q.addBindValue(import.firstSeq);
    if (!q.exec())
        return storageError(QStringLiteral("outbox"), q.lastError());
    QList<qint64> later;
    while (q.next())
        later << q.value(0).toLongLong();
    q.finish();
    QSqlQuery move(db);
    move.prepare(QStringLiteral("UPDATE outbox SET seq = ? WHERE seq = ?"));
    QSqlQuery conflicts(db);
    conflicts.prepare(QStringLiteral("UPDATE sync_conflict SET op_seq = ? WHERE op_seq = ?"));
    qint64 next = import.firstSeq;
    for (const qint64 seq : std::as_const(later)) {
        if (seq != next) {
            // Ascending: every number below `next` is taken by an operation already moved, every
            // number between `next` and `seq` was the import's, so `next` is free.
            for (QSqlQuery *u : {&move, &conflicts}) {
                u->addBindValue(next);
                u->addBindValue(seq);
                if (!u->exec())
                    return storageError(QStringLiteral("outbox"), u->lastError());
            }
            ++done.renumbered;
        }
        ++next;
    }
    q.prepare(QStringLiteral("INSERT INTO meta(key, value) VALUES ('desk_seq', ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(QString::number(next - 1));
    if (!q.exec())
        return storageError(QStringLiteral("desk_seq"), q.lastError());
    if (!q.exec(QStringLiteral(
            "DELETE FROM meta WHERE key IN ('import_running', 'search_index_deferred')")))
        return storageError(QStringLiteral("meta"), q.lastError());
    if (Status s = tx.commit(); !s)
        return s.error();
    if (done.rows > 0 || done.renumbered > 0)
        qCInfo(lcImport) << "import" << import.id << "taken back:" << done.rows << "rows,"
                         << done.operations << "operations," << done.renumbered << "renumbered";
    return done;
}

} // namespace Relais
