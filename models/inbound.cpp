#include "inbound.h"
#include "inbound_p.h"

#include "database.h"
#include "jsonreader.h"
#include "migrations.h"
#include "outbox.h"
#include "schema.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <utility>

#include <sqlite3.h>

namespace Relais {

namespace InboundDetail {

Status setMeta(QSqlDatabase &db, const QString &key, const QString &value)
{
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                       "value = excluded.value"));
    q.addBindValue(key);
    q.addBindValue(value.isNull() ? QStringLiteral("") : value); // meta.value is NOT NULL
    if (!q.exec())
        return storageError(QStringLiteral("meta"), q.lastError().text());
    return Ok{};
}

QString metaText(QSqlDatabase &db, const QString &key)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(key);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return {};
}

} // namespace InboundDetail

using InboundDetail::metaText;
using InboundDetail::setMeta;

namespace {

// The context lupdate gives these strings: they are called from Inbound's members.
QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Inbound", text);
}

bool isUniqueFailure(const QSqlError &e)
{
    return e.nativeErrorCode() == u"2067" || e.nativeErrorCode() == u"1555"
           || e.databaseText().contains(QStringLiteral("UNIQUE constraint failed"));
}

} // namespace

Inbound::Inbound(QSqlDatabase db) : m_db(std::move(db)) {}

Inbound::~Inbound()
{
    abandonSnapshotPage();
    for (sqlite3_stmt *stmt : std::as_const(m_upserts))
        sqlite3_finalize(stmt);
}

sqlite3 *Inbound::handle()
{
    if (!m_handle) {
        const QVariant h = m_db.driver()->handle();
        if (h.isValid() && qstrcmp(h.typeName(), "sqlite3*") == 0)
            m_handle = *static_cast<sqlite3 *const *>(h.constData());
    }
    return m_handle;
}

namespace {
enum class Whole { Yes, MissingColumn, WrongValue };

// The values upsertWhole binds, in its order: the table's columns, then id, rev, updated_at,
// updated_by. `wrong`: the column whose value has the wrong type.
Whole wholeValues(const Protocol::Table &table, const InboundRow &in, QList<BoundValue> &out,
                  QString *wrong)
{
    static const QString kRev = QStringLiteral("rev");
    static const QString kUpdatedAt = QStringLiteral("updated_at");
    static const QString kUpdatedBy = QStringLiteral("updated_by");
    out.clear();
    out.reserve(table.columns.size() + 4);
    const auto text = [&out](const QString &s) {
        out.append(BoundValue{BoundValue::Kind::Text, 0, s.toUtf8()});
    };
    for (const Protocol::Column &c : table.columns) {
        const QJsonValue v = in.row.value(c.name);
        if (v.isUndefined()) // a row without every column: the general path
            return Whole::MissingColumn;
        bool ok = true;
        if (v.isNull()) {
            ok = c.nullable;
            out.append(BoundValue{});
        } else if (c.type == Protocol::ColumnType::Text) {
            ok = v.isString();
            text(v.toString());
        } else if (v.isBool()) {
            out.append(BoundValue{BoundValue::Kind::Integer, v.toBool() ? 1 : 0, {}});
        } else {
            const auto n = Protocol::toSafeInteger(v);
            ok = bool(n);
            out.append(BoundValue{BoundValue::Kind::Integer, n.value_or(0), {}});
        }
        if (!ok) {
            if (wrong)
                *wrong = c.name;
            out.clear();
            return Whole::WrongValue;
        }
    }
    const QJsonValue revValue = in.row.value(kRev);
    const qint64 rev = revValue.isUndefined() ? in.seq : qint64(revValue.toInteger());
    text(in.id);
    out.append(BoundValue{BoundValue::Kind::Integer, qMax(in.seq, rev), {}});
    text(in.row.value(kUpdatedAt).toString());
    text(in.row.value(kUpdatedBy).toString());
    return Whole::Yes;
}
} // namespace

bool Inbound::prepareWhole(InboundRow &row)
{
    const Protocol::Table *table = Protocol::tableByName(row.entity);
    return table && wholeValues(*table, row, row.bound, nullptr) == Whole::Yes;
}

