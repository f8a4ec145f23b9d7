// The steps of a sync round (Engine, syncengine.h): handshake and epoch, pending numbers, push,
// re-registration of an older copy, lease, pull. The first copy is in syncsnapshot.cpp; the engine's
// state, its requests and the end of a round are in syncengine.cpp.

#include "syncengine.h"
#include "syncengine_p.h"

#include "inbound.h"
#include "messages.h"
#include "outbox.h"
#include "protocol.h"
#include "writepath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrlQuery>

namespace Relais::Sync {

// ---- steps -----------------------------------------------------------------------------------

bool Engine::checkEpoch(const QString &epoch, qint64 epochStart, std::optional<qint64> deskLastSeq)
{
    const QString known = meta(SyncKey::ServerEpoch);
    if (known.isEmpty()) {
        setMeta(SyncKey::ServerEpoch, epoch);
        return false;
    }
    if (known == epoch)
        return false;
    // The server was put back (a restore) or replaced: keep everything, send again what it lost,
    // and pull from where the new epoch continues.
    Outbox outbox(m_database->db());
    const qint64 serverLast = deskLastSeq.value_or(0);
    const qint64 cursor = toNumber(meta(SyncKey::PullCursor));
    if (epochStart < cursor)
        setMeta(SyncKey::PullCursor, QString::number(epochStart));
    qint64 lost = 0;
    int resent = 0;
    if (serverLast < outbox.highestAcked()) {
        auto r = outbox.resendAfter(serverLast, &lost);
        if (!r) {
            storageFailed(r.error());
            return true;
        }
        resent = *r;
    }
    setMeta(SyncKey::ServerEpoch, epoch);
    m_receipt.resent += resent;
    m_receipt.epoch = epoch;
    if (resent > 0)
        m_receipt
            .message = tr("The server was put back from a backup and had lost %n of this desk's "
                          "changes; they were sent again.",
                          nullptr, resent);
    if (lost > 0)
        m_receipt.message +=
            u' '
            + tr("%n change(s) acknowledged before the backup are no longer on this desk "
                 "either: see the journal.",
                 nullptr, int(lost));
    qCWarning(lcSync) << "new epoch" << epoch << "server last" << serverLast << "resent" << resent;
    return true;
}

void Engine::fetchPullPage(const QString &what, std::function<void()> again,
                           std::function<void(const Protocol::PullAnswer &)> onPage,
                           std::optional<qint64> since)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("since"),
                       since ? QString::number(*since)
                             : meta(SyncKey::PullCursor, QStringLiteral("0")));
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_tuning.pullLimit));
    query.addQueryItem(QStringLiteral("desk_id"), m_deskId);
    const quint64 round = m_roundSerial;
    request(
        "GET", QStringLiteral("sync/pull?") + query.toString(QUrl::FullyEncoded), {},
        [this, what, round, again = std::move(again),
         onPage = std::move(onPage)](const HttpAnswer &a) {
            if (!m_running || round != m_roundSerial)
                return; // asked for ahead by a round that has ended
            if (unauthorized(a, again))
                return;
            if (a.status != 200)
                return fail(a, what);
            auto page = Protocol::PullAnswer::fromJson(a.json);
            if (!page) {
                HttpAnswer bad = a;
                bad.status = 502; // an answer this desk cannot read: retried like a failed server
                return fail(bad, what);
            }
            onPage(*page);
        });
}

