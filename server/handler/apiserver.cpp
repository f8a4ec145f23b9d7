#include "apiserver.h"

#include "messages.h"
#include "notifier.h"
#include "passwords.h"
#include "protocol.h"
#include "requestlimits.h"

#include <QCoreApplication>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcHttp, "relais.server.http")

#include "handler_p.h"

namespace Relais::Server {

using namespace Protocol;
using namespace http;

Reply problemReply(int status, const QString &code, const QString &title, const QString &detail,
                   const Issues &issues)
{
    Reply r;
    r.status = status;
    r.body = problem(status, code, title, detail, issues);
    return r;
}

void NoDelayTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcHttp) << "cannot take a connection:" << socket->errorString();
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    addPendingConnection(socket);
}

ApiServer::ApiServer(ServerStore &store, Notifier &notifier, ServerConfig config, QObject *parent)
    : QAbstractHttpServer(parent), m_store(store), m_notifier(notifier), m_config(config),
      m_checker(config.passwordThreads, config.maxPendingLogins)
{
    m_login.maxPerUserAddress = config.loginMaxFailures;
    m_login.maxPerAddress = config.loginMaxFailuresPerAddress;
    m_login.lockoutSeconds = config.loginLockoutSeconds;
    m_login.maxNameDelaySeconds = config.loginMaxNameDelaySeconds;
    m_login.maxSessionsPerUser = config.maxSessionsPerUser;
    m_channel = std::make_unique<NotifyChannel>(
        store, config.channel,
        [](const QString &user, const QString &route, int status, const QString &peer) {
            logRequest(user, route, status, 0, peer);
        },
        this);
    const auto add = [this](const char *method, const char *path,
                            Reply (ApiServer::*fn)(Context &)) {
        const QString p = QString::fromLatin1(path);
        // Fail closed: a route without an entry in the policy table is a programming error.
        Q_ASSERT(Policy::accessOf(method, p).has_value());
        if (!Policy::accessOf(method, p))
            qFatal("route %s %s has no access policy", method, path);
        m_routes[p].insert(method,
                           [fn](ApiServer *self, Context &ctx) { return (self->*fn)(ctx); });
    };
    add("GET", "health", &ApiServer::health);
    add("POST", "login", &ApiServer::login);
    add("POST", "logout", &ApiServer::logout);
    add("GET", "me", &ApiServer::me);
    add("POST", "sync/push", &ApiServer::push);
    add("GET", "sync/pull", &ApiServer::pull);
    add("GET", "sync/snapshot", &ApiServer::snapshot);
    add("GET", "sync/checksums", &ApiServer::checksums);
    add("POST", "numbers/lease", &ApiServer::lease);
    add("POST", "sync/desk-status", &ApiServer::deskStatus);
    add("GET", "admin/desks", &ApiServer::adminDesks);
    add("GET", "sync/notify", &ApiServer::notifyWithoutUpgrade);
    add("GET", "admin/users", &ApiServer::adminUsers);
    add("POST", "admin/users", &ApiServer::adminAddUser);
    add("POST", "admin/users/disable", &ApiServer::adminDisableUser);
    add("GET", "bulk/export", &ApiServer::bulkExport);
    add("POST", "bulk/import", &ApiServer::bulkImport);
    add("POST", "admin/backup", &ApiServer::adminBackup);
    add("GET", "admin/backups", &ApiServer::adminBackups);
    add("POST", "admin/restore", &ApiServer::adminRestore);
    add("POST", "admin/reseed", &ApiServer::adminReseed);

    connect(this, &QAbstractHttpServer::newWebSocketConnection, this, &ApiServer::acceptWebSocket);
    connect(&m_notifier, &Notifier::headChanged, this, &ApiServer::announce);
    connect(&m_prune, &QTimer::timeout, this, &ApiServer::prune);
    m_prune.start(qMax(1, config.pruneIntervalSeconds) * 1000);
    QTimer::singleShot(0, this, &ApiServer::prune);
}

void ApiServer::prune()
{
    // Expired sessions and throttle rows nobody needs: the tables stay the size of what is live.
    auto n = m_store.prune(QDateTime::currentDateTimeUtc(), m_login.lockoutSeconds,
                           m_login.knownAddressDays);
    if (!n)
        qCWarning(lcHttp) << "pruning failed:" << n.error().message;
    else if (*n > 0)
        qCInfo(lcHttp) << "pruned" << *n << "expired sessions and old login counts";
}

ApiServer::~ApiServer() = default;

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Qt HttpServer 6.4 offers a WebSocket upgrade to this handler first and performs it afterwards:
    // answering here would put an HTTP response in front of the 101. The channel is checked (path,
    // token) once the socket arrives in acceptWebSocket().
    if (request.value("Upgrade").compare("websocket", Qt::CaseInsensitive) == 0)
        return true;
    if (const auto pending = m_deferred.constFind(socket); pending != m_deferred.cend()) {
        if (pending.value() == socket) {
            // A request sent behind a login still being answered (pipelining): the answers would
            // come out of order. The connection is closed; the login's answer is dropped with it.
            socket->abort();
            return true;
        }
        m_deferred.erase(pending); // left by a socket that is gone
    }
    QElapsedTimer timer;
    timer.start();
    QString user = QStringLiteral("-");
    QString route;
    const Reply reply = dispatch(request, socket, user, route);
    if (reply.deferred)
        return true; // answered and logged by finishLogin()
    respond(request, socket, reply);
    // One line per request; never the body, a token or a password.
    logRequest(user, route, reply.status, double(timer.nsecsElapsed()) / 1e6,
               clientAddress(request));
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    respond(request, socket,
            problemReply(404, QStringLiteral("route.unknown"), tr("No such route")));
}

