// The first copy of a desk: snapshot pages written in slices inside one transaction each, the
// secondary indexes and the search index built once at the end (docs/desk-sync.md, "First copy").
#include "inbound.h"
#include "inbound_p.h"

#include "database.h"
#include "migrations.h"
#include "schema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <utility>

#include <sqlite3.h>

namespace Relais {

using InboundDetail::metaText;
using InboundDetail::setMeta;

namespace {

// The secondary indexes a first copy builds at its end: not those behind UNIQUE constraints (the
// upserts and number checks need them), which have no SQL of their own.
Status deferIndexes(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('subscriber', 'subscription', 'delivery_change', 'complaint') "
            "ORDER BY name")))
        return storageError(QStringLiteral("sqlite_master"), q.lastError().text());
    QStringList names;
    QJsonArray definitions;
    while (q.next()) {
        names << q.value(0).toString();
        definitions.append(q.value(1).toString());
    }
    q.finish();
    if (names.isEmpty())
        return Ok{};
    if (Status s = setMeta(db, QString::fromLatin1(SyncKey::DeferredIndexes),
                           QString::fromUtf8(
                               QJsonDocument(definitions).toJson(QJsonDocument::Compact)));
        !s)
        return s;
    for (const QString &name : std::as_const(names))
        if (!q.exec(QStringLiteral("DROP INDEX \"%1\"").arg(name)))
            return storageError(name, q.lastError().text());
    return Ok{};
}

// Inside the caller's transaction.
Status rebuildIndexes(QSqlDatabase &db, const QString &definitions)
{
    QSqlQuery q(db);
    static const QRegularExpression create(QStringLiteral("^CREATE INDEX "),
                                           QRegularExpression::CaseInsensitiveOption);
    for (const QJsonValue &v : QJsonDocument::fromJson(definitions.toUtf8()).array()) {
        QString sql = v.toString();
        sql.replace(create, QStringLiteral("CREATE INDEX IF NOT EXISTS "));
        if (!q.exec(sql))
            return storageError(QStringLiteral("index"), q.lastError().text());
    }
    if (!q.exec(QStringLiteral("DELETE FROM meta WHERE key = '%1'")
                    .arg(QLatin1StringView(SyncKey::DeferredIndexes))))
        return storageError(QStringLiteral("meta"), q.lastError().text());
    return Ok{};
}

// Inside the caller's transaction: indexes for search the subscribers a first copy wrote (those
// above SyncKey::SearchAfter) in one statement, then makes the index one segment. FTS5 merges
// its segments as they come unless told not to; merging once at the end writes each entry once
// (1,000,000 subscribers: about 11 s, against 32 s page by page).
Status buildDeferredSearch(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = '%1'")
                    .arg(QLatin1StringView(SyncKey::SearchAfter))))
        return storageError(QStringLiteral("meta"), q.lastError().text());
    if (!q.next())
        return Ok{};
    const qint64 after = q.value(0).toLongLong();
    q.finish();
    if (!q.exec(QStringLiteral("DELETE FROM meta WHERE key = '%1'")
                    .arg(QLatin1StringView(SyncKey::SearchAfter))))
        return storageError(QStringLiteral("meta"), q.lastError().text());
    const auto config = [&q](const char *key, int value) {
        return q.exec(QStringLiteral("INSERT INTO subscriber_fts(subscriber_fts, rank) VALUES "
                                     "('%1', %2)")
                          .arg(QLatin1StringView(key))
                          .arg(value));
    };
    // FTS5's own defaults (automerge 4, crisismerge 16) are put back before the commit.
    if (!config("automerge", 0) || !config("crisismerge", 500))
        return storageError(QStringLiteral("search index"), q.lastError().text());
    q.prepare(Migrations::indexSubscribersAfterSql()); // the key is gone: every row above
    q.addBindValue(after);
    if (!q.exec())
        return storageError(QStringLiteral("search index"), q.lastError().text());
    if (!q.exec(QStringLiteral("INSERT INTO subscriber_fts(subscriber_fts) VALUES ('optimize')"))
        || !config("automerge", 4) || !config("crisismerge", 16))
        return storageError(QStringLiteral("search index"), q.lastError().text());
    return Ok{};
}

} // namespace