void Engine::stepHandshake()
{
    setState(State::Connecting);
    fetchPullPage(
        tr("the exchange"), [this] { stepHandshake(); },
        [this](const Protocol::PullAnswer &answer) {
            const Protocol::PullAnswer *page = &answer;
            if (checkEpoch(page->epoch, page->epochStart, page->deskLastSeq)) {
                // A storage failure in checkEpoch() has finished the round (m_running false). The
                // receipt's outcome must not decide: it is "error" until a round finishes, so testing
                // it left every round that met a new epoch running for ever (no answer, no new round).
                if (m_running)
                    stepHandshake(); // again, from the cursor of the new epoch
                return;
            }
            Outbox outbox(m_database->db());
            const qint64 serverLast = page->deskLastSeq.value_or(0);
            m_serverDeskLast = serverLast;
            if (serverLast > outbox.lastDeskSeq() && outbox.summary().pending == 0) {
                // The server holds later operations of this desk than this file ever made: the file
                // is an older copy (restored from a backup, or copied to a second PC). Nothing of it
                // waits to be sent, so it goes on as a new desk at once. (With operations waiting, the
                // push finds where this copy's own operations begin: see stepPush.)
                if (!reregister(outbox.lastDeskSeq() + 1))
                    return;
            }
            if (serverLast < outbox.highestAcked()) {
                auto r = outbox.resendAfter(serverLast);
                if (!r)
                    return void(storageFailed(r.error()));
                m_receipt.resent += *r;
            }
            if (page->deskBackupSeq)
                (void)outbox.purgeUpTo(*page->deskBackupSeq);
            QList<InboundRow> rows;
            for (const Protocol::ChangeEntry &c : std::as_const(page->changes))
                rows << InboundRow{c.entity, c.id, c.seq, c.row};
            auto applied = Inbound(m_database->db()).applyPullPage(rows, page->next);
            if (!applied)
                return void(storageFailed(applied.error()));
            m_receipt.pulled += rows.size();
            m_status.serverSeq = page->next;
            m_receipt.serverSeq = page->head;
            m_receipt.epoch = page->epoch;
            if (!applied->tables.isEmpty())
                Q_EMIT dataChanged(applied->tables);
            stepNumbers();
        });
}

// Subscribers created offline once the leased numbers ran out carry a number pending (negative,
// on this desk only). Before anything is pushed they get real numbers from a block — leased now
// if needed — and their queued creation is rewritten with it: it has not left the desk, so no
// number the server saw ever changes.
void Engine::stepNumbers()
{
    QSqlQuery q(m_database->db());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM subscriber WHERE number < 0")) || !q.next())
        return stepPush();
    const qint64 pending = q.value(0).toLongLong();
    q.finish();
    if (pending == 0)
        return stepPush();
    auto assign = [this] {
        Transaction tx(m_database->db());
        QSqlQuery ids(m_database->db());
        ids.setForwardOnly(true);
        if (!ids.exec(QStringLiteral("SELECT id FROM subscriber WHERE number < 0 ORDER BY seq")))
            return;
        QStringList list;
        while (ids.next())
            list << ids.value(0).toString();
        ids.finish();
        QSqlQuery set(m_database->db());
        QSqlQuery op(m_database->db());
        for (const QString &id : std::as_const(list)) {
            auto n = m_database->allocateNumber();
            if (!n || *n < 0)
                break; // still none: these wait for the next block
            set.prepare(QStringLiteral("UPDATE subscriber SET number = ? WHERE id = ?"));
            set.addBindValue(*n);
            set.addBindValue(id);
            op.prepare(QStringLiteral(
                "UPDATE outbox SET fields = json_set(fields, '$.number', ?) WHERE entity_id = ? "
                "AND operation = 'subscriber.create' AND state = 'pending'"));
            op.addBindValue(*n);
            op.addBindValue(id);
            if (!set.exec() || !op.exec())
                return;
        }
        (void)tx.commit();
    };
    const qint64 next = toNumber(meta("number_next", QStringLiteral("1")));
    const qint64 end = toNumber(meta("number_end", QStringLiteral("0")));
    if (end > 0 && end - next + 1 >= pending) {
        assign();
        return stepPush();
    }
    const int count = int(
        qMin<qint64>(Protocol::MaxLeaseCount,
                     qMax<qint64>(m_tuning.leaseCount, pending + m_tuning.leaseBelow)));
    request("POST", QStringLiteral("numbers/lease"),
            QJsonObject{{QStringLiteral("desk_id"), m_deskId}, {QStringLiteral("count"), count}},
            [this, assign](const HttpAnswer &a) {
                if (a.status == 200) {
                    if (auto lease = Protocol::LeaseAnswer::fromJson(a.json)) {
                        const qint64 curNext = toNumber(meta("number_next", QStringLiteral("1")));
                        const qint64 curEnd = toNumber(meta("number_end", QStringLiteral("0")));
                        if (curEnd <= 0 || curNext > curEnd) {
                            setMeta("number_next", QString::number(lease->first));
                            setMeta("number_end", QString::number(lease->last));
                        } else {
                            setMeta("number_reserve", QString::number(lease->first) + u':'
                                                          + QString::number(lease->last));
                        }
                        assign();
                    }
                }
                // Without a block the subscribers keep their number pending and their creations
                // wait (Outbox::pendingBatch stops before them); the rest of the round goes on.
                stepPush();
            });
}