std::optional<Result<int>> Inbound::upsertWhole(const Protocol::Table &table, const InboundRow &in)
{
    sqlite3 *db = handle();
    if (!db)
        return std::nullopt;
    // Made ahead (a first copy's pages, on the thread that reads them), or now.
    QList<BoundValue> made;
    const QList<BoundValue> *values = &in.bound;
    if (in.bound.size() != table.columns.size() + 4) {
        QString wrong;
        switch (wholeValues(table, in, made, &wrong)) {
        case Whole::MissingColumn: return std::nullopt;
        case Whole::WrongValue:
            return Result<int>(
                Error::make(ErrorKind::Invalid, QStringLiteral("pull.value"),
                            tr("The server sent a value of the wrong type for %1.%2.")
                                .arg(in.entity, wrong)));
        case Whole::Yes: values = &made; break;
        }
    }
    sqlite3_stmt *stmt = m_upserts.value(table.name);
    if (!stmt) {
        // Inserted, or updated unless the desk shows a later change; the desk's own change coming
        // back (same number) only where the server's row differs (see applyRow).
        QStringList cols, marks, sets, differs;
        for (const Protocol::Column &c : table.columns) {
            cols << c.name;
            sets << c.name + QStringLiteral(" = excluded.") + c.name;
            differs << QStringLiteral("%1.%2 IS NOT excluded.%2").arg(table.name, c.name);
        }
        cols << QStringLiteral("id") << QStringLiteral("rev") << QStringLiteral("updated_at")
             << QStringLiteral("updated_by");
        for (const char *c : {"rev", "updated_at", "updated_by"})
            sets << QLatin1StringView(c) + QStringLiteral(" = excluded.") + QLatin1StringView(c);
        marks.fill(QStringLiteral("?"), cols.size());
        const QByteArray
            sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT(id) DO UPDATE SET %4 "
                                 "WHERE %1.rev < excluded.rev OR (%1.rev = excluded.rev AND (%5))")
                      .arg(table.name, cols.join(u','), marks.join(u','), sets.join(u','),
                           differs.join(QStringLiteral(" OR ")))
                      .toUtf8();
        if (sqlite3_prepare_v3(db, sql.constData(), int(sql.size()), SQLITE_PREPARE_PERSISTENT,
                               &stmt, nullptr)
            != SQLITE_OK)
            return Result<int>(storageError(table.name, QString::fromUtf8(sqlite3_errmsg(db))));
        m_upserts.insert(table.name, stmt);
    }
    // UTF-8, as the database stores it; `values` lives until the step (SQLITE_STATIC).
    int index = 1;
    for (const BoundValue &v : *values) {
        switch (v.kind) {
        case BoundValue::Kind::Null: sqlite3_bind_null(stmt, index++); break;
        case BoundValue::Kind::Integer: sqlite3_bind_int64(stmt, index++, v.integer); break;
        case BoundValue::Kind::Text:
            sqlite3_bind_text(stmt, index++, v.text.constData(), int(v.text.size()), SQLITE_STATIC);
            break;
        }
    }
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc == SQLITE_CONSTRAINT
        && (sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_UNIQUE
            || sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_PRIMARYKEY)) {
        if (yieldNumber(in)) {
            rc = sqlite3_step(stmt);
            sqlite3_reset(stmt);
        }
        if (rc == SQLITE_CONSTRAINT) {
            sqlite3_clear_bindings(stmt);
            return Result<int>(uniqueFailure(in));
        }
    }
    sqlite3_clear_bindings(stmt);
    if (rc != SQLITE_DONE)
        return Result<int>(storageError(table.name, QString::fromUtf8(sqlite3_errmsg(db))));
    return Result<int>(sqlite3_changes(db) > 0 ? 1 : 0);
}

QSqlQuery &Inbound::statement(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        it = m_statements.insert(sql, QSqlQuery(m_db));
        it->prepare(sql);
    }
    return *it;
}

Error Inbound::uniqueFailure(const InboundRow &in)
{
    return Error::make(ErrorKind::Conflict, QStringLiteral("pull.unique"),
                       tr("A row received from the server (%1 %2) has a number or code that a "
                          "record made on this desk already uses. Nothing of this page was "
                          "written; the desk's record keeps its number until a clerk changes it.")
                           .arg(in.entity, in.id));
}

