// Bulk imports of rows and reseeds of an empty publisher from a desk's full copy, through the
// push rules (docs/server.md, "Reseeding an empty publisher from a desk").

#include "backupfile_p.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>
#include <QSqlError>
#include <QSqlRecord>

namespace Relais::Server {

using namespace Protocol;
using namespace backupfile;
using detail::isoUtc;
using detail::newId;
using detail::placeholders;
using detail::storage;
using detail::tr;

// ---- bulk import and reseed --------------------------------------------------------------------

Result<ImportOutcome> SqlServerStore::importRows(const Caller &caller, const ImportRequest &request)
{
    PushRequest push;
    push.deskId = request.importId;
    const QUuid ns(request.importId);
    qint64 seq = 0;
    for (const ImportRow &row : request.rows) {
        PushOperation op;
        op.seq = ++seq;
        op.opId = QUuid::createUuidV5(ns, QString::number(op.seq)).toString(QUuid::WithoutBraces);
        op.operation = row.entity + QStringLiteral(".create");
        op.entity = row.entity;
        op.entityId = row.id;
        op.fields = row.fields;
        op.clerk = request.reseedDeskId.isEmpty() ? QStringLiteral("import")
                                                  : QStringLiteral("reseed");
        op.schemaVersion = 1;
        push.ops << op;
    }
    PushMode mode;
    mode.allOrNothing = true;
    mode.dryRun = request.dryRun;
    // An import is no desk: its numbers may lie in no desk's block. A reseed brings back the numbers
    // every desk gave out, as the copying desk pulled them.
    mode.checkLeases = request.reseedDeskId.isEmpty();
    const QString marker = QStringLiteral("reseed:") + caller.publisherId;
    if (!request.reseedDeskId.isEmpty()) {
        mode.underLock = [&]() -> Status {
            auto q = run(QStringLiteral("SELECT value FROM meta WHERE key = ?"), {marker});
            if (!q)
                return q.error();
            const QString inProgress = (*q)->next() ? (*q)->value(0).toString() : QString();
            (*q)->finish();
            if (!inProgress.isEmpty()) {
                if (inProgress != request.reseedDeskId)
                    return Error::make(
                        ErrorKind::Conflict, QString::fromUtf16(PushError::ReseedOtherDesk),
                        tr("A reseed from another desk is in progress for this publisher."));
                return Ok{};
            }
            // Only an empty publisher is reseeded: a desk's copy never overwrites the server's rows.
            for (const Table &t : syncedTables()) {
                if (t.name == u"publisher")
                    continue;
                auto c = run(QStringLiteral("SELECT 1 FROM %1 WHERE owner_id = ? LIMIT 1")
                                 .arg(t.name),
                             {caller.publisherId});
                if (!c)
                    return c.error();
                const bool any = (*c)->next();
                (*c)->finish();
                if (any)
                    return Error::make(
                        ErrorKind::Conflict, QString::fromUtf16(PushError::ReseedNotEmpty),
                        tr("This publisher already holds %1 rows on the server: a reseed only "
                           "fills an empty one.")
                            .arg(t.name));
            }
            return exec(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)"),
                        {marker, request.reseedDeskId});
        };
        mode.beforeCommit = [&]() -> Status {
            if (!request.reseedFinal)
                return Ok{};
            // The desk's own operations up to its last number are in its copy: counted as applied.
            auto q = run(QStringLiteral("SELECT owner_id, last_seq FROM desks WHERE id = ?"),
                         {request.reseedDeskId});
            if (!q)
                return q.error();
            if ((*q)->next()) {
                const QString owner = (*q)->value(0).toString();
                const qint64 last = (*q)->value(1).toLongLong();
                (*q)->finish();
                if (owner != caller.publisherId)
                    return Error::make(ErrorKind::Conflict,
                                       QString::fromUtf16(PushError::DeskForbidden),
                                       tr("This desk belongs to another publisher."));
                if (last > request.reseedDeskLastSeq)
                    return Error::make(ErrorKind::Conflict,
                                       QString::fromUtf16(PushError::ReseedDeskAhead),
                                       tr("The server already holds operation %1 of this desk, "
                                          "past the copy's %2.")
                                           .arg(last)
                                           .arg(request.reseedDeskLastSeq));
                if (Status s = exec(
                        QStringLiteral(
                            "UPDATE desks SET last_seq = ?, reseeded_seq = ? WHERE id = ?"),
                        {request.reseedDeskLastSeq, request.reseedDeskLastSeq,
                         request.reseedDeskId});
                    !s)
                    return s;
            } else {
                (*q)->finish();
                if (Status s = exec(QStringLiteral(
                                        "INSERT INTO desks (id, owner_id, last_seq, reseeded_seq, "
                                        "registered_at, registered_by) VALUES (?, ?, ?, ?, ?, ?)"),
                                    {request.reseedDeskId, caller.publisherId,
                                     request.reseedDeskLastSeq, request.reseedDeskLastSeq,
                                     isoUtc(QDateTime::currentDateTimeUtc()), caller.userName});
                    !s)
                    return s;
            }
            return exec(QStringLiteral("DELETE FROM meta WHERE key = ?"), {marker});
        };
    }
    auto pushed = pushWith(caller, push, mode);
    if (!pushed)
        return pushed.error();
    ImportOutcome out;
    out.applied = pushed->committed;
    out.head = pushed->head;
    out.advanced = pushed->advanced;
    out.reseedDone = pushed->committed && request.reseedFinal && !request.reseedDeskId.isEmpty();
    for (qsizetype i = 0; i < pushed->results.size(); ++i) {
        const OpResult &r = pushed->results.at(i);
        if (r.repeated)
            ++out.repeated;
        else if (r.status == OpStatus::Applied)
            ++out.created;
        else
            out.refused << std::pair{request.rows.at(i).line, r};
    }
    return out;
}

} // namespace Relais::Server
