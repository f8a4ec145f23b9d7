#include "outboxview.h"

#include "writepath.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace Relais {

QList<QueueLine> queueLines(QSqlDatabase db, int limit, bool withAcknowledged)
{
    // The subscriber an operation concerns: itself, a subscription's recipient, or the recipient
    // of the subscription a hold, holiday address or complaint belongs to.
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT o.seq, o.state, o.operation, o.entity, o.entity_id, o.fields, o.clerk, o.at, "
        "o.result, "
        "s.number, s.last_name, s.first_name, s.company FROM outbox o "
        "LEFT JOIN subscription sub ON sub.id = CASE o.entity WHEN 'subscription' THEN o.entity_id "
        "  WHEN 'delivery_change' THEN (SELECT subscription_id FROM delivery_change WHERE id = "
        "o.entity_id) "
        "  WHEN 'complaint' THEN (SELECT subscription_id FROM complaint WHERE id = o.entity_id) "
        "END "
        "LEFT JOIN subscriber s ON s.id = CASE o.entity WHEN 'subscriber' THEN o.entity_id ELSE "
        "sub.recipient_id END "
        "WHERE ? OR o.state NOT IN ('acked', 'withdrawn') ORDER BY o.seq LIMIT ?"));
    q.addBindValue(withAcknowledged);
    q.addBindValue(limit);
    QList<QueueLine> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        QueueLine l;
        l.seq = q.value(0).toLongLong();
        l.state = q.value(1).toString();
        l.operation = q.value(2).toString();
        l.entity = q.value(3).toString();
        l.entityId = q.value(4).toString();
        l.fields = fromJson(q.value(5).toString());
        l.clerk = q.value(6).toString();
        l.at = q.value(7).toString();
        l.reason = QJsonDocument::fromJson(q.value(8).toString().toUtf8())
                       .object()
                       .value(QStringLiteral("message"))
                       .toString();
        l.subscriberNumber = q.value(9).toLongLong();
        const QString name = QString(q.value(10).toString().toUpper() + u' '
                                     + q.value(11).toString())
                                 .trimmed();
        l.subscriberName = name.isEmpty() ? q.value(12).toString() : name;
        out << l;
    }
    return out;
}

QList<JournalLine> journalLines(QSqlDatabase db, int limit)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT started_at, outcome, pushed, applied, conflicts, rejected, pulled, server_seq, "
        "duration_ms, message FROM sync_journal ORDER BY id DESC LIMIT ?"));
    q.addBindValue(limit);
    QList<JournalLine> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        JournalLine j;
        j.startedAt = q.value(0).toString();
        j.outcome = q.value(1).toString();
        j.pushed = q.value(2).toLongLong();
        j.applied = q.value(3).toLongLong();
        j.conflicts = q.value(4).toLongLong();
        j.rejected = q.value(5).toLongLong();
        j.pulled = q.value(6).toLongLong();
        j.serverSeq = q.value(7).toLongLong();
        j.durationMs = q.value(8).toLongLong();
        j.message = q.value(9).toString();
        out << j;
    }
    return out;
}

} // namespace Relais
