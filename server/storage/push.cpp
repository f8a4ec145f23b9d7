// A push, operation by operation: load the row as this push sees it, merge the desk's change into
// it, decide conflicts field by field, then write (held back and sent many rows at a time, see
// pushwrites.cpp). One transaction per push, under the global-sequence lock. docs/server.md, "Push".

#include "push_p.h"

#include "rules.h"
#include "validation.h"

#include <QFile>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QSqlError>
#include <QUuid>

#include <algorithm>

namespace Relais::Server {

using namespace Protocol;
using detail::deriveColumns;
using detail::derivedColumn;
using detail::InListChunk;
using detail::isoUtc;
using detail::kChangeLogColumns;
using detail::kInsertChunk;
using detail::kOpsColumns;
using detail::newId;
using detail::normalized;
using detail::placeholders;
using detail::referencedTable;
using detail::sameValue;
using detail::sqlFor;
using detail::storage;
using detail::tr;
using detail::uniqueColumnOf;
using detail::uniqueKeyOf;

namespace {

// Test only: with RELAIS_TEST_TX_MARKER=FILE the server appends one line to FILE at each step of a
// push transaction ("begin" once BEGIN ran, "commit" just before COMMIT, "committed" once it
// returned, "rolled back" when the push leaves without committing), each written straight to the
// OS (unbuffered), so that a test that kills the server with SIGKILL reads where the kill landed
// (tests/server/tst_server_faults). Unset, as in production: nothing is opened or written.
void markTransaction(const char *step)
{
    static QFile *const file = [] {
        const QString path = qEnvironmentVariable("RELAIS_TEST_TX_MARKER");
        if (path.isEmpty())
            return static_cast<QFile *>(nullptr);
        auto *f = new QFile(path); // lives as long as the process
        if (!f->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
            delete f;
            return static_cast<QFile *>(nullptr);
        }
        return f;
    }();
    if (file) {
        QByteArray line(step);
        line += '\n';
        file->write(line); // one write(2): a kill leaves the line whole or absent
    }
}

} // namespace

Status SqlServerStore::applyOne(PushContext &ctx, const PushOperation &op, OpResult &result)
{
    result.seq = op.seq;
    result.opId = op.opId;
    const Table *table = tableByName(op.entity);
    const auto reject = [&](const QString &code, const QString &message, Issues issues = {}) {
        result.status = OpStatus::Rejected;
        result.code = code;
        result.message = message;
        result.issues = std::move(issues);
    };
    if (op.entity == u"publisher") {
        reject(QStringLiteral("publisher.readonly"),
               tr("Publishers are managed on the server, not by desks."));
        return Ok{};
    }
    QVariantMap fields = op.fields;
    // The server decides which publisher a row belongs to, whatever the desk called it.
    fields.remove(QStringLiteral("publisher_id"));

    // A create does not look first: its INSERT ... ON CONFLICT DO NOTHING tells when the id (or a
    // unique code or number) is taken, and only then is the reason looked up.
    const QString key = table->name + u'/' + op.entityId;
    Current current;
    if (!op.isCreate()) {
        if (const auto cached = ctx.rows.constFind(key); cached != ctx.rows.constEnd()) {
            current = *cached;
        } else {
            auto loaded = loadRow(*table, op.entityId, ctx.caller.publisherId);
            if (!loaded)
                return loaded.error();
            current = std::move(*loaded);
        }
    }

    QVariantMap row;
    QStringList changed;
    if (op.isCreate()) {
        Issues missing;
        for (const Column &c : table->columns) {
            if (c.name == u"publisher_id") {
                row.insert(c.name, ctx.caller.publisherId);
            } else if (fields.contains(c.name)) {
                row.insert(c.name, normalized(c, fields.value(c.name)));
            } else if (c.required) {
                missing << Issue{c.name, QStringLiteral("field.required"),
                                 tr("A new record needs this field.")};
            } else {
                row.insert(c.name, c.defaultValue);
            }
            changed << c.name;
        }
        if (!missing.isEmpty()) {
            reject(QStringLiteral("invalid"), tr("The record is incomplete."), missing);
            return Ok{};
        }
        // Subscriber numbers come from blocks leased to desks, so that two desks offline never
        // give out the same one. A number inside another desk's block is refused; so is, for a desk
        // that holds a block, a number outside its blocks. A desk that never leased (it worked
        // offline before its first sync) may still use free numbers: nothing is ever renumbered,
        // and leases start above every number the publisher already has.
        if (ctx.checkLeases && table->name == u"subscriber"
            && row.value(QStringLiteral("deleted")).toLongLong() == 0) {
            const qint64 number = row.value(QStringLiteral("number")).toLongLong();
            const PushContext::Block *block = nullptr;
            for (const PushContext::Block &b : ctx.blocks)
                if (number >= b.first && number <= b.last)
                    block = &b;
            QString why;
            if (block && block->deskId != ctx.deskId)
                why = tr("Subscriber number %1 lies in a block of numbers leased to another desk.")
                          .arg(number);
            else if (!block && ctx.deskHasLease)
                why = tr("Subscriber number %1 lies outside the blocks of numbers leased to this "
                         "desk.")
                          .arg(number);
            if (!why.isEmpty()) {
                reject(QStringLiteral("number.not_leased"), why,
                       {Issue{QStringLiteral("number"), QStringLiteral("number.not_leased"), why}});
                return Ok{};
            }
        }
    } else {
        if (!current.mine) {
            reject(QStringLiteral("record.missing"),
                   tr("This record does not exist on the server."));
            return Ok{};
        }
        row = current.row;
        if (fields.contains(QStringLiteral("number")) && table->name == u"subscriber"
            && !sameValue(fields.value(QStringLiteral("number")),
                          row.value(QStringLiteral("number")))) {
            reject(QStringLiteral("number.readonly"), tr("A subscriber is never renumbered."),
                   {Issue{QStringLiteral("number"), QStringLiteral("number.readonly"),
                          tr("A subscriber is never renumbered.")}});
            return Ok{};
        }
        for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
            if (derivedColumn(*table, it.key()))
                continue; // the server derives it below, from the row it holds
            const Column *c = columnOf(*table, it.key());
            const QVariant mine = normalized(*c, it.value());
            const QVariant server = row.value(it.key());
            if (sameValue(server, mine))
                continue; // already so: nothing to apply, nothing to report
            // Every changed column of an update has its base (parsePushRequest refuses it otherwise).
            const QVariant base = normalized(*c, op.base.value(it.key()));
            if (sameValue(server, base) || op.override) {
                row.insert(it.key(), mine);
                changed << it.key();
            } else {
                result.conflicts << FieldConflict{it.key(), base, mine, server};
            }
        }
    }

