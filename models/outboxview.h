#pragma once
// The outbox and the sync journal as a clerk reads them: each queued operation with the subscriber
// it concerns (number and name, found through the subscription for holds, complaints ...), its
// state and, when refused, the server's reason; each sync round's receipt. Read-only.

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantMap>

namespace Relais {

struct QueueLine
{
    qint64 seq = 0;
    QString state;     // pending, acked, conflict, rejected, withdrawn
    QString operation; // subscriber.create, subscription.renew, ...
    QString entity;
    QString entityId;
    qint64 subscriberNumber = 0; // 0: not about a subscriber (a title, an offer)
    QString subscriberName;
    QVariantMap fields;
    QString clerk;
    QString at;
    QString reason; // rejected: the server's message
};

struct JournalLine
{
    QString startedAt;
    QString outcome;
    qint64 pushed = 0, applied = 0, conflicts = 0, rejected = 0, pulled = 0, serverSeq = 0,
           durationMs = 0;
    QString message;
};

// Newest first for the journal; queue in desk order, acknowledged operations left out unless asked.
QList<QueueLine> queueLines(QSqlDatabase db, int limit, bool withAcknowledged = false);
QList<JournalLine> journalLines(QSqlDatabase db, int limit);

} // namespace Relais