Result<AppliedPage> Inbound::applySnapshotPage(const QList<InboundRow> &rows,
                                               const QString &nextTable, const QString &nextAfter,
                                               qint64 head)
{
    if (Status s = beginSnapshotPage(nextTable.isEmpty()); !s)
        return s.error();
    if (Status s = writeSnapshotSlice(std::span<const InboundRow>(rows.constData(), rows.size()));
        !s) {
        abandonSnapshotPage();
        return s.error();
    }
    return endSnapshotPage(rows, nextTable, nextAfter, head);
}

Status Inbound::beginSnapshotPage(bool last)
{
    if (m_pageTx)
        return Error::make(ErrorKind::Internal, QStringLiteral("pull.page"),
                           QStringLiteral("a snapshot page is already being written"));
    // Every page of a first copy but the last is committed without waiting for the disk: a power
    // cut loses the last pages written (rows and position together, WAL keeps each atomic) and
    // the copy goes on from the position before them. Nothing in it was acknowledged to anyone,
    // and no push leaves before the last page, whose commit (synchronous=FULL) syncs them all.
    m_pageRelaxed = !last && relaxSync(true);
    m_pageTx.emplace(m_db);
    m_page = {};
    m_pageTables.clear();
    if (!m_pageTx->isOpen()) {
        const Error e = m_pageTx->beginError();
        abandonSnapshotPage();
        return e;
    }
    const auto failed = [this](const Error &e) {
        abandonSnapshotPage();
        return e;
    };
    QSqlQuery q(m_db);
    m_pageFirst = metaText(m_db, QString::fromLatin1(SyncKey::BootstrapHead)).isEmpty();
    if (m_pageFirst) {
        if (!q.exec(QStringLiteral("SELECT NOT EXISTS (SELECT 1 FROM subscriber) AND NOT EXISTS "
                                   "(SELECT 1 FROM subscription)"))
            || !q.next())
            return failed(storageError(QStringLiteral("subscriber"), q.lastError().text()));
        const bool empty = q.value(0).toBool();
        q.finish();
        if (empty)
            if (Status s = deferIndexes(m_db); !s)
                return failed(s.error());
        // Subscribers copied from here on are indexed for search at the end (step 10).
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) SELECT ?, "
                                 "coalesce(max(seq), 0) FROM subscriber"));
        q.addBindValue(QString::fromLatin1(SyncKey::SearchAfter));
        if (!q.exec())
            return failed(storageError(QStringLiteral("meta"), q.lastError().text()));
    }
    // While the search index waits for the end the triggers stand aside; a copy that went on
    // after Database::open built it indexes slice by slice again.
    m_pageIndexesSearch = metaText(m_db, QString::fromLatin1(SyncKey::SearchAfter)).isEmpty();
    return Ok{};
}

Status Inbound::writeSnapshotSlice(std::span<const InboundRow> rows)
{
    if (!m_pageTx)
        return Error::make(ErrorKind::Internal, QStringLiteral("pull.page"),
                           QStringLiteral("no snapshot page is being written"));
    auto slice = m_pageIndexesSearch ? applyRowsIndexedAtEnd(rows) : applyRows(rows, true);
    if (!slice)
        return slice.error();
    m_page.written += slice->written;
    m_page.skipped += slice->skipped;
    m_page.held += slice->held;
    for (const QString &t : std::as_const(slice->tables))
        m_pageTables.insert(t);
    return Ok{};
}

void Inbound::abandonSnapshotPage()
{
    m_pageTx.reset(); // rolled back
    if (std::exchange(m_pageRelaxed, false))
        relaxSync(false);
}