    deriveColumns(*table, &row, &changed, op.isCreate());
    if (!changed.isEmpty()) {
        auto issues = checkRules(*table, op.entityId, row, ctx.caller.publisherId, changed,
                                 !op.isCreate());
        if (!issues)
            return issues.error();
        if (!issues->isEmpty()) {
            result.conflicts.clear();
            reject(QStringLiteral("rule.broken"), issues->first().message, *issues);
            return Ok{};
        }
    }
    result.status = result.conflicts.isEmpty() ? OpStatus::Applied : OpStatus::Conflict;
    if (changed.isEmpty())
        return Ok{};

    const qint64 seq = ctx.lastGlobal + 1;
    const QString clerk = ctx.caller.userName + u'/' + op.clerk;
    QVariantList values;
    if (op.isCreate()) {
        // `changed` holds every column, in the table's order (see above).
        values << op.entityId << ctx.caller.publisherId;
        for (const Column &c : table->columns)
            values << row.value(c.name);
        values << seq << ctx.now << clerk;
        if (ctx.takenIds.contains(key)) {
            auto same = sameRowThere(*table, op.entityId, ctx.caller.publisherId, row);
            if (!same)
                return same.error();
            if (*same)
                return Ok{}; // applied, nothing to write (see sameRowThere)
        }
        if (ctx.takenIds.contains(key) || ctx.batchIds.contains(key)) {
            reject(QStringLiteral("record.exists"), tr("This record already exists."));
            return Ok{};
        }
        const QString uniqueKey = uniqueKeyOf(*table, row);
        const bool mayCollide = ctx.unsafeTables.contains(table->name)
                                || (!uniqueKey.isEmpty()
                                    && (ctx.takenKeys.contains(uniqueKey)
                                        || ctx.batchKeys.contains(uniqueKey)));
        if (!mayCollide) {
            ctx.pendingInserts[table->name] << values;
            ctx.batchIds.insert(key);
            if (!uniqueKey.isEmpty())
                ctx.batchKeys.insert(uniqueKey);
            values.clear();
        }
    }
    if (op.isCreate() && values.isEmpty()) {
        // Held back (see PushContext).
    } else if (op.isCreate()) {
        auto q = run(sqlFor(*table).insert, values);
        if (!q)
            return q.error();
        const int inserted = (*q)->numRowsAffected();
        (*q)->finish();
        if (inserted != 1) {
            // Ids are global: one taken by another publisher cannot be reused either.
            auto existing = loadRow(*table, op.entityId, ctx.caller.publisherId);
            if (!existing)
                return existing.error();
            if (existing->exists) {
                auto same = sameRowThere(*table, op.entityId, ctx.caller.publisherId, row);
                if (!same)
                    return same.error();
                if (*same)
                    return Ok{}; // applied, nothing to write (see sameRowThere)
                reject(QStringLiteral("record.exists"), tr("This record already exists."));
                return Ok{};
            }
            auto checked = checkRules(*table, op.entityId, row, ctx.caller.publisherId, changed,
                                      true);
            if (!checked)
                return checked.error();
            Issues issues = *checked;
            if (issues.isEmpty()) // cannot happen: the insert had a reason to do nothing
                issues << Issue{QString(), QStringLiteral("record.duplicate"),
                                tr("This record duplicates another.")};
            reject(QStringLiteral("rule.broken"), issues.first().message, issues);
            return Ok{};
        }
        ctx.batchIds.insert(key);
        if (const QString uniqueKey = uniqueKeyOf(*table, row); !uniqueKey.isEmpty())
            ctx.batchKeys.insert(uniqueKey);
    } else {
        // Held back too, grouped by the columns it changes; a second update of the same row in
        // this push first sends the one waiting.
        if (ctx.pendingUpdateRows.contains(key))
            if (Status s = flushPending(); !s)
                return s;
        // A code, a number or a deletion changed: the bulk look-up of taken codes is stale.
        if (changed.contains(QStringLiteral("code")) || changed.contains(QStringLiteral("number"))
            || changed.contains(QStringLiteral("deleted")))
            ctx.unsafeTables.insert(table->name);
        QStringList columns = changed;
        columns << QStringLiteral("rev") << QStringLiteral("updated_at")
                << QStringLiteral("updated_by");
        const QString groupKey = table->name + u'|' + columns.join(u',');
        auto gi = ctx.updateGroupIndex.constFind(groupKey);
        if (gi == ctx.updateGroupIndex.constEnd()) {
            ctx.pendingUpdates << PushContext::UpdateGroup{table->name, columns, {}};
            gi = ctx.updateGroupIndex.insert(groupKey, int(ctx.pendingUpdates.size() - 1));
        }
        values << op.entityId;
        for (const QString &c : changed)
            values << row.value(c);
        values << seq << ctx.now << clerk;
        ctx.pendingUpdates[*gi].rows << values;
        ctx.pendingUpdateRows.insert(key);
    }
    // The row as pulled: every column, as it now stands.
    QByteArray json;
    json.reserve(512);
    json += "{\"id\":";
    JsonText::appendString(json, op.entityId);
    for (const Column &c : table->columns) {
        json += ",\"" + c.name.toLatin1() + "\":";
        JsonText::appendValue(json, row.value(c.name));
    }
    json += ",\"rev\":" + QByteArray::number(seq) + ",\"updated_at\":";
    JsonText::appendString(json, ctx.now);
    json += ",\"updated_by\":";
    JsonText::appendString(json, clerk);
    json += '}';
    ctx.changeRows << QVariantList{seq, ctx.caller.publisherId, table->name, op.entityId,
                                   QString::fromUtf8(json)};
    ctx.rows.insert(key, Current{true, true, row});
    ctx.lastGlobal = seq;
    result.rev = seq;
    ctx.advanced = true;
    return Ok{};
}