// An operation set aside because the server could not read it (a 400 naming it) never had its
// number accepted, and the server refuses any later number while one is missing (sync.gap, or
// seq.order within a push): every later operation would be stuck, or set aside in turn. So its
// number travels with a stand-in the server can read and refuses as a business rule (an update of
// a row nobody has: record.missing), which makes the server accept the number and move on. The
// stand-in is the same bytes every time (a repeat after a lost answer must match its digest);
// the desk keeps the original, rejected with the server's reason, for the clerk.
QList<Protocol::PushOperation> Engine::withPlaceholders(Outbox &outbox,
                                                        const QList<Protocol::PushOperation> &batch)
{
    static const QUuid space(QStringLiteral("6f4c2a10-7d1e-4b0a-9c55-2e8f3b6d1a47"));
    QList<Protocol::PushOperation> out;
    qint64 expected = outbox.highestAcked() + 1;
    for (const Protocol::PushOperation &op : batch) {
        for (; expected > 0 && expected < op.seq; ++expected) {
            const auto aside = outbox.operation(expected);
            if (!aside || aside->resultCode != QLatin1StringView(SetAsideCode)
                || (aside->state != u"rejected" && aside->state != u"withdrawn"))
                break; // not ours to fill: the server says what it misses (sync.gap, a handshake)
            Protocol::PushOperation p;
            p.seq = aside->seq;
            p.opId = aside->opId;
            p.operation = QStringLiteral("subscriber.set_aside");
            p.entity = QStringLiteral("subscriber");
            p.entityId = QUuid::createUuidV5(space, aside->opId).toString(QUuid::WithoutBraces);
            p.fields = {{QStringLiteral("notes"), QStringLiteral("")}};
            p.base = {{QStringLiteral("notes"), QStringLiteral("")}};
            p.clerk = QStringLiteral("relais");
            p.at = QStringLiteral("1970-01-01T00:00:00.000Z");
            p.schemaVersion = 1;
            out << p;
        }
        expected = op.seq + 1;
        out << op;
    }
    while (out.size() > qMax(1, m_pushBatch) && out.size() > 1)
        out.removeLast();
    return out;
}

void Engine::stepPush()
{
    if (m_cancel)
        return finishRound(QStringLiteral("cancelled"), tr("Sync stopped; changes stay queued."));
    Outbox outbox(m_database->db());
    auto batch = outbox.pendingBatch(m_pushBatch);
    if (!batch)
        return void(storageFailed(batch.error()));
    if (batch->isEmpty()) {
        // Everything sent, and the server still holds later operations of this desk than this
        // file ever made: an older copy of the desk whose own work is all out. It goes on as a
        // new desk before it makes a number the server already holds.
        if (m_serverDeskLast > outbox.lastDeskSeq() && !reregister(outbox.lastDeskSeq() + 1))
            return;
        return stepLease();
    }
    sendPush(preparePush(withPlaceholders(outbox, *batch)));
}

Engine::PreparedPush Engine::preparePush(QList<Protocol::PushOperation> ops) const
{
    Protocol::PushRequest push;
    push.deskId = m_deskId;
    push.ops = std::move(ops);
    PreparedPush prepared;
    prepared.payload = QJsonDocument(push.toJson()).toJson(QJsonDocument::Compact);
    prepared.ops = std::move(push.ops);
    return prepared;
}

