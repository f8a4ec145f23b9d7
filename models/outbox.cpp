#include "outbox.h"

#include "database.h"
#include "schema.h"
#include "writepath.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace Relais {

namespace {

QJsonObject objectOf(const QString &json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

// Stored values as the wire types them: the table's column types decide (a JSON number read back
// is a whole number for an INTEGER column, text stays text, null stays null).
QVariantMap typedColumns(const QString &entity, const QString &json)
{
    const QJsonObject o = objectOf(json);
    const Protocol::Table *table = Protocol::tableByName(entity);
    QVariantMap out;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const Protocol::Column *c = table ? Protocol::columnOf(*table, it.key()) : nullptr;
        if (c && c->nullable && it.value().isString() && it.value().toString().isEmpty()) {
            // Outboxes written before cleared values travelled as null held "" for them.
            out.insert(it.key(), QVariant());
        } else if (c) {
            if (auto v = Protocol::columnValueFromJson(*c, it.value()))
                out.insert(it.key(), *v);
            else
                out.insert(it.key(), it.value().toVariant());
        } else {
            out.insert(it.key(), it.value().toVariant());
        }
    }
    return out;
}

QString jsonValueText(const QVariant &v)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray{Protocol::columnValueToJson(v)}).toJson(QJsonDocument::Compact));
}

QVariant jsonValueFromText(const QString &text)
{
    const QJsonArray a = QJsonDocument::fromJson(text.toUtf8()).array();
    if (a.isEmpty() || a.at(0).isNull())
        return QVariant();
    const QJsonValue v = a.at(0);
    if (v.isDouble())
        return QVariant(qint64(v.toInteger()));
    return v.toVariant();
}

QueuedOperation readOperation(const QSqlQuery &q)
{
    QueuedOperation o;
    o.seq = q.value(0).toLongLong();
    o.opId = q.value(1).toString();
    o.deskId = q.value(2).toString();
    o.operation = q.value(3).toString();
    o.entity = q.value(4).toString();
    o.entityId = q.value(5).toString();
    o.fields = typedColumns(o.entity, q.value(6).toString());
    o.base = typedColumns(o.entity, q.value(7).toString());
    o.clerk = q.value(8).toString();
    o.at = q.value(9).toString();
    o.schemaVersion = q.value(10).toInt();
    o.state = q.value(11).toString();
    o.serverRev = q.value(12).toLongLong();
    const QJsonObject result = objectOf(q.value(13).toString());
    o.resultCode = result.value(QStringLiteral("code")).toString();
    o.resultMessage = result.value(QStringLiteral("message")).toString();
    o.sentAt = q.value(14).toString();
    o.answeredAt = q.value(15).toString();
    return o;
}

const char
    *const kOperationColumns = "seq, op_id, desk_id, operation, entity, entity_id, fields, base, "
                               "clerk, at, schema_version, state, server_rev, result, sent_at, "
                               "answered_at";

} // namespace

Outbox::Outbox(QSqlDatabase db) : m_db(std::move(db)) {}

Result<QList<Protocol::PushOperation>> Outbox::pendingBatch(int max, qint64 after)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // While an import runs (models/importguard.h), nothing numbered at or after its first number
    // leaves: its operations and a clerk's saves made meanwhile are numbered together, and the
    // server accepts numbers only without a gap. One statement, so that the import's entry and
    // the operations are read at the same moment.
    q.prepare(
        QStringLiteral(
            "SELECT %1 FROM outbox WHERE state = 'pending' AND seq > ? AND seq < coalesce((SELECT "
            "CAST(value ->> '$.first_seq' AS INTEGER) FROM meta WHERE key = 'import_running'), "
            "9223372036854775807) ORDER BY seq LIMIT ?")
            .arg(QLatin1StringView(kOperationColumns)));
    q.addBindValue(after);
    q.addBindValue(max);
    if (!q.exec())
        return storageError(QStringLiteral("outbox"), q.lastError().text());
    QList<Protocol::PushOperation> ops;
    while (q.next()) {
        const QueuedOperation o = readOperation(q);
        Protocol::PushOperation p;
        p.seq = o.seq;
        p.opId = o.opId;
        p.operation = o.operation;
        p.entity = o.entity;
        p.entityId = o.entityId;
        p.fields = o.fields;
        p.base = o.base;
        p.clerk = o.clerk;
        p.at = o.at;
        p.schemaVersion = o.schemaVersion;
        // A subscriber whose number is still pending (created offline after the block ran out)
        // is not sent, nor anything after it: the sync engine numbers it first.
        if (p.entity == u"subscriber" && p.isCreate()
            && p.fields.value(QStringLiteral("number")).toLongLong() < 0)
            break;
        ops << p;
    }
    return ops;
}