Result<int> Inbound::applyRow(const InboundRow &in, Outbox *outbox, bool *held, bool adopt)
{
    const Protocol::Table *table = Protocol::tableByName(in.entity);
    if (!table)
        return Error::make(ErrorKind::Invalid, QStringLiteral("pull.entity"),
                           tr("The server sent a row of an unknown table \"%1\".").arg(in.entity));
    if (!outbox && !adopt)
        if (auto done = upsertWhole(*table, in))
            return std::move(*done);
    QStringList columns;
    QVariantList values;
    for (const Protocol::Column &c : table->columns) {
        const auto it = in.row.constFind(c.name);
        if (it == in.row.constEnd())
            continue;
        const auto v = Protocol::columnValueFromJson(c, *it);
        if (!v)
            return Error::make(ErrorKind::Invalid, QStringLiteral("pull.value"),
                               tr("The server sent a value of the wrong type for %1.%2.")
                                   .arg(in.entity, c.name));
        columns << c.name;
        values << *v;
    }
    const qint64 rev = in.row.contains(QStringLiteral("rev"))
                           ? qint64(in.row.value(QStringLiteral("rev")).toInteger())
                           : in.seq;
    const QString updatedAt = in.row.value(QStringLiteral("updated_at")).toString();
    const QString updatedBy = in.row.value(QStringLiteral("updated_by")).toString();

    bool complete = true; // every column a new row needs
    for (const Protocol::Column &c : table->columns)
        complete = complete && (!c.required || columns.contains(c.name));
    if (!outbox && !adopt && complete) {
        // Nothing on this desk holds a column: one statement inserts the row, or updates it unless
        // the desk already shows a later change. The desk's own change coming back (same number)
        // is written only where the server's row differs: another desk's change numbered before
        // it, which this desk skipped as older, is in that row. Rewriting an identical row would
        // only make the search index delete and insert the same words.
        QStringList cols = columns;
        cols << QStringLiteral("id") << QStringLiteral("rev") << QStringLiteral("updated_at")
             << QStringLiteral("updated_by");
        QStringList marks, sets, differs;
        marks.fill(QStringLiteral("?"), cols.size());
        for (const QString &c : std::as_const(cols))
            if (c != u"id")
                sets << c + QStringLiteral(" = excluded.") + c;
        for (const QString &c : std::as_const(columns))
            if (c != u"id")
                differs << QStringLiteral("%1.%2 IS NOT excluded.%2").arg(table->name, c);
        QSqlQuery &up = statement(
            QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT(id) DO UPDATE SET %4 "
                           "WHERE %1.rev < excluded.rev OR (%1.rev = excluded.rev AND (%5))")
                .arg(table->name, cols.join(u','), marks.join(u','), sets.join(u','),
                     differs.isEmpty() ? QStringLiteral("0")
                                       : differs.join(QStringLiteral(" OR "))));
        for (const QVariant &v : std::as_const(values))
            up.addBindValue(v);
        up.addBindValue(in.id);
        up.addBindValue(qMax(in.seq, rev));
        up.addBindValue(updatedAt);
        up.addBindValue(updatedBy);
        bool ok = up.exec();
        if (!ok && isUniqueFailure(up.lastError()) && yieldNumber(in)) {
            up.finish();
            ok = up.exec();
        }
        if (!ok) {
            if (isUniqueFailure(up.lastError()))
                return uniqueFailure(in);
            return storageError(table->name, up.lastError().text());
        }
        return up.numRowsAffected() > 0 ? 1 : 0;
    }

    QSqlQuery &find = statement(QStringLiteral("SELECT rev FROM %1 WHERE id = ?").arg(table->name));
    find.addBindValue(in.id);
    if (!find.exec())
        return storageError(table->name, find.lastError().text());
    const bool exists = find.next();
    const qint64 localRev = exists ? find.value(0).toLongLong() : 0;
    find.finish();
    QSqlQuery q(m_db);

    if (exists) {
        if (!adopt && localRev > qMax(in.seq, rev))
            return 0; // older than what this desk shows: the later change brings the whole row
        // The desk's own change coming back (same number): only columns that differ are written
        // (a change of another desk numbered before it, skipped as older, is in this row).
        const bool own = !adopt && localRev == qMax(in.seq, rev);
        const QSet<QString> keep = outbox ? outbox->heldColumns(in.id) : QSet<QString>();
        QStringList sets, differs;
        QVariantList bound, compared;
        for (int i = 0; i < columns.size(); ++i) {
            if (keep.contains(columns.at(i))) {
                *held = true;
                continue;
            }
            sets << columns.at(i) + QStringLiteral(" = ?");
            bound << values.at(i);
            if (own && columns.at(i) != u"id") {
                differs << columns.at(i) + QStringLiteral(" IS NOT ?");
                compared << values.at(i);
            }
        }
        if (*held) {
            // Kept for when nothing holds them any more (applyDeferred): the latest per row.
            QSqlQuery &aside = statement(
                QStringLiteral("INSERT INTO sync_deferred (entity, entity_id, seq, row) VALUES (?, "
                               "?, ?, ?) ON CONFLICT "
                               "(entity, entity_id) DO UPDATE SET seq = excluded.seq, row = "
                               "excluded.row WHERE excluded.seq >= seq"));
            aside.addBindValue(in.entity);
            aside.addBindValue(in.id);
            aside.addBindValue(qMax(in.seq, rev));
            aside.addBindValue(
                QString::fromUtf8(QJsonDocument(in.row).toJson(QJsonDocument::Compact)));
            if (!aside.exec())
                return storageError(QStringLiteral("sync_deferred"), aside.lastError().text());
        }
        if (own && differs.isEmpty())
            return 0;
        if (!adopt) {
            sets << QStringLiteral("rev = ?") << QStringLiteral("updated_at = ?")
                 << QStringLiteral("updated_by = ?");
            bound << rev << updatedAt << updatedBy;
        }
        if (sets.isEmpty())
            return 0;
        q.prepare(
            QStringLiteral("UPDATE %1 SET %2 WHERE id = ?%3")
                .arg(table->name, sets.join(u','),
                     own ? QStringLiteral(" AND (") + differs.join(QStringLiteral(" OR ")) + u')'
                         : QString()));
        for (const QVariant &v : std::as_const(bound))
            q.addBindValue(v);
        q.addBindValue(in.id);
        for (const QVariant &v : std::as_const(compared))
            q.addBindValue(v);
    } else {
        if (adopt)
            return 0;
        // A tombstone of a row this desk never had: nothing to delete.
        for (const Protocol::Column &c : table->columns)
            if (c.required && !columns.contains(c.name))
                return 0;
        QStringList cols = columns;
        cols << QStringLiteral("id") << QStringLiteral("rev") << QStringLiteral("updated_at")
             << QStringLiteral("updated_by");
        QStringList marks;
        marks.fill(QStringLiteral("?"), cols.size());
        q.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                      .arg(table->name, cols.join(u','), marks.join(u',')));
        for (const QVariant &v : std::as_const(values))
            q.addBindValue(v);
        q.addBindValue(in.id);
        q.addBindValue(rev);
        q.addBindValue(updatedAt);
        q.addBindValue(updatedBy);
    }
    bool ok = q.exec();
    if (!ok && isUniqueFailure(q.lastError()) && yieldNumber(in)) {
        q.finish();
        ok = q.exec();
    }
    if (!ok) {
        if (isUniqueFailure(q.lastError()))
            return uniqueFailure(in);
        return storageError(table->name, q.lastError().text());
    }
    return q.numRowsAffected() > 0 ? 1 : 0;
}

