// Every error a route answers with goes through errorReply(): one table from what went wrong to
// the HTTP status, the problem's code and its title (docs/api.md, "Errors"). A route gives its own
// title at most; it never picks a status for an error of the store.

#include "handler_p.h"

#include <QtGlobal>

namespace Relais::Server::http {

namespace {

struct Mapping
{
    const char16_t *code; // the error's code; nullptr: any code of that kind
    int status;
    const char *title;
};

// By code first: errors whose status does not follow from their kind.
const Mapping kByCode[] = {
    {u"json.malformed", 400, QT_TRANSLATE_NOOP("Relais::Server::Api", "Malformed request")},
    {u"json.not_object", 400, QT_TRANSLATE_NOOP("Relais::Server::Api", "Malformed request")},
    {u"json.too_deep", 400, QT_TRANSLATE_NOOP("Relais::Server::Api", "Malformed request")},
    {PushError::DeskForbidden, 403,
     QT_TRANSLATE_NOOP("Relais::Server::Api", "Desk of another publisher")},
    {PushError::Gap, 409, QT_TRANSLATE_NOOP("Relais::Server::Api", "Push refused")},
    {PushError::SeqReused, 409, QT_TRANSLATE_NOOP("Relais::Server::Api", "Push refused")},
    {PushError::OpIdReused, 409, QT_TRANSLATE_NOOP("Relais::Server::Api", "Push refused")},
    {StorageFull, 503, QT_TRANSLATE_NOOP("Relais::Server::Api", "The server's disk is full")},
};

// Then by kind.
int statusOfKind(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Invalid: return 400;
    case ErrorKind::NotFound: return 404;
    case ErrorKind::Conflict: return 409;
    case ErrorKind::Storage:
    case ErrorKind::Io:
    case ErrorKind::Internal: return 500;
    }
    return 500;
}

const Mapping *byCode(const QString &code)
{
    for (const Mapping &m : kByCode)
        if (code == QStringView(m.code))
            return &m;
    return nullptr;
}

} // namespace

int statusFor(const Error &e)
{
    if (const Mapping *m = byCode(e.code))
        return m->status;
    return statusOfKind(e.kind);
}

Reply errorReply(const Error &e, const QString &title)
{
    const Mapping *m = byCode(e.code);
    const int status = m ? m->status : statusOfKind(e.kind);
    const QString fixedTitle = m ? tr(m->title) : QString();
    if (status == 503) {
        qCWarning(lcHttp) << "store error:" << e.code << e.message;
        Reply r = problemReply(
            503, e.code, fixedTitle,
            tr("Nothing was changed. The operator must free space on the server; desks "
               "keep their changes queued and send them again."));
        r.headers << std::pair{QByteArray("Retry-After"), QByteArray("60")};
        return r;
    }
    if (status >= 500) {
        // The database's own words go to the log, never to a client.
        qCWarning(lcHttp) << "store error:" << e.code << e.message << e.detail;
        return problemReply(status, QStringLiteral("server.storage"),
                            tr("The server could not complete the request"),
                            tr("The database refused the operation; nothing was changed."));
    }
    if (m)
        return problemReply(status, e.code, title.isEmpty() ? fixedTitle : title, e.message,
                            e.issues);
    if (e.kind == ErrorKind::Invalid)
        return problemReply(400, QStringLiteral("request.invalid"),
                            title.isEmpty() ? tr("Invalid request") : title, e.message, e.issues);
    return problemReply(status, e.code, title.isEmpty() ? tr("Request refused") : title, e.message,
                        e.issues);
}

} // namespace Relais::Server::http