Result<RecordedResults> Outbox::recordResults(const QList<Protocol::OpResult> &results,
                                              qint64 lastSeq)
{
    RecordedResults counts;
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.beginError();
    const QString now = nowUtcIso();
    // Statements prepared once for the whole answer (up to 1,000 results): preparing them per
    // result, and reading each operation whole, cost more than the writes.
    QSqlQuery find(m_db);
    find.prepare(
        QStringLiteral("SELECT op_id, state, entity, entity_id FROM outbox WHERE seq = ?"));
    QSqlQuery update(m_db);
    update.prepare(
        QStringLiteral("UPDATE outbox SET state = ?, server_rev = ?, result = ?, answered_at = ? "
                       "WHERE seq = ?"));
    QSqlQuery conflict(m_db);
    conflict.prepare(
        QStringLiteral("INSERT INTO sync_conflict (op_seq, op_id, entity, entity_id, field, "
                       "base, mine, server, detected_at) VALUES (?,?,?,?,?,?,?,?,?)"));
    QHash<QString, QSqlQuery> revs;
    for (const Protocol::OpResult &r : results) {
        find.addBindValue(r.seq);
        if (!find.exec())
            return storageError(QStringLiteral("outbox"), find.lastError().text());
        if (!find.next() || find.value(0).toString() != r.opId) {
            find.finish();
            continue; // not ours (purged, or an answer to another numbering): nothing to record
        }
        const QString currentState = find.value(1).toString();
        const QString entity = find.value(2).toString();
        const QString entityId = find.value(3).toString();
        find.finish();
        if (r.repeated)
            ++counts.repeated;
        if (currentState != u"pending"
            && !(currentState == u"acked" && r.status != Protocol::OpStatus::Applied))
            continue; // already recorded: a lost answer came again
        QString state;
        switch (r.status) {
        case Protocol::OpStatus::Applied:
            state = QStringLiteral("acked");
            ++counts.applied;
            break;
        case Protocol::OpStatus::Conflict:
            state = QStringLiteral("conflict");
            ++counts.conflicts;
            break;
        case Protocol::OpStatus::Rejected:
            state = QStringLiteral("rejected");
            ++counts.rejected;
            break;
        }
        update.addBindValue(state);
        update.addBindValue(r.rev);
        // An applied result needs no copy: its state and rev say everything.
        update.addBindValue(
            r.status == Protocol::OpStatus::Applied && !r.repeated
                ? QString()
                : QString::fromUtf8(QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact)));
        update.addBindValue(now);
        update.addBindValue(r.seq);
        if (!update.exec())
            return storageError(QStringLiteral("outbox"), update.lastError().text());
        for (const Protocol::FieldConflict &c : r.conflicts) {
            for (const QVariant &v :
                 {QVariant(r.seq), QVariant(r.opId), QVariant(entity), QVariant(entityId),
                  QVariant(c.field), QVariant(jsonValueText(c.base)),
                  QVariant(jsonValueText(c.desk)), QVariant(jsonValueText(c.server)),
                  QVariant(now)})
                conflict.addBindValue(v);
            if (!conflict.exec())
                return storageError(QStringLiteral("sync_conflict"), conflict.lastError().text());
        }
        if (r.rev > 0 && Protocol::tableByName(entity)) {
            // The row now stands at the change's number: a pulled change older than it (numbered
            // before) must not put back values this desk just sent.
            auto it = revs.find(entity);
            if (it == revs.end()) {
                it = revs.insert(entity, QSqlQuery(m_db));
                it->prepare(
                    QStringLiteral("UPDATE %1 SET rev = ? WHERE id = ? AND rev < ?").arg(entity));
            }
            it->addBindValue(r.rev);
            it->addBindValue(entityId);
            it->addBindValue(r.rev);
            if (!it->exec())
                return storageError(entity, it->lastError().text());
        }
    }
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("INSERT INTO meta(key, value) VALUES ('desk_acked_seq', ?) ON CONFLICT(key) "
                       "DO UPDATE SET value = excluded.value"));
    q.addBindValue(QString::number(lastSeq));
    if (!q.exec())
        return storageError(QStringLiteral("meta"), q.lastError().text());
    if (Status s = tx.commit(); !s)
        return s.error();
    return counts;
}