Status SqlServerStore::loadLeaseBlocks(PushContext &ctx, const PushRequest &request,
                                       qint64 lastSeqBefore)
{
    if (!ctx.checkLeases)
        return Ok{};
    qint64 low = MaxSafeInteger, high = 0;
    for (const PushOperation &op : request.ops) {
        if (op.seq <= lastSeqBefore || !op.isCreate() || op.entity != u"subscriber")
            continue;
        const qint64 n = op.fields.value(QStringLiteral("number")).toLongLong();
        low = qMin(low, n);
        high = qMax(high, n);
    }
    if (high == 0)
        return Ok{}; // no subscriber created
    // Only the blocks that can hold one of the numbers: a publisher gathers many over the years.
    auto q = run(QStringLiteral("SELECT first_number, last_number, desk_id FROM number_leases "
                                "WHERE owner_id = ? AND last_number >= ? AND first_number <= ?"),
                 {ctx.caller.publisherId, low, high});
    if (!q)
        return q.error();
    while ((*q)->next())
        ctx.blocks << PushContext::Block{(*q)->value(0).toLongLong(), (*q)->value(1).toLongLong(),
                                         (*q)->value(2).toString()};
    (*q)->finish();
    auto dq = run(QStringLiteral(
                      "SELECT 1 FROM number_leases WHERE owner_id = ? AND desk_id = ? LIMIT 1"),
                  {ctx.caller.publisherId, ctx.deskId});
    if (!dq)
        return dq.error();
    ctx.deskHasLease = (*dq)->next();
    (*dq)->finish();
    return Ok{};
}

