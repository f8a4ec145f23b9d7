// What a desk reads: pull pages of the change log, snapshot pages of a table, per-table checksums,
// and blocks of subscriber numbers leased to a desk. docs/api.md.

#include "sqlserverstore_p.h"

#include <QSqlError>

#include <sqlite3.h>

namespace Relais::Server {

using namespace Protocol;
using detail::InListChunk;
using detail::isoUtc;
using detail::newId;
using detail::placeholders;
using detail::storage;
using detail::tr;

Result<PullPage> SqlServerStore::pull(const Caller &caller, qint64 since, int limit,
                                      const QString &deskId)
{
    PullPage page;
    Tx tx(*this, beginReadSql());
    if (!tx.isOpen())
        return tx.error();
    auto ep = epochAndStart();
    if (!ep)
        return ep.error();
    std::tie(page.epoch, page.epochStart) = *ep;
    auto h = publisherHead(caller.publisherId);
    if (!h)
        return h.error();
    page.head = *h;
    auto q = run(QStringLiteral(
                     "SELECT seq, entity, entity_id, row_json FROM change_log WHERE owner_id = ? "
                     "AND seq > ? ORDER BY seq LIMIT ?"),
                 {caller.publisherId, since, qint64(limit) + 1});
    if (!q)
        return q.error();
    while ((*q)->next()) {
        if (page.changes.size() == limit) {
            page.more = true;
            break;
        }
        page.changes << RawChange{(*q)->value(0).toLongLong(), (*q)->value(1).toString(),
                                  (*q)->value(2).toString(), (*q)->value(3).toString().toUtf8()};
    }
    (*q)->finish();
    // Without more rows the cursor moves to the publisher's head (never back).
    page.next = page.more ? page.changes.last().seq : qMax(page.head, since);
    if (!deskId.isEmpty()) {
        auto dq = run(QStringLiteral(
                          "SELECT last_seq, backup_seq FROM desks WHERE id = ? AND owner_id = ?"),
                      {deskId, caller.publisherId});
        if (!dq)
            return dq.error();
        if ((*dq)->next()) {
            page.deskLastSeq = (*dq)->value(0).toLongLong();
            page.deskBackupSeq = (*dq)->value(1).toLongLong();
        }
        (*dq)->finish();
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    if (page.deskLastSeq >= 0)
        noteDeskPull(deskId); // the desks at a glance: when it last pulled
    return page;
}

Result<SnapshotPage> SqlServerStore::snapshot(const Caller &caller, const QString &tableName,
                                              const QString &after, int limit)
{
    SnapshotPage page;
    const Table *table = tableByName(tableName.isEmpty() ? syncedTables().first().name : tableName);
    if (!table)
        return Error::invalid({Issue{QStringLiteral("table"), QStringLiteral("entity.unknown"),
                                     tr("%1 is not a synced table.").arg(tableName)}});
    page.table = table->name;
    Tx tx(*this, beginReadSql());
    if (!tx.isOpen())
        return tx.error();
    auto ep = epoch();
    if (!ep)
        return ep.error();
    page.epoch = *ep;
    auto h = publisherHead(caller.publisherId);
    if (!h)
        return h.error();
    page.head = *h;
    if (after.isEmpty() && table->name == syncedTables().first().name) {
        // The first page tells how many rows the whole snapshot holds (read in this same snapshot).
        page.total = 0;
        for (const Table &t : syncedTables()) {
            auto c = run(QStringLiteral("SELECT count(*) FROM %1 WHERE owner_id = ?").arg(t.name),
                         {caller.publisherId});
            if (!c)
                return c.error();
            page.total += (*c)->next() ? (*c)->value(0).toLongLong() : 0;
            (*c)->finish();
        }
    }
    QStringList cols{QStringLiteral("id")};
    for (const Column &c : table->columns)
        cols << c.name;
    cols << QStringLiteral("rev") << QStringLiteral("updated_at") << QStringLiteral("updated_by");
    QStringList pairs;
    for (const QString &c : cols)
        pairs << u'\'' + c + QStringLiteral("', ") + c;
    auto q = run(QStringLiteral(
                     "SELECT id, %1(%2) FROM %3 WHERE owner_id = ? AND id > ? ORDER BY id LIMIT ?")
                     .arg(jsonObjectFunction(), pairs.join(QStringLiteral(", ")), table->name),
                 {caller.publisherId, after.isNull() ? QStringLiteral("") : after,
                  qint64(limit) + 1});
    if (!q)
        return q.error();
    bool more = false;
    QString lastId;
    while ((*q)->next()) {
        if (page.rows.size() == limit) {
            more = true;
            break;
        }
        lastId = (*q)->value(0).toString();
        page.rows << (*q)->value(1).toString().toUtf8();
    }
    (*q)->finish();
    if (more) {
        page.nextAfter = lastId;
        page.nextTable = table->name;
    } else {
        const QList<Table> &all = syncedTables();
        for (int i = 0; i + 1 < all.size(); ++i)
            if (all.at(i).name == table->name)
                page.nextTable = all.at(i + 1).name;
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return page;
}

namespace {
// One value of a compared column in its canonical form (checksum.h), from SQLite's own storage:
// what QSQLITE's QVariant would give through appendCanonicalValue, without a QVariant for the
// usual cases (an integer column holding an integer, a text column holding text).
void appendCanonicalSqlite(QByteArray &out, ColumnType type, sqlite3_stmt *stmt, int i)
{
    const int storage = sqlite3_column_type(stmt, i);
    if (storage == SQLITE_NULL) {
        out += "null";
    } else if (type == ColumnType::Integer && storage == SQLITE_INTEGER) {
        out += QByteArray::number(sqlite3_column_int64(stmt, i));
    } else if (type == ColumnType::Text && storage == SQLITE_TEXT) {
        appendJsonUtf8(out, reinterpret_cast<const char *>(sqlite3_column_text(stmt, i)),
                       sqlite3_column_bytes(stmt, i));
    } else {
        // A value of another storage class than its column's (none written by Relais): the
        // QVariant QSQLITE would have made, through the one canonical conversion.
        QVariant v;
        switch (storage) {
        case SQLITE_INTEGER: v = qlonglong(sqlite3_column_int64(stmt, i)); break;
        case SQLITE_FLOAT: v = sqlite3_column_double(stmt, i); break;
        case SQLITE_BLOB:
            v = QByteArray(static_cast<const char *>(sqlite3_column_blob(stmt, i)),
                           sqlite3_column_bytes(stmt, i));
            break;
        default:
            v = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, i)),
                                  sqlite3_column_bytes(stmt, i));
            break;
        }
        appendCanonicalValue(out, type, v);
    }
}
} // namespace