Result<int> Outbox::purgeUpTo(qint64 backupSeq)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM outbox WHERE state = 'acked' AND seq <= ?"));
    q.addBindValue(backupSeq);
    if (!q.exec())
        return storageError(QStringLiteral("outbox"), q.lastError().text());
    return q.numRowsAffected();
}

Result<int> Outbox::resendAfter(qint64 serverLastSeq, qint64 *lostPurged)
{
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.beginError();
    QSqlQuery q(m_db);
    if (lostPurged) {
        // Numbers the server no longer has, acknowledged to this desk, and no longer in the outbox.
        q.prepare(QStringLiteral(
            "SELECT coalesce((SELECT min(seq) FROM outbox WHERE seq > ?), "
            "(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'desk_acked_seq') + 1, ?)"));
        q.addBindValue(serverLastSeq);
        q.addBindValue(serverLastSeq + 1);
        if (!q.exec() || !q.next())
            return storageError(QStringLiteral("outbox"), q.lastError().text());
        *lostPurged = qMax<qint64>(0, q.value(0).toLongLong() - serverLastSeq - 1);
        q.finish();
    }
    // Conflicts recorded for operations the server lost are void: the operation is applied again.
    q.prepare(QStringLiteral("DELETE FROM sync_conflict WHERE resolved_at IS NULL AND op_seq > ?"));
    q.addBindValue(serverLastSeq);
    if (!q.exec())
        return storageError(QStringLiteral("sync_conflict"), q.lastError().text());
    q.prepare(QStringLiteral(
        "UPDATE outbox SET state = 'pending', server_rev = NULL, result = NULL, "
        "answered_at = NULL WHERE seq > ? AND state IN ('acked', 'conflict', 'rejected')"));
    q.addBindValue(serverLastSeq);
    if (!q.exec())
        return storageError(QStringLiteral("outbox"), q.lastError().text());
    const int n = q.numRowsAffected();
    q.prepare(
        QStringLiteral("INSERT INTO meta(key, value) VALUES ('desk_acked_seq', ?) ON CONFLICT(key) "
                       "DO UPDATE SET value = excluded.value"));
    q.addBindValue(QString::number(serverLastSeq));
    if (!q.exec())
        return storageError(QStringLiteral("meta"), q.lastError().text());
    if (Status s = tx.commit(); !s)
        return s.error();
    return n;
}

QList<QueuedOperation> Outbox::operations(const QStringList &states, int limit)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    QString where;
    if (!states.isEmpty()) {
        QStringList marks;
        marks.fill(QStringLiteral("?"), states.size());
        where = QStringLiteral(" WHERE state IN (") + marks.join(u',') + u')';
    }
    q.prepare(QStringLiteral("SELECT %1 FROM outbox%2 ORDER BY seq LIMIT ?")
                  .arg(QLatin1StringView(kOperationColumns), where));
    for (const QString &s : states)
        q.addBindValue(s);
    q.addBindValue(limit);
    QList<QueuedOperation> out;
    if (!q.exec())
        return out;
    while (q.next())
        out << readOperation(q);
    return out;
}

