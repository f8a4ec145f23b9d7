// The routes a desk syncs with: push, pull, snapshot, checksums, number leases, and the answer to
// a notify request that did not upgrade to a WebSocket. docs/api.md.

#include "handler_p.h"

#include "notifier.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Relais::Server {

using namespace Protocol;
using namespace http;

Reply ApiServer::push(Context &ctx)
{
    auto body = parseObject(ctx.request.body());
    if (!body)
        return errorReply(body.error());
    auto req = parsePushRequest(*body);
    if (!req)
        return errorReply(req.error());
    for (const PushOperation &op : req->ops)
        if (op.override
            && !Policy::allows(ctx.session->user.role,
                               Policy::accessOf(Policy::Capability::OverrideConflict)))
            return problemReply(403, QStringLiteral("role.insufficient"),
                                tr("Not allowed for your role"),
                                tr("Only a supervisor may apply an operation over a conflict."));
    const Caller caller = callerOf(*ctx.session);
    auto out = m_store.push(caller, *req);
    if (!out)
        return errorReply(out.error());
    if (out->advanced)
        m_notifier.committed(caller.publisherId, out->head);
    PushAnswer answer;
    answer.epoch = out->epoch;
    answer.epochStart = out->epochStart;
    answer.deskId = req->deskId;
    answer.lastSeq = out->lastSeq;
    answer.backupSeq = out->backupSeq;
    answer.head = out->head;
    answer.results = out->results;
    return ok(answer.toJson());
}

Reply ApiServer::pull(Context &ctx)
{
    Issues issues;
    QueryReader q(ctx.request.query(), &issues);
    const auto since = q.integer(QStringLiteral("since"), 0, MaxSafeInteger, 0);
    const auto limit = q.integer(QStringLiteral("limit"), 1, MaxPullLimit, 1000);
    const QString deskId = q.text(QStringLiteral("desk_id"));
    q.rejectUnknown();
    if (!deskId.isEmpty() && !isUuid(deskId))
        issues << Issue{QStringLiteral("desk_id"), QStringLiteral("field.uuid"),
                        tr("This field must be a UUID.")};
    if (!issues.isEmpty())
        return errorReply(Error::invalid(issues));
    auto page = m_store.pull(callerOf(*ctx.session), *since, int(*limit), deskId.toLower());
    if (!page)
        return errorReply(page.error());
    // Built as text: the rows are stored JSON and pass through unchanged. The shape is PullAnswer's
    // (messages.h), which the server suites read back with PullAnswer::fromJson.
    QByteArray out;
    out.reserve(256 + page->changes.size() * 600);
    out += "{\"epoch\":";
    JsonText::appendString(out, page->epoch);
    out += ",\"epoch_start\":" + QByteArray::number(page->epochStart) + ",\"changes\":[";
    for (qsizetype i = 0; i < page->changes.size(); ++i) {
        const RawChange &c = page->changes.at(i);
        if (i > 0)
            out += ',';
        out += "{\"seq\":" + QByteArray::number(c.seq) + ",\"entity\":";
        JsonText::appendString(out, c.entity);
        out += ",\"id\":";
        JsonText::appendString(out, c.id);
        out += ",\"row\":" + c.rowJson + '}';
    }
    out += "],\"next\":" + QByteArray::number(page->next) + ",\"head\":"
           + QByteArray::number(page->head) + ",\"more\":" + (page->more ? "true" : "false");
    if (page->deskLastSeq >= 0)
        out += ",\"desk_last_seq\":" + QByteArray::number(page->deskLastSeq)
               + ",\"desk_backup_seq\":" + QByteArray::number(page->deskBackupSeq);
    out += '}';
    Reply r;
    r.raw = out;
    return r;
}

Reply ApiServer::snapshot(Context &ctx)
{
    Issues issues;
    QueryReader q(ctx.request.query(), &issues);
    const QString table = q.text(QStringLiteral("table"));
    const QString after = q.text(QStringLiteral("after"));
    const auto limit = q.integer(QStringLiteral("limit"), 1, MaxSnapshotLimit, 5000);
    q.rejectUnknown();
    if (!table.isEmpty() && !tableByName(table))
        issues << Issue{QStringLiteral("table"), QStringLiteral("entity.unknown"),
                        tr("Not a synced table.")};
    if (after.size() > 64)
        issues << Issue{QStringLiteral("after"), QStringLiteral("field.too_long"), tr("Too long.")};
    if (!issues.isEmpty())
        return errorReply(Error::invalid(issues));
    auto page = m_store.snapshot(callerOf(*ctx.session), table, after, int(*limit));
    if (!page)
        return errorReply(page.error());
    QByteArray out;
    out.reserve(256 + page->rows.size() * 600);
    out += "{\"epoch\":";
    JsonText::appendString(out, page->epoch);
    out += ",\"table\":";
    JsonText::appendString(out, page->table);
    out += ",\"head\":" + QByteArray::number(page->head);
    if (page->total >= 0)
        out += ",\"total\":" + QByteArray::number(page->total);
    out += ",\"rows\":[";
    for (qsizetype i = 0; i < page->rows.size(); ++i) {
        if (i > 0)
            out += ',';
        out += page->rows.at(i);
    }
    out += "],\"next\":";
    appendNextPage(out, *page);
    out += '}';
    Reply r;
    r.raw = out;
    r.headers.append({QByteArrayLiteral("Relais-Next-Page"), nextPageHeader(*page)});
    return r;
}

Reply ApiServer::checksums(Context &ctx)
{
    Issues issues;
    QueryReader q(ctx.request.query(), &issues);
    q.rejectUnknown();
    if (!issues.isEmpty())
        return errorReply(Error::invalid(issues));
    // Reads every row of the caller's publisher: seconds for a million subscribers, during which
    // this process answers nothing else (as a backup; see docs/server.md).
    auto sums = m_store.checksums(ctx.session->user.publisher.id);
    if (!sums)
        return errorReply(sums.error());
    return ok(sums->toJson());
}

Reply ApiServer::notifyWithoutUpgrade(Context &)
{
    // Reached only by a plain GET: the WebSocket upgrade itself never comes through dispatch().
    Reply r = problemReply(426, QStringLiteral("upgrade.required"),
                           tr("WebSocket upgrade required"),
                           tr("Open this route as a WebSocket (Upgrade: websocket)."));
    r.headers << std::pair{QByteArray("Upgrade"), QByteArray("websocket")};
    return r;
}

Reply ApiServer::lease(Context &ctx)
{
    auto body = parseObject(ctx.request.body());
    if (!body)
        return errorReply(body.error());
    Issues issues;
    ObjectReader r(*body, QString(), &issues);
    const QString deskId = r.uuid(QStringLiteral("desk_id"));
    const auto count = r.integer(QStringLiteral("count"), 1, MaxLeaseCount);
    r.rejectUnknown();
    if (!issues.isEmpty())
        return errorReply(Error::invalid(issues));
    auto lease = m_store.leaseNumbers(callerOf(*ctx.session), deskId, int(*count));
    if (!lease)
        return errorReply(lease.error());
    return ok(LeaseAnswer{deskId, lease->first, lease->last}.toJson());
}

} // namespace Relais::Server