// SQLite: one statement stepped through SQLite's own interface, each row's canonical line written
// from SQLite's UTF-8 (the QtSql reader below made a QVariant and a QString per value: most of the
// time of `relais-server verify`'s read-back, measured at 1,000,000 subscribers).
Result<TableSum> SqlServerStore::tableChecksumSqlite(sqlite3 *lite, const Table &table,
                                                     const QString &publisherId, bool *inOrder)
{
    if (Status s = flushPending(); !s) // the rows a push held back, as run() would
        return s.error();
    const QStringList columns = checksumColumns(table);
    const QString sql = QStringLiteral("SELECT id, %1 FROM %2 WHERE owner_id = ? ORDER BY id")
                            .arg(columns.join(u','), table.name);
    const QByteArray sqlUtf8 = sql.toUtf8();
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(lite, sqlUtf8.constData(), int(sqlUtf8.size()), &stmt, nullptr)
        != SQLITE_OK)
        return Error::make(ErrorKind::Storage, QStringLiteral("storage"),
                           sql + QStringLiteral(": ") + QString::fromUtf8(sqlite3_errmsg(lite)));
    const QByteArray publisher = publisherId.toUtf8();
    sqlite3_bind_text(stmt, 1, publisher.constData(), int(publisher.size()), SQLITE_TRANSIENT);
    TableChecksum sum(table);
    const QList<ColumnType> &types = sum.types();
    const int n = int(types.size());
    QByteArray line;
    line.reserve(1024);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const auto *id = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0));
        const int idSize = sqlite3_column_bytes(stmt, 0);
        line.truncate(0);
        line += '[';
        appendJsonUtf8(line, id, idSize);
        for (int i = 0; i < n; ++i) {
            line += ',';
            appendCanonicalSqlite(line, types.at(i), stmt, i + 1);
        }
        line += "]\n";
        sum.addCanonicalLine(QByteArrayView(id, idSize), line);
    }
    const QString why = QString::fromUtf8(sqlite3_errmsg(lite));
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        return Error::make(ErrorKind::Storage, QStringLiteral("storage"),
                           sql + QStringLiteral(": ") + why);
    *inOrder = sum.inOrder();
    return sum.sum();
}