bool Inbound::yieldNumber(const InboundRow &in)
{
    // The server gave this number to another subscriber: a subscriber of this desk holding it whose
    // creation the server never accepted (made offline before a first lease, or on an older copy
    // of the desk) takes a number pending instead, and the next sync numbers it from a block. A
    // number the server accepted is never changed.
    if (in.entity != u"subscriber" || !in.row.contains(QStringLiteral("number")))
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "SELECT s.id FROM subscriber s WHERE s.number = ? AND s.id <> ? AND EXISTS "
        "(SELECT 1 FROM outbox o WHERE o.entity_id = s.id AND o.operation = 'subscriber.create' "
        "AND o.state IN ('pending', 'rejected'))"));
    q.addBindValue(qint64(in.row.value(QStringLiteral("number")).toInteger()));
    q.addBindValue(in.id);
    if (!q.exec() || !q.next())
        return false;
    const QString local = q.value(0).toString();
    q.finish();
    if (!q.exec(QStringLiteral("SELECT min(0, coalesce(min(number), 0)) - 1 FROM subscriber"))
        || !q.next())
        return false;
    const qint64 pending = q.value(0).toLongLong();
    q.finish();
    q.prepare(QStringLiteral("UPDATE subscriber SET number = ? WHERE id = ?"));
    q.addBindValue(pending);
    q.addBindValue(local);
    if (!q.exec())
        return false;
    q.prepare(QStringLiteral(
        "UPDATE outbox SET fields = json_set(fields, '$.number', ?) WHERE entity_id = ? "
        "AND operation = 'subscriber.create' AND state = 'pending'"));
    q.addBindValue(pending);
    q.addBindValue(local);
    return q.exec();
}