std::optional<QueuedOperation> Outbox::operation(qint64 seq)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM outbox WHERE seq = ?")
                  .arg(QLatin1StringView(kOperationColumns)));
    q.addBindValue(seq);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return readOperation(q);
}

OutboxSummary Outbox::summary()
{
    OutboxSummary s;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT state, count(*), min(at) FROM outbox GROUP BY state"))) {
        while (q.next()) {
            const QString state = q.value(0).toString();
            if (state == u"pending") {
                s.pending = q.value(1).toLongLong();
                s.oldestPendingAt = q.value(2).toString();
            } else if (state == u"acked" || state == u"conflict") {
                s.acked += q.value(1).toLongLong();
            } else if (state == u"rejected") {
                s.rejected = q.value(1).toLongLong();
            }
        }
    }
    if (q.exec(QStringLiteral("SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL"))
        && q.next())
        s.conflicts = q.value(0).toLongLong();
    if (s.pending > 0
        && q.exec(QStringLiteral(
            "SELECT count(*) FROM outbox WHERE state = 'pending' AND seq >= (SELECT "
            "CAST(value ->> '$.first_seq' AS INTEGER) FROM meta WHERE key = 'import_running')"))
        && q.next())
        s.heldByImport = q.value(0).toLongLong();
    return s;
}

QList<OpenConflict> Outbox::openConflicts(const QString &entityId)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT c.id, c.op_seq, c.op_id, coalesce(o.operation, ''), c.entity, c.entity_id, "
        "c.field, c.base, c.mine, c.server, coalesce(o.clerk, ''), coalesce(o.at, ''), "
        "c.detected_at FROM sync_conflict c LEFT JOIN outbox o ON o.seq = c.op_seq "
        "WHERE c.resolved_at IS NULL AND (? = '' OR c.entity_id = ?) ORDER BY c.id"));
    // A null QString binds as SQL NULL, and "NULL = ''" is never true: the default (every
    // conflict) must bind an empty text, or the list comes back empty.
    const QString id = entityId.isNull() ? QStringLiteral("") : entityId;
    q.addBindValue(id);
    q.addBindValue(id);
    QList<OpenConflict> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        OpenConflict c;
        c.id = q.value(0).toLongLong();
        c.opSeq = q.value(1).toLongLong();
        c.opId = q.value(2).toString();
        c.operation = q.value(3).toString();
        c.entity = q.value(4).toString();
        c.entityId = q.value(5).toString();
        c.field = q.value(6).toString();
        c.base = jsonValueFromText(q.value(7).toString());
        c.mine = jsonValueFromText(q.value(8).toString());
        c.server = jsonValueFromText(q.value(9).toString());
        c.clerk = q.value(10).toString();
        c.at = q.value(11).toString();
        c.detectedAt = q.value(12).toString();
        out << c;
    }
    return out;
}

QSet<QString> Outbox::heldColumns(const QString &entityId)
{
    QSet<QString> held;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT fields, operation FROM outbox WHERE entity_id = ? AND state "
                             "IN ('pending', 'rejected')"));
    q.addBindValue(entityId);
    if (q.exec()) {
        while (q.next()) {
            const QJsonObject o = objectOf(q.value(0).toString());
            for (auto it = o.constBegin(); it != o.constEnd(); ++it)
                held.insert(it.key());
            // A queued create holds the row's existence too, though `deleted` is not among its
            // fields: a server restored from an older backup announces a tombstone for the row
            // it lost, and that tombstone must not delete the row this desk is about to re-send
            // (the create coming back later carries the desk's own number and is not rewritten).
            if (q.value(1).toString().endsWith(QLatin1StringView(".create")))
                held.insert(QStringLiteral("deleted"));
        }
    }
    q.prepare(QStringLiteral(
        "SELECT field FROM sync_conflict WHERE entity_id = ? AND resolved_at IS NULL"));
    q.addBindValue(entityId);
    if (q.exec())
        while (q.next())
            held.insert(q.value(0).toString());
    return held;
}

