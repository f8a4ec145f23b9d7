// The desks at a glance (docs/api.md): a desk's report at the end of each round, and the
// supervisors' view of every desk of their publisher.

#include "handler_p.h"

#include "deskreport.h"

namespace Relais::Server {

using namespace Protocol;
using namespace http;

Reply ApiServer::deskStatus(Context &ctx)
{
    auto body = parseObject(ctx.request.body());
    if (!body)
        return errorReply(body.error());
    auto report = DeskReport::fromJson(*body);
    if (!report)
        return errorReply(report.error());
    if (Status s = m_store.reportDesk(callerOf(*ctx.session), *report,
                                      QDateTime::currentDateTimeUtc());
        !s)
        return errorReply(s.error());
    Reply r;
    r.status = 204;
    r.empty = true;
    return r;
}

Reply ApiServer::adminDesks(Context &ctx)
{
    Issues issues;
    QueryReader q(ctx.request.query(), &issues);
    q.rejectUnknown();
    if (!issues.isEmpty())
        return errorReply(Error::invalid(issues));
    // The caller's publisher only: another publisher's desks are never listed.
    auto list = m_store.desks(ctx.session->user.publisher.id, QDateTime::currentDateTimeUtc());
    if (!list)
        return errorReply(list.error());
    if (list->isEmpty())
        return errorReply(Error::make(ErrorKind::NotFound, QStringLiteral("publisher.unknown"),
                                      tr("Unknown publisher.")));
    return ok(list->first().desks.toJson());
}

} // namespace Relais::Server
