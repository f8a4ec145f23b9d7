#pragma once
// The desk's outbox as the sync engine sees it: the operations the write path queued, read in
// batches for a push; the server's answers recorded (applied, in conflict, rejected) in one
// transaction; acknowledged operations kept until a verified server backup holds them (so that
// they can be sent again after the server was restored), then purged; conflicts and rejections
// kept until a clerk acts. SQL stays here; the engine only calls these functions.

#include "protocol.h"
#include "result.h"

#include <limits>

#include <QList>
#include <QSqlDatabase>
#include <QVariantMap>

namespace Relais {

struct QueuedOperation
{
    qint64 seq = 0;
    QString opId;
    QString deskId;
    QString operation;
    QString entity;
    QString entityId;
    QVariantMap fields;
    QVariantMap base;
    QString clerk;
    QString at;
    int schemaVersion = 0;
    QString state; // pending, acked, conflict, rejected, withdrawn
    qint64 serverRev = 0;
    QString resultCode;    // rejected: the server's reason code
    QString resultMessage; // rejected: its message
    QString sentAt;
    QString answeredAt;
};

struct OpenConflict
{
    qint64 id = 0;
    qint64 opSeq = 0;
    QString opId;
    QString operation;
    QString entity;
    QString entityId;
    QString field;
    QVariant base;   // what the clerk saw before the change
    QVariant mine;   // what the clerk wrote
    QVariant server; // what the server held when it answered
    QString clerk;
    QString at;
    QString detectedAt;
};

struct OutboxSummary
{
    qint64 pending = 0;
    qint64 heldByImport =
        0;            // of those, numbered after a running import's start: not sent until it ends
    qint64 acked = 0; // acknowledged, kept until a backup holds them
    qint64 rejected = 0;
    qint64 conflicts = 0; // open conflicting fields
    QString oldestPendingAt;
};

// What recordResults() made of one push answer.
struct RecordedResults
{
    int applied = 0;
    int conflicts = 0; // operations with at least one conflicting field
    int rejected = 0;
    int repeated = 0;
};

class Outbox final
{
public:
    explicit Outbox(QSqlDatabase db);

    // Up to `max` pending operations in desk-sequence order, as pushed; with `after`, only those
    // numbered above it (the batch after one still on its way to the server).
    Result<QList<Protocol::PushOperation>> pendingBatch(
        int max, qint64 after = std::numeric_limits<qint64>::min());
    // Records the answers to pushed operations in one transaction: applied → acknowledged (the
    // local row takes the change's number as its rev, so an older pulled change cannot revert it);
    // conflict → acknowledged in part, each field an open conflict; rejected → set aside with its
    // reason. Also records `lastSeq` as the highest number the server acknowledged.
    Result<RecordedResults> recordResults(const QList<Protocol::OpResult> &results, qint64 lastSeq);
    // Acknowledged operations that a verified backup holds (seq <= backupSeq) are purged.
    Result<int> purgeUpTo(qint64 backupSeq);
    // After the server lost operations (a restore): every operation numbered above `serverLastSeq`
    // that the server had acknowledged goes back to pending, with its ids unchanged. Returns how
    // many; `lostBefore` is set to the number of lost operations already purged (should be 0).
    Result<int> resendAfter(qint64 serverLastSeq, qint64 *lostPurged = nullptr);

    QList<QueuedOperation> operations(const QStringList &states = {}, int limit = -1);
    std::optional<QueuedOperation> operation(qint64 seq);
    OutboxSummary summary();
    QList<OpenConflict> openConflicts(const QString &entityId = {});
    // The columns of `entityId` that a local operation still holds (pending or rejected) or that
    // wait in an open conflict: a pulled row must not overwrite them.
    QSet<QString> heldColumns(const QString &entityId);
    bool holdsAnything(); // any pending or rejected operation or open conflict

    // A clerk settles a conflict: the field is marked resolved. The caller writes the chosen value
    // (keep mine: a new operation through the write path; keep the server's: the local row).
    Status markResolved(qint64 conflictId, const QString &resolution, const QString &clerk);
    // A clerk withdraws a rejected operation: it is kept as withdrawn (history), and no longer
    // holds its columns. The caller puts the row back to the server's state.
    Status markWithdrawn(qint64 seq, const QString &clerk);

    // This file turned out to be an older copy of its desk (restored from a backup, or copied to a
    // second PC): the server holds other operations under its numbers from `firstOwnSeq` on. The
    // desk goes on as a new desk, `newDeskId`: operations numbered below `firstOwnSeq` are on the
    // server already (acknowledged ones are dropped; those waiting for a clerk keep their place
    // under negative numbers); the others are renumbered from 1 with their ids and content, and
    // the subscribers they create get a number pending (the old block may be the other copy's),
    // given again from the new desk's first block before they leave. Returns how many were
    // renumbered. One transaction.
    Result<int> reregister(const QString &newDeskId, qint64 firstOwnSeq);

    qint64 highestAcked(); // the highest number the server acknowledged to this desk
    qint64 lastDeskSeq();  // the highest number the write path handed out

private:
    QSqlDatabase m_db;
};

} // namespace Relais