bool Outbox::holdsAnything()
{
    QSqlQuery q(m_db);
    return q.exec(QStringLiteral(
               "SELECT EXISTS (SELECT 1 FROM outbox WHERE state IN ('pending', 'rejected')) "
               "OR EXISTS (SELECT 1 FROM sync_conflict WHERE resolved_at IS NULL)"))
           && q.next() && q.value(0).toBool();
}

Status Outbox::markResolved(qint64 conflictId, const QString &resolution, const QString &clerk)
{
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("UPDATE sync_conflict SET resolved_at = ?, resolution = ?, resolved_by = ? "
                       "WHERE id = ? AND resolved_at IS NULL RETURNING op_seq"));
    q.addBindValue(nowUtcIso());
    q.addBindValue(resolution);
    q.addBindValue(clerk);
    q.addBindValue(conflictId);
    if (!q.exec())
        return storageError(QStringLiteral("sync_conflict"), q.lastError().text());
    if (!q.next())
        return Error::make(ErrorKind::NotFound, QStringLiteral("conflict.unknown"),
                           QCoreApplication::translate("Relais",
                                                       "There is no open conflict number %1.")
                               .arg(conflictId));
    const qint64 opSeq = q.value(0).toLongLong();
    q.finish();
    // The operation is settled once none of its fields waits any more.
    q.prepare(QStringLiteral(
        "UPDATE outbox SET state = 'acked' WHERE seq = ? AND state = 'conflict' AND NOT EXISTS "
        "(SELECT 1 FROM sync_conflict WHERE op_seq = ? AND resolved_at IS NULL)"));
    q.addBindValue(opSeq);
    q.addBindValue(opSeq);
    if (!q.exec())
        return storageError(QStringLiteral("outbox"), q.lastError().text());
    return Ok{};
}

Status Outbox::markWithdrawn(qint64 seq, const QString &clerk)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE outbox SET state = 'withdrawn', answered_at = ?, "
                             "result = json_set(coalesce(result, '{}'), '$.withdrawn_by', ?) "
                             "WHERE seq = ? AND state = 'rejected'"));
    q.addBindValue(nowUtcIso());
    q.addBindValue(clerk);
    q.addBindValue(seq);
    if (!q.exec())
        return storageError(QStringLiteral("outbox"), q.lastError().text());
    if (q.numRowsAffected() != 1)
        return Error::make(ErrorKind::NotFound, QStringLiteral("operation.not_rejected"),
                           QCoreApplication::translate("Relais",
                                                       "Operation %1 is not a rejected operation.")
                               .arg(seq));
    return Ok{};
}