Result<AppliedPage> Inbound::endSnapshotPage(const QList<InboundRow> &rows,
                                             const QString &nextTable, const QString &nextAfter,
                                             qint64 head)
{
    if (!m_pageTx)
        return Error::make(ErrorKind::Internal, QStringLiteral("pull.page"),
                           QStringLiteral("no snapshot page is being written"));
    auto page = finishSnapshotPage(rows, nextTable, nextAfter, head);
    m_pageTx.reset(); // committed, or rolled back on an error
    if (std::exchange(m_pageRelaxed, false) && !relaxSync(false) && page)
        return storageError(QStringLiteral("sync"), m_db.lastError());
    return page;
}

Result<AppliedPage> Inbound::finishSnapshotPage(const QList<InboundRow> &rows,
                                                const QString &nextTable, const QString &nextAfter,
                                                qint64 head)
{
    QSqlQuery q(m_db);
    AppliedPage page = m_page;
    page.tables = QStringList(m_pageTables.cbegin(), m_pageTables.cend());
    const bool first = m_pageFirst;
    // The server's publisher replaces the desk's local one: rows made before the first sync move
    // under it (the server files them under the caller's publisher whatever they say).
    for (const InboundRow &r : rows) {
        if (r.entity != u"publisher")
            continue;
        const QString local = metaText(m_db, QStringLiteral("publisher_id"));
        if (local != r.id) {
            for (const char *t : {"publication", "subscriber"}) {
                q.prepare(QStringLiteral("UPDATE %1 SET publisher_id = ? WHERE publisher_id = ?")
                              .arg(QLatin1StringView(t)));
                q.addBindValue(r.id);
                q.addBindValue(local);
                if (!q.exec())
                    return storageError(QLatin1StringView(t), q.lastError().text());
            }
        }
        if (Status s = setMeta(m_db, QStringLiteral("publisher_id"), r.id); !s)
            return s.error();
        if (Status s = setMeta(m_db, QString::fromLatin1(SyncKey::ServerPublisherId), r.id); !s)
            return s.error();
    }
    if (first)
        if (Status s = setMeta(m_db, QString::fromLatin1(SyncKey::BootstrapHead),
                               QString::number(head));
            !s)
            return s.error();
    if (Status s = setMeta(m_db, QString::fromLatin1(SyncKey::BootstrapTable), nextTable); !s)
        return s.error();
    if (Status s = setMeta(m_db, QString::fromLatin1(SyncKey::BootstrapAfter), nextAfter); !s)
        return s.error();
    if (nextTable.isEmpty()) {
        // Complete: pull from the head of the first page (rows changed while paging come again).
        const QString startHead = first
                                      ? QString::number(head)
                                      : metaText(m_db, QString::fromLatin1(SyncKey::BootstrapHead));
        if (Status s = setMeta(m_db, QString::fromLatin1(SyncKey::PullCursor), startHead); !s)
            return s.error();
        if (Status s = setMeta(m_db, QString::fromLatin1(SyncKey::BootstrapDone),
                               QStringLiteral("1"));
            !s)
            return s.error();
        const QString deferred = metaText(m_db, QString::fromLatin1(SyncKey::DeferredIndexes));
        if (!deferred.isEmpty())
            if (Status s = rebuildIndexes(m_db, deferred); !s)
                return s.error();
        if (Status s = buildDeferredSearch(m_db); !s)
            return s.error();
    }
    if (Status s = m_pageTx->commit(); !s)
        return s.error();
    return page;
}

Status Inbound::restoreDeferredIndexes(QSqlDatabase &db)
{
    {
        QSqlQuery q(db);
        // A new file has no meta table yet: nothing was deferred.
        if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key IN ('%1', '%2')")
                        .arg(QLatin1StringView(SyncKey::DeferredIndexes),
                             QLatin1StringView(SyncKey::SearchAfter)))
            || !q.next())
            return Ok{};
    }
    Transaction tx(db);
    if (!tx.isOpen())
        return tx.beginError();
    const QString deferred = metaText(db, QString::fromLatin1(SyncKey::DeferredIndexes));
    if (!deferred.isEmpty())
        if (Status s = rebuildIndexes(db, deferred); !s)
            return s;
    if (Status s = buildDeferredSearch(db); !s)
        return s;
    return tx.commit();
}

} // namespace Relais