Result<AppliedPage> Inbound::applyRows(std::span<const InboundRow> rows, bool snapshot)
{
    AppliedPage page;
    Outbox outbox(m_db);
    const bool anyHeld = outbox.holdsAnything();
    QSet<QString> tables;
    for (const InboundRow &r : rows) {
        bool held = false;
        auto done = applyRow(r, anyHeld ? &outbox : nullptr, &held, false);
        if (!done)
            return done.error();
        if (*done) {
            ++page.written;
            tables.insert(r.entity);
        } else {
            ++page.skipped;
        }
        if (held)
            ++page.held;
    }
    Q_UNUSED(snapshot);
    page.tables = QStringList(tables.cbegin(), tables.cend());
    return page;
}

Result<AppliedPage> Inbound::applyRowsIndexedAtEnd(std::span<const InboundRow> rows)
{
    // New subscribers are indexed for search in one statement at the end of the page: one row per
    // statement would make FTS5 flush a tiny segment per row. Only when no subscriber comes twice
    // in the page: the update trigger of a row inserted unindexed in the same page would delete
    // an entry that is not there, and a contentless index cannot tell.
    QSet<QString> subscribers;
    bool once = true;
    for (const InboundRow &r : rows) {
        if (r.entity != u"subscriber")
            continue;
        if (subscribers.contains(r.id))
            once = false;
        subscribers.insert(r.id);
    }
    if (subscribers.isEmpty() || !once)
        return applyRows(rows, false);
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT coalesce(max(seq), 0) FROM subscriber")) || !q.next())
        return storageError(QStringLiteral("subscriber"), q.lastError().text());
    const qint64 indexAfter = q.value(0).toLongLong();
    q.finish();
    q.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('search_index_deferred', ?)"));
    q.addBindValue(QString::number(indexAfter));
    if (!q.exec())
        return storageError(QStringLiteral("meta"), q.lastError().text());
    auto page = applyRows(rows, false);
    if (!page)
        return page.error(); // the caller rolls back, the flag with it
    q.prepare(Migrations::indexSubscribersAfterSql());
    q.addBindValue(indexAfter);
    if (!q.exec())
        return storageError(QStringLiteral("search index"), q.lastError().text());
    if (!q.exec(QStringLiteral("DELETE FROM meta WHERE key = 'search_index_deferred'")))
        return storageError(QStringLiteral("meta"), q.lastError().text());
    return page;
}

bool Inbound::relaxSync(bool relaxed)
{
    // Only between transactions: SQLite refuses to change it inside one (and a caller's own
    // transaction keeps its setting). Back to the level the connection had (FULL on a desk).
    sqlite3 *db = handle();
    if (!db || !sqlite3_get_autocommit(db))
        return false;
    QSqlQuery pragma(m_db);
    if (!relaxed)
        return m_syncLevel >= 0
               && pragma.exec(
                   QStringLiteral("PRAGMA synchronous = %1").arg(std::exchange(m_syncLevel, -1)));
    if (!pragma.exec(QStringLiteral("PRAGMA synchronous")) || !pragma.next())
        return false;
    const int level = pragma.value(0).toInt();
    pragma.finish();
    if (level <= 1) // already NORMAL or OFF: nothing to relax
        return false;
    if (!pragma.exec(QStringLiteral("PRAGMA synchronous = NORMAL")))
        return false;
    m_syncLevel = level;
    return true;
}