Result<TableSum> SqlServerStore::tableChecksum(const Table &table, const QString &publisherId,
                                               const QString &idOrder, bool *inOrder)
{
    if (sqlite3 *lite = sqliteHandle(m_db))
        return tableChecksumSqlite(lite, table, publisherId, inOrder);
    constexpr int Page = 5000;
    const QStringList columns = checksumColumns(table);
    const QString
        sql = QStringLiteral(
                  "SELECT id, %1 FROM %2 WHERE owner_id = ? AND %3 > ? ORDER BY %3 LIMIT %4")
                  .arg(columns.join(u','), table.name, idOrder)
                  .arg(Page);
    TableChecksum sum(table);
    QString after = QStringLiteral("");
    QVariantList values;
    for (;;) {
        auto q = run(sql, {publisherId, after});
        if (!q)
            return q.error();
        int rows = 0;
        while ((*q)->next()) {
            ++rows;
            values.clear();
            for (int i = 0; i < columns.size(); ++i)
                values << (*q)->value(i + 1);
            after = (*q)->value(0).toString();
            sum.addRow(after, values);
        }
        (*q)->finish();
        if (rows < Page)
            break;
    }
    *inOrder = sum.inOrder();
    return sum.sum();
}

Result<ChecksumsAnswer> SqlServerStore::checksums(const QString &publisherId)
{
    ChecksumsAnswer out;
    Tx tx(*this, beginReadSql());
    if (!tx.isOpen())
        return tx.error();
    auto ep = epoch();
    if (!ep)
        return ep.error();
    out.epoch = *ep;
    auto h = publisherHead(publisherId);
    if (!h)
        return h.error();
    out.head = *h;
    for (const Table *t : checksumTables()) {
        // Pages in the index's order first (fast); ids are lower-case UUIDs, which every usual
        // collation sorts in byte order. Should one not, the table is read again in byte order
        // (COLLATE "C" on PostgreSQL: correct, but sorted without the index).
        bool inOrder = true;
        auto sum = tableChecksum(*t, publisherId, QStringLiteral("id"), &inOrder);
        if (sum && !inOrder && idByteOrderSql() != u"id")
            sum = tableChecksum(*t, publisherId, idByteOrderSql(), &inOrder);
        if (!sum)
            return sum.error();
        if (!inOrder)
            return Error::make(ErrorKind::Storage, QStringLiteral("checksum.order"),
                               tr("The rows of %1 cannot be read in byte order of their ids.")
                                   .arg(t->name));
        out.tables << *sum;
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return out;
}

Result<NumberLease> SqlServerStore::leaseNumbers(const Caller &caller, const QString &deskId,
                                                 int count)
{
    Tx tx(*this, beginWriteSql());
    if (!tx.isOpen())
        return tx.error();
    // Under the lock pushes take: a lease then sees every subscriber number committed before it,
    // and a push sees every block leased before it (on PostgreSQL both would otherwise race).
    if (auto locked = lockGlobalSequence(); !locked)
        return locked.error();
    auto dq = run(QStringLiteral("SELECT owner_id FROM desks WHERE id = ?"), {deskId});
    if (!dq)
        return dq.error();
    if ((*dq)->next()) {
        const QString owner = (*dq)->value(0).toString();
        (*dq)->finish();
        if (owner != caller.publisherId)
            return Error::make(ErrorKind::Conflict, QString::fromUtf16(PushError::DeskForbidden),
                               tr("This desk belongs to another publisher."));
    } else {
        (*dq)->finish();
        if (Status s = exec(QStringLiteral(
                                "INSERT INTO desks (id, owner_id, last_seq, registered_at, "
                                "registered_by) VALUES (?, ?, 0, ?, ?)"),
                            {deskId, caller.publisherId, isoUtc(QDateTime::currentDateTimeUtc()),
                             caller.userName});
            !s)
            return s.error();
    }
    // Numbers a desk gave out before it ever leased (offline from day one) are skipped too.
    auto mq = run(QStringLiteral(
                      "SELECT coalesce(max(number), 0) FROM subscriber WHERE owner_id = ?"),
                  {caller.publisherId});
    if (!mq)
        return mq.error();
    const qint64 used = (*mq)->next() ? (*mq)->value(0).toLongLong() : 0;
    (*mq)->finish();
    auto q = run(
        QStringLiteral(
            "UPDATE publisher SET number_next = (CASE WHEN number_next > ? THEN number_next "
            "ELSE ? END) + ? WHERE id = ? RETURNING number_next"),
        {used, used + 1, qint64(count), caller.publisherId});
    if (!q)
        return q.error();
    if (!(*q)->next())
        return Error::make(ErrorKind::NotFound, QStringLiteral("publisher.unknown"),
                           tr("Unknown publisher."));
    const qint64 next = (*q)->value(0).toLongLong();
    (*q)->finish();
    NumberLease lease{next - count, next - 1};
    if (Status
            s = exec(QStringLiteral(
                         "INSERT INTO number_leases (owner_id, first_number, last_number, desk_id, "
                         "leased_by, leased_at) VALUES (?, ?, ?, ?, ?, ?)"),
                     {caller.publisherId, lease.first, lease.last, deskId, caller.userName,
                      isoUtc(QDateTime::currentDateTimeUtc())});
        !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return lease;
}

} // namespace Relais::Server