Result<int> Outbox::reregister(const QString &newDeskId, qint64 firstOwnSeq)
{
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.beginError();
    QSqlQuery q(m_db);
    // An import running on this desk numbers its operations as it commits them: renumbering under
    // it would part them from its entry in meta. The next round, after the import, does it.
    if (q.exec(QStringLiteral("SELECT 1 FROM meta WHERE key = 'import_running'")) && q.next())
        return Error::make(ErrorKind::Conflict, QStringLiteral("import.running"),
                           QCoreApplication::translate("Relais",
                                                       "An import is running on this desk; "
                                                       "sync goes on when it has finished."));
    q.finish();
    auto run = [&q](const QString &sql, const QVariantList &values) -> bool {
        q.prepare(sql);
        for (const QVariant &v : values)
            q.addBindValue(v);
        return q.exec();
    };
    // Below firstOwnSeq: on the server. What waits for a clerk stays, out of the new numbering.
    if (!run(QStringLiteral(
                 "DELETE FROM outbox WHERE seq < ? AND state IN ('pending', 'acked', 'withdrawn')"),
             {firstOwnSeq})
        || !run(QStringLiteral(
                    "UPDATE sync_conflict SET op_seq = -op_seq WHERE op_seq > 0 AND op_seq < ?"),
                {firstOwnSeq})
        || !run(QStringLiteral("UPDATE outbox SET seq = -seq WHERE seq > 0 AND seq < ?"),
                {firstOwnSeq}))
        return storageError(QStringLiteral("outbox"), q.lastError().text());
    // From firstOwnSeq: this copy's own operations, renumbered 1, 2, 3 ... (through a shift out of
    // the way, so that no number is taken twice while the rows move).
    constexpr qint64 Away = 1'000'000'000'000LL;
    if (!run(QStringLiteral("UPDATE outbox SET seq = seq + ? WHERE seq >= ?"), {Away, firstOwnSeq})
        || !run(QStringLiteral(
                    "UPDATE outbox SET seq = seq - ? - ? + 1, desk_id = ?, state = 'pending', "
                    "server_rev = NULL, result = NULL, answered_at = NULL WHERE seq >= ?"),
                {Away, firstOwnSeq, newDeskId, Away}))
        return storageError(QStringLiteral("outbox"), q.lastError().text());
    const int renumbered = q.numRowsAffected();
    // Subscribers this copy created and never got accepted: numbers pending, given again from the
    // new desk's block (Sync::Engine) before their creation leaves.
    if (!run(QStringLiteral("SELECT entity_id FROM outbox WHERE seq > 0 AND state = 'pending' AND "
                            "operation = 'subscriber.create' ORDER BY seq"),
             {}))
        return storageError(QStringLiteral("outbox"), q.lastError().text());
    QStringList created;
    while (q.next())
        created << q.value(0).toString();
    QSqlQuery low(m_db);
    if (!low.exec(QStringLiteral("SELECT min(0, coalesce(min(number), 0)) FROM subscriber"))
        || !low.next())
        return storageError(QStringLiteral("subscriber"), low.lastError().text());
    qint64 pending = low.value(0).toLongLong();
    low.finish();
    for (const QString &id : std::as_const(created)) {
        --pending;
        if (!run(QStringLiteral("UPDATE subscriber SET number = ? WHERE id = ?"), {pending, id})
            || !run(QStringLiteral("UPDATE outbox SET fields = json_set(fields, '$.number', ?) "
                                   "WHERE entity_id = ? "
                                   "AND operation = 'subscriber.create' AND state = 'pending'"),
                    {pending, id}))
            return storageError(QStringLiteral("subscriber"), q.lastError().text());
    }
    // The new desk: its id, its numbering, no block yet (the old one belongs to the other copy).
    const QList<std::pair<QString, QString>> meta =
        {{QStringLiteral("desk_id"), newDeskId},
         {QStringLiteral("desk_seq"), QString::number(renumbered)},
         {QStringLiteral("desk_acked_seq"), QStringLiteral("0")},
         {QStringLiteral("number_next"), QStringLiteral("2")},
         {QStringLiteral("number_end"), QStringLiteral("1")},
         {QStringLiteral("number_reserve"), QStringLiteral("")}};
    for (const auto &[key, value] : meta)
        if (!run(QStringLiteral(
                     "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                     "value = excluded.value"),
                 {key, value}))
            return storageError(QStringLiteral("meta"), q.lastError().text());
    if (Status s = tx.commit(); !s)
        return s.error();
    return renumbered;
}

qint64 Outbox::highestAcked()
{
    QSqlQuery q(m_db);
    if (q.exec(
            QStringLiteral("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'desk_acked_seq'"))
        && q.next())
        return q.value(0).toLongLong();
    return 0;
}

qint64 Outbox::lastDeskSeq()
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'desk_seq'"))
        && q.next())
        return q.value(0).toLongLong();
    return 0;
}

} // namespace Relais