// The server applies a batch in about as long as the desk takes to record an answer and read the
// next batch (docs/benchmarks.md, "Desk sync"), so the two overlap: the next batch is read while
// the server works, and leaves as soon as the answer is in, before that answer is recorded. One
// request is on its way at a time, as before: the batch leaves only after the server committed
// the one before (a 200), so the server's numbering check (sync.gap) sees no difference. If the
// desk stops before recording the first answer, both batches are still pending here and go again
// with their ids: the server answers them as repeats.
std::optional<Engine::PreparedPush> Engine::prepareNextPush(qint64 lastSent)
{
    Outbox outbox(m_database->db());
    // A pulled row set aside for these operations is written when their answer is recorded
    // (applyDeferred), and may renumber a pending creation: the batch after is read only then.
    QSqlQuery deferred(m_database->db());
    if (!deferred.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM sync_deferred)"))
        || !deferred.next() || deferred.value(0).toBool())
        return std::nullopt;
    deferred.finish();
    auto batch = outbox.pendingBatch(qMin(m_tuning.pushBatch, m_pushBatch * 2), lastSent);
    if (!batch || batch->isEmpty() || batch->first().seq != lastSent + 1)
        return std::nullopt; // a number missing in between: withPlaceholders() after the answer
    QList<Protocol::PushOperation> ops = *batch;
    for (qsizetype i = 1; i < ops.size(); ++i) {
        if (ops.at(i).seq != ops.at(i - 1).seq + 1) {
            ops.resize(i);
            break;
        }
    }
    return preparePush(std::move(ops));
}

void Engine::sendPush(PreparedPush push)
{
    setState(State::Sending);
    m_status.progressDone = m_receipt.pushed;
    m_status.progressTotal = m_receipt.pushed + m_status.pending;
    publish();
    const QList<Protocol::PushOperation> sent = push.ops;
    const quint64 round = m_roundSerial;
    requestPayload(
        "POST", QStringLiteral("sync/push"), push.payload,
        [this, sent, round](const HttpAnswer &a) {
            // An answer after its round ended (a database failure while the batch after it was on
            // its way): dropped; the operations are still pending and go again as repeats.
            if (!m_running || round != m_roundSerial)
                return;
            onPushAnswer(sent, a);
        });
    m_nextPush = sent.isEmpty() || !m_tuning.overlapPushes ? std::nullopt
                                                           : prepareNextPush(sent.last().seq);
}