Result<qint64> SqlServerStore::lockGlobalSequence()
{
    auto q = run(lockGlobalSequenceSql());
    if (!q)
        return q.error();
    if (!(*q)->next())
        return Error::make(ErrorKind::Storage, QStringLiteral("storage"),
                           tr("No global sequence row."));
    const qint64 last = (*q)->value(0).toLongLong();
    (*q)->finish();
    return last;
}

Result<PushOutcome> SqlServerStore::push(const Caller &caller, const PushRequest &request)
{
    return pushWith(caller, request, PushMode{});
}

Result<PushOutcome> SqlServerStore::pushWith(const Caller &caller, const PushRequest &request,
                                             const PushMode &mode)
{
    PushOutcome out;
    Tx tx(*this, beginWriteSql());
    if (!tx.isOpen())
        return tx.error();
    markTransaction("begin");
    bool committed = false;
    const auto marked = qScopeGuard(
        [&committed] { markTransaction(committed ? "committed" : "rolled back"); });
    auto locked = lockGlobalSequence();
    if (!locked)
        return locked.error();
    PushContext ctx(caller, request.deskId, *locked, isoUtc(QDateTime::currentDateTimeUtc()));
    m_push = &ctx;
    const auto forget = qScopeGuard([this] { m_push = nullptr; });
    // Read under the lock: a restore changes the epoch under the same lock.
    auto ep = epochAndStart();
    if (!ep)
        return ep.error();
    std::tie(out.epoch, out.epochStart) = *ep;
    if (mode.underLock)
        if (Status s = mode.underLock(); !s)
            return s.error();

    // The desk: registered to the first publisher that pushes for it, and only to that one.
    auto
        dq = run(QStringLiteral(
                     "SELECT owner_id, last_seq, backup_seq, reseeded_seq FROM desks WHERE id = ?"),
                 {request.deskId});
    if (!dq)
        return dq.error();
    qint64 lastSeq = 0;
    qint64 reseededSeq = 0; // operations up to here came in through a reseed, not one by one
    if ((*dq)->next()) {
        const QString owner = (*dq)->value(0).toString();
        lastSeq = (*dq)->value(1).toLongLong();
        out.backupSeq = (*dq)->value(2).toLongLong();
        reseededSeq = (*dq)->value(3).toLongLong();
        (*dq)->finish();
        if (owner != caller.publisherId)
            return Error::make(ErrorKind::Conflict, QString::fromUtf16(PushError::DeskForbidden),
                               tr("This desk belongs to another publisher."));
    } else {
        (*dq)->finish();
        if (Status s = exec(QStringLiteral(
                                "INSERT INTO desks (id, owner_id, last_seq, registered_at, "
                                "registered_by) VALUES (?, ?, 0, ?, ?)"),
                            {request.deskId, caller.publisherId, ctx.now, caller.userName});
            !s)
            return s.error();
    }
    const qint64 lastSeqBefore = lastSeq;

    // Operation ids of the new operations must be new (one query for the whole batch).
    QVariantList newIds;
    QSet<QString> seenIds;
    for (const PushOperation &op : request.ops) {
        if (op.seq <= lastSeq)
            continue;
        if (seenIds.contains(op.opId))
            return Error::make(ErrorKind::Conflict, QString::fromUtf16(PushError::OpIdReused),
                               tr("Operation %1 appears twice in the push.").arg(op.opId));
        seenIds.insert(op.opId);
        newIds << op.opId;
    }
    for (qsizetype from = 0; from < newIds.size(); from += InListChunk) {
        const QVariantList chunk = newIds.mid(from, InListChunk);
        auto iq = run(QStringLiteral("SELECT op_id FROM ops WHERE op_id IN (%1)")
                          .arg(placeholders(chunk.size())),
                      chunk);
        if (!iq)
            return iq.error();
        const bool taken = (*iq)->next();
        const QString which = taken ? (*iq)->value(0).toString() : QString();
        (*iq)->finish();
        if (taken)
            return Error::make(ErrorKind::Conflict, QString::fromUtf16(PushError::OpIdReused),
                               tr("Operation %1 was already pushed under another number.")
                                   .arg(which));
    }

    // Prefetch the rows the updates will read.
    QHash<QString, QStringList> updated; // table -> ids
    for (const PushOperation &op : request.ops)
        if (op.seq > lastSeqBefore && !op.isCreate() && op.entity != u"publisher")
            updated[op.entity] << op.entityId;
    for (auto it = updated.cbegin(); it != updated.cend(); ++it) {
        const Table &table = *tableByName(it.key());
        QStringList ids = it.value();
        ids.removeDuplicates();
        for (qsizetype from = 0; from < ids.size(); from += InListChunk) {
            const QStringList chunk = ids.mid(from, InListChunk);
            QVariantList values;
            for (const QString &id : chunk) {
                values << id;
                ctx.rows.insert(table.name + u'/' + id, Current{}); // missing unless found below
            }
            auto q = run(sqlFor(table).loadMany.arg(placeholders(chunk.size())), values);
            if (!q)
                return q.error();
            while ((*q)->next()) {
                Current cur;
                cur.exists = true;
                cur.mine = (*q)->value(1).toString() == caller.publisherId;
                if (cur.mine)
                    for (int i = 0; i < table.columns.size(); ++i)
                        cur.row.insert(table.columns.at(i).name,
                                       normalized(table.columns.at(i), (*q)->value(i + 2)));
                ctx.rows.insert(table.name + u'/' + (*q)->value(0).toString(), cur);
            }
            (*q)->finish();
        }
    }

    // What the creates could collide with, looked up in bulk: their ids (under any publisher) and
    // the codes and numbers they claim among the publisher's live rows.
    QHash<QString, QVariantList> createdIds;
    QHash<QString, QVariantList> claimedKeys;
    for (const PushOperation &op : request.ops) {
        if (op.seq <= lastSeqBefore || !op.isCreate() || op.entity == u"publisher")
            continue;
        createdIds[op.entity] << op.entityId;
        const QString keyColumn = uniqueColumnOf(op.entity);
        if (!keyColumn.isEmpty() && op.fields.contains(keyColumn))
            claimedKeys[op.entity] << op.fields.value(keyColumn);
    }
    for (auto it = createdIds.cbegin(); it != createdIds.cend(); ++it) {
        for (qsizetype from = 0; from < it.value().size(); from += InListChunk) {
            const QVariantList chunk = it.value().mid(from, InListChunk);
            auto q = run(QStringLiteral("SELECT id FROM %1 WHERE id IN (%2)")
                             .arg(it.key(), placeholders(chunk.size())),
                         chunk);
            if (!q)
                return q.error();
            while ((*q)->next())
                ctx.takenIds.insert(it.key() + u'/' + (*q)->value(0).toString());
            (*q)->finish();
        }
    }
    for (auto it = claimedKeys.cbegin(); it != claimedKeys.cend(); ++it) {
        const QString keyColumn = uniqueColumnOf(it.key());
        const Column &column = *columnOf(*tableByName(it.key()), keyColumn);
        for (qsizetype from = 0; from < it.value().size(); from += InListChunk) {
            QVariantList values{caller.publisherId};
            for (const QVariant &v : it.value().mid(from, InListChunk))
                values << normalized(column, v);
            auto q = run(QStringLiteral(
                             "SELECT %1 FROM %2 WHERE owner_id = ? AND deleted = 0 AND %1 IN (%3)")
                             .arg(keyColumn, it.key(), placeholders(values.size() - 1)),
                         values);
            if (!q)
                return q.error();
            while ((*q)->next())
                ctx.takenKeys.insert(it.key() + u'/' + (*q)->value(0).toString());
            (*q)->finish();
        }
    }

    ctx.checkLeases = mode.checkLeases;
    if (Status s = loadLeaseBlocks(ctx, request, lastSeqBefore); !s)
        return s.error();

    QList<QVariantList> opRows;
    for (const PushOperation &op : request.ops) {
        if (op.seq <= lastSeqBefore) {
            // Seen before: answer from the stored result, or refuse a number reused for other content.
            auto
                sq = run(QStringLiteral(
                             "SELECT op_id, digest, result FROM ops WHERE desk_id = ? AND seq = ?"),
                         {request.deskId, op.seq});
            if (!sq)
                return sq.error();
            if (!(*sq)->next()) {
                (*sq)->finish();
                if (op.seq <= reseededSeq) {
                    // In the desk's copy that reseeded the server: applied, though not stored alone.
                    OpResult r;
                    r.seq = op.seq;
                    r.opId = op.opId;
                    r.status = OpStatus::Applied;
                    r.repeated = true;
                    r.code = QStringLiteral("reseeded");
                    r.message = tr(
                        "This operation reached the server in the desk's copy (reseed).");
                    out.results << r;
                    continue;
                }
                return Error::make(ErrorKind::Conflict, QString::fromUtf16(PushError::SeqReused),
                                   tr("Desk sequence number %1 was already used.").arg(op.seq));
            }
            const QString opId = (*sq)->value(0).toString();
            const QString digest = (*sq)->value(1).toString();
            const QString stored = (*sq)->value(2).toString();
            (*sq)->finish();
            if (opId != op.opId || digest != QString::fromLatin1(op.digest()))
                return Error::make(
                    ErrorKind::Conflict, QString::fromUtf16(PushError::SeqReused),
                    tr("Desk sequence number %1 was already used for another operation.")
                        .arg(op.seq));
            OpResult r = OpResult::fromJson(QJsonDocument::fromJson(stored.toUtf8()).object());
            r.repeated = true;
            out.results << r;
            continue;
        }
        if (op.seq != lastSeq + 1)
            return Error::make(
                ErrorKind::Conflict, QString::fromUtf16(PushError::Gap),
                tr("Desk sequence number %1 follows %2: operations are missing in between.")
                    .arg(op.seq)
                    .arg(lastSeq));
        OpResult r;
        if (Status s = applyOne(ctx, op, r); !s)
            return s.error();
        const QByteArray canonical = op.canonicalJson();
        opRows << QVariantList{request.deskId,
                               op.seq,
                               op.opId,
                               QString::fromLatin1(PushOperation::digestOf(canonical)),
                               opStatusCode(r.status),
                               r.rev,
                               QString::fromUtf8(
                                   QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact)),
                               QString::fromUtf8(canonical),
                               caller.userName,
                               ctx.now};
        lastSeq = op.seq;
        out.results << r;
    }
    if (Status s = flushInserts(QStringLiteral("change_log"), kChangeLogColumns, ctx.changeRows);
        !s)
        return s.error();
    if (Status s = flushInserts(QStringLiteral("ops"), kOpsColumns, opRows); !s)
        return s.error();
    if (lastSeq != lastSeqBefore)
        if (Status s = exec(QStringLiteral("UPDATE desks SET last_seq = ? WHERE id = ?"),
                            {lastSeq, request.deskId});
            !s)
            return s.error();
    if (!mode.allOrNothing) // a desk's push (not an import): the desks at a glance show when
        if (Status s = exec(QStringLiteral("UPDATE desks SET last_push_at = ? WHERE id = ?"),
                            {ctx.now, request.deskId});
            !s)
            return s.error();
    if (ctx.advanced)
        if (Status s = exec(QStringLiteral("UPDATE global_seq SET value = ? WHERE id = 1"),
                            {ctx.lastGlobal});
            !s)
            return s.error();
    out.lastSeq = lastSeq;
    // The publisher's head, not the global one: when this push advanced, its last number is this
    // publisher's; otherwise it is read.
    if (ctx.advanced) {
        out.head = ctx.lastGlobal;
    } else {
        auto h = publisherHead(caller.publisherId);
        if (!h)
            return h.error();
        out.head = *h;
    }
    bool refused = false;
    for (const OpResult &r : out.results)
        refused = refused || (!r.repeated && r.status != OpStatus::Applied);
    if (mode.dryRun || (mode.allOrNothing && refused))
        return out; // rolled back by tx
    if (mode.beforeCommit)
        if (Status s = mode.beforeCommit(); !s)
            return s.error();
    markTransaction("commit");
    if (Status s = tx.commit(); !s)
        return s.error();
    committed = true;
    out.advanced = ctx.advanced;
    out.committed = true;
    return out;
}

} // namespace Relais::Server