void ApiServer::respond(const QHttpServerRequest &request, QTcpSocket *socket, const Reply &reply)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    const QByteArray body = reply.empty ? QByteArray()
                            : !reply.raw.isEmpty()
                                ? reply.raw
                                : QJsonDocument(reply.body).toJson(QJsonDocument::Compact);
    responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
    if (!reply.empty)
        responder.writeHeader("Content-Type", reply.status >= 400 ? "application/problem+json"
                                                                  : "application/json");
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    responder.writeHeader("Cache-Control", "no-store");
    for (const auto &[k, v] : reply.headers)
        responder.writeHeader(k, v);
    responder.writeBody(body);
}

Result<std::optional<Session>> ApiServer::authenticate(const QHttpServerRequest &request,
                                                       QByteArray &tokenHash, Reply &refusal)
{
    const QByteArray header = request.value("Authorization");
    if (header.isEmpty()) {
        refusal = problemReply(401, QStringLiteral("auth.missing"), tr("Authentication required"),
                               tr("Send Authorization: Bearer TOKEN (from POST /api/v1/login)."));
        refusal.headers << std::pair{QByteArray("WWW-Authenticate"), QByteArray("Bearer")};
        return std::optional<Session>();
    }
    const QByteArray token = header.startsWith("Bearer ") ? header.mid(7).trimmed() : QByteArray();
    if (!Auth::looksLikeToken(token)) {
        refusal = problemReply(401, QStringLiteral("auth.malformed"), tr("Malformed credentials"),
                               tr("The Authorization header is not a Bearer token."));
        refusal.headers << std::pair{QByteArray("WWW-Authenticate"),
                                     QByteArray("Bearer error=\"invalid_token\"")};
        return std::optional<Session>();
    }
    tokenHash = Auth::tokenHash(token);
    auto s = m_store.session(tokenHash, QDateTime::currentDateTimeUtc());
    if (!s)
        return s.error();
    if (!s->has_value()) {
        refusal = problemReply(401, QStringLiteral("auth.invalid"), tr("Invalid or expired token"),
                               tr("Log in again."));
        refusal.headers << std::pair{QByteArray("WWW-Authenticate"),
                                     QByteArray("Bearer error=\"invalid_token\"")};
    }
    return *s;
}

Reply ApiServer::dispatch(const QHttpServerRequest &request, QTcpSocket *socket,
                          QString &userForLog, QString &routeForLog)
{
    const QByteArray method = methodName(request.method());
    const QString fullPath = request.url().path();
    routeForLog = QString::fromLatin1(method) + u' ' + fullPath;
    if (!fullPath.startsWith(kPrefix))
        return problemReply(404, QStringLiteral("route.unknown"), tr("No such route"));
    const QString path = fullPath.mid(kPrefix.size());
    const auto route = m_routes.constFind(path);
    if (route == m_routes.constEnd())
        return problemReply(404, QStringLiteral("route.unknown"), tr("No such route"));
    const auto handler = route->constFind(method);
    if (handler == route->constEnd()) {
        Reply r = problemReply(405, QStringLiteral("method.not_allowed"), tr("Method not allowed"));
        r.headers << std::pair{QByteArray("Allow"), route->keys().join(", ")};
        return r;
    }
    if (request.body().size() > m_config.maxBodyBytes)
        return problemReply(413, QStringLiteral("body.too_large"), tr("Request body too large"),
                            tr("At most %1 bytes.").arg(m_config.maxBodyBytes));

    // Nesting is limited before any parser sees the body.
    if (jsonDepth(request.body()) > MaxJsonDepth)
        return problemReply(400, QStringLiteral("json.too_deep"), tr("Malformed request"),
                            tr("The body nests objects and arrays more than %1 deep.")
                                .arg(MaxJsonDepth));

    Context ctx{request, std::nullopt, {}, socket, routeForLog};
    const Policy::Access access = *Policy::accessOf(method, path);
    if (access != Policy::Access::Public) {
        Reply refusal;
        auto session = authenticate(request, ctx.tokenHash, refusal);
        if (!session)
            return errorReply(session.error());
        if (!session->has_value())
            return refusal;
        ctx.session = **session;
        userForLog = ctx.session->user.name;
        if (!Policy::allows(ctx.session->user.role, access))
            return problemReply(403, QStringLiteral("role.insufficient"),
                                tr("Not allowed for your role"),
                                tr("This route needs the %1 role.")
                                    .arg(access == Policy::Access::Admin
                                             ? QStringLiteral("admin")
                                             : QStringLiteral("supervisor")));
    }
    return (*handler)(this, ctx);
}

// ---- routes ------------------------------------------------------------------------------------

Reply ApiServer::health(Context &)
{
    auto ep = m_store.epoch();
    if (!ep)
        return problemReply(503, QStringLiteral("server.unavailable"),
                            tr("The database is not available"));
    return ok({{QStringLiteral("status"), QStringLiteral("ok")},
               {QStringLiteral("api"), ApiVersion},
               {QStringLiteral("engine"), m_store.engine()},
               {QStringLiteral("epoch"), *ep}});
}

// ---- notification channel ----------------------------------------------------------------------

void ApiServer::acceptWebSocket()
{
    while (hasPendingWebSocketConnections())
        if (auto socket = nextPendingWebSocketConnection())
            m_channel->accept(socket.release());
}

void ApiServer::announce(const QString &publisherId, qint64 head)
{
    m_channel->announce(publisherId, head);
}

} // namespace Relais::Server