void Engine::onPushAnswer(const QList<Protocol::PushOperation> &sent, const HttpAnswer &a)
{
    std::optional<PreparedPush> next = std::exchange(m_nextPush, std::nullopt);
    Outbox box(m_database->db());
    if (a.status == 200) {
        auto answer = Protocol::PushAnswer::fromJson(a.json);
        if (!answer) {
            HttpAnswer bad = a;
            bad.status = 502;
            return fail(bad, tr("the changes sent"));
        }
        m_serverDeskLast = answer->lastSeq;
        const bool newEpoch = answer->epoch != meta(SyncKey::ServerEpoch)
                              && !meta(SyncKey::ServerEpoch).isEmpty();
        // Every result of the batch must be an answer to what was sent; anything else (a repeat
        // answered differently, a rejection) is recorded first, as without the overlap.
        bool plain = answer->lastSeq == sent.last().seq && answer->results.size() == sent.size();
        for (const Protocol::OpResult &r : std::as_const(answer->results))
            plain = plain && r.status == Protocol::OpStatus::Applied;
        const bool overlap = next && plain && !newEpoch && !m_cancel;
        if (overlap) {
            ++m_receipt.overlapped;
            sendPush(std::move(*next));
        }
        auto recorded = box.recordResults(answer->results, answer->lastSeq);
        if (!recorded)
            return void(storageFailed(recorded.error()));
        // Pulled rows that waited for these operations (a repeat's row changed since, say).
        if (auto deferred = Inbound(m_database->db()).applyDeferred(); !deferred)
            return void(storageFailed(deferred.error()));
        m_failures = 0;
        m_pushBatch = qMin(m_tuning.pushBatch, m_pushBatch * 2);
        m_receipt.pushed += int(sent.size());
        m_receipt.applied += recorded->applied;
        m_receipt.conflicts += recorded->conflicts;
        m_receipt.rejected += recorded->rejected;
        m_receipt.repeated += recorded->repeated;
        m_receipt.serverSeq = answer->head;
        (void)box.purgeUpTo(answer->backupSeq);
        refreshCounts();
        if (overlap)
            return; // the next batch is on its way: its answer goes on from here
        if (newEpoch)
            return stepHandshake();
        return stepPush();
    }
    if (a.status == 409 && a.code() == u"sync.gap" && !m_retriedGap) {
        // The server has fewer of this desk's operations than it acknowledged: ask which.
        m_retriedGap = true;
        return stepHandshake();
    }
    if (a.status == 409 && (a.code() == u"sync.seq_reused" || a.code() == u"sync.op_id_reused")) {
        // The server holds other operations under this desk's numbers: this file is an older
        // copy of the desk. One operation at a time finds the first that is this copy's own
        // (those before are the same operations, answered as repeats); from there it goes on
        // as a new desk, nothing lost, nothing sent twice.
        if (m_pushBatch > 1) {
            m_pushBatch = 1;
            return stepPush();
        }
        if (!reregister(sent.first().seq))
            return;
        return stepNumbers();
    }
    if (a.status == 413 && m_pushBatch > 1) {
        m_pushBatch = qMax(1, m_pushBatch / 4);
        return stepPush();
    }
    if (a.status == 400) {
        // A malformed operation (an unknown kind after an upgrade, a column the server does not
        // know): set it aside once, with the server's reason, and send the others.
        auto problem = Protocol::ProblemAnswer::fromJson(a.json);
        QList<Protocol::OpResult> setAside;
        static const QRegularExpression opIndex(QStringLiteral("^ops\\[(\\d+)\\]"));
        if (problem) {
            for (const Issue &i : std::as_const(problem->issues)) {
                const auto m = opIndex.match(i.field);
                // A number out of order is not the operation's fault (a gap before it).
                if (!m.hasMatch() || i.rule == u"seq.order")
                    continue;
                const int index = m.captured(1).toInt();
                if (index < 0 || index >= sent.size())
                    continue;
                Protocol::OpResult r;
                r.seq = sent.at(index).seq;
                r.opId = sent.at(index).opId;
                r.status = Protocol::OpStatus::Rejected;
                r.code = QString::fromLatin1(SetAsideCode); // withPlaceholders() finds it by this
                r.message = i.message;
                r.issues = {i};
                bool seen = false;
                for (const Protocol::OpResult &o : std::as_const(setAside))
                    seen = seen || o.seq == r.seq;
                if (!seen)
                    setAside << r;
            }
        }
        if (!setAside.isEmpty()) {
            qCWarning(lcSync) << "set aside" << setAside.size() << "malformed operation(s)";
            auto recorded = box.recordResults(setAside, box.highestAcked());
            if (!recorded)
                return void(storageFailed(recorded.error()));
            m_receipt.rejected += recorded->rejected;
            return stepPush();
        }
    }
    if (unauthorized(a, [this] { stepPush(); }))
        return;
    fail(a, tr("the changes sent"));
}

bool Engine::reregister(qint64 firstOwnSeq)
{
    const QString oldId = m_deskId;
    const QString newId = newUuid();
    auto renumbered = Outbox(m_database->db()).reregister(newId, firstOwnSeq);
    if (!renumbered) {
        storageFailed(renumbered.error());
        return false;
    }
    m_deskId = newId;
    m_serverDeskLast = 0;
    m_pushBatch = m_tuning.pushBatch;
    const QString
        note = tr("This desk's file is an older copy of itself (restored from a backup, or copied "
                  "to another computer): it now goes on as a new desk. %n of its changes, made "
                  "on this copy only, will be sent under the new desk.",
                  nullptr, *renumbered);
    m_receipt.message = m_receipt.message.isEmpty() ? note : m_receipt.message + u' ' + note;
    qCWarning(lcSync) << "re-registered: desk" << oldId << "is now" << newId << "," << *renumbered
                      << "operation(s) renumbered from" << firstOwnSeq;
    return true;
}

qint64 Engine::numbersLeft()
{
    const qint64 next = toNumber(meta("number_next", QStringLiteral("1")));
    const qint64 end = toNumber(meta("number_end", QStringLiteral("0")));
    const QString reserve = meta("number_reserve");
    qint64 left = end > 0 ? qMax<qint64>(0, end - next + 1) : -1;
    if (!reserve.isEmpty()) {
        const QStringList parts = reserve.split(u':');
        if (parts.size() == 2)
            left = qMax<qint64>(0, left) + toNumber(parts.at(1)) - toNumber(parts.at(0)) + 1;
    }
    return left;
}