Result<AppliedPage> Inbound::applyPullPage(const QList<InboundRow> &rows, qint64 nextCursor)
{
    // A page that wrote nothing but the cursor (the desk's own changes coming back after a push,
    // identical to what it holds) is committed without waiting for the disk: losing it to a power
    // cut only means pulling those rows again, and WAL keeps it atomic. So every page is committed
    // with synchronous=NORMAL (SQLite takes the setting only between transactions), and a page
    // that wrote a row, held one or renumbered a pending creation is then made durable at once by
    // a second commit with synchronous=FULL, which syncs the log with this page in it.
    const bool relaxed = relaxSync(true);
    auto page = [&]() -> Result<AppliedPage> {
        Transaction tx(m_db);
        if (!tx.isOpen())
            return tx.beginError();
        auto applied = applyRowsIndexedAtEnd(
            std::span<const InboundRow>(rows.constData(), rows.size()));
        if (!applied)
            return applied.error();
        if (Status s = setMeta(m_db, QString::fromLatin1(SyncKey::PullCursor),
                               QString::number(nextCursor));
            !s)
            return s.error();
        if (Status s = tx.commit(); !s)
            return s.error();
        return applied;
    }();
    if (relaxed && !relaxSync(false))
        return storageError(QStringLiteral("sync"), m_db.lastError());
    if (!page || !relaxed || (page->written == 0 && page->held == 0))
        return page;
    // The second commit must write a page of its own: SQLite writes nothing for a value set to
    // what it already is, and a commit that wrote nothing syncs nothing.
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.beginError();
    if (Status s = setMeta(m_db, QStringLiteral("pull_synced"),
                           QStringLiteral("%1 %2")
                               .arg(nextCursor)
                               .arg(QDateTime::currentMSecsSinceEpoch()));
        !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return page;
}

Result<int> Inbound::applyDeferred()
{
    {
        QSqlQuery any(m_db);
        if (!any.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM sync_deferred)")) || !any.next())
            return storageError(QStringLiteral("sync_deferred"), any.lastError().text());
        if (!any.value(0).toBool())
            return 0;
    }
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.beginError();
    Outbox outbox(m_db);
    QList<InboundRow> rows;
    QSqlQuery q(m_db);
    if (!q.exec(
            QStringLiteral("SELECT entity, entity_id, seq, row FROM sync_deferred ORDER BY seq")))
        return storageError(QStringLiteral("sync_deferred"), q.lastError().text());
    while (q.next())
        rows << InboundRow{q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(),
                           QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object()};
    q.finish();
    int applied = 0;
    for (const InboundRow &r : std::as_const(rows)) {
        if (!outbox.heldColumns(r.id).isEmpty())
            continue; // still held: it waits for the next answer
        q.prepare(QStringLiteral("DELETE FROM sync_deferred WHERE entity = ? AND entity_id = ?"));
        q.addBindValue(r.entity);
        q.addBindValue(r.id);
        if (!q.exec())
            return storageError(QStringLiteral("sync_deferred"), q.lastError().text());
        bool held = false;
        auto done = applyRow(r, &outbox, &held, false);
        if (!done)
            return done.error();
        applied += *done;
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return applied;
}

Status Inbound::adoptRow(const InboundRow &row)
{
    Outbox outbox(m_db);
    bool held = false;
    auto r = applyRow(row, &outbox, &held, true);
    if (!r)
        return r.error();
    return Ok{};
}

qint64 Inbound::syncedRowCount()
{
    qint64 n = 0;
    QSqlQuery q(m_db);
    for (const Protocol::Table &t : Protocol::syncedTables())
        if (q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(t.name)) && q.next())
            n += q.value(0).toLongLong();
    return n;
}

} // namespace Relais