void Engine::stepLease()
{
    const qint64 next = toNumber(meta("number_next", QStringLiteral("1")));
    const qint64 end = toNumber(meta("number_end", QStringLiteral("0")));
    const QString reserve = meta("number_reserve");
    const qint64 left = numbersLeft();
    m_status.numbersLeft = left;
    if (left >= m_tuning.leaseBelow)
        return stepPull();
    request("POST", QStringLiteral("numbers/lease"),
            QJsonObject{{QStringLiteral("desk_id"), m_deskId},
                        {QStringLiteral("count"), m_tuning.leaseCount}},
            [this, next, end, reserve](const HttpAnswer &a) {
                if (unauthorized(a, [this] { stepLease(); }))
                    return;
                if (a.status != 200)
                    return fail(a, tr("the subscriber numbers"));
                auto lease = Protocol::LeaseAnswer::fromJson(a.json);
                if (!lease) {
                    HttpAnswer bad = a;
                    bad.status = 502;
                    return fail(bad, tr("the subscriber numbers"));
                }
                Transaction tx(m_database->db());
                if (end <= 0 || next > end) {
                    // Never leased, or the block is used up: the new block is the current one.
                    setMeta("number_next", QString::number(lease->first));
                    setMeta("number_end", QString::number(lease->last));
                    if (!reserve.isEmpty())
                        setMeta("number_reserve", QString());
                } else {
                    setMeta("number_reserve",
                            QString::number(lease->first) + u':' + QString::number(lease->last));
                }
                if (Status s = tx.commit(); !s)
                    return void(storageFailed(s.error()));
                m_status.numbersLeft = qMax<qint64>(0, m_status.numbersLeft) + lease->last
                                       - lease->first + 1;
                stepPull();
            });
}

void Engine::stepPull()
{
    if (m_cancel)
        return finishRound(QStringLiteral("cancelled"), tr("Sync stopped."));
    setState(State::Receiving);
    fetchPullAt(toNumber(meta(SyncKey::PullCursor, QStringLiteral("0"))));
}

// While a page is written the next one is asked for (this page says where it starts): the
// server reads it while the desk writes. It is used only if it starts where the desk's cursor is.
void Engine::fetchPullAt(qint64 since)
{
    fetchPullPage(
        tr("the changes received"), [this] { stepPull(); },
        [this, since](const Protocol::PullAnswer &answer) {
            const Protocol::PullAnswer *page = &answer;
            if (toNumber(meta(SyncKey::PullCursor, QStringLiteral("0"))) != since)
                return stepPull();
            if (page->epoch != meta(SyncKey::ServerEpoch))
                return stepHandshake();
            if (page->more && !m_cancel)
                fetchPullAt(page->next);
            QList<InboundRow> rows;
            for (const Protocol::ChangeEntry &c : std::as_const(page->changes))
                rows << InboundRow{c.entity, c.id, c.seq, c.row};
            auto applied = Inbound(m_database->db()).applyPullPage(rows, page->next);
            if (!applied)
                return void(storageFailed(
                    applied.error())); // ends the round: the page asked for ahead is dropped
            if (page->deskBackupSeq)
                (void)Outbox(m_database->db()).purgeUpTo(*page->deskBackupSeq);
            m_receipt.pulled += rows.size();
            m_receipt.serverSeq = page->head;
            m_status.serverSeq = page->next;
            m_status.progressDone = m_receipt.pulled;
            publish();
            if (!applied->tables.isEmpty())
                Q_EMIT dataChanged(applied->tables);
            if (page->more) {
                if (m_cancel)
                    return finishRound(QStringLiteral("cancelled"), tr("Sync stopped."));
                return; // the next page's answer goes on from here
            }
            if (auto deferred = Inbound(m_database->db()).applyDeferred(); !deferred)
                return void(storageFailed(deferred.error()));
            m_failures = 0;
            setMeta(SyncKey::Registered, QStringLiteral("1"));
            setMeta(SyncKey::LastSyncAt, nowUtcIso());
            setMeta(SyncKey::ServerHead, QString::number(page->head));
            reportThen([this] { finishRound(QStringLiteral("ok")); });
        },
        since);
}

} // namespace Relais::Sync
